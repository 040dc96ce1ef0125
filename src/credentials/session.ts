/**
 * The active session: which profile is assumed, its refreshing credentials, and a snapshot of its
 * state for the edge (status bar, environment). Switching is atomic: the new profile replaces the
 * old one only once its credentials arrived; a cancelled or failed switch leaves the old one as it
 * was.
 */
import { ProfileSet } from '../config/profiles';
import { buildChain, BuiltChain } from './build';
import { Deps } from './deps';
import { accountOfArn, roleNameOfArn } from './arn';
import { ProfileInfo, describeProfile } from './profileInfo';
import { resolveRegion } from './stsEndpoint';
import { RefreshState, RefreshingCredentials } from './refreshingCredentials';
import { CredentialProvider, Credentials, CredentialsError, RetrieveContext, isCredentialsError } from './types';

export type SessionStatus = 'none' | 'active' | 'expiring' | 'refreshing' | 'expired' | 'failed';

export interface SessionSnapshot {
  readonly status: SessionStatus;
  readonly profile?: string;
  readonly info?: ProfileInfo;
  readonly credentials?: Credentials;
  readonly arn?: string;
  readonly accountId?: string;
  readonly roleName?: string;
  readonly region?: string;
  readonly expiration?: Date;
  readonly steps: string[];
  readonly error?: CredentialsError;
}

export interface SessionManagerOptions {
  /** The current profiles (re-read after every config change). */
  readonly config: () => ProfileSet;
  readonly deps: () => Deps;
  readonly onChange: (s: SessionSnapshot) => void;
}

/** Builds the chain lazily and again after the config changed, keeping hop caches otherwise. */
class LiveChain implements CredentialProvider {
  private built: BuiltChain | undefined;
  private generation = -1;
  readonly description: string;
  constructor(
    private readonly profile: string,
    private readonly mgr: SessionManager,
  ) {
    this.description = `profile ${profile}`;
  }

  chain(): BuiltChain {
    if (this.built === undefined || this.generation !== this.mgr.configGeneration) {
      this.built = buildChain(this.mgr.currentConfig(), this.profile, this.mgr.currentDeps());
      this.generation = this.mgr.configGeneration;
    }
    return this.built;
  }

  retrieve(ctx: RetrieveContext): Promise<Credentials> {
    return this.chain().provider.retrieve(ctx);
  }
}

interface Active {
  readonly profile: string;
  readonly live: LiveChain;
  readonly holder: RefreshingCredentials;
}

export class SessionManager {
  private active: Active | undefined;
  private pending: Active | undefined;
  configGeneration = 0;

  constructor(private readonly o: SessionManagerOptions) {}

  currentConfig(): ProfileSet {
    return this.o.config();
  }

  currentDeps(): Deps {
    return this.o.deps();
  }

  /** Call after the config files changed: chains are rebuilt at their next refresh. */
  configChanged(): void {
    this.configGeneration++;
    this.emit();
  }

  get profile(): string | undefined {
    return this.active?.profile;
  }

  /** Assumes `profile`. Resolves when its credentials arrived; on failure the old session stays. */
  async activate(profile: string, ctx: RetrieveContext): Promise<void> {
    const deps = this.o.deps();
    const live = new LiveChain(profile, this);
    const holder: RefreshingCredentials = new RefreshingCredentials(live, {
      now: deps.now,
      ...(deps.timers !== undefined ? { timers: deps.timers } : {}),
      expiryWindowMs: deps.settings.expiryWindowMs,
      autoRefresh: true,
      onChange: () => {
        if (this.active?.holder === holder) this.emit();
      },
    });
    const candidate: Active = { profile, live, holder };
    this.pending?.holder.dispose();
    this.pending = candidate;
    try {
      live.chain(); // configuration errors surface before any prompt
      await holder.refresh(ctx);
    } catch (e) {
      holder.dispose();
      if (this.pending === candidate) this.pending = undefined;
      throw e;
    }
    if (this.pending !== candidate) {
      // A later switch superseded this one.
      holder.dispose();
      throw new CredentialsError('Superseded by a later switch.', { code: 'Cancelled', profile });
    }
    this.pending = undefined;
    this.active?.holder.dispose();
    this.active = candidate;
    this.emit();
  }

