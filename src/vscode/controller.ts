/**
 * The composition root of the edge: builds the parts, connects the window session's snapshots to
 * the status bar, the processes and the log, reacts to settings, and registers commands and
 * providers. Everything it wires lives in a file of its own.
 */
import * as vscode from 'vscode';
import { isProductionProfile } from '../credentials/production';
import { SessionManager } from '../credentials/session';
import { PRELOAD_AFTER_PICKER_MS, preloadSdk } from '../credentials/sts';
import { ExtensionApi, extensionApi } from './otherExtensions/api';
import { registerCommands, Edge } from './commands/command';
import { COMMANDS } from './commands';
import { CredentialsAuthProvider, askConsumerConsent } from './otherExtensions/authProvider';
import { ChangeFollower } from './session/changeFollower';
import { ConfigFiles } from './editor/configFiles';
import { Engine } from './session/engine';
import { ErrorReporter } from './errorReporter';
import { FolderSessions } from './session/folderSessions';
import { Log } from './log';
import { MfaPrompt } from './session/mfa';
import { OutsideProfile } from './processes/outsideProfile';
import { TerminalRevival } from './processes/terminalRevival';
import { PinnedTerminals } from './processes/pinnedTerminals';
import { ProcessDelivery } from './processes/processDelivery';
import { ProfilePicker } from './picker/profilePicker';
import { ProfilesHome } from './view/profilesHome';
import { registerProviders } from './processes/providers';
import { ExtensionSettings, SECTION, readSettings } from './settings';
import { signInNotes } from './picker/signInNotes';
import { SnapshotFanout } from './session/snapshotFanout';
import { SsoImport } from './signIn/ssoImport';
import { LoginSignInFlow } from './signIn/loginSignIn';
import { SsoSignIn } from './signIn/ssoSignIn';
import { McpServers } from './processes/mcpServers';
import { StaleTerminals } from './processes/staleTerminals';
import { StatusBar } from './session/statusBar';
import { Switcher } from './session/switcher';
import { WalkthroughProgress } from './view/walkthroughProgress';

export class Controller implements vscode.Disposable {
  private settings: ExtensionSettings = readSettings();
  private readonly isProduction = (profile: string): boolean => isProductionProfile(this.files.current, this.settings.productionProfiles, profile);
  private readonly disposables: vscode.Disposable[] = [];
  private readonly log = new Log();
  private readonly files = new ConfigFiles(this.log, () => this.follower.filesReloaded());
  private readonly mfa = new MfaPrompt({ renew: () => this.switcher.renew(), expiresAt: () => this.fanout.snapshot.expiration, now: Date.now });
  private readonly engine = new Engine({ files: this.files, settings: () => this.settings, tokenProvider: this.mfa.tokenProvider });
  private readonly session: SessionManager = this.engine.newSession((s) => this.fanout.update(s));
  private readonly outside: OutsideProfile;
  private readonly delivery: ProcessDelivery;
  private readonly fanout: SnapshotFanout;
  private readonly status = new StatusBar({
    now: Date.now,
    expiryWindowMs: () => this.settings.expiryWindowSeconds * 1000,
    isProduction: this.isProduction,
    regionOverride: () => this.settings.region,
  });
  private readonly signIn = new SsoSignIn(this.log, () => this.settings.awsCliPath);
  private readonly loginSignIn = new LoginSignInFlow(this.log, this.files);
  private readonly errors = new ErrorReporter({
    log: this.log,
    signIn: this.signIn,
    loginSignIn: this.loginSignIn,
    openConfig: (profile) => this.files.openProfile(profile),
  });
  private readonly ssoImport = new SsoImport({ files: this.files, engine: this.engine, signIn: this.signIn, log: this.log });
  private readonly folders: FolderSessions;
  private readonly pinned: PinnedTerminals;
  private readonly picker = new ProfilePicker({
    productionPatterns: () => this.settings.productionProfiles,
    notes: (signIns, logins) => signInNotes(signIns, this.files.ssoCacheDir(), logins, this.files.loginCacheDir()),
    onShown: () => preloadSdk(PRELOAD_AFTER_PICKER_MS),
  });
  private readonly switcher: Switcher;
  private readonly follower: ChangeFollower;
  /** The config files as a language and the Profiles view; made in `start`, after the parts they read. */
  private home: ProfilesHome | undefined;
  private readonly staleTerminals = new StaleTerminals({ profile: () => this.fanout.snapshot.profile });
  /** Credentials for other extensions, with the person's consent. */
  private readonly auth: CredentialsAuthProvider;
  private readonly mcp: McpServers;
  private disposed = false;

