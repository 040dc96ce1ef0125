/**
 * The AWS config files as the edge sees them: loaded after activation, watched, their problems
 * logged once each, and opened at a line on request. A broken file never throws here.
 */
import * as os from 'node:os';
import * as vscode from 'vscode';
import { LoadedConfig, formatDiagnostic, loadConfig } from '../../config/loader';
import { fileLocations, platformOf, loginCacheDir, ssoCacheDir } from '../../config/locations';
import { ConfigWatcher } from '../../config/watcher';
import { WatchedConfig } from '../../config/watchedConfig';
import { nodeReadFile } from '../../credentials/nodeDeps';
import { writeFileThroughLinks } from '../../credentials/nodeFileWrite';
import { Log } from '../log';

export class ConfigFiles implements vscode.Disposable {
  private reported = new Set<string>();
  private readonly files: WatchedConfig;

  /** `onReload`: the files changed and were read again (not called for the first load). */
  constructor(
    private readonly log: Log,
    private readonly onReload: () => void,
  ) {
    const env = process.env;
    const platform = platformOf(process.platform);
    // One home for both, so the paths watched are the paths read.
    const osHome = os.homedir();
    this.files = new WatchedConfig({
      locations: fileLocations(env, platform, osHome),
      read: () => loadConfig({ env, platform, osHome, readFile: nodeReadFile }),
      watch: (paths, onChange) => new ConfigWatcher(paths, onChange),
      onRead: (cfg, first) => {
        const now = new Set(cfg.diagnostics.map(formatDiagnostic));
        for (const d of now) if (!this.reported.has(d)) this.log.warn(d);
        this.reported = now;
        if (first) return;
        this.log.info(`config files changed: ${cfg.profiles.size} profiles`);
        this.onReload();
      },
      onError: (e) => this.log.error(`reading the AWS config files failed: ${String(e)}`),
    });
  }

  /** The files as last read; undefined before the first load finished. */
  get current(): LoadedConfig | undefined {
    return this.files.current;
  }

  /** The last load (or the first one, if none finished yet). */
  ready(): Promise<void> {
    return this.files.ready();
  }

  /** The config once loaded; undefined only when the files could not be read at all. */
  async loaded(): Promise<LoadedConfig | undefined> {
    await this.ready();
    return this.current;
  }

  /** Reads the files (again). */
  load(): Promise<void> {
    return this.files.load();
  }

  diagnostics(): string[] {
    return (this.current?.diagnostics ?? []).map(formatDiagnostic);
  }

  /** Where `aws sso login` caches tokens: `~/.aws/sso/cache` of the home the config came from. */
  ssoCacheDir(): string {
    return ssoCacheDir(this.current?.home ?? os.homedir(), platformOf(process.platform));
  }

  loginCacheDir(): string {
    return loginCacheDir(process.env, this.current?.home ?? os.homedir(), platformOf(process.platform));
  }

  /** Opens the file at a profile's section; at the top of the config file when the profile is in neither file. */
  openProfile(profile: string | undefined): Promise<void> {
    const origin = profile !== undefined ? this.current?.profiles.get(profile)?.origin : undefined;
    return this.open(origin?.file, origin?.line);
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
      // As the AWS CLI creates it: owner-only, in an owner-only folder.
      await writeFileThroughLinks(path, '[default]\nregion = us-east-1\n', { newFileMode: 0o600, expect: '' });
    }
    const doc = await vscode.workspace.openTextDocument(uri);
    // An editor can still hold the file as it was before a change on disk (the line the message
    // names is past its end, and the cursor would land on its last line): wait for it to catch up.
    if (line !== undefined && line > doc.lineCount && !doc.isDirty) await caughtUp(doc, OPEN_CATCH_UP_MS);
    const pos = new vscode.Position(Math.max(0, (line ?? 1) - 1), 0);
    await vscode.window.showTextDocument(doc, { selection: new vscode.Range(pos, pos) });
  }

  dispose(): void {
    this.files.dispose();
  }
}

/** How long an open editor may take to pick up the file's change on disk. */
const OPEN_CATCH_UP_MS = 3000;

/** Resolves when `doc` changes (VS Code read the file again), or after `ms`. */
function caughtUp(doc: vscode.TextDocument, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      sub.dispose();
      resolve();
    };
    const sub = vscode.workspace.onDidChangeTextDocument((e) => e.document === doc && done());
    const timer = setTimeout(done, ms);
  });
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
