/**
 * A wire-level fake of AWS STS for tests and the playground. It speaks the Query protocol
 * (form-encoded requests, XML responses and XML errors), verifies every SigV4 signature with
 * `@smithy/signature-v4` against keys it was given or credentials it issued, and enforces the rules
 * the real service enforces that matter to a credentials client: MFA codes (TOTP, single use),
 * DurationSeconds bounds, RoleSessionName, Policy size, ExternalId, role-chaining limits and
 * credential expiry.
 */
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';
import { matchTotp, totp } from './totp';
import { FakeSignIn } from './signIn';

export interface StaticKey {
  accessKeyId: string;
  secretAccessKey: string;
  /** The IAM user these keys belong to, e.g. `arn:aws:iam::111111111111:user/alice`. */
  userArn: string;
}

export interface RoleSpec {
  arn: string;
  /** Seconds; AWS's default is 3600, its range 3600…43200. */
  maxSessionDuration?: number;
  /** When set, AssumeRole must carry exactly this ExternalId. */
  externalId?: string;
  /** When set, AssumeRole must carry this device's SerialNumber and a valid TokenCode. */
  mfaSerial?: string;
  /** Principals (user or role ARNs) allowed to assume the role; empty or missing: anyone. */
  trusted?: string[];
  /** Allows AssumeRoleWithWebIdentity with a JWT whose `iss` is one of these (any when empty). */
  webIdentityIssuers?: string[];
}

export interface MfaDevice {
  serial: string;
  /** TOTP seed. */
  secret: string;
}

export interface FakeStsOptions {
  keys?: StaticKey[];
  roles?: RoleSpec[];
  mfaDevices?: MfaDevice[];
  /** When set, issued credentials live this many seconds whatever DurationSeconds asked for. */
  credentialLifetimeSeconds?: number;
  /** Injectable clock (ms since epoch). */
  now?: () => number;
  /** The accounts and permission sets the IAM Identity Center portal lists (ListAccounts, ListAccountRoles). */
  ssoAccounts?: Array<{ accountId: string; accountName: string; emailAddress?: string; roles: string[] }>;
  /** Page size of the portal's lists (the real one pages too), to exercise next_token. */
  ssoPageSize?: number;
}

export interface Issued {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
  /** Caller ARN these credentials represent (assumed-role or federated user ARN). */
  arn: string;
  /** True when issued by AssumeRole*/
  isRole: boolean;
  /** GetSessionToken credentials: true when MFA was given for them (aws:MultiFactorAuthPresent). */
  mfaAuthenticated?: boolean;
  /** Issued by GetSessionToken (which the console federation endpoint refuses). */
  fromSessionToken?: boolean;
  /** Issued by GetFederationToken. */
  federated?: boolean;
}

/** A console sign-in that reached the fake's federation endpoint (`Action=login`). */
export interface ConsoleLogin {
  arn: string;
  destination: string;
  issuer: string | undefined;
  /** SessionDuration given to getSigninToken, if any. */
  sessionDuration: number | undefined;
  at: number;
  /** When the console session ends: SessionDuration after the sign-in, else when its credentials expire. */
  until: number;
}

/** An `aws sso login` cache entry's token fields (the CLI adds startUrl and region). */
export interface SsoCachedToken {
  accessToken: string;
  expiresAt: string;
  clientId: string;
  clientSecret: string;
  registrationExpiresAt: string;
  refreshToken: string;
}

/** `2026-11-25T13:00:00Z`, the form the AWS CLI writes in its SSO cache. */
function cliTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface RecordedCall {
  action: string;
  params: Record<string, string>;
  /** The caller's ARN when the request was signed (undefined for unsigned web identity calls). */
  caller: string | undefined;
  /** The region of the request's SigV4 credential scope (undefined for unsigned calls). */
  region?: string;
  /** Error code returned, if any. */
  error?: string;
  at: number;
}

class StsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly type: 'Sender' | 'Receiver' = 'Sender',
  ) {
    super(message);
  }
}

const XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const SESSION_NAME = /^[\w+=,.@-]*$/;

function xmlEscape(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] as string);
}

function accountOf(arn: string): string {
  return arn.split(':')[4] ?? '000000000000';
}

function roleNameOf(arn: string): string {
  const res = arn.split(':').slice(5).join(':');
  return res.slice(res.lastIndexOf('/') + 1);
}

function randomId(prefix: string, len: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bytes = randomBytes(len);
  let out = prefix;
  for (let i = 0; i < len; i++) out += alphabet[(bytes[i] as number) % alphabet.length];
  return out;
}

