/**
 * Credentials for other extensions through VS Code's own consent machinery: an authentication
 * provider. An extension asks `vscode.authentication.getSession('aws-role-switcher', scopes)`;
 * VS Code asks the person once per extension and lists the grant under "Manage Trusted
 * Extensions". The session's `accessToken` is the credentials as JSON, fresh on every call
 * (renewed before expiry); `onDidChangeSessions` fires on switch, refresh and sign-out.
 * Scopes: none for the window's profile, or `profile:<name>` for a profile of its own (assumed in
 * a session of its own, a production profile only after the person said which keys go where).
 * Scopes come from another extension: one that asks for a profile and does not name one exactly
 * gets nothing, never the window's credentials. Sign Out ends the named sessions too.
 */
import * as vscode from 'vscode';
import { SessionManager, SessionSnapshot, assumeInOwnSession } from '../../credentials/session';
import { Credentials } from '../../credentials/types';
import { parseScopes, scopeProfile } from '../../delivery/consumerScopes';
import { Log } from '../log';

export const AUTH_PROVIDER_ID = 'aws-role-switcher';
const WINDOW_ID = 'window';
const WINDOW_ACCOUNT = { id: 'active-profile', label: 'the active AWS profile' };

/** What a consumer parses from `accessToken`. */
export interface SharedCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  /** ISO 8601; absent for long-term keys. */
  readonly expiration?: string;
  readonly region?: string;
  readonly profile: string;
}

export interface AuthProviderOptions {
  readonly session: SessionManager;
  readonly newSession: () => SessionManager;
  /** Picks a profile and switches the window to it (the person chooses). */
  readonly pickAndSwitch: () => Promise<void>;
  readonly isProduction: (profile: string) => boolean;
  /** The person's answer to: an extension asks for the keys of this production profile. */
  readonly confirmConsumer: (profile: string) => Promise<boolean>;
  readonly signOut: () => void;
  readonly log: Log;
}

/** A scope as it may be shown: one line, short. */
function shown(scope: string): string {
  const one = JSON.stringify(scope);
  return one.length > 80 ? `${one.slice(0, 77)}…` : one;
}

