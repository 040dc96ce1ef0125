/**
 * The AWS sign-in service's token endpoint as `aws login` sessions use it: POST /v1/token
 * (CreateOAuth2Token, grant refresh_token) with a DPoP proof. Verifies the proof's ES256 signature
 * with the key in its header, its htm and htu, its age, and that its jti is not replayed; a refresh
 * token works once (it rotates). Refuses as the service does: AccessDeniedException with
 * TOKEN_EXPIRED, USER_CREDENTIALS_CHANGED or INSUFFICIENT_PERMISSIONS.
 */
import { createPublicKey, randomBytes, verify } from 'node:crypto';
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

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    this.handleToken(req, Buffer.concat(chunks).toString('utf8'), res);
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
    const principal = s.principalArn ?? `arn:aws:iam::${s.accountId}:user/signed-in`;
    const cred = this.o.issue?.(principal, this.expiresIn) ?? {
      accessKeyId: `ASIALOGIN${String(this.issued).padStart(8, '0')}`,
      secretAccessKey: randomBytes(20).toString('base64'),
      sessionToken: `login-session-token-${this.issued}`,
    };
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