function iso(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function base64UrlJson(part: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Makes an unsigned demo JWT (the fake checks shape, `iss`, `sub` and `exp`, not a signature). */
export function makeJwt(claims: Record<string, unknown>): string {
  const enc = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${enc({ alg: 'RS256', typ: 'JWT', kid: 'fake' })}.${enc(claims)}.${Buffer.from('fake-signature').toString('base64url')}`;
}

export class FakeSts {
  private server: Server | undefined;
  private aliasServer: Server | undefined;
  private readonly keys = new Map<string, StaticKey>();
  private readonly issued = new Map<string, Issued>();
  private readonly roles = new Map<string, RoleSpec>();
  private readonly devices = new Map<string, MfaDevice>();
  private readonly usedCodes = new Set<string>();
  /** IAM Identity Center access tokens this fake handed out (as `aws sso login` would cache them). */
  private readonly ssoTokens = new Map<string, number>();
  /** SSO OIDC client registrations (clientId → clientSecret) and live refresh tokens (→ clientId). */
  private readonly ssoClients = new Map<string, string>();
  private readonly ssoRefreshTokens = new Map<string, string>();
  /** Lifetime of access tokens from CreateToken with a refresh token. */
  ssoRefreshedTokenLifetimeSeconds = 3600;
  readonly calls: RecordedCall[] = [];
  credentialLifetimeSeconds: number | undefined;
  private readonly now: () => number;
  /** The sign-in service of `aws login` sessions (POST /v1/token): credentials it gives sign calls here. */
  readonly signIn: FakeSignIn;
  url = '';

  /** The portal's accounts (settable by tests). */
  ssoAccounts: NonNullable<FakeStsOptions['ssoAccounts']>;
  private readonly ssoPageSize: number | undefined;

  constructor(options: FakeStsOptions = {}) {
    this.ssoAccounts = options.ssoAccounts ?? [];
    this.ssoPageSize = options.ssoPageSize;
    for (const k of options.keys ?? []) this.keys.set(k.accessKeyId, k);
    for (const r of options.roles ?? []) this.roles.set(r.arn, r);
    for (const d of options.mfaDevices ?? []) this.devices.set(d.serial, d);
    this.credentialLifetimeSeconds = options.credentialLifetimeSeconds;
    this.now = options.now ?? (() => Date.now());
    this.signIn = new FakeSignIn({ now: this.now, issue: (arn, seconds) => this.issue(arn, false, seconds) });
  }

  addKey(key: StaticKey): void {
    this.keys.set(key.accessKeyId, key);
  }

  addRole(role: RoleSpec): void {
    this.roles.set(role.arn, role);
  }

  addMfaDevice(device: MfaDevice): void {
    this.devices.set(device.serial, device);
  }

  /** The code a device shows now (what a person would read off their authenticator app). */
  currentCode(serial: string, offsetSteps = 0): string {
    const d = this.devices.get(serial);
    if (d === undefined) throw new Error(`no MFA device ${serial}`);
    return totp(d.secret, Math.floor(this.now() / 1000), offsetSteps);
  }

  /** Looks up credentials this fake issued (tests use it to check what a client holds). */
  issuedFor(accessKeyId: string): Issued | undefined {
    return this.issued.get(accessKeyId);
  }

  /**
   * What a completed `aws sso login` caches for an sso-session: an access token, and the client
   * registration and refresh token that let SDKs and the CLI renew it (SSO OIDC CreateToken).
   */
  issueSsoToken(lifetimeSeconds = 8 * 3600): SsoCachedToken {
    const clientId = 'client-' + randomBytes(9).toString('base64url');
    const clientSecret = 'secret-' + randomBytes(24).toString('base64url');
    this.ssoClients.set(clientId, clientSecret);
    const refreshToken = 'aor' + randomBytes(36).toString('base64url');
    this.ssoRefreshTokens.set(refreshToken, clientId);
    return { ...this.newSsoAccessToken(lifetimeSeconds), clientId, clientSecret, registrationExpiresAt: cliTime(this.now() + 90 * 86_400_000), refreshToken };
  }

  /** Every refresh token stops working (an administrator ended the sessions). */
  revokeSsoRefreshTokens(): void {
    this.ssoRefreshTokens.clear();
  }

  private newSsoAccessToken(lifetimeSeconds: number): { accessToken: string; expiresAt: string } {
    const accessToken = 'aoa' + randomBytes(48).toString('base64url');
    const expires = Math.floor(this.now() / 1000) * 1000 + lifetimeSeconds * 1000;
    this.ssoTokens.set(accessToken, expires);
    return { accessToken, expiresAt: cliTime(expires) };
  }

  callsOf(action: string): RecordedCall[] {
    return this.calls.filter((c) => c.action === action);
  }

  /**
   * The fake's address for a browser sent by VS Code (console sign-in): 127.0.0.2 where the system
   * has it. code-server rewrites links to 127.0.0.1 and localhost into its port proxy, dropping
   * their path and query, which the real sign-in site never meets. The same fake answers there.
   */
  browserUrl = '';

  async start(port = 0, host = '127.0.0.1'): Promise<string> {
    const listen = async (p: number, h: string): Promise<Server> => {
      const server = createServer((req, res) => void this.handle(req, res));
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(p, h, () => resolve());
      });
      return server;
    };
    const server = await listen(port, host);
    this.server = server;
    this.url = `http://${host}:${(server.address() as AddressInfo).port}`;
    this.browserUrl = this.url;
    if (host === '127.0.0.1') {
      try {
        const alias = await listen(0, '127.0.0.2');
        this.aliasServer = alias;
        this.browserUrl = `http://127.0.0.2:${(alias.address() as AddressInfo).port}`;
      } catch {
        /* no 127.0.0.2 here (macOS): the browser is sent to the main address */
      }
    }
    return this.url;
  }

  async stop(): Promise<void> {
    const servers = [this.server, this.aliasServer].filter((s): s is Server => s !== undefined);
    this.server = undefined;
    this.aliasServer = undefined;
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET' && url.pathname === '/demo/mfa') {
      this.demoPage(url, res);
      return;
    }
    if (req.method === 'GET' && url.pathname === '/demo/console') {
      this.consolePage(url, res);
      return;
    }
    if (url.pathname.startsWith('/__fake/')) {
      this.control(req.method ?? 'GET', url.pathname, body, res);
      return;
    }
    if (req.method === 'GET' && url.pathname === '/v1/authorize') {
      this.signIn.handleAuthorize(url, res);
      return;
    }
    if (req.method === 'POST' && url.pathname === '/v1/token') {
      this.signIn.handleToken(req, body, res);
      return;
    }
    if (req.method === 'POST' && url.pathname === '/token') {
      this.oidcCreateToken(body, res);
      return;
    }
    if (req.method === 'GET' && url.pathname === '/federation') {
      this.federation(url, res);
      return;
    }
    if (req.method === 'GET' && url.pathname === '/federation/credentials') {
      this.portalGetRoleCredentials(req, url, res);
      return;
    }
    if (req.method === 'GET' && (url.pathname === '/assignment/accounts' || url.pathname === '/assignment/roles')) {
      this.portalList(req, url, res);
      return;
    }
    const params: Record<string, string> = {};
    for (const [k, v] of url.searchParams) params[k] = v;
    if (req.method === 'POST') for (const [k, v] of new URLSearchParams(body)) params[k] = v;
    const action = params['Action'] ?? '';
    const call: RecordedCall = { action, params: redact(params), caller: undefined, at: this.now() };
    this.calls.push(call);
    try {
      let caller: Caller | undefined;
      if (action !== 'AssumeRoleWithWebIdentity') {
        caller = await this.authenticate(req, url, body, call);
        call.caller = caller.arn;
      }
      let xml: string;
      switch (action) {
        case 'AssumeRole':
          xml = this.assumeRole(params, caller as Caller);
          break;
        case 'AssumeRoleWithWebIdentity':
          xml = this.assumeRoleWithWebIdentity(params);
          break;
        case 'GetSessionToken':
          xml = this.getSessionToken(params, caller as Caller);
          break;
        case 'GetCallerIdentity':
          xml = this.getCallerIdentity(caller as Caller);
          break;
        case 'GetFederationToken':
          xml = this.getFederationToken(params, caller as Caller);
          break;
        default:
          throw new StsError('InvalidAction', `Could not find operation ${action} for version ${params['Version'] ?? 'NO_VERSION_SPECIFIED'}`);
      }
      res.writeHead(200, { 'content-type': 'text/xml', 'x-amzn-requestid': randomUUID() });
      res.end(xml);
    } catch (e) {
      const err = e instanceof StsError ? e : new StsError('InternalFailure', String(e), 500, 'Receiver');
      call.error = err.code;
      const requestId = randomUUID();
      res.writeHead(err.status, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId });
      res.end(
        `<ErrorResponse xmlns="${XMLNS}"><Error><Type>${err.type}</Type><Code>${err.code}</Code>` +
          `<Message>${xmlEscape(err.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
      );
    }
  }

  /**
   * Test control, for tests running in another process (the extension host): GET /__fake/calls,
   * POST /__fake/config {"credentialLifetimeSeconds": n | null}. Part of the fake, not of STS.
   */
  private control(method: string, path: string, body: string, res: ServerResponse): void {
    if (method === 'GET' && path === '/__fake/console') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(this.consoleLogins));
      return;
    }
    if (method === 'GET' && path === '/__fake/calls') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(this.calls));
      return;
    }
    if (method === 'POST' && path === '/__fake/sso/token') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(this.issueSsoToken()));
      return;
    }
    if (method === 'POST' && path === '/__fake/config') {
      const cfg = JSON.parse(body || '{}') as { credentialLifetimeSeconds?: number | null };
      if ('credentialLifetimeSeconds' in cfg) this.credentialLifetimeSeconds = cfg.credentialLifetimeSeconds ?? undefined;
      res.writeHead(204);
      res.end();
      return;
    }
    res.writeHead(404);
    res.end();
  }

  /**
   * The IAM Identity Center portal's GetRoleCredentials (REST/JSON, bearer token in
   * `x-amz-sso_bearer_token`): credentials for the account and permission set's role, usable
   * against this fake's STS (their signatures are checked like any other).
   */
  private portalGetRoleCredentials(req: IncomingMessage, url: URL, res: ServerResponse): void {
    const accountId = url.searchParams.get('account_id') ?? '';
    const roleName = url.searchParams.get('role_name') ?? '';
    const call: RecordedCall = { action: 'GetRoleCredentials', params: { account_id: accountId, role_name: roleName }, caller: undefined, at: this.now() };
    this.calls.push(call);
    const token = req.headers['x-amz-sso_bearer_token'];
    const expires = typeof token === 'string' ? this.ssoTokens.get(token) : undefined;
    const fail = (status: number, type: string, message: string): void => {
      call.error = type;
      res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': type });
      res.end(JSON.stringify({ message }));
    };
    if (expires === undefined || expires <= this.now()) return fail(401, 'UnauthorizedException', 'Session token not found or invalid');
    if (!/^\d{12}$/.test(accountId) || roleName === '') return fail(400, 'InvalidRequestException', 'account_id and role_name are required');
    const arn = `arn:aws:sts::${accountId}:assumed-role/AWSReservedSSO_${roleName}_0123456789abcdef/demo-user`;
    const cred = this.issue(arn, true, 3600);
    call.caller = arn;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        roleCredentials: {
          accessKeyId: cred.accessKeyId,
          secretAccessKey: cred.secretAccessKey,
          sessionToken: cred.sessionToken,
          expiration: cred.expiration.getTime(),
        },
      }),
    );
  }

  /**
   * The portal's ListAccounts (`/assignment/accounts`) and ListAccountRoles (`/assignment/roles`):
   * pages of `ssoPageSize` with an opaque next_token, behind the same bearer token.
   */
  private portalList(req: IncomingMessage, url: URL, res: ServerResponse): void {
    // A slow portal: the answer waits until the test releases the hold.
    const hold = this.portalHold;
    if (hold !== undefined) {
      void hold.then(() => this.portalList(req, url, res));
      return;
    }
    const roles = url.pathname.endsWith('/roles');
    const accountId = url.searchParams.get('account_id') ?? '';
    const call: RecordedCall = {
      action: roles ? 'ListAccountRoles' : 'ListAccounts',
      params: roles ? { account_id: accountId } : {},
      caller: undefined,
      at: this.now(),
    };
    this.calls.push(call);
    const token = req.headers['x-amz-sso_bearer_token'];
    const expires = typeof token === 'string' ? this.ssoTokens.get(token) : undefined;
    if (expires === undefined || expires <= this.now()) {
      call.error = 'UnauthorizedException';
      res.writeHead(401, { 'content-type': 'application/json', 'x-amzn-errortype': 'UnauthorizedException' });
      res.end(JSON.stringify({ message: 'Session token not found or invalid' }));
      return;
    }
    const accounts = this.ssoAccounts;
    const all = roles
      ? (accounts.find((a) => a.accountId === accountId)?.roles ?? []).map((roleName) => ({ accountId, roleName }))
      : accounts.map((a) => ({ accountId: a.accountId, accountName: a.accountName, emailAddress: a.emailAddress ?? `aws+${a.accountId}@example.com` }));
    const size = Math.min(this.ssoPageSize ?? 100, Number(url.searchParams.get('max_result') ?? 100) || 100);
    const from = Number(url.searchParams.get('next_token')?.replace(/^page-/, '') ?? 0) || 0;
    const page = all.slice(from, from + size);
    const next = from + size < all.length ? `page-${from + size}` : undefined;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ [roles ? 'roleList' : 'accountList']: page, ...(next !== undefined ? { nextToken: next } : {}) }));
  }

  /**
   * SSO OIDC CreateToken (REST/JSON, unsigned) for the refresh_token grant: a new access token
   * and a new refresh token (the old one stops working), or the service's OAuth-style errors.
   */
  private oidcCreateToken(body: string, res: ServerResponse): void {
    let req: Record<string, unknown> = {};
    try {
      req = JSON.parse(body) as Record<string, unknown>;
    } catch {
      /* answered as invalid_request below */
    }
    const field = (k: string): string => (typeof req[k] === 'string' ? req[k] : '');
    const call: RecordedCall = {
      action: 'CreateToken',
      params: { grantType: field('grantType'), clientId: field('clientId') },
      caller: undefined,
      at: this.now(),
    };
    this.calls.push(call);
    const fail = (status: number, type: string, error: string, description: string): void => {
      call.error = type;
      res.writeHead(status, {
        'content-type': 'application/json',
        'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazonaws.switchboard.portal/`,
      });
      res.end(JSON.stringify({ error, error_description: description }));
    };
    if (field('clientId') === '' || field('clientSecret') === '' || field('grantType') === '')
      return fail(400, 'InvalidRequestException', 'invalid_request', 'clientId, clientSecret and grantType are required');
    if (this.ssoClients.get(field('clientId')) !== field('clientSecret'))
      return fail(401, 'InvalidClientException', 'invalid_client', 'Invalid client provided');
    if (field('grantType') !== 'refresh_token')
      return fail(400, 'UnsupportedGrantTypeException', 'unsupported_grant_type', 'Only refresh_token is supported here');
    const refreshToken = field('refreshToken');
    if (this.ssoRefreshTokens.get(refreshToken) !== field('clientId'))
      return fail(400, 'InvalidGrantException', 'invalid_grant', 'Invalid refresh token provided');
    this.ssoRefreshTokens.delete(refreshToken);
    const next = 'aor' + randomBytes(36).toString('base64url');
    this.ssoRefreshTokens.set(next, field('clientId'));
    const { accessToken } = this.newSsoAccessToken(this.ssoRefreshedTokenLifetimeSeconds);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ accessToken, tokenType: 'Bearer', expiresIn: this.ssoRefreshedTokenLifetimeSeconds, refreshToken: next }));
  }

  private demoPage(url: URL, res: ServerResponse): void {
    const serial = url.searchParams.get('serial') ?? [...this.devices.keys()][0] ?? '';
    const code = this.devices.has(serial) ? this.currentCode(serial) : 'no such device';
    const left = 30 - (Math.floor(this.now() / 1000) % 30);
    // Counts down each second and loads the next code when this one ends (the header is the fallback without scripts).
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', refresh: String(left) });
    res.end(`<!doctype html><title>Demo MFA device</title><body style="font-family:sans-serif">
<h1>Demo MFA device</h1><p>${xmlEscape(serial)}</p><p id="code" style="font-size:48px;font-family:monospace">${code}</p>
<p>Valid for <span id="left">${left}</span> s (each code works once).</p>
<script>let left = ${left}; setInterval(() => { left -= 1; if (left <= 0) location.reload(); else document.getElementById('left').textContent = String(left); }, 1000);</script></body>`);
  }

  /** Where the fake's federation endpoint sends a signed-in browser: who, where, until when. */
  private consolePage(url: URL, res: ServerResponse): void {
    const login = this.consoleLogins[Number(url.searchParams.get('login') ?? -1)];
    if (login === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('no such console sign-in');
      return;
    }
    const dest = new URL(login.destination);
    const service = dest.pathname.split('/').filter((p) => p !== '')[0] ?? 'console';
    const region = dest.searchParams.get('region') ?? 'the default Region';
    const until = new Date(login.until).toISOString();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><title>AWS Management Console (demo)</title><body style="font-family:sans-serif">
<h1>AWS Management Console <small>(demo)</small></h1>
<p id="who">Signed in as <b>${xmlEscape(login.arn)}</b> (account ${accountOf(login.arn)})</p>
<p id="where">At <b>${xmlEscape(service)}</b> in <b>${xmlEscape(region)}</b>: in AWS, ${xmlEscape(login.destination)}</p>
<p id="until">Until <b><time datetime="${until}">${until}</time></b></p>
<script>for (const t of document.querySelectorAll('time')) t.textContent = new Date(t.dateTime).toLocaleString();</script></body>`);
  }

  private async authenticate(req: IncomingMessage, url: URL, body: string, call: RecordedCall): Promise<Caller> {
    const auth = req.headers['authorization'];
    if (typeof auth !== 'string') {
      throw new StsError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403);
    }
    const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(auth);
    if (m === null) throw new StsError('IncompleteSignature', 'Authorization header requires a valid AWS4-HMAC-SHA256 signature.', 400);
    const [, akid, , region, service, signedHeaderList, signature] = m as unknown as [string, string, string, string, string, string, string];
    if (service !== 'sts') throw new StsError('SignatureDoesNotMatch', `Credential should be scoped to correct service: 'sts'.`, 403);
    call.region = region;

    let secret: string;
    let sessionToken: string | undefined;
    let caller: Caller;
    const key = this.keys.get(akid);
    const issued = this.issued.get(akid);
    if (key !== undefined) {
      secret = key.secretAccessKey;
      caller = { arn: key.userArn, isRole: false };
    } else if (issued !== undefined) {
      secret = issued.secretAccessKey;
      sessionToken = issued.sessionToken;
      caller = { arn: issued.arn, isRole: issued.isRole, isSession: true, ...(issued.mfaAuthenticated === true ? { mfaAuthenticated: true } : {}) };
    } else {
      throw new StsError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403);
    }
    const dateHeader = req.headers['x-amz-date'];
    if (typeof dateHeader !== 'string' || !/^\d{8}T\d{6}Z$/.test(dateHeader)) {
      throw new StsError('IncompleteSignature', 'Authorization header requires existence of either a X-Amz-Date or a Date header.', 400);
    }
    const signingDate = new Date(
      `${dateHeader.slice(0, 4)}-${dateHeader.slice(4, 6)}-${dateHeader.slice(6, 8)}T${dateHeader.slice(9, 11)}:${dateHeader.slice(11, 13)}:${dateHeader.slice(13, 15)}Z`,
    );
    if (Math.abs(signingDate.getTime() - this.now()) > 15 * 60 * 1000) {
      throw new StsError('SignatureDoesNotMatch', `Signature expired: ${dateHeader} is now earlier or later than 15 minutes from the current time.`, 403);
    }
    const signed = signedHeaderList.split(';');
    const headers: Record<string, string> = {};
    for (const h of signed) {
      const v = req.headers[h];
      if (v === undefined) throw new StsError('SignatureDoesNotMatch', `Signed header ${h} is missing from the request.`, 403);
      headers[h] = Array.isArray(v) ? v.join(',') : v;
    }
    const presentedToken = req.headers['x-amz-security-token'];
    if (sessionToken !== undefined) {
      if (presentedToken !== sessionToken) throw new StsError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403);
      if (!signed.includes('x-amz-security-token')) throw new StsError('SignatureDoesNotMatch', 'The security token must be signed.', 403);
    } else if (presentedToken !== undefined) {
      throw new StsError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403);
    }
    const query: Record<string, string> = {};
    for (const [k, v] of url.searchParams) query[k] = v;
    const signer = new SignatureV4({
      credentials: sessionToken === undefined ? { accessKeyId: akid, secretAccessKey: secret } : { accessKeyId: akid, secretAccessKey: secret, sessionToken },
      region,
      service: 'sts',
      sha256: Sha256,
      applyChecksum: false,
    });
    const [hostname, port] = (headers['host'] ?? req.headers.host ?? 'localhost').split(':');
    const resigned = await signer.sign(
      {
        method: req.method ?? 'POST',
        protocol: 'http:',
        hostname: hostname ?? 'localhost',
        ...(port !== undefined ? { port: Number(port) } : {}),
        path: url.pathname,
        query,
        headers,
        body,
      },
      { signingDate },
    );
    const expected = /Signature=([0-9a-f]{64})/.exec(String(resigned.headers['authorization'] ?? ''))?.[1];
    if (expected !== signature) {
      throw new StsError(
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
        403,
      );
    }
    if (issued !== undefined && issued.expiration.getTime() <= this.now()) {
      throw new StsError('ExpiredToken', 'The security token included in the request is expired', 400);
    }
    return caller;
  }

  private issue(arn: string, isRole: boolean, durationSeconds: number): Issued {
    const lifetime = this.credentialLifetimeSeconds ?? durationSeconds;
    const cred: Issued = {
      accessKeyId: randomId('ASIA', 16),
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: 'FQoGZXIvYXdzE' + randomBytes(120).toString('base64'),
      expiration: new Date(Math.floor(this.now() / 1000) * 1000 + lifetime * 1000),
      arn,
      isRole,
    };
    this.issued.set(cred.accessKeyId, cred);
    return cred;
  }

  private credentialsXml(c: Issued): string {
    return (
      `<Credentials><AccessKeyId>${c.accessKeyId}</AccessKeyId><SecretAccessKey>${xmlEscape(c.secretAccessKey)}</SecretAccessKey>` +
      `<SessionToken>${xmlEscape(c.sessionToken)}</SessionToken><Expiration>${iso(c.expiration)}</Expiration></Credentials>`
    );
  }

  private checkDuration(params: Record<string, string>, max: number, fallback: number, min = 900): number {
    const raw = params['DurationSeconds'];
    if (raw === undefined) return Math.min(fallback, max);
    const n = Number(raw);
    if (!Number.isInteger(n))
      throw new StsError('ValidationError', `Value '${raw}' at 'durationSeconds' failed to satisfy constraint: Member must be an integer`);
    if (n < min)
      throw new StsError(
        'ValidationError',
        `1 validation error detected: Value '${raw}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to ${min}`,
      );
    if (n > 43200 && min === 900 && max <= 43200)
      throw new StsError(
        'ValidationError',
        `1 validation error detected: Value '${raw}' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200`,
      );
    if (n > max) throw new StsError('ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
    return n;
  }

  private checkSessionName(name: string | undefined): string {
    if (name === undefined)
      throw new StsError(
        'ValidationError',
        "1 validation error detected: Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null",
      );
    if (name.length < 2 || name.length > 64) {
      throw new StsError(
        'ValidationError',
        `1 validation error detected: Value '${name}' at 'roleSessionName' failed to satisfy constraint: Member must have length ${name.length < 2 ? 'greater than or equal to 2' : 'less than or equal to 64'}`,
      );
    }
    if (!SESSION_NAME.test(name)) {
      throw new StsError(
        'ValidationError',
        `1 validation error detected: Value '${name}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`,
      );
    }
    return name;
  }

  private checkPolicy(params: Record<string, string>): void {
    const policy = params['Policy'];
    if (policy === undefined) return;
    if (Buffer.byteLength(policy) > 2048) {
      throw new StsError(
        'ValidationError',
        "1 validation error detected: Value at 'policy' failed to satisfy constraint: Member must have length less than or equal to 2048",
      );
    }
    try {
      JSON.parse(policy);
    } catch {
      throw new StsError('MalformedPolicyDocument', 'The policy is not in the valid JSON format.');
    }
  }

  private checkMfa(role: RoleSpec, params: Record<string, string>, callerArn: string): void {
    const serial = params['SerialNumber'];
    const code = params['TokenCode'];
    if (role.mfaSerial === undefined && serial === undefined) return;
    if (serial === undefined || code === undefined) {
      throw new StsError('AccessDenied', `User: ${callerArn} is not authorized to perform: sts:AssumeRole on resource: ${role.arn}`, 403);
    }
    if (!/^\d{6}$/.test(code)) {
      throw new StsError(
        'ValidationError',
        `1 validation error detected: Value '${code.replace(/./g, '*')}' at 'tokenCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\d]*`,
      );
    }
    const device = this.devices.get(serial);
    if (device === undefined || (role.mfaSerial !== undefined && role.mfaSerial !== serial)) {
      throw new StsError(
        'AccessDenied',
        'MultiFactorAuthentication failed, unable to validate MFA code. Please verify your MFA serial number is valid and associated with this user.',
        403,
      );
    }
    const step = matchTotp(device.secret, code, Math.floor(this.now() / 1000));
    if (step === undefined) throw new StsError('AccessDenied', 'MultiFactorAuthentication failed with invalid MFA one time pass code.', 403);
    const used = `${serial}/${step}/${code}`;
    if (this.usedCodes.has(used))
      throw new StsError('AccessDenied', 'MultiFactorAuthentication failed with invalid MFA one time pass code. The code was already used.', 403);
    this.usedCodes.add(used);
  }

  private assumeRole(params: Record<string, string>, caller: Caller): string {
    const roleArn = params['RoleArn'];
    if (roleArn === undefined)
      throw new StsError('ValidationError', "1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null");
    const sessionName = this.checkSessionName(params['RoleSessionName']);
    this.checkPolicy(params);
    const role = this.roles.get(roleArn);
    const denied = (): StsError =>
      new StsError('AccessDenied', `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`, 403);
    if (role === undefined) throw denied();
    if (role.trusted !== undefined && role.trusted.length > 0 && !role.trusted.some((t) => caller.arn === t || caller.arn.startsWith(assumedRolePrefix(t))))
      throw denied();
    if (role.externalId !== undefined && params['ExternalId'] !== role.externalId) throw denied();
    // A trust policy's aws:MultiFactorAuthPresent is met by an MFA code in this call, or by
    // calling with session credentials that GetSessionToken issued against an MFA code.
    if (!(caller.mfaAuthenticated === true && params['SerialNumber'] === undefined)) this.checkMfa(role, params, caller.arn);
    const max = caller.isRole ? Math.min(3600, role.maxSessionDuration ?? 3600) : (role.maxSessionDuration ?? 3600);
    if (caller.isRole && params['DurationSeconds'] !== undefined && Number(params['DurationSeconds']) > 3600) {
      throw new StsError('ValidationError', 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
    }
    const duration = this.checkDuration(params, max, 3600);
    const assumedArn = `arn:aws:sts::${accountOf(roleArn)}:assumed-role/${roleNameOf(roleArn)}/${sessionName}`;
    const cred = this.issue(assumedArn, true, duration);
    const source = params['SourceIdentity'];
    return (
      `<AssumeRoleResponse xmlns="${XMLNS}"><AssumeRoleResult>` +
      (source !== undefined ? `<SourceIdentity>${xmlEscape(source)}</SourceIdentity>` : '') +
      `<AssumedRoleUser><Arn>${xmlEscape(assumedArn)}</Arn><AssumedRoleId>AROA${accountOf(roleArn)}:${xmlEscape(sessionName)}</AssumedRoleId></AssumedRoleUser>` +
      this.credentialsXml(cred) +
      (params['Policy'] !== undefined ? '<PackedPolicySize>6</PackedPolicySize>' : '') +
      `</AssumeRoleResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></AssumeRoleResponse>`
    );
  }

  private assumeRoleWithWebIdentity(params: Record<string, string>): string {
    const roleArn = params['RoleArn'];
    const token = params['WebIdentityToken'];
    if (roleArn === undefined || token === undefined) {
      throw new StsError(
        'ValidationError',
        `1 validation error detected: Value null at '${roleArn === undefined ? 'roleArn' : 'webIdentityToken'}' failed to satisfy constraint: Member must not be null`,
      );
    }
    const sessionName = this.checkSessionName(params['RoleSessionName']);
    this.checkPolicy(params);
    const parts = token.trim().split('.');
    const claims = parts.length === 3 ? base64UrlJson(parts[1] as string) : undefined;
    if (claims === undefined || typeof claims['sub'] !== 'string') {
      throw new StsError(
        'InvalidIdentityToken',
        "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements",
      );
    }
    if (typeof claims['exp'] === 'number' && claims['exp'] * 1000 <= this.now()) {
      throw new StsError(
        'ExpiredTokenException',
        'Token expired: current date/time ' + Math.floor(this.now() / 1000) + ' must be before the expiration date/time' + String(claims['exp']),
      );
    }
    const role = this.roles.get(roleArn);
    const iss = typeof claims['iss'] === 'string' ? claims['iss'] : '';
    if (role === undefined || role.webIdentityIssuers === undefined || (role.webIdentityIssuers.length > 0 && !role.webIdentityIssuers.includes(iss))) {
      throw new StsError('AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity', 403);
    }
    const duration = this.checkDuration(params, role.maxSessionDuration ?? 3600, 3600);
    const assumedArn = `arn:aws:sts::${accountOf(roleArn)}:assumed-role/${roleNameOf(roleArn)}/${sessionName}`;
    const cred = this.issue(assumedArn, true, duration);
    return (
      `<AssumeRoleWithWebIdentityResponse xmlns="${XMLNS}"><AssumeRoleWithWebIdentityResult>` +
      `<SubjectFromWebIdentityToken>${xmlEscape(claims['sub'])}</SubjectFromWebIdentityToken>` +
      `<Audience>${xmlEscape(String(claims['aud'] ?? ''))}</Audience>` +
      `<AssumedRoleUser><Arn>${xmlEscape(assumedArn)}</Arn><AssumedRoleId>AROA${accountOf(roleArn)}:${xmlEscape(sessionName)}</AssumedRoleId></AssumedRoleUser>` +
      this.credentialsXml(cred) +
      `<Provider>${xmlEscape(iss)}</Provider>` +
      `</AssumeRoleWithWebIdentityResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></AssumeRoleWithWebIdentityResponse>`
    );
  }

  private getSessionToken(params: Record<string, string>, caller: Caller): string {
    if (caller.isSession === true) throw new StsError('AccessDenied', 'Cannot call GetSessionToken with session credentials', 403);
    const serial = params['SerialNumber'];
    if (serial !== undefined) {
      this.checkMfa({ arn: caller.arn, mfaSerial: serial }, params, caller.arn);
    }
    const duration = this.checkDuration(params, 129600, 43200);
    const cred = this.issue(caller.arn, false, duration);
    cred.fromSessionToken = true;
    if (serial !== undefined) cred.mfaAuthenticated = true;
    return (
      `<GetSessionTokenResponse xmlns="${XMLNS}"><GetSessionTokenResult>${this.credentialsXml(cred)}</GetSessionTokenResult>` +
      `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></GetSessionTokenResponse>`
    );
  }

  private getFederationToken(params: Record<string, string>, caller: Caller): string {
    if (caller.isRole || caller.isSession === true) throw new StsError('AccessDenied', 'Cannot call GetFederationToken with session credentials', 403);
    const name = params['Name'] ?? '';
    if (!/^[\w+=,.@-]{2,32}$/.test(name)) throw new StsError('ValidationError', `Name ${name} does not satisfy the constraint [\\w+=,.@-]{2,32}`);
    if (params['Policy'] === undefined && params['PolicyArns.member.1'] === undefined)
      throw new StsError('ValidationError', 'A federation token without a policy has no permissions; pass Policy or PolicyArns');
    const duration = this.checkDuration(params, 129600, 43200);
    const cred = this.issue(`arn:aws:sts::${accountOf(caller.arn)}:federated-user/${name}`, false, duration);
    cred.federated = true;
    return (
      `<GetFederationTokenResponse xmlns="${XMLNS}"><GetFederationTokenResult>${this.credentialsXml(cred)}` +
      `<FederatedUser><Arn>${xmlEscape(cred.arn)}</Arn><FederatedUserId>${accountOf(caller.arn)}:${xmlEscape(name)}</FederatedUserId></FederatedUser>` +
      `<PackedPolicySize>6</PackedPolicySize></GetFederationTokenResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></GetFederationTokenResponse>`
    );
  }

  /** While set, the portal's list requests are answered only once it settles (a slow portal). */
  portalHold: Promise<void> | undefined;

  /** Console sign-ins that arrived (tests read them through GET /__fake/console). */
  readonly consoleLogins: ConsoleLogin[] = [];
  private readonly signinTokens = new Map<string, { arn: string; expires: number; sessionDuration: number | undefined; sessionExpires: number }>();

  /**
   * The AWS federation endpoint: `getSigninToken` checks the session JSON against credentials this
   * fake issued (GetSessionToken credentials are refused, SessionDuration only for federation
   * credentials), `login` checks the token and redirects to the console destination.
   */
  private federation(url: URL, res: ServerResponse): void {
    const fail = (status: number, message: string): void => {
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(message);
    };
    const action = url.searchParams.get('Action');
    if (action === 'getSigninToken') {
      let session: { sessionId?: unknown; sessionKey?: unknown; sessionToken?: unknown };
      try {
        session = JSON.parse(url.searchParams.get('Session') ?? '') as typeof session;
      } catch {
        fail(400, 'Session is not JSON');
        return;
      }
      const issued = typeof session.sessionId === 'string' ? this.issued.get(session.sessionId) : undefined;
      if (issued === undefined || issued.secretAccessKey !== session.sessionKey || issued.sessionToken !== session.sessionToken) {
        fail(400, 'invalid session');
        return;
      }
      if (issued.expiration.getTime() <= this.now()) return fail(400, 'expired session');
      if (issued.fromSessionToken === true) return fail(400, 'GetSessionToken credentials cannot sign in to the console');
      const durationParam = url.searchParams.get('SessionDuration');
      const sessionDuration = durationParam !== null ? Number(durationParam) : undefined;
      if (sessionDuration !== undefined) {
        if (issued.federated !== true) return fail(400, 'SessionDuration is only allowed with GetFederationToken credentials');
        if (!Number.isInteger(sessionDuration) || sessionDuration < 900 || sessionDuration > 43200) return fail(400, 'SessionDuration out of range');
      }
      const token = randomBytes(48).toString('base64url');
      this.signinTokens.set(token, { arn: issued.arn, expires: this.now() + 15 * 60_000, sessionDuration, sessionExpires: issued.expiration.getTime() });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ SigninToken: token }));
      return;
    }
    if (action === 'login') {
      const token = this.signinTokens.get(url.searchParams.get('SigninToken') ?? '');
      const destination = url.searchParams.get('Destination') ?? '';
      if (token === undefined || token.expires <= this.now()) return fail(400, 'invalid or expired SigninToken');
      if (!/^https:\/\/[^/]*console\.(aws\.amazon\.com|amazonaws-us-gov\.com|amazonaws\.cn)(\/|$)/.test(destination)) return fail(400, 'bad Destination');
      this.consoleLogins.push({
        arn: token.arn,
        destination,
        issuer: url.searchParams.get('Issuer') ?? undefined,
        sessionDuration: token.sessionDuration,
        at: this.now(),
        until: token.sessionDuration !== undefined ? this.now() + token.sessionDuration * 1000 : token.sessionExpires,
      });
      // The real endpoint sends the browser on to the console; the fake to a page that says who signed in, where, until when.
      res.writeHead(302, { location: `/demo/console?login=${this.consoleLogins.length - 1}` });
      res.end();
      return;
    }
    fail(400, `unknown Action ${action ?? ''}`);
  }

  private getCallerIdentity(caller: Caller): string {
    const account = accountOf(caller.arn);
    const userId = caller.isRole ? `AROA${account}:${caller.arn.slice(caller.arn.lastIndexOf('/') + 1)}` : `AIDA${account}`;
    return (
      `<GetCallerIdentityResponse xmlns="${XMLNS}"><GetCallerIdentityResult><Arn>${xmlEscape(caller.arn)}</Arn>` +
      `<UserId>${xmlEscape(userId)}</UserId><Account>${account}</Account></GetCallerIdentityResult>` +
      `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></GetCallerIdentityResponse>`
    );
  }
}

interface Caller {
  arn: string;
  isRole: boolean;
  /** Session credentials from GetSessionToken (which cannot call GetSessionToken again). */
  isSession?: boolean;
  /** The caller's session was authenticated with MFA (GetSessionToken with SerialNumber/TokenCode). */
  mfaAuthenticated?: boolean;
}

function assumedRolePrefix(roleArn: string): string {
  return `arn:aws:sts::${accountOf(roleArn)}:assumed-role/${roleNameOf(roleArn)}/`;
}

/** Recorded parameters never keep MFA codes or web identity tokens. */
function redact(params: Record<string, string>): Record<string, string> {
  const out = { ...params };
  if (out['TokenCode'] !== undefined) out['TokenCode'] = '******';
  if (out['WebIdentityToken'] !== undefined) out['WebIdentityToken'] = '<jwt>';
  return out;
}
