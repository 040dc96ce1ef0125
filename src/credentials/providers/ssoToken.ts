/**
 * The IAM Identity Center access token of a profile, from the AWS CLI's cache
 * (`~/.aws/sso/cache/<sha1 of the sso-session name, or of the start URL>.json`, written by
 * `aws sso login`). Within 15 minutes of its expiry (the AWS CLI's window) the token of an
 * `sso-session` is renewed with the cached refresh token through SSO OIDC `CreateToken` and
 * written back, as the CLI and the SDKs do — so a sign-in lasts as long as the session the
 * administrator configured (8 hours to 90 days), not as long as one access token (often an hour),
 * and the CLI and this extension keep sharing one sign-in. Legacy profiles (`sso_start_url` in
 * the profile, no `sso_session`) cannot renew: their token lasts until it expires.
 *
 * A failed renewal keeps the token while it is still valid; at most one renewal per token at a
 * time, and one attempt per 30 seconds (SDK behaviour), so a broken refresh token does not turn
 * every credential refresh into a call.
 *
 * The cache is shared with the AWS CLI and other VS Code windows, so nothing they wrote is lost: a
 * renewal holds a lock file other windows wait for, re-reads the cache under it (another window may
 * have renewed already, `aws sso logout` may have removed it), and writes only if the file is still
 * what it renewed from — an `aws sso login` that finished meanwhile is kept as the CLI wrote it.
 */
import { createHash } from 'node:crypto';
import { CredentialsError, Now, isCredentialsError, text } from '../types';
import { HttpRequest } from './containers';
import { knownSecrets } from '../knownSecrets';
import { waitForLock } from '../crossWindowLock';

export interface SsoToken {
  readonly token: string;
  readonly expiration: Date;
}

/** Renewals shared by every provider of the window: in flight, and when each was last tried. */
export interface SsoTokenState {
  readonly inFlight: Map<string, Promise<SsoToken>>;
  readonly lastAttempt: Map<string, number>;
}

export function newSsoTokenState(): SsoTokenState {
  return { inFlight: new Map(), lastAttempt: new Map() };
}

export interface SsoTokenOptions {
  readonly profile: string;
  /** The sso-session name; undefined for a legacy profile. */
  readonly session?: string;
  readonly startUrl: string;
  readonly region: string;
  /** `~/.aws/sso/cache` */
  readonly cacheDir: string;
  /** SSO OIDC endpoint override (AWS_ENDPOINT_URL_SSO_OIDC, [services] sso_oidc endpoint_url). */
  readonly oidcEndpoint?: string;
  readonly readText: (path: string) => Promise<string>;
  /** Replaces a file (owner-only permissions). */
  readonly writeText: (path: string, text: string) => Promise<void>;
  readonly http: HttpRequest;
  readonly now: Now;
  readonly state: SsoTokenState;
  /** Takes the cross-window lock at `path` (undefined: another window holds it). Without it, no lock. */
  readonly tryLock?: (path: string) => Promise<(() => Promise<void>) | undefined>;
  /** Waits while another window renews. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** The CLI's refresh window: renew when less than this is left. */
export const SSO_REFRESH_WINDOW_MS = 15 * 60 * 1000;
const ATTEMPT_INTERVAL_MS = 30 * 1000;

export function ssoCacheFile(cacheDir: string, sessionOrStartUrl: string): string {
  return `${cacheDir}/${createHash('sha1').update(sessionOrStartUrl, 'utf8').digest('hex')}.json`;
}

/** The cache file as the CLI writes it; every field is checked before use. */
export type CachedToken = Record<string, unknown>;

/** What renews an access token: SSO OIDC CreateToken's refresh_token grant. */
interface RefreshGrant {
  readonly refreshToken: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

const MAX_TOKEN_SECONDS = 366 * 24 * 3600;

/** `2026-11-25T13:00:00Z`, the form the CLI writes (its SSO token and SSO credentials caches). */
export function cliTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** The cache file's JSON object; undefined when the text is not one. */
export function parseCachedToken(text: string): CachedToken | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as CachedToken) : undefined;
  } catch {
    return undefined;
  }
}

