/**
 * The STS operations the providers need, behind an interface so providers can be tested with any
 * implementation. `sdkSts()` implements it with the real `@aws-sdk/client-sts`, loaded on first use.
 */
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { accountOfArn } from './arn';
import { StsTarget } from './stsEndpoint';
import { Credentials, CredentialsError } from './types';
import { knownSecrets } from './knownSecrets';

export interface AssumeRoleInput {
  roleArn: string;
  roleSessionName: string;
  durationSeconds?: number;
  externalId?: string;
  policy?: string;
  policyArns?: string[];
  serialNumber?: string;
  tokenCode?: string;
  sourceIdentity?: string;
}

export interface WebIdentityInput {
  roleArn: string;
  roleSessionName: string;
  webIdentityToken: string;
  durationSeconds?: number;
  policy?: string;
  policyArns?: string[];
}

export interface SessionTokenInput {
  durationSeconds?: number;
  serialNumber?: string;
  tokenCode?: string;
}

export interface FederationTokenInput {
  /** The federated user's name (2–32 characters). */
  name: string;
  policy: string;
  durationSeconds?: number;
}

export interface CallerIdentity {
  account: string;
  arn: string;
  userId: string;
}

export interface StsApi {
  assumeRole(source: Credentials, input: AssumeRoleInput, target: StsTarget): Promise<Credentials>;
  assumeRoleWithWebIdentity(input: WebIdentityInput, target: StsTarget): Promise<Credentials>;
  /** GetSessionToken (long-term IAM user keys only): session credentials, MFA-authenticated when a code is given. */
  getSessionToken(source: Credentials, input: SessionTokenInput, target: StsTarget): Promise<Credentials>;
  getCallerIdentity(creds: Credentials, target: StsTarget): Promise<CallerIdentity>;
  /** GetFederationToken (long-term IAM user keys only): credentials the console federation endpoint accepts. */
  getFederationToken(source: Credentials, input: FederationTokenInput, target: StsTarget): Promise<Credentials>;
}

/** An error STS itself returned (code such as AccessDenied), as opposed to a network failure. */
export class StsServiceError extends Error {
  constructor(
    readonly stsCode: string,
    message: string,
    readonly status: number | undefined,
  ) {
    super(message);
    this.name = 'StsServiceError';
  }
}

/** The SDK names modeled errors after their shape; logs and hints use STS's wire codes. */
const WIRE_CODES: Record<string, string> = {
  InvalidIdentityTokenException: 'InvalidIdentityToken',
  MalformedPolicyDocumentException: 'MalformedPolicyDocument',
  PackedPolicyTooLargeException: 'PackedPolicyTooLarge',
  IDPRejectedClaimException: 'IDPRejectedClaim',
  IDPCommunicationErrorException: 'IDPCommunicationError',
};

type Sdk = typeof import('./sdk/stsSdk');
let loaded: Sdk | undefined;

/**
 * The SDK bundle, loaded on first use. `require`, not `import()`: Node loads a dynamic import as
 * an ES module, which measured 173 ms for this bundle against 47 ms as CommonJS.
 */
export function loadSdk(): Sdk {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy CommonJS load, see above
  loaded ??= require('./sdk/stsSdk') as Sdk;
  return loaded;
}

/**
 * How long after the picker is on screen the SDK is loaded and warmed up: loading blocks the
 * extension host for ~100 ms, and started at once it held back the picker's own first paint
 * (first open 344 ms against 78 ms with the load a second later, 5 profiles, median of 5).
 */
export const PRELOAD_AFTER_PICKER_MS = 150;

/**
 * Loads the SDK soon, off the current task, and runs one AssumeRole through it: the SDK's first
 * call (compiling its request, signing, HTTP and XML code) then happens while
 * the person is still choosing in the picker, not after they pressed Enter.
 */
export function preloadSdk(delayMs = 0): void {
  warming ??= new Promise<void>((resolve) => setTimeout(resolve, delayMs)).then(warmUpSdk).catch(() => undefined);
}

let warming: Promise<void> | undefined;

const WARM_UP_ANSWER =
  '<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials>' +
  '<AccessKeyId>ASIAWARMUP</AccessKeyId><SecretAccessKey>warm-up</SecretAccessKey><SessionToken>warm-up</SessionToken>' +
  '<Expiration>2030-01-01T00:00:00Z</Expiration></Credentials><AssumedRoleUser><AssumedRoleId>AROAWARMUP:warm-up</AssumedRoleId>' +
  '<Arn>arn:aws:sts::000000000000:assumed-role/warm-up/warm-up</Arn></AssumedRoleUser></AssumeRoleResult>' +
  '<ResponseMetadata><RequestId>warm-up</RequestId></ResponseMetadata></AssumeRoleResponse>';

