/**
 * Switching the window's profile: by hand (picker or command, with the production confirmation),
 * in the background as the window opens (the `awsRoleSwitcher.profile` setting, or the profile the
 * workspace had when it closed), and signing out. Remembers recent profiles.
 */
import * as vscode from 'vscode';
import { formatDiagnostic } from '../../config/loader';
import { ProfileInfo } from '../../credentials/profileInfo';
import { SessionManager } from '../../credentials/session';
import { ConfigFiles } from '../editor/configFiles';
import { ErrorReporter } from '../errorReporter';
import { Log } from '../log';
import { ProfilePicker } from '../picker/profilePicker';
import { SECTION } from '../settings';
import { StatusBar } from './statusBar';
import { errorWithPlace } from '../words';
import { runCommand } from '../commands/run';

const RECENT_KEY = 'awsRoleSwitcher.recentProfiles';
const LAST_KEY = 'awsRoleSwitcher.lastProfile';

export interface SwitcherOptions {
  readonly context: vscode.ExtensionContext;
  readonly files: ConfigFiles;
  readonly session: SessionManager;
  readonly status: StatusBar;
  readonly log: Log;
  readonly errors: ErrorReporter;
  readonly picker: ProfilePicker;
  readonly isProduction: (profile: string) => boolean;
  /** After a sign-out: forget what belongs to the session (MFA sessions, delivered variables). */
  readonly onSignedOut: () => void;
}

export class Switcher {
  /** The profile assumed in the background as the window opened (setting or restore), until another is chosen. */
  private backgroundProfile: string | undefined;

  constructor(private readonly o: SwitcherOptions) {}

  recent(): string[] {
    return this.o.context.globalState.get<string[]>(RECENT_KEY, []);
  }

  /**
   * As the window opens: the profile the setting names, else the one this workspace had when its
   * window closed or reloaded (in the background: an MFA role waits for "Renew"). Production
   * profiles are picked again by hand.
   */
  async restore(settingProfile: string): Promise<void> {
    const cfg = await this.o.files.loaded();
    if (settingProfile !== '') {
      if (this.o.isProduction(settingProfile)) {
        // A cloned repository's .vscode/settings.json must not make the window act in production.
        this.offerProduction(settingProfile, vscode.l10n.t('The settings of this workspace name the production profile "{0}".', settingProfile));
        return;
      }
      this.o.log.info(`auto-assuming ${settingProfile} (setting awsRoleSwitcher.profile)`);
      this.backgroundProfile = settingProfile;
      await this.activate(settingProfile, false);
      return;
    }
    const last = this.o.context.workspaceState.get<string>(LAST_KEY);
    if (last === undefined || cfg?.profiles.has(last) !== true) return;
    if (this.o.isProduction(last)) {
      this.o.log.info(`not restoring ${last}: it is a production profile; pick it again to use it`);
      return;
    }
    this.o.log.info(`restoring ${last} (active when this workspace was last open)`);
    this.backgroundProfile = last;
    await this.activate(last, false);
  }

  /** Production is never assumed by itself: the person is told, and assumes it (with the confirmation) on request. */
  offerProduction(profile: string, why: string, assume: () => Promise<unknown> = () => this.activate(profile, true)): void {
    this.o.log.info(`not assuming ${profile} by itself: it is a production profile`);
    const pick = vscode.l10n.t('Assume {0}…', profile);
    void vscode.window
      .showInformationMessage(`${why} ${vscode.l10n.t('Production profiles are assumed only when you ask.')}`, pick)
      .then((p) => (p === pick ? assume() : undefined));
  }

  /** "Renew" on an MFA notification: finish the profile assumed in the background, if that asked; else renew. */
  renew(): void {
    const wanted = this.backgroundProfile;
    if (wanted !== undefined && this.o.session.profile !== wanted) void this.activate(wanted, true);
    else void runCommand('awsRoleSwitcher.refresh');
  }

  /** Assumes a profile. `interactive`: a person asked, so prompts are welcome. */
  async activate(profile: string, interactive: boolean): Promise<boolean> {
    const cfg = await this.o.files.loaded();
    if (cfg === undefined) return false;
    if (!cfg.profiles.has(profile)) {
      const msg = vscode.l10n.t('Profile "{0}" is not in {1} or {2}.', profile, cfg.locations.config.path, cfg.locations.credentials.path);
      this.o.log.error(msg);
      const open = vscode.l10n.t('Open Config File');
      void vscode.window.showErrorMessage(msg, open).then((c) => (c === open ? this.o.files.open() : undefined));
      return false;
    }
    if (interactive && !(await this.confirmProduction(profile))) return false;
    return this.assume(profile, interactive);
  }

