/**
 * Signing in as `aws login` does, without the AWS CLI: the OAuth 2.0 authorization code flow of
 * the AWS sign-in service with PKCE (S256) and DPoP. Same-device: the browser comes back to a
 * loopback `http://127.0.0.1:<port>/oauth/callback`; cross-device (a remote window): the person
 * pastes the code the browser shows. The code is exchanged (CreateOAuth2Token, grant
 * authorization_code) for 15-minute credentials, a refresh token and an ID token whose `sub` is the
 * principal: the `login_session` value. The session is written where the AWS CLI and the SDKs read it.
 */
import { createHash, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { HttpRequest } from '../providers/containers';
import { LoginCache, createOAuth2Token, loginCacheFile, tokenOutputOf } from '../providers/login';
import { CredentialsError, Now, text } from '../types';

export type LoginMode = 'same-device' | 'cross-device';

export const LOGIN_CLIENT_IDS: Record<LoginMode, string> = {
  'same-device': 'arn:aws:signin:::devtools/same-device',
  'cross-device': 'arn:aws:signin:::devtools/cross-device',
};

export interface LoginSignInOptions {
  readonly mode: LoginMode;
  /** The sign-in service's base URL (configured, or the Region's). */
  readonly base: string;
  /** Same-device: the loopback callback's URL. */
  readonly redirectUri?: string;
  readonly cacheDir: string;
  readonly http: HttpRequest;
  readonly now: Now;
  readonly writeText: (path: string, text: string) => Promise<void>;
}

export interface LoginSignedIn {
  /** The principal's ARN: the profile's login_session. */
  readonly session: string;
  readonly accountId: string;
}

const VERIFIER_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~';

/** A PKCE verifier of 64 unreserved characters, and its S256 challenge (base64url, unpadded). */
export function pkcePair(): { verifier: string; challenge: string } {
  const bytes = randomBytes(64);
  const verifier = Array.from(bytes, (b) => VERIFIER_CHARS[b % VERIFIER_CHARS.length]).join('');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** What a person pastes in the cross-device flow: base64 of `state=…&code=…`; the code and state, or why not. */
export function parsePastedCode(pasted: string): { code: string; state: string } | string {
  const t = pasted.trim();
  if (t === '' || t.length > 8192 || !/^[A-Za-z0-9+/=_-]+$/.test(t)) return 'This is not the code the sign-in page shows.';
  const q = new URLSearchParams(Buffer.from(t, 'base64').toString('utf8'));
  const code = q.get('code');
  const state = q.get('state');
  return code !== null && code !== '' && state !== null ? { code, state } : 'This is not the code the sign-in page shows.';
}

/** The principal an ID token names (its `sub`), when it is an ARN with an account. */
function principalOf(idToken: string): { session: string; accountId: string } | undefined {
  const payload = idToken.split('.')[1];
  if (payload === undefined || payload.length > 16_384) return undefined;
  try {
    const sub = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub?: unknown }).sub;
    const account = typeof sub === 'string' ? /^arn:aws[\w-]*:[\w-]+::(\d{12}):\S+$/.exec(sub)?.[1] : undefined;
    return typeof sub === 'string' && account !== undefined ? { session: sub, accountId: account } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One sign-in: the URL to open, then `finish` with the code and state the browser gave back (the
 * callback's, or pasted). The state must be this sign-in's, and the code works once.
 */
export class LoginSignIn {
  readonly authorizeUrl: string;
  private readonly state = randomUUID();
  private readonly pkce = pkcePair();
  private readonly dpopKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'sec1', format: 'pem' }).toString();
  private readonly redirectUri: string;
  private readonly base: string;

  constructor(private readonly o: LoginSignInOptions) {
    this.base = o.base.replace(/\/+$/, '');
    this.redirectUri = o.mode === 'same-device' ? (o.redirectUri ?? '') : `${this.base}/v1/sessions/confirmation`;
    const q = new URLSearchParams({
      response_type: 'code',
      client_id: LOGIN_CLIENT_IDS[o.mode],
      state: this.state,
      code_challenge_method: 'SHA-256',
      scope: 'openid',
      redirect_uri: this.redirectUri,
      code_challenge: this.pkce.challenge,
    });
    this.authorizeUrl = `${this.base}/v1/authorize?${q.toString()}`;
  }

  async finish(code: string, state: string): Promise<LoginSignedIn> {
    if (state !== this.state)
      throw new CredentialsError('The sign-in came back for another sign-in (its state does not match).', {
        code: 'Cancelled',
        hint: 'Start the sign-in again.',
      });
    const r = await createOAuth2Token(
      { http: this.o.http, now: this.o.now, base: this.base, dpopKey: this.dpopKey },
      { clientId: LOGIN_CLIENT_IDS[this.o.mode], grantType: 'authorization_code', code, codeVerifier: this.pkce.verifier, redirectUri: this.redirectUri },
    );
    const o = r.out;
    if (r.status !== 200) {
      if (o['error'] === 'AUTHCODE_EXPIRED')
        throw new CredentialsError('The sign-in took too long: its code expired.', { code: 'Expired', hint: 'Sign in again.' });
      if (o['error'] === 'INSUFFICIENT_PERMISSIONS')
        throw new CredentialsError('The signed-in principal may not sign in to local tools (signin:AuthorizeOAuth2Access).', {
          code: 'AccessDenied',
          hint: 'Ask an administrator to attach the SignInLocalDevelopmentAccess policy, then sign in again.',
        });
      throw new CredentialsError(text`The sign-in service answered HTTP ${r.status}.`, { code: 'Network', hint: 'Sign in again.' });
    }
    const t = tokenOutputOf(o);
    const principal = typeof o['idToken'] === 'string' ? principalOf(o['idToken']) : undefined;
    if (t === undefined || principal === undefined)
      throw new CredentialsError('The sign-in service answered without complete credentials.', { code: 'Network', hint: 'Sign in again.' });
    const cache: LoginCache = {
      accessToken: {
        accessKeyId: t.accessKeyId,
        secretAccessKey: t.secretAccessKey,
        sessionToken: t.sessionToken,
        accountId: principal.accountId,
        // As the AWS CLI writes it: whole seconds, UTC.
        expiresAt: new Date(this.o.now() + t.expiresIn * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      },
      tokenType: typeof o['tokenType'] === 'string' ? o['tokenType'] : 'aws_sigv4',
      clientId: LOGIN_CLIENT_IDS[this.o.mode],
      refreshToken: t.refreshToken,
      idToken: o['idToken'],
      dpopKey: this.dpopKey,
    };
    await this.o.writeText(loginCacheFile(this.o.cacheDir, principal.session), JSON.stringify(cache, null, 2));
    return principal;
  }
}
