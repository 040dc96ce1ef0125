/**
 * The AWS config files as the edge sees them: loaded after activation, watched, their problems
 * logged once each, and opened at a line on request. A broken file never throws here.
 */
import * as os from 'node:os';
import * as vscode from 'vscode';
import { LoadedConfig, formatDiagnostic, loadConfig } from '../config/loader';
import { platformOf, ssoCacheDir } from '../config/locations';
import { ConfigWatcher } from '../config/watcher';
import { nodeReadFile } from '../credentials/nodeDeps';
import { Log } from './log';

export class ConfigFiles implements vscode.Disposable {
  private config: LoadedConfig | undefined;
  private watcher: ConfigWatcher | undefined;
  private reported = new Set<string>();
  private loading: Promise<void> | undefined;

  /** `onReload`: the files changed and were read again (not called for the first load). */
  constructor(
    private readonly log: Log,
    private readonly onReload: () => void,
  ) {}

  /** The files as last read; undefined before the first load finished. */
  get current(): LoadedConfig | undefined {
    return this.config;
  }

  /** The last load (or the first one, if none finished yet). */
  ready(): Promise<void> {
    return this.loading ?? this.load();
  }

  /** The config once loaded; undefined only when the files could not be read at all. */
  async loaded(): Promise<LoadedConfig | undefined> {
    await this.ready();
    return this.config;
  }

  /** Reads the files (again). */
  load(): Promise<void> {
    const run = async (): Promise<void> => {
      const cfg = await loadConfig({ env: process.env, platform: platformOf(process.platform), osHome: os.homedir(), readFile: nodeReadFile });
      const first = this.config === undefined;
      this.config = cfg;
      if (first || this.watcher === undefined) {
        this.watcher?.dispose();
        this.watcher = new ConfigWatcher([cfg.locations.config.path, cfg.locations.credentials.path], () => void this.onFilesChanged());
      }
      const now = new Set(cfg.diagnostics.map(formatDiagnostic));
      for (const d of now) if (!this.reported.has(d)) this.log.warn(d);
      this.reported = now;
      if (!first) this.onReload();
    };
    this.loading = run().catch((e: unknown) => this.log.error(`reading the AWS config files failed: ${String(e)}`));
    return this.loading;
  }

  diagnostics(): string[] {
    return (this.config?.diagnostics ?? []).map(formatDiagnostic);
  }

  /** Where `aws sso login` caches tokens: `~/.aws/sso/cache` of the home the config came from. */
  ssoCacheDir(): string {
    return ssoCacheDir(this.config?.home ?? os.homedir(), platformOf(process.platform));
  }

  private async onFilesChanged(): Promise<void> {
    await this.load();
    this.log.info(`config files changed: ${this.config?.profiles.size ?? 0} profiles`);
  }

  /** Opens a config file (the config file by default) at a line; offers to create it when missing. */
  async open(displayFile?: string, line?: number): Promise<void> {
    const cfg = await this.loaded();
    if (cfg === undefined) return;
    const path = (displayFile !== undefined ? cfg.files.get(displayFile) : undefined) ?? cfg.locations.config.path;
    const uri = vscode.Uri.file(path);
    try {
      await vscode.workspace.fs.stat(uri);
    } catch {
      const create = vscode.l10n.t('Create');
      const choice = await vscode.window.showInformationMessage(vscode.l10n.t('{0} does not exist yet. Create it?', path), create);
      if (choice !== create) return;
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('[default]\nregion = us-east-1\n'));
    }
    const doc = await vscode.workspace.openTextDocument(uri);
    const pos = new vscode.Position(Math.max(0, (line ?? 1) - 1), 0);
    await vscode.window.showTextDocument(doc, { selection: new vscode.Range(pos, pos) });
  }

  dispose(): void {
    this.watcher?.dispose();
  }
}

/** What sessions see before the first load finished. */
export function emptyConfig(): LoadedConfig {
  return {
    profiles: new Map(),
    ssoSessions: new Map(),
    otherSections: new Map(),
    diagnostics: [],
    locations: { config: { path: '' }, credentials: { path: '' } },
    home: undefined,
    files: new Map(),
  };
}
