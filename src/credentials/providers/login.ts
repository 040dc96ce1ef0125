/**
 * Credentials of an `aws login` session (`login_session = <principal ARN>`), as the AWS CLI 2.32+
 * and the SDKs read them: the token cache `${AWS_LOGIN_CACHE_DIRECTORY:-~/.aws/login/cache}/
 * <sha256 hex of the login_session>.json` holds 15-minute credentials and a refresh token; near
 * expiry the sign-in service's CreateOAuth2Token (grant refresh_token) gives new ones, asked with a
 * DPoP proof (RFC 9449) signed by the cache's P-256 key. The refresh token rotates, so the file is
 * rewritten — under the cross-window lock, and only over what it renewed from — for the AWS CLI and
 * the SDKs to read the same session.
 */
import { createHash, createPrivateKey, createPublicKey, randomUUID, sign } from 'node:crypto';
import { HttpRequest } from './containers';
import { CredentialProvider, Credentials, CredentialsError, Now, text } from '../types';
import { waitForLock } from '../crossWindowLock';

/** The SDKs refresh when less than this is left (the JS SDK's REFRESH_THRESHOLD). */
export const LOGIN_REFRESH_MS = 5 * 60_000;
/** A cache file larger than this is not a token cache (bounded: it comes from another program). */
const MAX_CACHE_BYTES = 64 * 1024;

export interface LoginCache {
  readonly accessToken: {
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
    readonly sessionToken: string;
    readonly accountId: string;
    readonly expiresAt: string;
  };
  readonly clientId: string;
  readonly refreshToken: string;
  readonly dpopKey: string;
  readonly signInRegion?: string;
  readonly [other: string]: unknown;
}

export interface LoginProviderOptions {
  readonly profile: string;
  /** The login_session value (the principal's ARN). */
  readonly session: string;
  readonly cacheDir: string;
  /** The sign-in service's base URL (configured, or the Region's). */
  readonly endpoint: (region: string | undefined) => string | undefined;
  /** Also refresh when less than this is left (the holder's expiry window). */
  readonly refreshWithinMs: number;
  readonly readText: (path: string) => Promise<string>;
  readonly writeText: (path: string, text: string) => Promise<void>;
  readonly http: HttpRequest;
  readonly now: Now;
  readonly tryLock?: (path: string) => Promise<(() => Promise<void>) | undefined>;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** The cache file of a login session: the SDKs' name for it. */
export function loginCacheFile(cacheDir: string, session: string): string {
  return `${cacheDir.replace(/\/+$/, '')}/${createHash('sha256').update(session, 'utf8').digest('hex')}.json`;
}

const isText = (v: unknown): v is string => typeof v === 'string' && v !== '' && v.length <= 16_384;

/** The cache as written by `aws login` or an SDK, or why it cannot be used. */
export function parseLoginCache(raw: string): LoginCache | string {
  if (raw.length > MAX_CACHE_BYTES) return 'it is larger than a login token cache';
  let o: unknown;
  try {
    o = JSON.parse(raw);
  } catch {
    return 'it is not JSON';
  }
  if (typeof o !== 'object' || o === null) return 'it is not a JSON object';
  const c = o as Record<string, unknown>;
  const a = c['accessToken'] as Record<string, unknown> | undefined;
  const missing = [
    ...(typeof a !== 'object' || a === null
      ? ['accessToken']
      : ['accessKeyId', 'secretAccessKey', 'sessionToken', 'accountId', 'expiresAt'].filter((k) => !isText(a[k]))),
    ...['clientId', 'refreshToken', 'dpopKey'].filter((k) => !isText(c[k])),
  ];
  if (missing.length > 0) return `it lacks ${missing.join(', ')}`;
  if (!Number.isFinite(Date.parse(String(a?.['expiresAt'])))) return 'its expiresAt is not a date';
  return c as unknown as LoginCache;
}

function credentialsOf(c: LoginCache): Credentials {
  const a = c.accessToken;
  return {
    accessKeyId: a.accessKeyId,
    secretAccessKey: a.secretAccessKey,
    sessionToken: a.sessionToken,
    accountId: a.accountId,
    expiration: new Date(a.expiresAt),
  };
}

/** A DPoP proof (RFC 9449) for one request: an ES256 JWT with the public key in its header. */
export function dpopProof(pem: string, method: string, url: string, nowMs: number): string {
  const key = createPrivateKey({ key: pem, format: 'pem' });
  const jwk = createPublicKey(key).export({ format: 'jwk' });
  const b64 = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  const header = b64({ alg: 'ES256', typ: 'dpop+jwt', jwk: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y } });
  const payload = b64({ jti: randomUUID(), htm: method, htu: url, iat: Math.floor(nowMs / 1000) });
  const signature = sign('sha256', Buffer.from(`${header}.${payload}`), { key, dsaEncoding: 'ieee-p1363' }).toString('base64url');
  return `${header}.${payload}.${signature}`;
}

