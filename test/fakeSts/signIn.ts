/**
 * The AWS sign-in service's token endpoint as `aws login` sessions use it: POST /v1/token
 * (CreateOAuth2Token, grant refresh_token) with a DPoP proof. Verifies the proof's ES256 signature
 * with the key in its header, its htm and htu, its age, and that its jti is not replayed; a refresh
 * token works once (it rotates). Refuses as the service does: AccessDeniedException with
 * TOKEN_EXPIRED, USER_CREDENTIALS_CHANGED or INSUFFICIENT_PERMISSIONS.
 */
import { createHash, createPublicKey, generateKeyPairSync, randomBytes, verify } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

export interface IssuedSession {
  readonly clientId: string;
  refreshToken: string;
  /** The DPoP key's public JWK thumbprint parts the session is bound to (x, y). */
  readonly jwk: { readonly x: string; readonly y: string };
  readonly accountId: string;
  /** The signed-in principal (its credentials act as it at the fake STS). */
  readonly principalArn?: string;
}

export interface TokenCall {
  readonly at: number;
  readonly ok: boolean;
  readonly why?: string;
  readonly htu?: string;
}

export interface FakeSignInOptions {
  /** Its clock (the fake STS's, which may be virtual). */
  readonly now?: () => number;
  /** Issues credentials for the principal (the fake STS's, so they sign its calls); made up without it. */
  readonly issue?: (principalArn: string, seconds: number) => { accessKeyId: string; secretAccessKey: string; sessionToken: string };
}

export class FakeSignIn {
  private server: Server | undefined;
  private readonly now: () => number;
  url = '';
  /** By refresh token (the current one of each session). */
  private readonly sessions = new Map<string, IssuedSession>();
  private readonly seenJti = new Set<string>();
  readonly calls: TokenCall[] = [];
  /** The next refusal to give (an AccessDeniedException error code), once. */
  refuseNext: 'TOKEN_EXPIRED' | 'USER_CREDENTIALS_CHANGED' | 'INSUFFICIENT_PERMISSIONS' | undefined;
  /** Seconds the credentials it gives live. */
  expiresIn = 900;
  issued = 0;
  /** Who signs in at the authorize page (it approves at once, as a person already signed in to the console). */
  principalArn = 'arn:aws:iam::123456789012:user/demo-user';
  /** Authorization codes given and not yet exchanged. */
  private readonly codes = new Map<string, { clientId: string; redirectUri: string; challenge: string; until: number }>();
  /** The next authorization code exchange to refuse as expired, once. */
  expireNextCode = false;