  constructor(private readonly context: vscode.ExtensionContext) {
    const register = (session: SessionManager) => this.delivery.register(session);
    this.outside = new OutsideProfile({ settings: () => this.settings, log: this.log, env: process.env, memento: context.globalState });
    this.delivery = new ProcessDelivery(context.environmentVariableCollection, {
      settings: () => this.settings,
      log: this.log,
      windowSession: () => this.session,
      config: () => this.files.current,
      outside: this.outside,
      mintSession: (longTerm, session) => this.engine.mintSession(longTerm, session),
      revival: new TerminalRevival({ log: this.log, memento: context.globalState }),
    });
    this.fanout = new SnapshotFanout({
      log: this.log,
      status: this.status,
      delivery: this.delivery,
      folders: () => this.folders,
      errors: this.errors,
      session: () => this.session,
      auth: () => this.auth,
      profileChanged: (profile, before) => {
        // The shell start-up files may have changed since the last look.
        if (profile !== undefined) this.follower.probeShell();
        // A profile again after a Sign Out: the folders' own sessions start again.
        if (profile !== undefined) this.folders.resume();
        this.home?.profileChanged();
        void this.staleTerminals.windowChanged(before, profile);
        this.mcp.windowChanged();
      },
    });
    this.folders = new FolderSessions({
      collection: context.environmentVariableCollection,
      newSession: (onChange) => this.engine.newSession(onChange),
      mode: () => this.delivery.mode(),
      register,
      log: (m) => this.log.info(m),
      needsLogin: (e, what, retry) => this.errors.offerSignIn(e, what, retry),
      isProduction: this.isProduction,
      confirmProduction: (p) => this.switcher.confirmProduction(p),
      offerProduction: (p, why, assume) => this.switcher.offerProduction(p, why, assume),
      onChange: () => {
        this.status.setFolders(this.folders.list());
        this.fanout.stateChanged();
      },
    });
    this.pinned = new PinnedTerminals({
      storageDir: context.globalStorageUri.fsPath,
      newSession: () => this.engine.newSession(() => undefined),
      register,
      mode: () => this.delivery.mode(),
      log: (m) => this.log.info(m),
    });
    this.switcher = new Switcher({
      context,
      files: this.files,
      session: this.session,
      status: this.status,
      log: this.log,
      errors: this.errors,
      picker: this.picker,
      isProduction: this.isProduction,
      // The sign-out's own snapshot empties the environment collection (onSnapshot). Every other
      // session the window holds ends too: other extensions' named ones, the folders', pinned
      // terminals', the MFA session and those shared with the AWS CLI (which then asks for a code again).
      onSignedOut: () => {
        this.auth.endNamedSessions();
        this.folders.signOut();
        this.pinned.signOut();
        this.mcp.signOut();
        this.engine.mfaSessions.clear();
        void this.engine.forgetSharedSessions();
      },
    });
    this.auth = new CredentialsAuthProvider({
      session: this.session,
      newSession: () => this.engine.newSession(() => undefined),
      pickAndSwitch: () => this.switcher.pickAndActivate(vscode.l10n.t('AWS: Switch Profile')),
      isProduction: this.isProduction,
      confirmConsumer: (p) => askConsumerConsent(p, this.session.profile),
      signOut: () => this.switcher.signOut(),
      log: this.log,
    });
    this.mcp = new McpServers({
      log: this.log,
      extensionId: context.extension.id,
      windowProfile: () => this.fanout.snapshot.profile,
      windowVariables: () => this.delivery.mcpVariables(this.fanout.snapshot),
      newSession: () => this.engine.newSession(() => undefined),
      register: (session) => this.delivery.register(session, true),
      confirmProduction: (p) => this.switcher.confirmProduction(p, 'mcp'),
      memento: context.globalState,
      // globalStorage is <User>/globalStorage/<extension>: VS Code's own mcp.json is in <User>.
      userDir: vscode.Uri.joinPath(context.globalStorageUri, '..', '..'),
    });
    this.follower = new ChangeFollower({
      files: this.files,
      delivery: this.delivery,
      session: this.session,
      folders: this.folders,
      pinned: this.pinned,
      picker: this.picker,
      outside: this.outside,
      switcher: this.switcher,
      log: this.log,
      fanout: () => this.fanout,
      home: () => this.home,
      settingsProfile: () => this.settings.profile,
      reloadSettings: () => (this.settings = readSettings()),
      disposed: () => this.disposed,
    });
    this.disposables.push(
      this.mcp,
      this.staleTerminals,
      this.log,
      this.status,
      this.fanout,
      this.ssoImport,
      this.folders,
      this.pinned,
      this.files,
      this.delivery,
    );
  }

  readonly api: ExtensionApi = extensionApi({ fanout: () => this.fanout, files: this.files });

  /** Wiring only; the files are read after activation returns (see `ChangeFollower.start`). */
  start(): void {
    const edge: Edge = {
      files: this.files,
      switcher: this.switcher,
      session: this.session,
      engine: this.engine,
      log: this.log,
      errors: this.errors,
      picker: this.picker,
      pinned: this.pinned,
      signIn: this.signIn,
      loginSignIn: this.loginSignIn,
      settings: () => this.settings,
      snapshot: () => this.fanout.snapshot,
      ssoImport: () => this.ssoImport,
      view: () => {
        if (this.home === undefined) throw new Error('the Profiles view is not ready yet');
        return this.home.view;
      },
    };
    this.disposables.push(
      ...registerCommands(edge, COMMANDS),
      ...registerProviders(edge, this.auth, () => this.delivery.variables(this.fanout.snapshot)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(SECTION) || e.affectsConfiguration('terminal.integrated.env')) this.follower.settingsChanged();
        if (e.affectsConfiguration(`${SECTION}.mcpServers`)) this.mcp.settingsChanged();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.folders.sync()),
      new WalkthroughProgress({
        done: () => ({
          profiles: (this.files.current?.profiles.size ?? 0) > 0,
          switch: this.fanout.snapshot.profile !== undefined,
          terminal: this.pinned.list().length > 0,
          endpoint: this.settings.delivery === 'endpoint',
          production: this.settings.productionProfiles.length > 0,
        }),
      }),
    );
    this.home = new ProfilesHome({
      files: this.files,
      config: () => this.files.current,
      describeAll: (set) => this.picker.describeAll(set),
      snapshot: () => this.fanout.snapshot,
      isProduction: this.isProduction,
      folders: () => this.folders.list(),
      pinned: () => this.pinned.list(),
      now: Date.now,
      changes: [this.fanout.onDidChangeState, this.pinned.onDidChange],
    });
    this.disposables.push(this.home);
    void this.follower.start().then(() => (this.disposed ? undefined : this.mcp.tellUncovered()));
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.session.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