/**
 * CreateOAuth2Token (POST {base}/v1/token) with a DPoP proof of `dpopKey`: the answer's status and its
 * JSON body (bounded; {} when it is not JSON). Unreachable: a Network error that names the service.
 */
export async function createOAuth2Token(
  o: { readonly http: HttpRequest; readonly now: Now; readonly base: string; readonly dpopKey: string },
  body: Record<string, string>,
): Promise<{ status: number; out: Record<string, unknown> }> {
  const url = `${o.base.replace(/\/+$/, '')}/v1/token`;
  let r: { status: number; body: string };
  try {
    r = await o.http(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', DPoP: dpopProof(o.dpopKey, 'POST', url, o.now()) },
      body: JSON.stringify(body),
      timeoutMs: 15_000,
    });
  } catch (e) {
    throw new CredentialsError(text`Could not reach the sign-in service at ${o.base}: ${(e as Error).message}.`, { code: 'Network', cause: e });
  }
  try {
    const out: unknown = JSON.parse(r.body.slice(0, MAX_CACHE_BYTES));
    return { status: r.status, out: typeof out === 'object' && out !== null ? (out as Record<string, unknown>) : {} };
  } catch {
    return { status: r.status, out: {} };
  }
}

/** The credentials and the rotated refresh token of a token output (the operation's HTTP payload), or undefined when incomplete. */
export function tokenOutputOf(
  out: Record<string, unknown>,
): { accessKeyId: string; secretAccessKey: string; sessionToken: string; refreshToken: string; expiresIn: number } | undefined {
  const a = (out['accessToken'] ?? {}) as Record<string, unknown>;
  const expiresIn = typeof out['expiresIn'] === 'number' && out['expiresIn'] > 0 && out['expiresIn'] <= 43_200 ? out['expiresIn'] : 900;
  if (!isText(a['accessKeyId']) || !isText(a['secretAccessKey']) || !isText(a['sessionToken']) || !isText(out['refreshToken'])) return undefined;
  return {
    accessKeyId: a['accessKeyId'],
    secretAccessKey: a['secretAccessKey'],
    sessionToken: a['sessionToken'],
    refreshToken: out['refreshToken'],
    expiresIn,
  };
}

/** What the sign-in service's refusals mean to a person, and what to do (the first two: sign in again). */
const REFUSALS: Record<string, { message: string; hint: string; code: 'NeedsLogin' | 'AccessDenied' }> = {
  TOKEN_EXPIRED: { message: 'The console sign-in session is over.', hint: 'Sign in again ("aws login --profile {0}").', code: 'NeedsLogin' },
  USER_CREDENTIALS_CHANGED: {
    message: 'The console sign-in session ended because the password of the signed-in user changed.',
    hint: 'Sign in again with the new password ("aws login --profile {0}").',
    code: 'NeedsLogin',
  },
  INSUFFICIENT_PERMISSIONS: {
    message: 'The signed-in principal may not renew its credentials (signin:CreateOAuth2Token).',
    hint: 'Ask an administrator to attach the SignInLocalDevelopmentAccess policy, then sign in again ("aws login --profile {0}").',
    code: 'AccessDenied',
  },
};

export class LoginProvider implements CredentialProvider {
  readonly description: string;
  private readonly file: string;

  constructor(private readonly o: LoginProviderOptions) {
    this.file = loginCacheFile(o.cacheDir, o.session);
    this.description = `console sign-in session ${o.session} (profile ${o.profile})`;
  }

  async retrieve(): Promise<Credentials> {
    const raw = await this.readRaw();
    const cache = this.parse(raw);
    if (this.fresh(cache)) return credentialsOf(cache);
    return this.renewShared(raw, cache);
  }

