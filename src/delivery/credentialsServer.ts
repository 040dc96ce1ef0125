/**
 * A container-credentials endpoint on the loopback interface (the protocol of ECS task roles,
 * which every AWS SDK and the AWS CLI speak): processes get AWS_CONTAINER_CREDENTIALS_FULL_URI and
 * AWS_CONTAINER_AUTHORIZATION_TOKEN instead of keys, and fetch fresh credentials whenever theirs
 * near expiry — so open terminals and long runs never hold expired credentials.
 *
 * Security: binds 127.0.0.1 on a random port; a random 256-bit token per registration, compared in
 * constant time against the whole Authorization header; the Host header must name the loopback
 * address and our port (DNS-rebinding defence); GET only.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { Credentials } from '../credentials/types';

export type CredentialSource = () => Promise<Credentials | undefined>;

export interface Registration {
  readonly url: string;
  readonly token: string;
  dispose(): void;
}

export interface EndpointLog {
  info(msg: string): void;
  warn(msg: string): void;
}

export class CredentialsServer {
  private server: Server | undefined;
  private port = 0;
  private readonly sources = new Map<string, { token: Buffer; source: CredentialSource }>();

  constructor(private readonly log?: EndpointLog) {}

  async start(): Promise<void> {
    if (this.server !== undefined) return;
    const server = createServer((req, res) => void this.handle(req, res));
    server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    server.unref();
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  /** Serves `source` under a path and token of its own. */
  register(source: CredentialSource): Registration {
    if (this.server === undefined) throw new Error('endpoint not started');
    const id = randomBytes(12).toString('hex');
    const token = randomBytes(32).toString('base64url');
    this.sources.set(id, { token: Buffer.from(token), source });
    return {
      url: `http://127.0.0.1:${this.port}/credentials/${id}`,
      token,
      dispose: () => {
        this.sources.delete(id);
      },
    };
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    this.sources.clear();
    if (s === undefined) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  private deny(res: ServerResponse, status: number, message: string): void {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify({ code: status === 401 || status === 403 ? 'AccessDenied' : 'Error', message }));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${this.port}` && host !== `localhost:${this.port}`) {
      this.log?.warn(`credentials endpoint: refused a request with Host "${host.slice(0, 80)}"`);
      this.deny(res, 403, 'Host not allowed');
      return;
    }
    if (req.method !== 'GET') {
      this.deny(res, 405, 'GET only');
      return;
    }
    const m = /^\/credentials\/([0-9a-f]{24})$/.exec(req.url ?? '');
    const entry = m !== null ? this.sources.get(m[1] as string) : undefined;
    const auth = req.headers.authorization;
    const given = Buffer.from(typeof auth === 'string' ? auth : '');
    // Constant-time against the expected token; the length check leaks only the (public) length.
    const expected = entry?.token ?? Buffer.alloc(43);
    const ok = entry !== undefined && given.length === expected.length && timingSafeEqual(given, expected);
    if (!ok) {
      this.log?.warn(`credentials endpoint: refused a request ${auth === undefined ? 'without a token' : 'with a wrong token'}`);
      this.deny(res, 401, 'Missing or wrong authorization token');
      return;
    }
    let c: Credentials | undefined;
    try {
      c = await entry.source();
    } catch {
      c = undefined;
    }
    if (c === undefined) {
      this.deny(res, 503, 'No live AWS credentials: assume a profile in VS Code (AWS: Switch Profile).');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(
      JSON.stringify({
        AccessKeyId: c.accessKeyId,
        SecretAccessKey: c.secretAccessKey,
        ...(c.sessionToken !== undefined ? { Token: c.sessionToken } : {}),
        ...(c.expiration !== undefined ? { Expiration: c.expiration.toISOString().replace(/\.\d{3}Z$/, 'Z') } : {}),
        ...(c.accountId !== undefined ? { AccountId: c.accountId } : {}),
      }),
    );
  }
}