/** The access token and its expiry; undefined when either is missing. */
export function accessOf(cached: CachedToken): SsoToken | undefined {
  const token = str(cached['accessToken']);
  knownSecrets.add(token, str(cached['refreshToken']), str(cached['clientSecret']));
  const expiresAt = typeof cached['expiresAt'] === 'string' ? Date.parse(cached['expiresAt']) : NaN;
  return token === undefined || Number.isNaN(expiresAt) ? undefined : { token, expiration: new Date(expiresAt) };
}

/** The grant that renews the token, or why there is none ('' when fields are missing). */
export function renewalOf(cached: CachedToken, now: number): { readonly grant: RefreshGrant } | { readonly why: string } {
  const refreshToken = str(cached['refreshToken']);
  const clientId = str(cached['clientId']);
  const clientSecret = str(cached['clientSecret']);
  if (refreshToken === undefined || clientId === undefined || clientSecret === undefined) return { why: '' };
  const registrationExpiresAt = typeof cached['registrationExpiresAt'] === 'string' ? Date.parse(cached['registrationExpiresAt']) : NaN;
  if (!Number.isNaN(registrationExpiresAt) && registrationExpiresAt <= now) return { why: ' (and the sign-in registration is over)' };
  return { grant: { refreshToken, clientId, clientSecret } };
}

export class SsoTokenProvider {
  readonly description: string;
  private readonly file: string;

  constructor(private readonly o: SsoTokenOptions) {
    this.file = ssoCacheFile(o.cacheDir, o.session ?? o.startUrl);
    this.description = o.session !== undefined ? `IAM Identity Center session ${o.session}` : `IAM Identity Center sign-in for ${o.startUrl}`;
  }

  private needsLogin(message: string): CredentialsError {
    return new CredentialsError(message, {
      code: 'NeedsLogin',
      profile: this.o.profile,
      hint: text`Sign in ("aws sso login --profile ${this.o.profile}"), then try again.`,
    });
  }

  async retrieve(): Promise<SsoToken> {
    const running = this.o.state.inFlight.get(this.file);
    if (running !== undefined) return running;
    const seen = await this.readRaw();
    const cached = parseCachedToken(seen); // missing file: no session
    if (cached === undefined) throw this.needsLogin('No IAM Identity Center session is cached for this profile.');
    const existing = accessOf(cached);
    if (existing === undefined) throw this.needsLogin('The cached IAM Identity Center session is incomplete.');
    const expiresAt = existing.expiration.getTime();
    const now = this.o.now();
    if (expiresAt - now > SSO_REFRESH_WINDOW_MS) return existing;

    const keepOrFail = (why: string): SsoToken => {
      if (expiresAt > this.o.now()) return existing;
      throw this.needsLogin(`The IAM Identity Center session has expired${why}.`);
    };
    if (this.o.session === undefined) return keepOrFail('');
    const begun = this.o.state.inFlight.get(this.file); // another profile of the session began while this one read
    if (begun !== undefined) return begun;
    const renewal = renewalOf(cached, now);
    if ('why' in renewal) return keepOrFail(renewal.why);
    const last = this.o.state.lastAttempt.get(this.file);
    if (last !== undefined && now - last < ATTEMPT_INTERVAL_MS) return keepOrFail(' and could not be renewed');

    const renewing = this.renewShared(seen).catch((e: unknown) => {
      if (isCredentialsError(e, 'NeedsLogin')) throw e; // signed out meanwhile
      if (expiresAt > this.o.now()) return existing;
      if (e instanceof CredentialsError) throw e;
      throw this.needsLogin(`The IAM Identity Center session has expired and could not be renewed (${(e as Error).message}).`);
    });
    this.o.state.lastAttempt.set(this.file, now);
    this.o.state.inFlight.set(this.file, renewing);
    try {
      return await renewing;
    } finally {
      this.o.state.inFlight.delete(this.file);
    }
  }