  /** Refreshes the active session now (prompting for MFA when `ctx.interactive`). */
  async refresh(ctx: RetrieveContext): Promise<void> {
    const a = this.active;
    if (a === undefined) throw new CredentialsError('No profile is active.', { code: 'Config', hint: 'Pick a profile first (AWS: Switch Profile…).' });
    try {
      await a.holder.refresh(ctx);
    } catch (e) {
      if (!isCredentialsError(e, 'Cancelled')) throw e;
    }
  }

  signOut(): void {
    this.pending?.holder.dispose();
    this.pending = undefined;
    this.active?.holder.dispose();
    this.active = undefined;
    this.emit();
  }

  /** The credentials of the active session, if live (not past their real expiry). */
  credentials(): Credentials | undefined {
    return this.active?.holder.current();
  }

  /** Credentials for a caller who needs them now (the endpoint): cached, or a background refresh. */
  async retrieve(): Promise<Credentials | undefined> {
    const a = this.active;
    if (a === undefined) return undefined;
    try {
      return await a.holder.retrieve({ interactive: false });
    } catch {
      return a.holder.current();
    }
  }

  builtChain(): BuiltChain | undefined {
    try {
      return this.active?.live.chain();
    } catch {
      return undefined;
    }
  }

  snapshot(): SessionSnapshot {
    const a = this.active;
    if (a === undefined) return { status: 'none', steps: [] };
    const st: RefreshState = a.holder.state();
    const set = this.o.config();
    const info = set.profiles.has(a.profile) ? describeProfile(set, a.profile) : undefined;
    const deps = this.o.deps();
    const region = resolveRegion(set.profiles.get(a.profile), deps.env, deps.settings.regionOverride).region;
    const c = st.credentials;
    const arn = c?.arn ?? st.lastArn ?? info?.roleArn;
    const accountId = c?.accountId ?? accountOfArn(arn) ?? info?.accountId;
    const roleName = roleNameOfArn(info?.roleArn) ?? info?.roleName;
    const status: SessionStatus =
      st.status === 'valid'
        ? 'active'
        : st.status === 'expiring'
          ? 'expiring'
          : st.status === 'refreshing'
            ? 'refreshing'
            : st.status === 'failed'
              ? 'failed'
              : 'expired';
    let steps: string[] = [];
    try {
      steps = a.live.chain().steps;
    } catch {
      steps = [];
    }
    return {
      status,
      profile: a.profile,
      ...(info !== undefined ? { info } : {}),
      ...(c !== undefined ? { credentials: c } : {}),
      ...(arn !== undefined ? { arn } : {}),
      ...(accountId !== undefined ? { accountId } : {}),
      ...(roleName !== undefined ? { roleName } : {}),
      region,
      ...((c?.expiration ?? st.lastExpiration) !== undefined ? { expiration: (c?.expiration ?? st.lastExpiration) as Date } : {}),
      steps,
      ...(st.error !== undefined ? { error: st.error } : {}),
    };
  }

  dispose(): void {
    this.pending?.holder.dispose();
    this.active?.holder.dispose();
    this.active = undefined;
  }

  private emit(): void {
    this.o.onChange(this.snapshot());
  }
}

/**
 * `profile` assumed in a session of its own (a pinned terminal's, an MCP server's, another
 * extension's): when that fails, the session is disposed again, so nothing is left holding it.
 */
export async function assumeInOwnSession(newSession: () => SessionManager, profile: string, ctx: RetrieveContext): Promise<SessionManager> {
  const session = newSession();
  try {
    await session.activate(profile, ctx);
  } catch (e) {
    session.dispose();
    throw e;
  }
  return session;
}