/**
 * One AssumeRole through the SDK, with a client made as for real calls, answered by a one-shot
 * server of our own on 127.0.0.1 (nothing leaves the machine, no credentials are involved).
 * Rejects if the SDK could not build, sign, send or parse it.
 */
export async function warmUpSdk(): Promise<void> {
  const sdk = loadSdk();
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'text/xml' }).end(WARM_UP_ANSWER));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const c = newClient(
    sdk,
    { region: 'us-east-1', endpoint: `http://127.0.0.1:${port}`, via: 'warm-up' },
    { accessKeyId: 'AKIDWARMUP', secretAccessKey: 'warm-up' },
    {},
  );
  try {
    await c.send(new sdk.AssumeRoleCommand({ RoleArn: 'arn:aws:iam::000000000000:role/warm-up', RoleSessionName: 'warm-up' }));
  } finally {
    c.destroy();
    server.close();
  }
}

function toCredentials(
  c: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string; Expiration?: Date } | undefined,
  arn: string | undefined,
): Credentials {
  if (c?.AccessKeyId === undefined || c.SecretAccessKey === undefined || c.SessionToken === undefined) {
    throw new CredentialsError('STS answered without complete credentials.', {
      code: 'Sts',
      hint: 'Check the STS endpoint configuration (endpoint_url, [services], AWS_ENDPOINT_URL_STS).',
    });
  }
  knownSecrets.add(c.SecretAccessKey, c.SessionToken);
  const accountId = accountOfArn(arn);
  return {
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretAccessKey,
    sessionToken: c.SessionToken,
    ...(c.Expiration !== undefined ? { expiration: c.Expiration } : {}),
    ...(accountId !== undefined ? { accountId } : {}),
    ...(arn !== undefined ? { arn } : {}),
  };
}

export interface SdkStsOptions {
  /** Per-call time-out (connect + response). */
  timeoutMs?: number;
  /** Appended to the SDK's user agent. */
  userAgent?: string;
  /** A hard deadline for a whole call, retries included (default: twice the time-out and 5 s). */
  deadlineMs?: number;
  /** The clock requests are signed at (the engine's, which tests make virtual); the computer's when unset. */
  now?: () => number;
}

/**
 * Everything the SDK would otherwise look up in the environment and the shared config files on
 * every client it makes. The extension has already resolved the profile (endpoint, region, FIPS,
 * dual-stack) from the files it read, and the SDK must not second-guess that from VS Code's own
 * environment. It also parsed the whole config file once per setting per client: with 5,000
 * profiles (1 MB) that was ~290 ms added to every STS call.
 */
const RESOLVED_BY_US = {
  ignoreConfiguredEndpointUrls: true,
  defaultsMode: 'legacy' as const,
  retryMode: 'standard',
  authSchemePreference: (): Promise<string[]> => Promise.resolve([]),
  sigv4aSigningRegionSet: (): Promise<string[] | undefined> => Promise.resolve(undefined),
  userAgentAppId: (): Promise<string | undefined> => Promise.resolve(undefined),
};

/** An STS client for one call, as real calls and the warm-up make it: only what the extension resolved, nothing from files. */
function newClient(sdk: Sdk, target: StsTarget, creds: Credentials | undefined, options: SdkStsOptions): InstanceType<Sdk['STSClient']> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  return new sdk.STSClient({
    region: target.region,
    ...(target.endpoint !== undefined ? { endpoint: target.endpoint } : {}),
    useFipsEndpoint: target.useFipsEndpoint === true,
    useDualstackEndpoint: target.useDualstackEndpoint === true,
    credentials:
      creds !== undefined
        ? {
            accessKeyId: creds.accessKeyId,
            secretAccessKey: creds.secretAccessKey,
            ...(creds.sessionToken !== undefined ? { sessionToken: creds.sessionToken } : {}),
          }
        : { accessKeyId: '', secretAccessKey: '' },
    maxAttempts: 2,
    requestHandler: { connectionTimeout: timeoutMs, requestTimeout: timeoutMs },
    ...(options.userAgent !== undefined ? { customUserAgent: options.userAgent } : {}),
    ...(options.now !== undefined ? { systemClockOffset: options.now() - Date.now() } : {}),
    ...RESOLVED_BY_US,
  });
}