  /** Asks before acting in production; true for any other profile. */
  async confirmProduction(profile: string, what: 'window' | 'terminal' | 'console' | 'exports' | 'mcp' = 'window'): Promise<boolean> {
    if (!this.o.isProduction(profile)) return true;
    const ask: Record<typeof what, { question: string; act: string; detail?: string }> = {
      exports: {
        question: vscode.l10n.t('"{0}" is a production profile. Copy credentials that act in production?', profile),
        act: vscode.l10n.t('Copy Production Credentials'),
      },
      terminal: {
        question: vscode.l10n.t('"{0}" is a production profile. Open a terminal acting in production?', profile),
        act: vscode.l10n.t('Open Production Terminal'),
      },
      mcp: {
        question: vscode.l10n.t('"{0}" is a production profile. Start an MCP server (an AI agent\'s tools) acting in production?', profile),
        act: vscode.l10n.t('Start Production MCP Server'),
      },
      console: {
        question: vscode.l10n.t('"{0}" is a production profile. Open the AWS console acting in production?', profile),
        act: vscode.l10n.t('Open Production Console'),
      },
      window: {
        question: vscode.l10n.t('"{0}" is a production profile. Assume it?', profile),
        act: vscode.l10n.t('Assume Production Role'),
        detail: vscode.l10n.t('Every terminal and task you start from now on will act in production; those already open never will.'),
      },
    };
    const { question, act, detail } = ask[what];
    // The dialog's first button is its default (VS Code puts Cancel last): Enter alone shows the
    // profile instead of acting in production.
    const show: vscode.MessageItem = { title: vscode.l10n.t('Show Profile') };
    const confirm: vscode.MessageItem = { title: act };
    const answer = await vscode.window.showWarningMessage(question, { modal: true, ...(detail !== undefined ? { detail } : {}) }, show, confirm);
    if (answer === show) {
      // A profile of the settings only has no section: its setting is shown.
      if (this.o.files.current?.profiles.has(profile) === true) void this.o.files.openProfile(profile);
      else void vscode.commands.executeCommand('workbench.action.openSettings', `${SECTION}.profiles`);
    }
    return answer === confirm;
  }

  /** Assumes a profile the person has chosen (and confirmed, if it is a production one). */
  private async assume(profile: string, interactive: boolean): Promise<boolean> {
    const { session, status, log, context } = this.o;
    if (interactive) this.backgroundProfile = undefined;
    status.setAssuming(profile);
    log.info(`assuming ${profile}${interactive ? '' : ' (in the background)'}`);
    try {
      const started = performance.now();
      await session.activate(profile, { interactive });
      log.info(`assumed ${profile} in ${Math.round(performance.now() - started)} ms`);
      const list = [profile, ...this.recent().filter((p) => p !== profile)].slice(0, 5);
      await context.globalState.update(RECENT_KEY, list);
      await context.workspaceState.update(LAST_KEY, profile);
      return true;
    } catch (e) {
      this.o.errors.report(e, vscode.l10n.t('Could not assume "{0}"', profile), () => this.assume(profile, true), profile);
      return false;
    } finally {
      status.setAssuming(undefined);
      status.update(session.snapshot());
    }
  }

  /** The picker, then the switch; a profile with a problem is assumed only when the person insists. */
  async pickAndActivate(title: string, include?: (info: ProfileInfo) => boolean): Promise<void> {
    const cfg = await this.o.files.loaded();
    if (cfg === undefined) return;
    const choice = await this.o.picker.pick(cfg, {
      active: this.o.session.profile,
      recent: this.recent(),
      title,
      ...(include !== undefined ? { include } : {}),
    });
    if (choice === undefined) return;
    if (choice.kind === 'signOut') return this.signOut();
    if (choice.kind === 'openConfig') return this.o.files.open();
    if (choice.kind === 'console') {
      await runCommand('awsRoleSwitcher.openConsole', choice.info.name);
      return;
    }
    const info = choice.info;
    if (info.kind === 'invalid' || info.diagnostics.length > 0) {
      const problem = errorWithPlace(info) ?? info.diagnostics.map(formatDiagnostic).join('\n');
      const anyway = vscode.l10n.t('Assume Anyway');
      const open = vscode.l10n.t('Open Config File');
      const c = await vscode.window.showWarningMessage(
        info.kind === 'invalid'
          ? vscode.l10n.t('Profile "{0}" cannot be used: {1}', info.name, problem)
          : vscode.l10n.t('Profile "{0}" has a problem: {1}', info.name, problem),
        ...(info.kind === 'invalid' ? [open] : [anyway, open]),
      );
      if (c === open) {
        const first = info.diagnostics[0];
        const at = first ?? info.errorAt;
        return at !== undefined ? this.o.files.open(at.file, at.line) : this.o.files.openProfile(info.name);
      }
      if (c !== anyway) return;
    }
    await this.activate(info.name, true);
  }

  signOut(): void {
    const p = this.o.session.profile;
    this.o.session.signOut();
    void this.o.context.workspaceState.update(LAST_KEY, undefined); // do not bring the profile back on reload
    this.backgroundProfile = undefined;
    this.o.onSignedOut();
    if (p !== undefined) this.o.log.info(`signed out of ${p}`);
  }
}