  private fresh(c: LoginCache): boolean {
    return Date.parse(c.accessToken.expiresAt) - this.o.now() > Math.max(LOGIN_REFRESH_MS, this.o.refreshWithinMs);
  }

  private async readRaw(): Promise<string> {
    try {
      return await this.o.readText(this.file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return '';
      throw new CredentialsError(text`Cannot read the console sign-in cache ${this.file} (${(e as NodeJS.ErrnoException).code ?? 'error'}).`, {
        code: 'Config',
        hint: 'Check that the file is readable.',
        cause: e,
      });
    }
  }

  private parse(raw: string): LoginCache {
    if (raw === '')
      throw new CredentialsError('No console sign-in session is cached for this profile.', {
        code: 'NeedsLogin',
        hint: text`Sign in ("aws login --profile ${this.o.profile}", AWS CLI 2.32 or later), then try again.`,
      });
    const c = parseLoginCache(raw);
    if (typeof c === 'string')
      throw new CredentialsError(text`The console sign-in cache ${this.file} cannot be used: ${c}.`, {
        code: 'NeedsLogin',
        hint: text`Sign in again ("aws login --profile ${this.o.profile}").`,
      });
    return c;
  }

  /** Renews under the lock, from the cache as it is then, and writes back only over what it renewed from. */
  private async renewShared(seen: string, seenCache: LoginCache): Promise<Credentials> {
    const release = await waitForLock(this.file, this.o.tryLock, this.o.sleep);
    try {
      const current = await this.readRaw();
      const cache = current === seen ? seenCache : this.parse(current);
      if (current !== seen && this.fresh(cache)) return credentialsOf(cache); // another window, the CLI or an SDK renewed it
      let next: LoginCache;
      try {
        next = await this.renew(cache);
      } catch (e) {
        // Refused because another program renewed with the same refresh token meanwhile?
        const again = await this.readRaw();
        if (again !== current) {
          const other = this.parse(again);
          if (this.fresh(other)) return credentialsOf(other);
        }
        // Not renewable now, but still valid: use it until it really expires.
        if (
          !(e instanceof CredentialsError && (e.code === 'NeedsLogin' || e.code === 'AccessDenied')) &&
          Date.parse(cache.accessToken.expiresAt) > this.o.now()
        )
          return credentialsOf(cache);
        throw e;
      }
      // Re-read just before replacing: a renewal that landed in between is kept.
      if ((await this.readRaw()) === current) await this.o.writeText(this.file, JSON.stringify(next, null, 2));
      return credentialsOf(next);
    } finally {
      await release?.();
    }
  }

  private async renew(c: LoginCache): Promise<LoginCache> {
    const region = typeof c.signInRegion === 'string' && c.signInRegion !== '' ? c.signInRegion : undefined;
    const base = this.o.endpoint(region);
    if (base === undefined)
      throw new CredentialsError('The console sign-in session cannot be renewed: no Region is known for the sign-in service.', {
        code: 'Config',
        hint: 'Add region to the profile, or set AWS_ENDPOINT_URL_SIGNIN.',
      });
    const r = await createOAuth2Token(
      { http: this.o.http, now: this.o.now, base, dpopKey: c.dpopKey },
      {
        clientId: c.clientId,
        grantType: 'refresh_token',
        refreshToken: c.refreshToken,
      },
    );
    if (r.status !== 200) {
      const refusal = typeof r.out['error'] === 'string' ? REFUSALS[r.out['error']] : undefined;
      if (refusal !== undefined) throw new CredentialsError(refusal.message, { code: refusal.code, hint: { template: refusal.hint, args: [this.o.profile] } });
      throw new CredentialsError(text`The sign-in service answered HTTP ${r.status}.`, {
        code: 'Network',
        hint: 'Try again; the credentials are used until they expire.',
      });
    }
    const t = tokenOutputOf(r.out);
    if (t === undefined) throw new CredentialsError('The sign-in service answered without complete credentials.', { code: 'Network', hint: 'Try again.' });
    return {
      ...c,
      accessToken: {
        ...c.accessToken,
        accessKeyId: t.accessKeyId,
        secretAccessKey: t.secretAccessKey,
        sessionToken: t.sessionToken,
        expiresAt: new Date(this.o.now() + t.expiresIn * 1000).toISOString(),
      },
      refreshToken: t.refreshToken,
    };
  }
}
