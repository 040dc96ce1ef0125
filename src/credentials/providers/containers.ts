/**
 * `credential_source = EcsContainer` (ECS task roles, EKS Pod Identity, and this extension's own
 * endpoint mode) and `credential_source = Ec2InstanceMetadata` (IMDSv2). HTTP is injected.
 */
import { Env } from '../../config/locations';
import { CredentialProvider, Credentials, CredentialsError, text } from '../types';
import { knownSecrets } from '../knownSecrets';

export interface HttpResponse {
  readonly status: number;
  readonly body: string;
}
export type HttpRequest = (
  url: string,
  init: { method: 'GET' | 'PUT' | 'POST'; headers: Record<string, string>; body?: string; timeoutMs: number },
) => Promise<HttpResponse>;
export type ReadText = (path: string) => Promise<string>;

const ECS_HOST = 'http://169.254.170.2';
const ALLOWED_HTTP_HOSTS = new Set(['localhost', '169.254.170.2', '169.254.170.23', '[fd00:ec2::23]']);

function isLoopback(host: string): boolean {
  if (host === 'localhost' || host === '[::1]') return true;
  return /^127(\.\d{1,3}){3}$/.test(host);
}

/** The container credentials URI from the environment, by the cross-SDK rules (`ecs-tests.json`). */
export function containerCredentialsUri(env: Env): string {
  const rel = env['AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'];
  if (rel !== undefined && rel !== '') return ECS_HOST + rel;
  const full = env['AWS_CONTAINER_CREDENTIALS_FULL_URI'];
  if (full === undefined || full === '') {
    throw new CredentialsError('Neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor AWS_CONTAINER_CREDENTIALS_FULL_URI is set.', {
      code: 'Config',
      hint: 'The credential source EcsContainer works only where the container agent sets these variables.',
    });
  }
  let url: URL;
  try {
    url = new URL(full);
  } catch {
    throw new CredentialsError(text`AWS_CONTAINER_CREDENTIALS_FULL_URI is not a valid URI: the URI did not specify a host (${full}).`, {
      code: 'Config',
      hint: 'Use an absolute http(s) URI.',
    });
  }
  if (url.protocol === 'https:') return full;
  if (url.protocol === 'http:' && (ALLOWED_HTTP_HOSTS.has(url.hostname) || ALLOWED_HTTP_HOSTS.has(`[${url.hostname}]`) || isLoopback(url.hostname)))
    return full;
  throw new CredentialsError(text`AWS_CONTAINER_CREDENTIALS_FULL_URI must use https, or http to a loopback or container host (got ${url.host}).`, {
    code: 'Config',
    hint: 'Fix the variable.',
  });
}

function parseCredentialsJson(body: string, what: string): Credentials {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(body) as Record<string, unknown>;
  } catch {
    throw new CredentialsError(text`${what} returned a response that is not JSON.`, { code: 'Network', hint: 'Check the endpoint.' });
  }
  const akid = o['AccessKeyId'];
  const secret = o['SecretAccessKey'];
  const token = o['Token'];
  const exp = o['Expiration'];
  if (typeof akid !== 'string' || typeof secret !== 'string') {
    throw new CredentialsError(text`${what} returned no AccessKeyId/SecretAccessKey${typeof o['Message'] === 'string' ? `: ${o['Message']}` : ''}.`, {
      code: 'Network',
      hint: 'Check the endpoint.',
    });
  }
  const expiration = typeof exp === 'string' ? new Date(exp) : undefined;
  const account = o['AccountId'];
  return {
    accessKeyId: akid,
    secretAccessKey: secret,
    ...(typeof token === 'string' && token !== '' ? { sessionToken: token } : {}),
    ...(expiration !== undefined && !Number.isNaN(expiration.getTime()) ? { expiration } : {}),
    ...(typeof account === 'string' ? { accountId: account } : {}),
  };
}

export class ContainerProvider implements CredentialProvider {
  readonly description = 'container credentials endpoint (AWS_CONTAINER_CREDENTIALS_*)';
  constructor(
    private readonly env: Env,
    private readonly http: HttpRequest,
    private readonly readText: ReadText,
    private readonly timeoutMs = 5000,
  ) {}