/** The real STS, through @aws-sdk/client-sts. */
export function sdkSts(options: SdkStsOptions = {}): StsApi {
  async function client(target: StsTarget, creds: Credentials | undefined): Promise<{ sdk: Sdk; c: InstanceType<Sdk['STSClient']> }> {
    const sdk = loadSdk();
    return { sdk, c: newClient(sdk, target, creds, options) };
  }
  // The SDK's time-outs are per socket and per idle period; a server dripping bytes slips past them.
  const deadlineMs = options.deadlineMs ?? 2 * (options.timeoutMs ?? 15_000) + 5_000;
  async function call<T>(
    target: StsTarget,
    creds: Credentials | undefined,
    f: (sdk: Sdk, c: InstanceType<Sdk['STSClient']>, o: { abortSignal: AbortSignal }) => Promise<T>,
  ): Promise<T> {
    const { sdk, c } = await client(target, creds);
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(new Error(`STS did not answer within ${Math.round(deadlineMs / 1000)} s`)), deadlineMs);
    try {
      return await f(sdk, c, { abortSignal: abort.signal });
    } catch (e) {
      if (e instanceof sdk.STSServiceException) throw new StsServiceError(WIRE_CODES[e.name] ?? e.name, e.message, e.$metadata.httpStatusCode);
      throw e;
    } finally {
      clearTimeout(timer);
      c.destroy();
    }
  }
  return {
    assumeRole: (source, input, target) =>
      call(target, source, async (sdk, c, o) => {
        const out = await c.send(
          new sdk.AssumeRoleCommand({
            RoleArn: input.roleArn,
            RoleSessionName: input.roleSessionName,
            ...(input.durationSeconds !== undefined ? { DurationSeconds: input.durationSeconds } : {}),
            ...(input.externalId !== undefined ? { ExternalId: input.externalId } : {}),
            ...(input.policy !== undefined ? { Policy: input.policy } : {}),
            ...(input.policyArns !== undefined ? { PolicyArns: input.policyArns.map((arn) => ({ arn })) } : {}),
            ...(input.serialNumber !== undefined ? { SerialNumber: input.serialNumber } : {}),
            ...(input.tokenCode !== undefined ? { TokenCode: input.tokenCode } : {}),
            ...(input.sourceIdentity !== undefined ? { SourceIdentity: input.sourceIdentity } : {}),
          }),
          o,
        );
        return toCredentials(out.Credentials, out.AssumedRoleUser?.Arn);
      }),
    assumeRoleWithWebIdentity: (input, target) =>
      call(target, undefined, async (sdk, c, o) => {
        const out = await c.send(
          new sdk.AssumeRoleWithWebIdentityCommand({
            RoleArn: input.roleArn,
            RoleSessionName: input.roleSessionName,
            WebIdentityToken: input.webIdentityToken,
            ...(input.durationSeconds !== undefined ? { DurationSeconds: input.durationSeconds } : {}),
            ...(input.policy !== undefined ? { Policy: input.policy } : {}),
            ...(input.policyArns !== undefined ? { PolicyArns: input.policyArns.map((arn) => ({ arn })) } : {}),
          }),
          o,
        );
        return toCredentials(out.Credentials, out.AssumedRoleUser?.Arn);
      }),
    getSessionToken: (source, input, target) =>
      call(target, source, async (sdk, c, o) => {
        const out = await c.send(
          new sdk.GetSessionTokenCommand({
            ...(input.durationSeconds !== undefined ? { DurationSeconds: input.durationSeconds } : {}),
            ...(input.serialNumber !== undefined ? { SerialNumber: input.serialNumber } : {}),
            ...(input.tokenCode !== undefined ? { TokenCode: input.tokenCode } : {}),
          }),
          o,
        );
        // The session acts as the user: same ARN and account as the keys it came from.
        const creds = toCredentials(out.Credentials, source.arn);
        return source.accountId !== undefined && creds.accountId === undefined ? { ...creds, accountId: source.accountId } : creds;
      }),
    getFederationToken: (source, input, target) =>
      call(target, source, async (sdk, c, o) => {
        const out = await c.send(
          new sdk.GetFederationTokenCommand({
            Name: input.name,
            Policy: input.policy,
            ...(input.durationSeconds !== undefined ? { DurationSeconds: input.durationSeconds } : {}),
          }),
          o,
        );
        return toCredentials(out.Credentials, out.FederatedUser?.Arn);
      }),
    getCallerIdentity: (creds, target) =>
      call(target, creds, async (sdk, c, o) => {
        const out = await c.send(new sdk.GetCallerIdentityCommand({}), o);
        return { account: out.Account ?? '', arn: out.Arn ?? '', userId: out.UserId ?? '' };
      }),
  };
}
