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
import { ProfileSet } from '../../config/profiles';
import { SessionManager, SessionSnapshot } from '../../credentials/session';
import { CredentialsServer, Registration } from '../../delivery/credentialsServer';
import { Delivery, EndpointDelivery, ProfileVariableMode, endpointBlocker, environmentFor, profileVariableMode } from '../../delivery/processEnvironment';
import { EndpointSessions } from '../../delivery/endpointSessions';
import { Credentials } from '../../credentials/types';
import { Refusal } from '../../delivery/credentialsServer';
import { ProcessesState } from '../otherExtensions/api';
import { EnvironmentInjector } from './environmentCollection';
import { OutsideProfile } from './outsideProfile';
import { TerminalRevival } from './terminalRevival';
import { Log } from '../log';
import { ExtensionSettings } from '../settings';

export class ProcessDelivery implements vscode.Disposable {
  private server: CredentialsServer | undefined;
  /** The window session's registrations on the server, one per profile it has used. */
  private readonly registrations = new Map<string, Registration>();
  private readonly injector: EnvironmentInjector;
  /** What the user was last told (once per distinct reason). */
  private toldBlocker: string | undefined;

  constructor(
    collection: vscode.EnvironmentVariableCollection,
    private readonly o: {
      readonly settings: () => ExtensionSettings;
      readonly log: Log;
      readonly windowSession: () => SessionManager;
      readonly config: () => ProfileSet | undefined;
      /** A profile named from outside the extension (VS Code's environment, the shell start-up files). */
      readonly outside: OutsideProfile;
      /** GetSessionToken for a session's long-term keys (the endpoint serves session credentials only). */
      readonly mintSession: (longTerm: Credentials, session: SessionManager) => Promise<Credentials>;
      readonly revival: TerminalRevival;
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

  /** What new processes get, for the public state. */
  state(): ProcessesState {
    const delivery = this.effective();
    return { delivery, profileVariable: this.mode(), outsideProfile: this.o.outside.current()?.name, keysSavedOnExit: this.o.revival.keysSaved(delivery) };
  }

  /** What processes get in AWS_PROFILE / AWS_DEFAULT_PROFILE now. */
  mode(): ProfileVariableMode {
    return profileVariableMode(this.o.settings().profileVariable, this.o.outside.current()?.name);
  }

  /**
   * The delivery the folder sessions were last (re)started with. Only `effectiveChanged` moves it:
   * when every caller of `effective()` moved it (apply, debug, register), a snapshot between a
   * config change and its reaction hid the change and folder registrations went stale.
   */
  private recordedEffective: Delivery = 'environment';

  /** The delivery in effect: the setting, unless something would outrank the endpoint (told once per reason). */
  effective(): Delivery {
    if (this.o.settings().delivery !== 'endpoint') return 'environment';
    const why = endpointBlocker(this.o.config(), this.o.outside.current()?.name);
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

  /** `sync()`, then whether the delivery in effect changed since it was last recorded. */
  async resync(): Promise<boolean> {
    await this.sync();
    return this.effectiveChanged();
  }

  /** Whether the delivery in effect differs from the one recorded; records it. */
  effectiveChanged(): boolean {
    const now = this.effective();
    const changed = now !== this.recordedEffective;
    this.recordedEffective = now;
    return changed;
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

  /**
   * Whether an MCP server can use the endpoint: it is set, and the files do not outrank it. VS Code
   * starts MCP servers itself (no shell start-up files) and their AWS_PROFILE is removed, so a
   * profile named from outside does not count, as it does for terminals.
   */
  private endpointForMcp(): boolean {
    return this.o.settings().delivery === 'endpoint' && endpointBlocker(this.o.config(), undefined) === undefined;
  }

  /** Serves `session` on the credentials server, in endpoint mode; undefined otherwise. `mcp`: for an MCP server. */
  register(session: SessionManager, mcp = false): Registration | undefined {
    const usable = mcp ? this.endpointForMcp() : this.effective() === 'endpoint';
    return usable && this.server !== undefined ? this.server.register(() => this.serve(session)) : undefined;
  }

  /** Where processes started now as `profile` fetch credentials; undefined in environment mode. */
  endpoint(profile: string | undefined): EndpointDelivery | undefined {
    return this.effective() === 'endpoint' ? this.registrationFor(profile) : undefined;
  }

  /**
   * What an MCP server started now as the window's session gets: a terminal's variables, except
   * that no profile is ever named (see `endpointForMcp`), so the endpoint serves it where set.
   */
  mcpVariables(s: SessionSnapshot): Map<string, string> {
    return environmentFor(s, 'leave', this.endpointForMcp() ? this.registrationFor(s.profile) : undefined);
  }

  /** The window session's registration for processes started as `profile` (refusing once the window moved on). */
  private registrationFor(profile: string | undefined): EndpointDelivery | undefined {
    const server = this.server;
    if (server === undefined || profile === undefined) return undefined;
    let r = this.registrations.get(profile);
    if (r === undefined) {
      const session = this.o.windowSession();
      const refusal = (now: string | undefined) => ({
        refusal:
          now === undefined
            ? `This process was started with AWS profile "${profile}"; VS Code has signed out (no AWS profile is active), so it gets no credentials. Pick a profile in VS Code (AWS: Switch Profile), then relaunch the terminal (or run the task again).`
            : `This process was started with AWS profile "${profile}"; VS Code now uses "${now}". Relaunch the terminal (or run the task again) to act as "${now}", or switch back to "${profile}".`,
      });
      r = server.register(async () => {
        const before = session.profile;
        if (before !== profile) return refusal(before);
        const c = await this.serve(session);
        // A switch or a sign-out may have finished while the credentials were being fetched.
        const after = session.profile;
        return after !== profile ? refusal(after) : c;
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
    if (s.credentials !== undefined && endpoint === undefined) {
      this.o.outside.tell(s.profile);
      this.o.revival.tell('environment');
    }
    return this.injector.apply(s, this.mode(), endpoint);
  }

  dispose(): void {
    this.injector.clear();
    for (const r of this.registrations.values()) r.dispose();
    void this.server?.stop();
  }
}