  private readRaw(): Promise<string> {
    return this.o.readText(this.file).catch(() => '');
  }

  /** The token in `raw` if it has more than the refresh window left. */
  private freshIn(raw: string): SsoToken | undefined {
    const c = parseCachedToken(raw);
    const t = c !== undefined ? accessOf(c) : undefined;
    return t !== undefined && t.expiration.getTime() - this.o.now() > SSO_REFRESH_WINDOW_MS ? t : undefined;
  }

  /** Renews under the lock, from the cache as it is then, and writes back only over what it renewed from. */
  private async renewShared(seen: string): Promise<SsoToken> {
    const release = await waitForLock(this.file, this.o.tryLock, this.o.sleep);
    try {
      const current = await this.readRaw();
      if (current !== seen) {
        const fresher = this.freshIn(current);
        if (fresher !== undefined) return fresher; // another window or the CLI renewed it
        if (current === '') throw this.needsLogin('The IAM Identity Center session was signed out (its cache file is gone).');
      }
      const cached = parseCachedToken(current);
      const renewal = cached !== undefined ? renewalOf(cached, this.o.now()) : { why: '' };
      if (cached === undefined || 'why' in renewal) throw new Error('the cached session cannot be renewed');
      let next: { token: SsoToken; file: CachedToken };
      try {
        next = await this.renew(cached, renewal.grant);
      } catch (e) {
        // Refused because another process renewed with the same refresh token meanwhile?
        const fresher = this.freshIn(await this.readRaw());
        if (fresher !== undefined) return fresher;
        throw e;
      }
      if ((await this.readRaw()) === current) {
        try {
          await this.o.writeText(this.file, JSON.stringify(next.file));
        } catch {
          /* the token still works for us; the CLI renews its own copy when it needs to */
        }
      }
      return next.token;
    } finally {
      await release?.();
    }
  }

  /** SSO OIDC CreateToken with the refresh token: the new token, and the cache file that holds it. */
  private async renew(cached: CachedToken, grant: RefreshGrant): Promise<{ token: SsoToken; file: CachedToken }> {
    const base = (this.o.oidcEndpoint ?? `https://oidc.${this.o.region}.amazonaws.com`).replace(/\/+$/, '');
    let r;
    try {
      r = await this.o.http(`${base}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ clientId: grant.clientId, clientSecret: grant.clientSecret, grantType: 'refresh_token', refreshToken: grant.refreshToken }),
        timeoutMs: 15_000,
      });
    } catch (e) {
      throw new CredentialsError(
        text`The IAM Identity Center session has expired and could not be renewed: ${base} did not answer (${(e as Error).message}).`,
        {
          code: 'Network',
          profile: this.o.profile,
          hint: 'Check the network and sso_region, or sign in again.',
          cause: e,
        },
      );
    }
    let body: Record<string, unknown> = {};
    try {
      const parsed: unknown = JSON.parse(r.body);
      if (parsed !== null && typeof parsed === 'object') body = parsed as Record<string, unknown>;
    } catch {
      /* not JSON: the status says enough */
    }
    if (r.status !== 200) {
      // OAuth error codes only (invalid_grant, expired_token…): never echo anything secret.
      const code = str(body['error']) ?? `HTTP ${r.status}`;
      throw new Error(code.replace(/[^\w .-]/g, '').slice(0, 60));
    }
    const accessToken = str(body['accessToken']);
    knownSecrets.add(accessToken, str(body['refreshToken']));
    const expiresIn = body['expiresIn'];
    if (accessToken === undefined || typeof expiresIn !== 'number' || !(expiresIn > 0)) throw new Error('an answer without a token');
    // Tokens last hours; a lifetime beyond a year is read as a year (a date out of range threw).
    const expiration = this.o.now() + Math.min(expiresIn, MAX_TOKEN_SECONDS) * 1000;
    const file: CachedToken = { ...cached, accessToken, expiresAt: cliTime(expiration), refreshToken: str(body['refreshToken']) ?? grant.refreshToken };
    return { token: { token: accessToken, expiration: new Date(expiration) }, file };
  }
}
