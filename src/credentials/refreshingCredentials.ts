/**
 * A refreshing credentials holder (the SDKs' credentials cache with an ExpiryWindow):
 * - `isExpired()` turns true `expiryWindowMs` before the real expiry;
 * - with `autoRefresh`, a timer refreshes at that moment, ahead of expiry;
 * - concurrent callers share one in-flight refresh;
 * - a failed refresh keeps the old credentials until they really expire and retries with
 *   exponential back-off (never for errors only a person can fix: cancelled MFA, bad config);
 * - it never hands out credentials that have really expired.
 * Time and timers are injected, so tests never sleep.
 */
import { CredentialProvider, Credentials, CredentialsError, Now, RetrieveContext, isCredentialsError } from './types';
import { knownSecrets } from './knownSecrets';

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, Math.min(ms, 2_147_000_000));
    t.unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export type HolderStatus = 'empty' | 'valid' | 'expiring' | 'expired' | 'refreshing' | 'failed';

export interface RefreshState {
  readonly status: HolderStatus;
  readonly credentials: Credentials | undefined;
  /** The last refresh error, cleared by a success. */
  readonly error: CredentialsError | undefined;
  /** When the next automatic attempt is due (ms since epoch), if one is scheduled. */
  readonly nextAttemptAt: number | undefined;
  /** Expiry and identity of the last credentials held, even once they have expired. */
  readonly lastExpiration: Date | undefined;
  readonly lastArn: string | undefined;
}

export interface HolderOptions {
  readonly now: Now;
  readonly timers?: Timers;
  /** How long before expiry credentials count as expired (the SDKs' ExpiryWindow). */
  readonly expiryWindowMs: number;
  /** Refresh ahead of expiry by timer. */
  readonly autoRefresh?: boolean;
  readonly retryBaseMs?: number;
  readonly retryMaxMs?: number;
  /** The back-off cap while no valid credentials are held (processes are refused meanwhile). */
  readonly retryMaxEmptyMs?: number;
  readonly onChange?: (state: RefreshState) => void;
}

const RETRYABLE = new Set(['Network', 'Sts', 'Process']);

function asCredentialsError(e: unknown): CredentialsError {
  if (e instanceof CredentialsError) return e;
  return new CredentialsError(e instanceof Error ? e.message : String(e), { code: 'Sts', cause: e });
}

/** Node's timers fire after 1 ms for a delay above 2^31-1 ms (or NaN): delays are capped. */
const MAX_TIMER_MS = 2_147_483_647;
/** An automatic refresh is never scheduled sooner than this after a success. */
export const MIN_REFRESH_DELAY_MS = 5_000;

function timerDelay(ms: number): number {
  return Math.min(MAX_TIMER_MS, Math.max(0, ms));
}

export class RefreshingCredentials implements CredentialProvider {
  readonly description: string;
  private creds: Credentials | undefined;
  private error: CredentialsError | undefined;
  private inflight: Promise<Credentials> | undefined;
  private refreshTimer: unknown;
  private expiryTimer: unknown;
  private nextAttemptAt: number | undefined;
  private failures = 0;
  /** The ExpiryWindow for the credentials held: at most half their lifetime (see succeeded). */
  private windowMs = 0;
  private disposed = false;
  private readonly timers: Timers;

  constructor(
    private readonly provider: CredentialProvider,
    private readonly o: HolderOptions,
  ) {
    this.description = provider.description;
    this.timers = o.timers ?? realTimers;
  }

  current(): Credentials | undefined {
    return this.creds !== undefined && !this.isReallyExpired(this.creds) ? this.creds : undefined;
  }

  /** True when there are no credentials or they are inside the ExpiryWindow. */
  isExpired(): boolean {
    const c = this.creds;
    if (c === undefined) return true;
    if (c.expiration === undefined) return false;
    return this.o.now() >= c.expiration.getTime() - this.windowMs;
  }

  private isReallyExpired(c: Credentials): boolean {
    return c.expiration !== undefined && this.o.now() >= c.expiration.getTime();
  }

  state(): RefreshState {
    let status: HolderStatus;
    const c = this.current();
    if (this.inflight !== undefined) status = 'refreshing';
    else if (this.error !== undefined && c === undefined) status = 'failed';
    else if (c === undefined) status = this.creds !== undefined ? 'expired' : 'empty';
    else status = this.isExpired() ? 'expiring' : 'valid';
    return { status, credentials: c, error: this.error, nextAttemptAt: this.nextAttemptAt, lastExpiration: this.creds?.expiration, lastArn: this.creds?.arn };
  }

