/**
 * The AWS Management Console as the session's identity, through the AWS federation endpoint (what
 * aws-vault `login`, granted `assume -c` and awsume's console plugin do): `getSigninToken` for the
 * session credentials, then a `login` URL that carries the token and a destination. The URL signs
 * its holder in: it is never logged, and leaves the extension only when a person asks.
 */
import { knownSecrets } from '../credentials/knownSecrets';
import { HttpRequest } from '../credentials/providers/containers';
import { StsApi } from '../credentials/sts';
import { StsTarget } from '../credentials/stsEndpoint';
import { Credentials } from '../credentials/types';

export type Partition = 'aws' | 'aws-us-gov' | 'aws-cn';

const SIGNIN: Record<Partition, string> = {
  aws: 'https://signin.aws.amazon.com/federation',
  'aws-us-gov': 'https://signin.amazonaws-us-gov.com/federation',
  'aws-cn': 'https://signin.amazonaws.cn/federation',
};

const CONSOLE: Record<Partition, string> = {
  aws: 'https://console.aws.amazon.com',
  'aws-us-gov': 'https://console.amazonaws-us-gov.com',
  'aws-cn': 'https://console.amazonaws.cn',
};

const CONSOLE_URL = /^https:\/\/([a-z0-9-]+\.)*console\.(aws\.amazon\.com|amazonaws-us-gov\.com|amazonaws\.cn)(\/|$)/i;

/** Partitions whose sign-in is not public (ISO, the European Sovereign Cloud): by their Region prefixes. */
const CLOSED_REGION = /^(us-iso-|us-isob-|us-isof-|eu-isoe-|eusc-)/;

/**
 * The partition of an identity's ARN, else of the Region: one of the three whose federation
 * endpoint is known, or the name of another (`aws-iso-b`, `aws-eusc`, …), to which no credentials
 * are ever sent.
 */
export function partitionOf(arn: string | undefined, region: string | undefined): Partition | { readonly unknown: string } {
  const fromArn = /^arn:([A-Za-z0-9-]+):/.exec(arn ?? '')?.[1];
  if (fromArn !== undefined) return fromArn === 'aws' || fromArn === 'aws-us-gov' || fromArn === 'aws-cn' ? fromArn : { unknown: fromArn };
  const closed = CLOSED_REGION.exec(region ?? '')?.[1];
  if (closed !== undefined) return { unknown: `the partition of ${region ?? closed}` };
  if (region?.startsWith('us-gov-') === true) return 'aws-us-gov';
  if (region?.startsWith('cn-') === true) return 'aws-cn';
  return 'aws';
}

/** The partition, or a refusal that says why: session keys go only to their own partition's endpoint. */
export function knownPartition(p: Partition | { readonly unknown: string }): Partition {
  if (typeof p === 'string') return p;
  throw new ConsoleSignInError(
    `AWS Role Switcher does not know the console sign-in of ${p.unknown}, so it sends these credentials to no federation endpoint.`,
    "Sign in to that partition's console the way your organisation documents.",
  );
}

export function federationEndpoint(partition: Partition, override?: string): string {
  return override !== undefined && override !== '' ? override.replace(/\/+$/, '') : SIGNIN[partition];
}

/**
 * Where the console opens: the console home of the Region (empty setting), a service path such as
 * `s3/home` or `ec2/home#Instances` on the partition's console, or a full console URL.
 */
export function consoleDestination(partition: Partition, region: string | undefined, destination: string): string {
  const d = destination.trim();
  const home = CONSOLE[partition];
  if (/^[a-z]+:/i.test(d)) {
    // A full URL must be the console's: the sign-in would otherwise hand the person to another site.
    if (!CONSOLE_URL.test(d))
      throw new ConsoleSignInError(
        `The console destination ${d} is not an AWS console address.`,
        'Set awsRoleSwitcher.console.destination to a service path such as s3/home, or a console URL.',
      );
    return d;
  }
  const [pathPart, hash] = (d === '' ? 'console/home' : d.replace(/^\/+/, '')).split('#', 2) as [string, string | undefined];
  const url = new URL(`${home}/${pathPart}`);
  if (region !== undefined && region !== '' && !url.searchParams.has('region')) url.searchParams.set('region', region);
  return `${url.toString()}${hash !== undefined ? `#${hash}` : ''}`;
}

export class ConsoleSignInError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = 'ConsoleSignInError';
  }
}

