/**
 * The extension's edge: loads and watches the config files, keeps the session, and connects it to
 * the status bar, the picker, the MFA box, the environment collection, the log and the commands.
 */
import { readFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as vscode from 'vscode';
import { LoadedConfig, formatDiagnostic, loadConfig } from '../config/loader';
import { platformOf } from '../config/locations';
import { ConfigWatcher } from '../config/watcher';
import { Deps } from '../credentials/build';
import { ProfileInfo } from '../credentials/describe';
import { realTimers } from '../credentials/holder';
import { nodeHttp, nodeReadFile, nodeRunProcess, nodeWriteTextPrivate } from '../credentials/nodeDeps';
import { SessionManager, SessionSnapshot } from '../credentials/session';
import { sdkSts, StsApi } from '../credentials/sts';
import { CredentialsError, isCredentialsError } from '../credentials/types';
import { CredentialsEndpoint, Registration } from '../credentials/endpointServer';
import { DebugInjector } from './debug';
import { FolderSessions } from './folderSessions';
import { PinnedTerminals } from './pinnedTerminals';
import { EndpointDelivery, EnvironmentInjector, environmentFor } from './environment';
import { Log } from './log';
import { MfaPrompt } from './mfa';
import { pickProfile } from './picker';
import { ExtensionSettings, SECTION, matchesAny, readSettings } from './settings';
import { SsoSignIn } from './ssoSignIn';
import { pickRegion, saveRegion } from './regionPicker';
import { isRegionName } from '../credentials/regions';
import { get } from '../config/profiles';
import { newSsoTokenState } from '../credentials/providers/ssoToken';
import { MfaSessions } from '../credentials/mfaSessions';
import { ssoSignInStates } from '../credentials/ssoStatus';
import { StatusBar } from './statusBar';
import { shellExports } from '../credentials/shellExports';

const RECENT_KEY = 'awsRoleSwitcher.recentProfiles';
const LAST_KEY = 'awsRoleSwitcher.lastProfile';

/** What other extensions (and the tests) can read: no secrets. */
export interface PublicState {
  readonly profile: string | undefined;
  readonly status: SessionSnapshot['status'];
  readonly arn: string | undefined;
  readonly accountId: string | undefined;
  readonly region: string | undefined;
  readonly expiration: string | undefined;
  readonly error: string | undefined;
  /** Folders of a multi-root workspace with a profile of their own. */
  readonly folders: Array<{ folder: string; profile: string; status: string }>;
}

export interface ExtensionApi {
  getState(): PublicState;
  readonly onDidChangeState: vscode.Event<PublicState>;
  /** The diagnostics of the config files, formatted `file:line: message`. */
  getDiagnostics(): string[];
}

export class Controller implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private config: LoadedConfig | undefined;
  private settings: ExtensionSettings = readSettings();
  private readonly log = new Log();
  private readonly status: StatusBar;
  private readonly env: EnvironmentInjector;
  private readonly sessions: SessionManager;
  private readonly mfa: MfaPrompt;
  private readonly ssoTokens = newSsoTokenState();
  /** The profile assumed in the background as the window opened (setting or restore), until another is chosen. */
  private backgroundProfile: string | undefined;
  private readonly mfaSessions = new MfaSessions();
  private readonly ssoSignIn = new SsoSignIn(this.log, () => this.settings.awsCliPath);
  private watcher: ConfigWatcher | undefined;
  private sts: StsApi | undefined;
  private readonly stateEmitter = new vscode.EventEmitter<PublicState>();
  private lastSnapshot: SessionSnapshot = { status: 'none', steps: [] };
  private reported = new Set<string>();
  private loading: Promise<void> | undefined;
  private endpoint: CredentialsEndpoint | undefined;
  private registration: Registration | undefined;
  private readonly folders: FolderSessions;
  private readonly pinned: PinnedTerminals;

  constructor(private readonly context: vscode.ExtensionContext) {
    this.status = new StatusBar({
      now: Date.now,
      expiryWindowMs: () => this.settings.expiryWindowSeconds * 1000,
      isProduction: (p) => this.isProduction(p),
    });
    this.env = new EnvironmentInjector(context.environmentVariableCollection);
    this.mfa = new MfaPrompt({
      // "Renew" on an MFA notification: finish the profile assumed in the background when the
      // window opened, if that is what asked; otherwise renew the active session.
      renew: () => {
        const wanted = this.backgroundProfile;
        if (wanted !== undefined && this.sessions.profile !== wanted) void this.activate(wanted, true);
        else void vscode.commands.executeCommand('awsRoleSwitcher.refresh');
      },
      expiresAt: () => this.lastSnapshot.expiration,
      now: Date.now,
    });
    this.sessions = this.newSession((s) => this.onSnapshot(s));
    this.folders = new FolderSessions({
      collection: context.environmentVariableCollection,
      newSession: (onChange) => this.newSession(onChange),
      mode: () => this.settings.profileVariable,
      register: (session) => this.registerEndpoint(session),
      log: (m) => this.log.info(m),
      needsLogin: (e, what, retry) => this.offerSignIn(e, what, retry),
      onChange: () => {
        this.status.setFolders(this.folders.list());
        this.stateEmitter.fire(this.publicState());
      },
    });
    this.pinned = new PinnedTerminals({
      storageDir: context.globalStorageUri.fsPath,
      newSession: () => this.newSession(() => undefined),
      register: (session) => this.registerEndpoint(session),
      mode: () => this.settings.profileVariable,
      log: (m) => this.log.info(m),
    });
    this.disposables.push(this.log, this.status, this.stateEmitter, this.folders, this.pinned);
  }

  readonly api: ExtensionApi = {
    getState: () => this.publicState(),
    onDidChangeState: this.stateEmitter.event,
    getDiagnostics: () => (this.config?.diagnostics ?? []).map(formatDiagnostic),
  };

  async start(): Promise<void> {
    this.registerCommands();
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration(SECTION)) return;
        const deliveryBefore = this.settings.delivery;
        this.settings = readSettings();
        void this.syncDelivery().then(() => {
          this.sessions.configChanged();
          if (this.settings.delivery !== deliveryBefore) this.folders.restart();
          else this.folders.sync();
        });
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.folders.sync()),
      vscode.debug.registerDebugConfigurationProvider(
        '*',
        new DebugInjector(
          () => environmentFor(this.lastSnapshot, this.settings.profileVariable, this.delivery()),
          (folder) => readSettings(folder).debugInjection,
        ),
      ),
    );
    await this.syncDelivery();
    await this.reload();
    this.log.info(`AWS Role Switcher ready: ${this.config?.profiles.size ?? 0} profiles from ${this.config?.locations.config.path ?? '?'} and ${this.config?.locations.credentials.path ?? '?'}`);
    this.folders.sync();
    const auto = this.settings.profile;
    if (auto !== '') {
      this.log.info(`auto-assuming ${auto} (setting awsRoleSwitcher.profile)`);
      this.backgroundProfile = auto;
      void this.activate(auto, false);
      return;
    }
    // The profile this workspace had when its window closed or reloaded comes back (in the
    // background: an MFA role waits for "Renew"). Production profiles are picked again by hand.
    const last = this.context.workspaceState.get<string>(LAST_KEY);
    if (last === undefined || this.config?.profiles.has(last) !== true) return;
    if (this.isProduction(last)) {
      this.log.info(`not restoring ${last}: it is a production profile; pick it again to use it`);
      return;
    }
    this.log.info(`restoring ${last} (active when this workspace was last open)`);
    this.backgroundProfile = last;
    void this.activate(last, false);
  }

  /** A session over the current config files and settings. */
  private newSession(onChange: (s: SessionSnapshot) => void): SessionManager {
    return new SessionManager({ config: () => this.config ?? emptyConfig(), deps: () => this.deps(), onChange });
  }

  /** Serves `session` on the credentials endpoint, in endpoint mode; undefined otherwise. */
  private registerEndpoint(session: SessionManager): Registration | undefined {
    return this.settings.delivery === 'endpoint' && this.endpoint !== undefined ? this.endpoint.register(() => session.retrieve()) : undefined;
  }

  private isProduction(profile: string): boolean {
    return matchesAny(profile, this.settings.productionProfiles);
  }

  private deps(): Deps {
    this.sts ??= sdkSts({ userAgent: 'aws-role-switcher' });
    return {
      env: process.env,
      now: Date.now,
      timers: realTimers,
      sts: this.sts,
      readFile: nodeReadFile,
      runProcess: nodeRunProcess,
      http: nodeHttp,
      tokenProvider: this.mfa.tokenProvider,
      userName: userName(),
      ssoCacheDir: this.ssoCacheDir(),
      writeTextPrivate: nodeWriteTextPrivate,
      ssoTokens: this.ssoTokens,
      mfaSessions: this.mfaSessions,
      settings: {
        durationSeconds: this.settings.durationSeconds,
        mfaSessionSeconds: this.settings.mfaSessionSeconds,
        roleSessionName: this.settings.roleSessionName,
        regionOverride: this.settings.region,
        expiryWindowMs: this.settings.expiryWindowSeconds * 1000,
      },
    };
  }

  /** Loads the files again; a broken file never throws here. */
  private reload(): Promise<void> {
    const run = async (): Promise<void> => {
      const cfg = await loadConfig({ env: process.env, platform: platformOf(process.platform), osHome: os.homedir(), readFile: nodeReadFile });
      const firstLoad = this.config === undefined;
      this.config = cfg;
      if (firstLoad || this.watcher === undefined) {
        this.watcher?.dispose();
        this.watcher = new ConfigWatcher([cfg.locations.config.path, cfg.locations.credentials.path], () => void this.onFilesChanged());
      }
      const now = new Set(cfg.diagnostics.map(formatDiagnostic));
      for (const d of now) if (!this.reported.has(d)) this.log.warn(d);
      this.reported = now;
      if (!firstLoad) {
        this.sessions.configChanged();
        this.folders.configChanged();
        this.pinned.configChanged();
      }
    };
    this.loading = run().catch((e: unknown) => this.log.error(`reading the AWS config files failed: ${String(e)}`));
    return this.loading;
  }

  private async onFilesChanged(): Promise<void> {
    await this.reload();
    this.log.info(`config files changed: ${this.config?.profiles.size ?? 0} profiles`);
  }

  private onSnapshot(s: SessionSnapshot): void {
    const prev = this.lastSnapshot;
    this.lastSnapshot = s;
    const c = s.credentials;
    this.log.setSecrets([c?.secretAccessKey, c?.sessionToken, c?.accessKeyId]);
    this.status.update(s);
    // Folder collections must stay after the global one (see FolderSessions).
    if (this.env.apply(s, this.settings.profileVariable, this.delivery())) this.folders.reapply();
    if (c !== undefined && c.accessKeyId !== prev.credentials?.accessKeyId) {
      this.log.info(`credentials for ${s.profile ?? '?'}: ${s.arn ?? 'identity unknown'}${s.expiration !== undefined ? `, expire ${s.expiration.toISOString()}` : ''} (access key ${c.accessKeyId})`);
    }
    if (s.error !== undefined && s.error !== prev.error && s.error.code !== 'Cancelled') {
      if (s.error.code === 'NeedsLogin') this.offerSignIn(s.error, `Could not renew ${s.profile ?? 'the credentials'}`, () => this.sessions.refresh({ interactive: true }));
      else this.log.warn(`refresh failed: ${s.error.describe()}`);
    }
    if (s.status !== prev.status) this.log.info(`session ${s.profile ?? ''}: ${prev.status} → ${s.status}`);
    this.stateEmitter.fire(this.publicState());
  }

  /** The endpoint registration processes use in endpoint mode; undefined in environment mode. */
  private delivery(): EndpointDelivery | undefined {
    return this.settings.delivery === 'endpoint' && this.registration !== undefined ? { url: this.registration.url, token: this.registration.token } : undefined;
  }

  /** Starts or stops the loopback credentials endpoint to match the delivery setting. */
  private async syncDelivery(): Promise<void> {
    if (this.settings.delivery === 'endpoint') {
      if (this.endpoint === undefined) {
        const ep = new CredentialsEndpoint(this.log);
        await ep.start();
        this.endpoint = ep;
        this.registration = ep.register(() => this.sessions.retrieve());
        this.log.info(`credentials endpoint listening on ${this.registration.url.replace(/\/credentials\/.*/, '')}`);
      }
    } else if (this.endpoint !== undefined) {
      this.registration?.dispose();
      this.registration = undefined;
      await this.endpoint.stop();
      this.endpoint = undefined;
      this.log.info('credentials endpoint stopped');
    }
  }

  private publicState(): PublicState {
    const s = this.lastSnapshot;
    return {
      profile: s.profile,
      status: s.status,
      arn: s.arn,
      accountId: s.accountId,
      region: s.region,
      expiration: s.expiration?.toISOString(),
      error: s.error?.describe(),
      folders: this.folders.list(),
    };
  }

  private recent(): string[] {
    return this.context.globalState.get<string[]>(RECENT_KEY, []);
  }

  private async remember(profile: string): Promise<void> {
    const list = [profile, ...this.recent().filter((p) => p !== profile)].slice(0, 5);
    await this.context.globalState.update(RECENT_KEY, list);
  }

  /** Assumes a profile. `interactive`: a person asked, so prompts are welcome. */
  async activate(profile: string, interactive: boolean): Promise<boolean> {
    await this.loading;
    const cfg = this.config;
    if (cfg === undefined) return false;
    if (!cfg.profiles.has(profile)) {
      const msg = `Profile "${profile}" is not in ${cfg.locations.config.path} or ${cfg.locations.credentials.path}.`;
      this.log.error(msg);
      void vscode.window.showErrorMessage(msg, 'Open Config File').then((c) => c && this.openConfig());
      return false;
    }
    if (interactive && this.isProduction(profile)) {
      const ok = await vscode.window.showWarningMessage(`"${profile}" is a production profile. Assume it?`, { modal: true, detail: 'Every terminal and task you start from now on will act in production.' }, 'Assume Production Role');
      if (ok !== 'Assume Production Role') return false;
    }
    return this.assume(profile, interactive);
  }

  /** Assumes a profile the person has chosen (and confirmed, if it is a production one). */
  private async assume(profile: string, interactive: boolean): Promise<boolean> {
    if (interactive) this.backgroundProfile = undefined;
    this.status.setAssuming(profile);
    this.log.info(`assuming ${profile}${interactive ? '' : ' (in the background)'}`);
    try {
      await this.sessions.activate(profile, { interactive });
      await this.remember(profile);
      await this.context.workspaceState.update(LAST_KEY, profile);
      return true;
    } catch (e) {
      this.reportError(e, `Could not assume ${profile}`, () => this.assume(profile, true));
      return false;
    } finally {
      this.status.setAssuming(undefined);
      this.status.update(this.sessions.snapshot());
    }
  }

  /** Shows an error; `retry` runs again what failed, after a sign-in the error asked for. */
  private reportError(e: unknown, what: string, retry?: () => Promise<unknown>): void {
    if (isCredentialsError(e, 'Cancelled')) {
      this.log.info(`${what}: cancelled`);
      return;
    }
    if (isCredentialsError(e, 'NeedsLogin')) {
      this.offerSignIn(e, what, retry);
      return;
    }
    if (isCredentialsError(e, 'NeedsUser')) {
      this.log.info(`${what}: ${e.describe()}`);
      return;
    }
    const text = e instanceof CredentialsError ? e.describe() : e instanceof Error ? e.message : String(e);
    this.log.error(`${what}: ${text}`);
    const buttons = e instanceof CredentialsError && e.code === 'Config' ? ['Open Config File', 'Show Log'] : ['Show Log'];
    void vscode.window.showErrorMessage(`${what}: ${text}`, ...buttons).then((choice) => {
      if (choice === 'Open Config File') void this.openConfig();
      if (choice === 'Show Log') this.log.show();
    });
  }

  /** IAM Identity Center needs a sign-in: offer `aws sso login`, then retry. */
  private offerSignIn(e: CredentialsError, what: string, retry?: () => Promise<unknown>): void {
    this.log.warn(`${what}: ${e.describe()}`);
    const profile = e.profile;
    if (profile === undefined) return;
    void vscode.window.showWarningMessage(`${what}: ${e.message} Sign in to IAM Identity Center (aws sso login --profile ${profile})?`, 'Sign In').then(async (choice) => {
      if (choice !== 'Sign In') return;
      if (await this.ssoSignIn.signIn(profile)) await retry?.();
    });
  }

  /** Where `aws sso login` caches tokens: `~/.aws/sso/cache` of the home the config came from. */
  private ssoCacheDir(): string {
    return `${this.config?.home ?? os.homedir()}/.aws/sso/cache`;
  }

  /** IAM Identity Center sign-in state of each SSO profile, as words for the picker. */
  private readonly pickerNotes = async (infos: readonly ProfileInfo[]): Promise<Map<string, string>> => {
    const states = await ssoSignInStates(infos, this.ssoCacheDir(), (p) => readFile(p, 'utf8'), Date.now);
    const words = new Map<string, string>();
    for (const [name, st] of states) {
      words.set(name, st.state === 'signedIn' ? `signed in until ${st.until.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}` : st.state === 'renewable' ? 'signed in (renews)' : 'not signed in');
    }
    return words;
  };

  private async pickAndActivate(title: string, include?: (info: ProfileInfo) => boolean): Promise<void> {
    await this.loading;
    const cfg = this.config;
    if (cfg === undefined) return;
    const choice = await pickProfile(cfg, {
      active: this.sessions.profile,
      recent: this.recent(),
      isProduction: (p) => this.isProduction(p),
      notes: this.pickerNotes,
      title,
      ...(include !== undefined ? { include } : {}),
    });
    if (choice === undefined) return;
    if (choice.kind === 'signOut') return this.signOut();
    if (choice.kind === 'openConfig') return this.openConfig();
    const info = choice.info;
    if (info.kind === 'invalid' || info.diagnostics.length > 0) {
      const problem = info.error?.describe() ?? info.diagnostics.map(formatDiagnostic).join('\n');
      const options = info.kind === 'invalid' ? ['Open Config File'] : ['Assume Anyway', 'Open Config File'];
      const c = await vscode.window.showWarningMessage(`Profile "${info.name}" has a problem: ${problem}`, ...options);
      if (c === 'Open Config File') return this.openConfig(info.diagnostics[0]?.file, info.diagnostics[0]?.line);
      if (c !== 'Assume Anyway') return;
    }
    await this.activate(info.name, true);
  }

  /** Options of a terminal pinned to a profile (picked when not given); undefined when cancelled. */
  private async pinnedTerminalOptions(profile: string | undefined): Promise<vscode.TerminalOptions | undefined> {
    await this.loading;
    const cfg = this.config;
    if (cfg === undefined) return undefined;
    let name = profile;
    if (name === undefined) {
      const choice = await pickProfile(cfg, {
        active: undefined,
        recent: this.recent(),
        isProduction: (p) => this.isProduction(p),
        notes: this.pickerNotes,
        title: 'AWS: Open Terminal for Profile',
        include: (i) => i.kind !== 'invalid',
      });
      if (choice?.kind !== 'profile') return undefined;
      name = choice.info.name;
    }
    if (this.isProduction(name)) {
      const ok = await vscode.window.showWarningMessage(`"${name}" is a production profile. Open a terminal acting in production?`, { modal: true }, 'Open Production Terminal');
      if (ok !== 'Open Production Terminal') return undefined;
    }
    try {
      return await this.pinned.optionsFor(name);
    } catch (e) {
      this.reportError(e, `Could not open a terminal for ${name}`, async () => vscode.commands.executeCommand('awsRoleSwitcher.openTerminal', name));
      return undefined;
    }
  }

  private signOut(): void {
    const p = this.sessions.profile;
    this.sessions.signOut();
    this.mfaSessions.clear(); // forget the MFA session too: the next role asks for a code
    void this.context.workspaceState.update(LAST_KEY, undefined); // and do not bring the profile back on reload
    this.backgroundProfile = undefined;
    this.env.clear();
    this.folders.reapply();
    if (p !== undefined) this.log.info(`signed out of ${p}`);
  }

  async openConfig(displayFile?: string, line?: number): Promise<void> {
    await this.loading;
    const cfg = this.config;
    if (cfg === undefined) return;
    const path = (displayFile !== undefined ? cfg.files.get(displayFile) : undefined) ?? cfg.locations.config.path;
    const uri = vscode.Uri.file(path);
    try {
      await vscode.workspace.fs.stat(uri);
    } catch {
      const create = await vscode.window.showInformationMessage(`${path} does not exist yet. Create it?`, 'Create');
      if (create !== 'Create') return;
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('[default]\nregion = us-east-1\n'));
    }
    const doc = await vscode.workspace.openTextDocument(uri);
    const pos = new vscode.Position(Math.max(0, (line ?? 1) - 1), 0);
    await vscode.window.showTextDocument(doc, { selection: new vscode.Range(pos, pos) });
  }

  private registerCommands(): void {
    const reg = (id: string, f: (...args: unknown[]) => unknown): void => {
      this.disposables.push(
        vscode.commands.registerCommand(id, async (...args: unknown[]) => {
          try {
            return await f(...args);
          } catch (e) {
            this.reportError(e, id.replace('awsRoleSwitcher.', ''));
            return undefined;
          }
        }),
      );
    };
    reg('awsRoleSwitcher.switchProfile', (profile) => (typeof profile === 'string' ? this.activate(profile, true) : this.pickAndActivate('AWS: Switch Profile')));
    reg('awsRoleSwitcher.assumeRole', (profile) =>
      typeof profile === 'string'
        ? this.activate(profile, true)
        : this.pickAndActivate('AWS: Assume Role', (i) => i.kind === 'role' || i.kind === 'mfa-role' || i.kind === 'web-identity' || (i.kind === 'invalid' && this.config?.profiles.get(i.name)?.properties.has('role_arn') === true)),
    );
    reg('awsRoleSwitcher.refresh', async () => {
      if (this.sessions.profile === undefined) return this.pickAndActivate('AWS: Switch Profile');
      this.log.info(`refreshing ${this.sessions.profile}`);
      await this.sessions.refresh({ interactive: true });
      return undefined;
    });
    reg('awsRoleSwitcher.signOut', () => this.signOut());
    reg('awsRoleSwitcher.showCallerIdentity', async () => {
      const c = this.sessions.credentials();
      const chain = this.sessions.builtChain();
      if (c === undefined || chain === undefined) {
        void vscode.window.showInformationMessage('No AWS profile is active.', 'Switch Profile').then((x) => x && vscode.commands.executeCommand('awsRoleSwitcher.switchProfile'));
        return undefined;
      }
      this.sts ??= sdkSts({ userAgent: 'aws-role-switcher' });
      const id = await this.sts.getCallerIdentity(c, chain.target);
      this.log.info(`caller identity: ${id.arn} (account ${id.account})`);
      void vscode.window.showInformationMessage(`AWS caller identity: ${id.arn} (account ${id.account})`);
      return { arn: id.arn, account: id.account, userId: id.userId };
    });
    reg('awsRoleSwitcher.copyShellExports', async (shellArg) => {
      const c = this.sessions.credentials();
      if (c === undefined) {
        void vscode.window.showInformationMessage('No AWS profile is active.');
        return undefined;
      }
      const shell = typeof shellArg === 'string' ? shellArg : (await vscode.window.showQuickPick(['sh', 'fish', 'PowerShell'], { title: 'Copy credentials as exports for…' }));
      if (shell === undefined) return undefined;
      const vars = new Map<string, string>([['AWS_ACCESS_KEY_ID', c.accessKeyId], ['AWS_SECRET_ACCESS_KEY', c.secretAccessKey]]);
      if (c.sessionToken !== undefined) vars.set('AWS_SESSION_TOKEN', c.sessionToken);
      if (c.expiration !== undefined) vars.set('AWS_CREDENTIAL_EXPIRATION', c.expiration.toISOString());
      if (this.lastSnapshot.region !== undefined) vars.set('AWS_REGION', this.lastSnapshot.region);
      await vscode.env.clipboard.writeText(shellExports(vars, shell));
      this.log.info(`copied ${shell} exports for ${this.sessions.profile ?? ''} to the clipboard`);
      void vscode.window.showInformationMessage(`Copied ${shell} exports for ${this.sessions.profile ?? ''}${c.expiration !== undefined ? ` (valid until ${c.expiration.toLocaleTimeString()})` : ''}.`);
      return undefined;
    });
    reg('awsRoleSwitcher.openConfigFile', (file, line) => this.openConfig(typeof file === 'string' ? file : undefined, typeof line === 'number' ? line : undefined));
    reg('awsRoleSwitcher.showLog', () => this.log.show());
    reg('awsRoleSwitcher.switchRegion', async (region) => {
      let chosen: string | undefined | null;
      if (typeof region === 'string') {
        if (region !== '' && !isRegionName(region)) throw new CredentialsError(`"${region}" is not an AWS Region name.`, { code: 'Config', hint: 'Use a name such as eu-west-1, or "" for the profile\'s own region.' });
        chosen = region === '' ? undefined : region;
      } else {
        const profileRegion = get(this.config?.profiles.get(this.sessions.profile ?? ''), 'region');
        chosen = await pickRegion({ region: this.lastSnapshot.region, override: this.settings.region, ...(profileRegion !== undefined ? { profileRegion } : {}) });
        if (chosen === null) return undefined;
      }
      const target = await saveRegion(chosen);
      this.log.info(`region: ${chosen ?? "the profile's own"} (${target === vscode.ConfigurationTarget.Workspace ? 'workspace' : 'user'} setting awsRoleSwitcher.region)`);
      return chosen;
    });
    reg('awsRoleSwitcher.ssoSignIn', async (profile) => {
      let name = typeof profile === 'string' ? profile : undefined;
      if (name === undefined) {
        await this.loading;
        const cfg = this.config;
        if (cfg === undefined) return undefined;
        const choice = await pickProfile(cfg, { active: this.sessions.profile, recent: this.recent(), isProduction: (p) => this.isProduction(p), notes: this.pickerNotes, title: 'AWS: Sign In to IAM Identity Center', include: (i) => i.kind === 'sso' });
        if (choice?.kind !== 'profile') return undefined;
        name = choice.info.name;
      }
      const ok = await this.ssoSignIn.signIn(name);
      // The active session may have been waiting for exactly this sign-in.
      if (ok && this.lastSnapshot.error?.code === 'NeedsLogin') await this.sessions.refresh({ interactive: true });
      return ok;
    });
    reg('awsRoleSwitcher.openTerminal', async (profile) => {
      const options = await this.pinnedTerminalOptions(typeof profile === 'string' ? profile : undefined);
      if (options === undefined) return undefined;
      const terminal = vscode.window.createTerminal(options);
      terminal.show();
      return terminal.name;
    });
    this.disposables.push(
      vscode.window.registerTerminalProfileProvider('awsRoleSwitcher.terminal', {
        provideTerminalProfile: async () => {
          const options = await this.pinnedTerminalOptions(undefined);
          return options === undefined ? undefined : new vscode.TerminalProfile(options);
        },
      }),
    );
  }

  dispose(): void {
    this.watcher?.dispose();
    void this.endpoint?.stop();
    this.sessions.dispose();
    this.env.clear();
    for (const d of this.disposables) d.dispose();
  }
}

function emptyConfig(): LoadedConfig {
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

let cachedUserName: { value: string | undefined } | undefined;

/** The OS user name (for default session names), read once. */
function userName(): string | undefined {
  if (cachedUserName === undefined) {
    let value: string | undefined;
    try {
      value = os.userInfo().username;
    } catch {
      value = process.env['USER'] ?? process.env['USERNAME'];
    }
    cachedUserName = { value };
  }
  return cachedUserName.value;
}