  /**
   * Cached credentials while outside the ExpiryWindow; otherwise a (shared) refresh. A caller that
   * cannot prompt gets still-valid credentials at once, and a refresh starts in the background
   * unless the back-off says not yet (endpoint requests used to refresh on every call: 3,902 STS
   * calls in 2 h with STS down, and a 20 s wait with STS slow while the old keys had 290 s left).
   */
  async retrieve(ctx: RetrieveContext): Promise<Credentials> {
    if (!this.isExpired() && this.creds !== undefined) return this.creds;
    const old = this.current();
    const due = this.nextAttemptAt === undefined || this.o.now() >= this.nextAttemptAt;
    if (old !== undefined && !ctx.interactive) {
      if (this.inflight === undefined && due) this.refresh(ctx).catch(() => undefined);
      return old;
    }
    // Nothing valid, STS failing, the next attempt scheduled: a caller that cannot prompt gets the
    // last error at once rather than a call of its own (a request a second made a call a second).
    if (old === undefined && !ctx.interactive && this.inflight === undefined && !due && this.error !== undefined) throw this.error;
    try {
      return await this.refresh(ctx);
    } catch (e) {
      const old = this.current();
      if (old !== undefined && !isCredentialsError(e, 'Cancelled')) return old;
      throw e;
    }
  }

  /** Forces a refresh; concurrent calls share it. */
  refresh(ctx: RetrieveContext): Promise<Credentials> {
    if (this.disposed) return Promise.reject(new CredentialsError('This session has ended.', { code: 'Cancelled' }));
    if (this.inflight !== undefined) return this.inflight;
    this.clear('refresh');
    const p = (async () => {
      try {
        const c = await this.provider.retrieve(ctx);
        knownSecrets.add(c.secretAccessKey, c.sessionToken);
        if (c.expiration !== undefined && c.expiration.getTime() <= this.o.now()) {
          throw new CredentialsError('The credentials were already expired when they arrived.', { code: 'Expired', hint: "Check this computer's clock." });
        }
        if (!this.disposed) this.succeeded(c);
        return c;
      } catch (e) {
        const err = asCredentialsError(e);
        if (!this.disposed) this.failed(err);
        throw err;
      } finally {
        this.inflight = undefined;
        if (!this.disposed) this.emit();
      }
    })();
    this.inflight = p;
    this.emit();
    return p;
  }

  /** Drops the credentials (sign out) and every timer. */
  dispose(): void {
    this.disposed = true;
    this.clear('refresh');
    this.clear('expiry');
    this.creds = undefined;
  }

  private succeeded(c: Credentials): void {
    this.creds = c;
    this.error = undefined;
    this.failures = 0;
    this.nextAttemptAt = undefined;
    this.clear('expiry');
    this.windowMs = 0;
    if (c.expiration === undefined) return;
    const now = this.o.now();
    const exp = c.expiration.getTime();
    if (!Number.isFinite(exp)) return; // an unreadable expiry: no timer could mean anything
    const lifetime = exp - now;
    // A window as long as the lifetime made the next refresh due at once, forever (85
    // credential_process runs a second): at most half the lifetime, and a floor.
    this.windowMs = Math.min(this.o.expiryWindowMs, Math.max(0, lifetime) / 2);
    this.expiryTimer = this.timers.setTimeout(() => this.emit(), timerDelay(lifetime));
    if (this.o.autoRefresh === true) this.schedule(timerDelay(Math.max(MIN_REFRESH_DELAY_MS, lifetime - this.windowMs)));
  }

  private failed(err: CredentialsError): void {
    this.error = err;
    this.failures++;
    if (this.o.autoRefresh !== true || !RETRYABLE.has(err.code)) {
      this.nextAttemptAt = undefined;
      return;
    }
    const base = this.o.retryBaseMs ?? 5_000;
    const c = this.current();
    // With nothing valid held, processes are refused until a refresh works: retry more often then.
    const max = c === undefined ? Math.min(this.o.retryMaxMs ?? 300_000, this.o.retryMaxEmptyMs ?? 60_000) : (this.o.retryMaxMs ?? 300_000);
    let delay = Math.min(max, base * 2 ** (this.failures - 1));
    if (c?.expiration !== undefined) {
      // One last try shortly before the old credentials really expire.
      const left = c.expiration.getTime() - this.o.now();
      if (left > 1000) delay = Math.min(delay, left - 1000);
    }
    this.schedule(delay);
  }

  private schedule(delayMs: number): void {
    delayMs = timerDelay(delayMs);
    this.clear('refresh');
    this.nextAttemptAt = this.o.now() + delayMs;
    this.refreshTimer = this.timers.setTimeout(() => {
      this.refreshTimer = undefined;
      this.refresh({ interactive: false }).catch(() => {
        /* state() and onChange carry the error */
      });
    }, delayMs);
  }

  private clear(which: 'refresh' | 'expiry'): void {
    if (which === 'refresh' && this.refreshTimer !== undefined) {
      this.timers.clearTimeout(this.refreshTimer);
      this.refreshTimer = undefined;
      this.nextAttemptAt = undefined;
    }
    if (which === 'expiry' && this.expiryTimer !== undefined) {
      this.timers.clearTimeout(this.expiryTimer);
      this.expiryTimer = undefined;
    }
  }

  private emit(): void {
    this.o.onChange?.(this.state());
  }
}
