/**
 * How the window's session reaches the processes VS Code starts: the environment collection, and in
 * endpoint mode the loopback credentials server (started and stopped with the setting).
 *
 * In endpoint mode each profile gets a registration of its own, made when the window first uses
 * that profile: a terminal opened as `dev` holds dev's URL and token, and after a switch to `prod`
 * it is refused with a message to relaunch (never served prod); back on `dev`, it works again.
 *
 * It also decides what processes get in AWS_PROFILE (ProfileVariableMode), and falls back to keys
 * when something would outrank the endpoint in every SDK (endpointBlocker), saying so once.
 */
import * as vscode from 'vscode';
import { ProfileSet } from '../config/profiles';
import { SessionManager, SessionSnapshot } from '../credentials/session';
import { CredentialsServer, Registration } from '../delivery/credentialsServer';
import {
  Delivery,
  EndpointDelivery,
  ProfileVariableMode,
  endpointBlocker,
  environmentFor,
  inheritedProfile,
  profileVariableMode,
} from '../delivery/processEnvironment';
import { EndpointSessions } from '../delivery/endpointSessions';
import { nodeRunShell, shellSetsProfile } from '../delivery/shellProfileProbe';
import { Credentials } from '../credentials/types';
import { Refusal } from '../delivery/credentialsServer';
import { ProcessesState } from './api';
import { EnvironmentInjector } from './environmentCollection';
import { Log } from './log';
import { ExtensionSettings } from './settings';

export class ProcessDelivery implements vscode.Disposable {
  private server: CredentialsServer | undefined;
  /** The window session's registrations on the server, one per profile it has used. */
  private readonly registrations = new Map<string, Registration>();
  private readonly injector: EnvironmentInjector;
  /** What the user was last told (once per distinct reason). */
  private toldBlocker: string | undefined;
  private toldInherited: string | undefined;
  /** What the default shell's start-up files export as AWS_PROFILE (probed once per window). */
  private shellProfile: string | undefined;

  constructor(
    collection: vscode.EnvironmentVariableCollection,
    private readonly o: {
      readonly settings: () => ExtensionSettings;
      readonly log: Log;
      readonly windowSession: () => SessionManager;
      readonly config: () => ProfileSet | undefined;
      /** VS Code's own environment (the extension host's). */
      readonly env: Readonly<Record<string, string | undefined>>;
      /** Remembers across windows which outside profile the user was told about. */
      readonly memento: vscode.Memento;
      /** GetSessionToken for a session's long-term keys (the endpoint serves session credentials only). */
      readonly mintSession: (longTerm: Credentials, session: SessionManager) => Promise<Credentials>;
    },
  ) {
    this.injector = new EnvironmentInjector(collection);
    this.endpointSessions = new EndpointSessions({ now: Date.now, expiryWindowMs: () => this.o.settings().expiryWindowSeconds * 1000 });
  }

  private readonly endpointSessions: EndpointSessions;

  /** What the endpoint serves for `session` now. */
  private async serve(session: SessionManager): Promise<Credentials | Refusal | undefined> {
    const c = await session.retrieve();
    if (c === undefined) return undefined;
    try {
      return await this.endpointSessions.servable(c, (k) => this.o.mintSession(k, session));
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      this.o.log.warn(`credentials endpoint: GetSessionToken for ${session.profile ?? '?'} failed: ${why}`);
      return {
        refusal: `The credentials endpoint serves session credentials only, and GetSessionToken for the long-term keys of AWS profile "${session.profile ?? '?'}" failed (${why}). Use keys delivery (awsRoleSwitcher.terminal.delivery: environment) for this profile.`,
      };
    }
  }

  /** The profile terminals inherit from VS Code (its environment or terminal.integrated.env). */
  inherited(): string | undefined {
    const platform = process.platform === 'win32' ? 'windows' : process.platform === 'darwin' ? 'osx' : 'linux';
    const terminalEnv = vscode.workspace.getConfiguration('terminal.integrated.env').get<Record<string, string | null>>(platform);
    return inheritedProfile(this.o.env, terminalEnv !== null && typeof terminalEnv === 'object' ? terminalEnv : undefined);
  }

  /**
   * Asks the default terminal shell whether its start-up files export AWS_PROFILE; true when the
   * answer changed what processes get. Shell integration re-applies our variables after those
   * files, so a named profile then overrides theirs; an unset one cannot.
   */
  async probeShell(): Promise<boolean> {
    const shell = vscode.env.shell;
    if (shell === '' || this.o.settings().profileVariable !== 'auto') return false;
    const found = await shellSetsProfile(shell, this.o.env, process.platform, nodeRunShell);
    if (found === this.shellProfile) return false;
    this.shellProfile = found;
    if (found !== undefined) this.o.log.info(`the start-up files of ${shell} export AWS_PROFILE=${found}`);
    return true;
  }

  /** A profile that processes would get from outside the extension, and from where. */
  private outside(): { readonly name: string; readonly from: 'vscode' | 'shell' } | undefined {
    const v = this.inherited();
    if (v !== undefined) return { name: v, from: 'vscode' };
    return this.shellProfile !== undefined ? { name: this.shellProfile, from: 'shell' } : undefined;
  }

  /** What new processes get, for the public state. */
  state(): ProcessesState {
    return { delivery: this.lastEffective, profileVariable: this.mode(), outsideProfile: this.outside()?.name };
  }

  /** What processes get in AWS_PROFILE / AWS_DEFAULT_PROFILE now. */
  mode(): ProfileVariableMode {
    return profileVariableMode(this.o.settings().profileVariable, this.outside()?.name);
  }

  /** What `effective()` returned last. */
  lastEffective: Delivery = 'environment';