export interface ConsoleSignInOptions {
  readonly http: HttpRequest;
  readonly endpoint: string;
  readonly destination: string;
  /** Only for federation-token credentials (GetFederationToken); role sessions keep their own length. */
  readonly sessionDurationSeconds?: number;
  /** Shown by the console on sign-out ("return to …"). */
  readonly issuer?: string;
}

/** The sign-in URL for session credentials. */
export async function consoleSignInUrl(c: Credentials, o: ConsoleSignInOptions): Promise<string> {
  if (c.sessionToken === undefined) {
    throw new ConsoleSignInError(
      'The console needs session credentials, and these are long-term keys.',
      'Long-term keys first get federation credentials (GetFederationToken).',
    );
  }
  const session = JSON.stringify({ sessionId: c.accessKeyId, sessionKey: c.secretAccessKey, sessionToken: c.sessionToken });
  const query = new URLSearchParams({ Action: 'getSigninToken' });
  if (o.sessionDurationSeconds !== undefined) query.set('SessionDuration', String(o.sessionDurationSeconds));
  query.set('Session', session);
  let r;
  try {
    r = await o.http(`${o.endpoint}?${query.toString()}`, { method: 'GET', headers: { accept: 'application/json' }, timeoutMs: 15_000 });
  } catch (e) {
    throw new ConsoleSignInError(
      `The federation endpoint ${o.endpoint} did not answer (${(e as Error).message}).`,
      'Check the network, or awsRoleSwitcher.console.federationEndpoint.',
    );
  }
  let token: unknown;
  try {
    token = (JSON.parse(r.body) as { SigninToken?: unknown }).SigninToken;
  } catch {
    token = undefined;
  }
  if (r.status !== 200 || typeof token !== 'string' || token === '') {
    throw new ConsoleSignInError(
      `The federation endpoint ${o.endpoint} refused the session (HTTP ${r.status}).`,
      'Credentials from GetSessionToken (MFA sessions of IAM users) cannot sign in to the console; a role, IAM Identity Center or federation credentials can.',
    );
  }
  knownSecrets.add(token);
  const login = new URLSearchParams({
    Action: 'login',
    ...(o.issuer !== undefined ? { Issuer: o.issuer } : {}),
    Destination: o.destination,
    SigninToken: token,
  });
  return `${o.endpoint}?${login.toString()}`;
}

/**
 * What GetFederationToken is asked for long-term keys: the user's own permissions (a federation
 * token has the intersection of the user's policies and this one), as aws-vault does.
 */
export const FEDERATION_POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });

/** A federated user's name: 2–32 of `\w+=,.@-`. */
export function federationName(userName: string | undefined): string {
  const clean = (userName ?? '').replace(/[^\w+=,.@-]/g, '').slice(0, 32);
  return clean.length >= 2 ? clean : 'aws-role-switcher';
}

export interface ConsoleRequest {
  /** The session's credentials: session credentials, or long-term keys (then GetFederationToken first). */
  readonly credentials: Credentials;
  readonly sts: StsApi;
  /** Where the session's STS calls go (GetFederationToken uses it). */
  readonly target: StsTarget;
  readonly http: HttpRequest;
  readonly region: string | undefined;
  readonly userName: string | undefined;
  /** awsRoleSwitcher.console.federationEndpoint ('' = the partition's). */
  readonly federationEndpoint: string;
  /** awsRoleSwitcher.console.destination. */
  readonly destination: string;
  /** The console session's length for long-term keys (GetFederationToken and SessionDuration). */
  readonly sessionDurationSeconds: number;
}

/** The sign-in URL for a session, and who and where it signs in. */
export async function consoleUrlFor(r: ConsoleRequest): Promise<{ url: string; arn: string | undefined; destination: string }> {
  let creds = r.credentials;
  let federated = false;
  // Refused before any call when what is known already names a partition without a known sign-in.
  knownPartition(partitionOf(creds.arn, r.region));
  if (creds.sessionToken === undefined) {
    creds = await r.sts.getFederationToken(
      creds,
      { name: federationName(r.userName), policy: FEDERATION_POLICY, durationSeconds: r.sessionDurationSeconds },
      r.target,
    );
    federated = true;
  }
  const partition = knownPartition(partitionOf(creds.arn ?? r.credentials.arn, r.region));
  const destination = consoleDestination(partition, r.region, r.destination);
  const url = await consoleSignInUrl(creds, {
    http: r.http,
    endpoint: federationEndpoint(partition, r.federationEndpoint),
    destination,
    ...(federated ? { sessionDurationSeconds: Math.min(43_200, Math.max(900, r.sessionDurationSeconds)) } : {}),
  });
  return { url, arn: creds.arn, destination };
}