  constructor(private readonly o: FakeSignInOptions = {}) {
    this.now = o.now ?? (() => Date.now());
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server?.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => this.server?.close(() => r()) ?? r());
  }

  /** A session as `aws login` leaves it: its refresh token, bound to the DPoP key's public point. */
  register(s: IssuedSession): void {
    this.sessions.set(s.refreshToken, s);
  }

  /**
   * What `aws login` caches after signing in as `principalArn` (same-device): the text of
   * `~/.aws/login/cache/<sha256 of the ARN>.json`, registered here so that it renews.
   */
  cachedSession(principalArn = this.principalArn): string {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const jwk = publicKey.export({ format: 'jwk' });
    const accountId = /::(\d{12}):/.exec(principalArn)?.[1] ?? '000000000000';
    const clientId = 'arn:aws:signin:::devtools/same-device';
    const refreshToken = `refresh-${randomBytes(12).toString('hex')}`;
    this.register({ clientId, refreshToken, jwk: { x: jwk.x ?? '', y: jwk.y ?? '' }, accountId, principalArn });
    this.issued++;
    const cred = this.credentialsFor(principalArn);
    return JSON.stringify({
      accessToken: { ...cred, accountId, expiresAt: new Date(this.now() + this.expiresIn * 1000).toISOString() },
      tokenType: 'aws_sigv4',
      clientId,
      refreshToken,
      idToken: 'header.payload.signature',
      dpopKey: privateKey.export({ type: 'sec1', format: 'pem' }).toString(),
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET' && url.pathname === '/v1/authorize') return this.handleAuthorize(url, res);
    this.handleToken(req, Buffer.concat(chunks).toString('utf8'), res);
  }

  /**
   * GET /v1/authorize: checks the request as the service would (client, PKCE method, scope, state,
   * redirect), then approves at once. Same-device: a page that says who signed in and goes back to
   * the loopback redirect; cross-device: a page with the code to paste (base64 of state and code).
   */
  handleAuthorize(url: URL, res: ServerResponse): void {
    const q = url.searchParams;
    const page = (status: number, html: string): void => {
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><meta charset="utf-8"><title>AWS sign-in (fake)</title><body style="font-family:system-ui;margin:3em">${html}</body>`);
    };
    const clientId = q.get('client_id') ?? '';
    const redirectUri = q.get('redirect_uri') ?? '';
    const state = q.get('state') ?? '';
    const challenge = q.get('code_challenge') ?? '';
    const sameDevice = clientId === 'arn:aws:signin:::devtools/same-device';
    const crossDevice = clientId === 'arn:aws:signin:::devtools/cross-device';
    const why =
      q.get('response_type') !== 'code'
        ? 'response_type must be code'
        : !sameDevice && !crossDevice
          ? 'unknown client_id'
          : q.get('code_challenge_method') !== 'SHA-256'
            ? 'code_challenge_method must be SHA-256'
            : !/^[A-Za-z0-9_-]{43}$/.test(challenge)
              ? 'code_challenge is not an S256 challenge'
              : q.get('scope') !== 'openid'
                ? 'scope must be openid'
                : state === ''
                  ? 'state is missing'
                  : sameDevice && !/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/.test(redirectUri)
                    ? 'redirect_uri must be a loopback /oauth/callback'
                    : crossDevice && !redirectUri.endsWith('/v1/sessions/confirmation')
                      ? 'redirect_uri must be the confirmation page'
                      : undefined;
    if (why !== undefined) return page(400, `<h1>Sign-in refused</h1><p id="why">${why}</p>`);
    const code = `code-${randomBytes(16).toString('hex')}`;
    this.codes.set(code, { clientId, redirectUri, challenge, until: this.now() + 5 * 60_000 });
    const who = `<h1>AWS sign-in (fake)</h1><p id="who">Signed in as ${this.principalArn}</p>`;
    if (sameDevice) {
      const back = `${redirectUri}?${new URLSearchParams({ code, state }).toString()}`;
      return page(
        200,
        `${who}<p>Going back to VS Code…</p><meta http-equiv="refresh" content="1;url=${back.replace(/"/g, '&quot;')}"><a id="back" href="${back.replace(/"/g, '&quot;')}">Continue</a>`,
      );
    }
    const pasted = Buffer.from(new URLSearchParams({ state, code }).toString()).toString('base64');
    return page(200, `${who}<p>Enter this code where you started the sign-in:</p><pre id="code">${pasted}</pre>`);
  }

  /** POST /v1/token (also served by the fake STS, on its port). */
  handleToken(req: IncomingMessage, body: string, res: ServerResponse): void {
    const fail = (status: number, error: string, message: string): void => {
      this.calls.push({ at: this.now(), ok: false, why: `${error}: ${message}` });
      res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': status === 403 ? 'AccessDeniedException' : 'ValidationException' });
      res.end(JSON.stringify({ error, message }));
    };
    if (req.method !== 'POST' || req.url !== '/v1/token') return fail(404, 'NotFound', `${req.method ?? ''} ${req.url ?? ''}`);
    const htu = `http://${req.headers.host ?? ''}/v1/token`;
    const proof = this.checkDpop(String(req.headers['dpop'] ?? ''), 'POST', htu);
    if (typeof proof === 'string') return fail(400, 'invalid_dpop_proof', proof);
    let input: Record<string, unknown>;
    try {
      input = JSON.parse(body) as Record<string, unknown>;
    } catch {
      return fail(400, 'ValidationException', 'not JSON');
    }
    if (input['grantType'] === 'authorization_code') return this.exchangeCode(input, proof, htu, res, fail);
    if (input['grantType'] !== 'refresh_token') return fail(400, 'ValidationException', 'grantType');
    const s = this.sessions.get(String(input['refreshToken']));
    if (s === undefined || s.clientId !== input['clientId']) return fail(403, 'TOKEN_EXPIRED', 'unknown or used refresh token');
    if (s.jwk.x !== proof.x || s.jwk.y !== proof.y) return fail(400, 'invalid_dpop_proof', 'the proof is signed by another key than the session is bound to');
    const refusal = this.refuseNext;
    this.refuseNext = undefined;
    if (refusal !== undefined) return fail(403, refusal, refusal);
    this.sessions.delete(s.refreshToken);
    s.refreshToken = `refresh-${randomBytes(12).toString('hex')}`;
    this.sessions.set(s.refreshToken, s);
    this.issued++;
    this.calls.push({ at: this.now(), ok: true, htu });
    const cred = this.credentialsFor(s.principalArn ?? `arn:aws:iam::${s.accountId}:user/signed-in`);
    res.writeHead(200, { 'content-type': 'application/json' });
    // The response's body is the token output itself (its HTTP payload), as the service answers.
    res.end(
      JSON.stringify({
        accessToken: { accessKeyId: cred.accessKeyId, secretAccessKey: cred.secretAccessKey, sessionToken: cred.sessionToken },
        tokenType: 'aws_sigv4',
        expiresIn: this.expiresIn,
        refreshToken: s.refreshToken,
      }),
    );
  }

  /** The authorization code grant: PKCE, the redirect and the client checked; the session bound to the proof's key. */
  private exchangeCode(
    input: Record<string, unknown>,
    proof: { x: string; y: string },
    htu: string,
    res: ServerResponse,
    fail: (status: number, error: string, message: string) => void,
  ): void {
    const code = String(input['code'] ?? '');
    const pending = this.codes.get(code);
    this.codes.delete(code); // a code works once
    if (pending === undefined) return fail(400, 'ValidationException', 'unknown or used authorization code');
    if (this.expireNextCode || pending.until <= this.now()) {
      this.expireNextCode = false;
      return fail(403, 'AUTHCODE_EXPIRED', 'the authorization code expired');
    }
    if (input['clientId'] !== pending.clientId) return fail(400, 'ValidationException', 'clientId differs from the authorization');
    if (input['redirectUri'] !== pending.redirectUri) return fail(400, 'ValidationException', 'redirectUri differs from the authorization');
    const verifier = String(input['codeVerifier'] ?? '');
    if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier) || createHash('sha256').update(verifier).digest('base64url') !== pending.challenge)
      return fail(400, 'ValidationException', 'codeVerifier does not match code_challenge (PKCE)');
    const accountId = /::(\d{12}):/.exec(this.principalArn)?.[1] ?? '000000000000';
    const session: IssuedSession = {
      clientId: pending.clientId,
      refreshToken: `refresh-${randomBytes(12).toString('hex')}`,
      jwk: proof,
      accountId,
      principalArn: this.principalArn,
    };
    this.register(session);
    this.issued++;
    this.calls.push({ at: this.now(), ok: true, htu });
    const cred = this.credentialsFor(this.principalArn);
    const b64 = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
    const idToken = `${b64({ alg: 'ES256', typ: 'JWT' })}.${b64({ sub: this.principalArn, iat: Math.floor(this.now() / 1000) })}.${randomBytes(32).toString('base64url')}`;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        accessToken: { accessKeyId: cred.accessKeyId, secretAccessKey: cred.secretAccessKey, sessionToken: cred.sessionToken },
        tokenType: 'aws_sigv4',
        expiresIn: this.expiresIn,
        refreshToken: session.refreshToken,
        idToken,
      }),
    );
  }

  /** Credentials of the principal: the fake STS's (they sign its calls), else made up. */
  private credentialsFor(principal: string): { accessKeyId: string; secretAccessKey: string; sessionToken: string } {
    return (
      this.o.issue?.(principal, this.expiresIn) ?? {
        accessKeyId: `ASIALOGIN${String(this.issued).padStart(8, '0')}`,
        secretAccessKey: randomBytes(20).toString('base64'),
        sessionToken: `login-session-token-${this.issued}`,
      }
    );
  }

  /** The proof's public point, or why it is refused. */
  private checkDpop(jwt: string, htm: string, htu: string): { x: string; y: string } | string {
    const parts = jwt.split('.');
    if (parts.length !== 3) return 'no DPoP proof';
    const [h, p, sig] = parts as [string, string, string];
    let header: { alg?: string; typ?: string; jwk?: { kty?: string; crv?: string; x?: string; y?: string } };
    let payload: { jti?: string; htm?: string; htu?: string; iat?: number };
    try {
      header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as typeof header;
      payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as typeof payload;
    } catch {
      return 'the proof is not a JWT';
    }
    if (header.alg !== 'ES256' || header.typ !== 'dpop+jwt' || header.jwk?.kty !== 'EC' || header.jwk.crv !== 'P-256')
      return 'the proof is not an ES256 dpop+jwt';
    const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: header.jwk.x ?? '', y: header.jwk.y ?? '' }, format: 'jwk' });
    if (!verify('sha256', Buffer.from(`${h}.${p}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(sig, 'base64url')))
      return 'the proof signature does not verify';
    if (payload.htm !== htm) return `htm ${String(payload.htm)} is not ${htm}`;
    if (payload.htu !== htu) return `htu ${String(payload.htu)} is not ${htu}`;
    if (typeof payload.iat !== 'number' || Math.abs(this.now() / 1000 - payload.iat) > 300) return 'iat is not now';
    if (typeof payload.jti !== 'string' || this.seenJti.has(payload.jti)) return 'the proof is replayed (jti seen)';
    this.seenJti.add(payload.jti);
    return { x: header.jwk.x ?? '', y: header.jwk.y ?? '' };
  }
}