  /** The delivery in effect: the setting, unless something would outrank the endpoint. */
  effective(): Delivery {
    this.lastEffective = this.computeEffective();
    return this.lastEffective;
  }

  private computeEffective(): Delivery {
    if (this.o.settings().delivery !== 'endpoint') return 'environment';
    const why = endpointBlocker(this.o.config(), this.outside()?.name);
    if (why !== this.toldBlocker) {
      this.toldBlocker = why;
      if (why !== undefined) {
        this.o.log.warn(`credentials endpoint not used: ${why}; terminals get the keys instead`);
        void vscode.window.showWarningMessage(
          vscode.l10n.t('AWS Role Switcher: terminals get keys instead of the credentials endpoint, because {0}. Fix that to use the endpoint.', why),
        );
      }
    }
    return why === undefined ? 'endpoint' : 'environment';
  }

  /**
   * Tells once (per name and origin, across windows) that something outside names a profile, and
   * for VS Code's environment offers to remove it from terminals (terminal.integrated.env.<platform>,
   * where null removes a variable).
   */
  private tellInherited(active: string | undefined): void {
    const outside = this.outside();
    if (outside === undefined || active === undefined || this.o.settings().profileVariable !== 'auto') return;
    const key = `${outside.from}:${outside.name}`;
    if (key === this.toldInherited || this.o.memento.get<string>('outsideProfileTold') === key) return;
    this.toldInherited = key;
    void this.o.memento.update('outsideProfileTold', key);
    this.o.log.warn(
      `${outside.from === 'vscode' ? "VS Code's environment" : 'the shell start-up files'} set AWS_PROFILE=${outside.name}; terminals get AWS_PROFILE=${active} beside the keys`,
    );
    const why = vscode.l10n.t(
      "the AWS CLI, boto3 and Go use the role's keys, but Node.js programs (AWS SDK for JavaScript) resolve {0} by themselves (a role a second time; an MFA role fails). Without AWS_PROFILE every SDK uses the keys.",
      active,
    );
    if (outside.from === 'shell') {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Your shell start-up files export AWS_PROFILE={0}. Terminals get AWS_PROFILE={1} after them: {2}', outside.name, active, why),
      );
      return;
    }
    const remove = vscode.l10n.t('Remove AWS_PROFILE from Terminals');
    void vscode.window
      .showWarningMessage(
        vscode.l10n.t('VS Code was started with AWS_PROFILE={0}. Terminals get AWS_PROFILE={1} instead: {2}', outside.name, active, why),
        remove,
      )
      .then(async (pick) => {
        if (pick !== remove) return;
        const platform = process.platform === 'win32' ? 'windows' : process.platform === 'darwin' ? 'osx' : 'linux';
        const c = vscode.workspace.getConfiguration('terminal.integrated.env');
        const current = c.inspect<Record<string, string | null>>(platform)?.globalValue ?? {};
        await c.update(platform, { ...current, AWS_PROFILE: null, AWS_DEFAULT_PROFILE: null }, vscode.ConfigurationTarget.Global);
        this.o.log.info(`terminal.integrated.env.${platform}: AWS_PROFILE and AWS_DEFAULT_PROFILE removed from terminals`);
      });
  }

  /** Starts or stops the credentials server to match the delivery setting. */
  async sync(): Promise<void> {
    if (this.o.settings().delivery === 'endpoint') {
      if (this.server === undefined) {
        const server = new CredentialsServer(this.o.log);
        await server.start();
        this.server = server;
        this.o.log.info(`credentials endpoint listening on 127.0.0.1:${server.address().port}`);
      }
    } else if (this.server !== undefined) {
      for (const r of this.registrations.values()) r.dispose();
      this.registrations.clear();
      await this.server.stop();
      this.server = undefined;
      this.o.log.info('credentials endpoint stopped');
    }
  }

  /** Serves `session` on the credentials server, in endpoint mode; undefined otherwise. */
  register(session: SessionManager): Registration | undefined {
    return this.effective() === 'endpoint' && this.server !== undefined ? this.server.register(() => this.serve(session)) : undefined;
  }

  /** Where processes started now as `profile` fetch credentials; undefined in environment mode. */
  endpoint(profile: string | undefined): EndpointDelivery | undefined {
    const server = this.server;
    if (this.effective() !== 'endpoint' || server === undefined || profile === undefined) return undefined;
    let r = this.registrations.get(profile);
    if (r === undefined) {
      const session = this.o.windowSession();
      const refusal = (now: string) => ({
        refusal: `This process was started with AWS profile "${profile}"; VS Code now uses "${now}". Relaunch the terminal (or run the task again) to act as "${now}", or switch back to "${profile}".`,
      });
      r = server.register(async () => {
        const before = session.profile;
        if (before !== undefined && before !== profile) return refusal(before);
        const c = await this.serve(session);
        // A switch may have finished while the credentials were being fetched.
        const after = session.profile;
        return after !== undefined && after !== profile ? refusal(after) : c;
      });
      this.registrations.set(profile, r);
    }
    return r;
  }

  /** The variables of the window session (for debug sessions). */
  variables(s: SessionSnapshot): Map<string, string> {
    return environmentFor(s, this.mode(), this.endpoint(s.profile));
  }

  /** Writes the window session into the environment collection; whether anything changed. */
  apply(s: SessionSnapshot): boolean {
    const endpoint = this.endpoint(s.profile);
    if (s.credentials !== undefined && endpoint === undefined) this.tellInherited(s.profile);
    return this.injector.apply(s, this.mode(), endpoint);
  }

  dispose(): void {
    this.injector.clear();
    for (const r of this.registrations.values()) r.dispose();
    void this.server?.stop();
  }
}