export class CredentialsAuthProvider implements vscode.AuthenticationProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  readonly onDidChangeSessions = this.emitter.event;
  /** Profiles asked for by name: a session each, kept until removed. */
  private readonly named = new Map<string, SessionManager>();
  /** The window session as last announced: its access key (to tell a change). */
  private announced: { readonly profile: string; readonly key: string } | undefined;

  constructor(private readonly o: AuthProviderOptions) {}

  private toSession(id: string, profile: string, c: Credentials, s: SessionSnapshot, scopes: readonly string[]): vscode.AuthenticationSession {
    const shared: SharedCredentials = {
      accessKeyId: c.accessKeyId,
      secretAccessKey: c.secretAccessKey,
      ...(c.sessionToken !== undefined ? { sessionToken: c.sessionToken } : {}),
      ...(c.expiration !== undefined ? { expiration: c.expiration.toISOString() } : {}),
      ...(s.region !== undefined ? { region: s.region } : {}),
      profile,
    };
    // VS Code's consent is per account: the window's session is one account whatever profile is
    // active (a switch needs no new consent); a profile asked for by name is an account of its own.
    const account = id === WINDOW_ID ? WINDOW_ACCOUNT : { id: `profile:${profile}`, label: `AWS profile ${profile}` };
    return { id, accessToken: JSON.stringify(shared), account, scopes };
  }

  async getSessions(scopes?: readonly string[]): Promise<vscode.AuthenticationSession[]> {
    const req = parseScopes(scopes);
    if (req.kind === 'invalid') return [];
    const window = this.o.session;
    const session = req.kind === 'window' || req.profile === window.profile ? window : this.named.get(req.profile);
    if (session === undefined || session.profile === undefined) return [];
    // Fresh on every call: renewed here when inside the expiry window.
    const c = await session.retrieve();
    if (c === undefined) return [];
    return [this.toSession(session === window ? WINDOW_ID : `profile:${session.profile}`, session.profile, c, session.snapshot(), scopes ?? [])];
  }

  async createSession(scopes: readonly string[]): Promise<vscode.AuthenticationSession> {
    const req = parseScopes(scopes);
    if (req.kind === 'invalid') {
      this.o.log.warn(`credentials for other extensions: refused the scope ${shown(req.scope)} (it names no profile exactly)`);
      throw new Error(
        vscode.l10n.t(
          'The scope {0} does not name an AWS profile: ask for "profile:<name>" with the name of a profile, or for no scope to get the active profile.',
          shown(req.scope),
        ),
      );
    }
    if (req.kind === 'window' || req.profile === this.o.session.profile) {
      if (this.o.session.profile === undefined) await this.o.pickAndSwitch();
    } else if (!this.named.has(req.profile)) {
      const profile = req.profile;
      if (this.o.isProduction(profile) && !(await this.o.confirmConsumer(profile)))
        throw new Error(vscode.l10n.t('The keys of production profile "{0}" were not given to the extension.', profile));
      this.named.set(profile, await assumeInOwnSession(this.o.newSession, profile, { interactive: true }));
      this.o.log.info(`credentials for other extensions: ${profile} assumed in a session of its own`);
    }
    const [session] = await this.getSessions(scopes);
    if (session === undefined) throw new Error(vscode.l10n.t('No AWS profile is active.'));
    this.emitter.fire({ added: [session], removed: [], changed: [] });
    return session;
  }

  /** Sign Out: every profile asked for by name ends too, and the extensions that hold one are told. */
  endNamedSessions(): void {
    const ended = [...this.named.entries()];
    this.named.clear();
    for (const [, s] of ended) s.dispose();
    if (ended.length === 0) return;
    this.o.log.info(`credentials for other extensions: ended ${ended.map(([p]) => p).join(', ')}`);
    this.emitter.fire({
      added: [],
      removed: ended.map(([p]) => ({ id: `profile:${p}`, accessToken: '', account: { id: `profile:${p}`, label: `AWS profile ${p}` }, scopes: [] })),
      changed: [],
    });
  }

  async removeSession(id: string): Promise<void> {
    if (id === WINDOW_ID) {
      this.o.signOut();
      return;
    }
    const profile = scopeProfile(id);
    const s = profile !== undefined ? this.named.get(profile) : undefined;
    if (s === undefined || profile === undefined) return;
    this.named.delete(profile);
    s.dispose();
    this.emitter.fire({ added: [], removed: [{ id, accessToken: '', account: { id, label: `AWS profile ${profile}` }, scopes: [] }], changed: [] });
  }

  /** The window session changed: tell listeners when its identity or keys did (switch, refresh, sign-out). */
  windowChanged(s: SessionSnapshot): void {
    const key = s.credentials?.accessKeyId;
    const now = s.profile !== undefined && key !== undefined ? { profile: s.profile, key } : undefined;
    const before = this.announced;
    if (now?.key === before?.key && now?.profile === before?.profile) return;
    this.announced = now;
    const stub = (): vscode.AuthenticationSession => ({ id: WINDOW_ID, accessToken: '', account: WINDOW_ACCOUNT, scopes: [] });
    if (now === undefined && before !== undefined) this.emitter.fire({ added: [], removed: [stub()], changed: [] });
    else if (now !== undefined && before === undefined) this.emitter.fire({ added: [stub()], removed: [], changed: [] });
    else if (now !== undefined) this.emitter.fire({ added: [], removed: [], changed: [stub()] });
  }

  dispose(): void {
    for (const s of this.named.values()) s.dispose();
    this.named.clear();
    this.emitter.dispose();
  }
}

/**
 * The question before another extension gets a production profile's keys. VS Code's API does not
 * tell a provider which extension asks; VS Code names it in its own question just before this one.
 */
export async function askConsumerConsent(profile: string, windowProfile: string | undefined): Promise<boolean> {
  const give = vscode.l10n.t('Give Keys to the Extension');
  const detail =
    windowProfile !== undefined
      ? vscode.l10n.t(
          'Only the extension VS Code named in its question before this one gets these keys, in a session of its own. Terminals, tasks and this window stay on {0}.',
          windowProfile,
        )
      : vscode.l10n.t(
          'Only the extension VS Code named in its question before this one gets these keys, in a session of its own. Terminals and tasks are not affected.',
        );
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('An extension asks for the keys of production profile "{0}". Give them to it?', profile),
    { modal: true, detail },
    give,
  );
  return answer === give;
}