  async retrieve(): Promise<Credentials> {
    const uri = containerCredentialsUri(this.env);
    const headers: Record<string, string> = {};
    const tokenFile = this.env['AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE'];
    const token = tokenFile !== undefined && tokenFile !== '' ? (await this.readText(tokenFile)).trim() : this.env['AWS_CONTAINER_AUTHORIZATION_TOKEN'];
    if (token !== undefined && token !== '') {
      if (/[\r\n]/.test(token))
        throw new CredentialsError('The container authorization token contains a line break.', {
          code: 'Config',
          hint: 'Fix AWS_CONTAINER_AUTHORIZATION_TOKEN(_FILE).',
        });
      knownSecrets.add(token);
      headers['Authorization'] = token;
    }
    let r: HttpResponse;
    try {
      r = await this.http(uri, { method: 'GET', headers, timeoutMs: this.timeoutMs });
    } catch (e) {
      throw new CredentialsError(text`Could not reach the container credentials endpoint: ${(e as Error).message}.`, {
        code: 'Network',
        cause: e,
        hint: 'Is this running in a container with a task or pod role?',
      });
    }
    if (r.status !== 200)
      throw new CredentialsError(text`The container credentials endpoint answered HTTP ${r.status}.`, {
        code: 'Network',
        hint: 'Check the authorization token and the endpoint.',
      });
    return parseCredentialsJson(r.body, 'The container credentials endpoint');
  }
}

export class ImdsProvider implements CredentialProvider {
  readonly description = 'EC2 instance metadata (IMDSv2)';
  private readonly base: string;

  constructor(
    private readonly env: Env,
    private readonly http: HttpRequest,
    endpoint?: string,
    private readonly timeoutMs = 1000,
  ) {
    this.base = (env['AWS_EC2_METADATA_SERVICE_ENDPOINT'] ?? endpoint ?? 'http://169.254.169.254').replace(/\/+$/, '');
  }

  async retrieve(): Promise<Credentials> {
    if ((this.env['AWS_EC2_METADATA_DISABLED'] ?? '').toLowerCase() === 'true') {
      throw new CredentialsError('The credential source is Ec2InstanceMetadata, but AWS_EC2_METADATA_DISABLED is true.', {
        code: 'Config',
        hint: 'Unset AWS_EC2_METADATA_DISABLED or use another credential source.',
      });
    }
    const req = async (method: 'GET' | 'PUT', path: string, headers: Record<string, string>): Promise<string> => {
      let r: HttpResponse;
      try {
        r = await this.http(this.base + path, { method, headers, timeoutMs: this.timeoutMs });
      } catch (e) {
        throw new CredentialsError(text`Could not reach the EC2 instance metadata service at ${this.base}: ${(e as Error).message}.`, {
          code: 'Network',
          cause: e,
          hint: 'Ec2InstanceMetadata works only on an EC2 instance with an instance profile.',
        });
      }
      if (r.status !== 200)
        throw new CredentialsError(text`The EC2 instance metadata service answered HTTP ${r.status} for ${path}.`, {
          code: 'Network',
          hint: 'Check that the instance has an IAM role attached.',
        });
      return r.body;
    };
    const token = await req('PUT', '/latest/api/token', { 'x-aws-ec2-metadata-token-ttl-seconds': '21600' });
    const auth = { 'x-aws-ec2-metadata-token': token };
    let listing: string;
    try {
      listing = await req('GET', '/latest/meta-data/iam/security-credentials/', auth);
    } catch (e) {
      if (e instanceof CredentialsError && /HTTP 404/.test(e.message)) listing = '';
      else throw e;
    }
    const role = listing.split('\n')[0]?.trim() ?? '';
    if (role === '') throw new CredentialsError('This EC2 instance has no IAM role.', { code: 'Config', hint: 'Attach an instance profile.' });
    return parseCredentialsJson(
      await req('GET', `/latest/meta-data/iam/security-credentials/${encodeURIComponent(role)}`, auth),
      'The EC2 instance metadata service',
    );
  }
}
