/**
 * A container-credentials endpoint on the loopback interface (the protocol of ECS task roles,
 * which every AWS SDK and the AWS CLI speak): processes get AWS_CONTAINER_CREDENTIALS_FULL_URI and
 * AWS_CONTAINER_AUTHORIZATION_TOKEN instead of keys, and fetch fresh credentials whenever theirs
 * near expiry — so open terminals and long runs never hold expired credentials.
 *
 * A registration belongs to one profile: once the profile it was made for is no longer the one
 * served, its processes are refused with a message that says to relaunch, never given another
 * profile's credentials. A disposed registration keeps answering (with that message) for a while.
 *
 * Security: binds 127.0.0.1 on a random port; a random 256-bit token per registration, compared in
 * constant time against the whole Authorization header; the Host header must name the loopback
 * address and our port (DNS-rebinding defence); GET only.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { Credentials } from '../credentials/types';
import { isoTime } from './processEnvironment';
import { redact } from '../credentials/redact';

/** Why a registration serves nothing now, in words for the person who runs the process. */
export interface Refusal {
  readonly refusal: string;
}

export type CredentialSource = () => Promise<Credentials | Refusal | undefined>;

/** Tombstones of disposed registrations kept so their processes hear why (oldest dropped first). */
const MAX_ENDED = 256;

export interface Registration {
  readonly url: string;
  readonly token: string;
  dispose(): void;
}

export interface EndpointLog {
  info(msg: string): void;
  warn(msg: string): void;
}

/** Bounds on what a local process can hold or cause (see start). */
export interface ServerLimits {
  /** A socket with no complete request for this long is closed. */
  readonly idleMs: number;
  /** Connections beyond this are dropped. */
  readonly maxConnections: number;
  /** At most one refused-request warning per this interval; the rest are counted. */
  readonly warnEveryMs: number;
  readonly now: () => number;
}

const DEFAULT_LIMITS: ServerLimits = { idleMs: 10_000, maxConnections: 64, warnEveryMs: 60_000, now: Date.now };

export class CredentialsServer {
  private server: Server | undefined;
  private port = 0;
  private readonly sources = new Map<string, { token: Buffer; source: CredentialSource }>();
  private readonly ended = new Map<string, { token: Buffer; refusal: string }>();
  private readonly limits: ServerLimits;
  private lastWarnAt = Number.NEGATIVE_INFINITY;
  private unwarned = 0;

  constructor(
    private readonly log?: EndpointLog,
    limits: Partial<ServerLimits> = {},
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  async start(): Promise<void> {
    if (this.server !== undefined) return;
    const server = createServer((req, res) => void this.handle(req, res));
    // Idle or slow sockets were kept open indefinitely, and without a limit on their number.
    server.keepAliveTimeout = Math.min(1000, this.limits.idleMs);
    server.headersTimeout = this.limits.idleMs;
    server.requestTimeout = this.limits.idleMs;
    server.setTimeout(this.limits.idleMs, (socket) => socket.destroy());
    server.maxConnections = this.limits.maxConnections;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    server.unref();
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  /** Where the server listens (127.0.0.1). */
  address(): { readonly port: number } {
    return { port: this.port };
  }

  /**
   * Serves `source` under a path and token of its own. After `dispose`, requests with that token
   * get `endedRefusal` (default: relaunch the terminal).
   */
  register(source: CredentialSource, endedRefusal?: string): Registration {
    if (this.server === undefined) throw new Error('endpoint not started');
    const id = randomBytes(12).toString('hex');
    const token = randomBytes(32).toString('base64url');
    const entry = { token: Buffer.from(token), source };
    this.sources.set(id, entry);
    return {
      url: `http://127.0.0.1:${this.port}/credentials/${id}`,
      token,
      dispose: () => {
        if (!this.sources.delete(id)) return;
        this.ended.set(id, {
          token: entry.token,
          refusal: endedRefusal ?? 'The AWS session this process was started with has ended. Relaunch the terminal (or task) to get the current one.',
        });
        if (this.ended.size > MAX_ENDED) this.ended.delete(this.ended.keys().next().value as string);
      },
    };
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    this.sources.clear();
    this.ended.clear();
    if (s === undefined) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  /** Refused requests are logged at most once per interval, with how many were not. */
  private warnRefused(what: string): void {
    const now = this.limits.now();
    if (now - this.lastWarnAt < this.limits.warnEveryMs) {
      this.unwarned++;
      return;
    }
    const more = this.unwarned > 0 ? ` (and ${this.unwarned} more refused since the last warning)` : '';
    this.lastWarnAt = now;
    this.unwarned = 0;
    this.log?.warn(`credentials endpoint: refused ${what}${more}`);
  }

  private deny(res: ServerResponse, status: number, message: string): void {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify({ code: status === 401 || status === 403 ? 'AccessDenied' : 'Error', message: redact(message) }));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${this.port}` && host !== `localhost:${this.port}`) {
      this.warnRefused(`a request with Host "${host.slice(0, 80)}"`);
      this.deny(res, 403, 'Host not allowed');
      return;
    }
    if (req.method !== 'GET') {
      this.deny(res, 405, 'GET only');
      return;
    }
    const m = /^\/credentials\/([0-9a-f]{24})$/.exec(req.url ?? '');
    const id = m !== null ? (m[1] as string) : '';
    const entry = this.sources.get(id) ?? this.ended.get(id);
    const auth = req.headers.authorization;
    const given = Buffer.from(typeof auth === 'string' ? auth : '');
    // Constant-time against the expected token; the length check leaks only the (public) length.
    const expected = entry?.token ?? Buffer.alloc(43);
    const ok = entry !== undefined && given.length === expected.length && timingSafeEqual(given, expected);
    if (!ok) {
      this.warnRefused(`a request ${auth === undefined ? 'without a token' : 'with a wrong token'}`);
      this.deny(res, 401, 'Missing or wrong authorization token');
      return;
    }
    if ('refusal' in entry) {
      this.deny(res, 403, entry.refusal);
      return;
    }
    let c: Credentials | Refusal | undefined;
    try {
      c = await entry.source();
    } catch {
      c = undefined;
    }
    if (c === undefined) {
      this.deny(res, 503, 'No live AWS credentials: assume a profile in VS Code (AWS: Switch Profile).');
      return;
    }
    if ('refusal' in c) {
      this.deny(res, 403, c.refusal);
      return;
    }
    const expiration = isoTime(c.expiration).replace(/\.\d{3}Z$/, 'Z');
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(
      JSON.stringify({
        AccessKeyId: c.accessKeyId,
        SecretAccessKey: c.secretAccessKey,
        ...(c.sessionToken !== undefined ? { Token: c.sessionToken } : {}),
        ...(expiration !== '' ? { Expiration: expiration } : {}),
        ...(c.accountId !== undefined ? { AccountId: c.accountId } : {}),
      }),
    );
  }
}
