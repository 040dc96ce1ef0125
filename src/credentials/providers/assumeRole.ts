/**
 * AssumeRole with the semantics of the Go SDK's `stscreds.AssumeRoleProvider`: RoleARN,
 * RoleSessionName, Duration, ExternalID, Policy, SerialNumber, TokenCode, TokenProvider. When both
 * TokenCode and TokenProvider are set, TokenProvider wins; SerialNumber with neither is an error
 * before any call. The TokenProvider is asked on every retrieve (every refresh). A code STS
 * rejects lets it ask again, up to `maxMfaAttempts`. (ExpiryWindow lives in the refreshing holder.)
 */
import { StsTarget } from '../stsEndpoint';
import { AssumeRoleInput, StsApi, StsServiceError } from '../sts';
import { CredentialProvider, Credentials, CredentialsError, RetrieveContext, text } from '../types';
import { knownSecrets } from '../knownSecrets';

export interface MfaRequest {
  readonly profile: string;
  readonly roleArn: string;
  readonly serialNumber: string;
  /** Set when the code opens an MFA session (GetSessionToken) of this many seconds, not one role session. */
  readonly sessionSeconds?: number;
  readonly interactive: boolean;
  /** 1 for the first ask; more after a rejected code. */
  readonly attempt: number;
  /** Why we ask again, after a rejected code. */
  readonly previousError?: string;
}

/** Returns the code, or undefined when the person cancelled. */
export type TokenProvider = (req: MfaRequest) => Promise<string | undefined>;

export interface AssumeRoleOptions {
  readonly profile: string;
  readonly roleArn: string;
  readonly roleSessionName: string;
  readonly durationSeconds?: number;
  readonly externalId?: string;
  readonly policy?: string;
  readonly policyArns?: string[];
  readonly serialNumber?: string;
  readonly tokenCode?: string;
  readonly tokenProvider?: TokenProvider;
  readonly sourceIdentity?: string;
  readonly maxMfaAttempts?: number;
  /** Credentials to call STS with (the previous step of the chain). */
  readonly source: CredentialProvider;
  readonly sts: StsApi;
  readonly target: StsTarget;
  /**
   * Sessions shared with the AWS CLI: an MFA role reuses a still-valid session the CLI cached
   * instead of asking for a code, and every session assumed here is cached for the CLI.
   */
  readonly shared?: { readonly cache: RoleSessionCache; readonly args: RoleCacheArgs };
}

function isMfaRejection(e: unknown): e is StsServiceError {
  return e instanceof StsServiceError && e.stsCode === 'AccessDenied' && /MultiFactorAuthentication/i.test(e.message);
}

/** AssumeRole's arguments as the profile states them: what the AWS CLI keys its role cache by. */
export interface RoleCacheArgs {
  readonly roleArn: string;
  readonly roleSessionName?: string;
  readonly externalId?: string;
  readonly serialNumber?: string;
  readonly durationSeconds?: number;
}

/** A cache of role sessions shared with another tool (the AWS CLI's ~/.aws/cli/cache). Never throws. */
export interface RoleSessionCache {
  /** A session cached for these arguments with enough time left, if any. */
  load(args: RoleCacheArgs): Promise<Credentials | undefined>;
  store(args: RoleCacheArgs, c: Credentials): Promise<void>;
}

export class AssumeRoleProvider implements CredentialProvider {
  readonly description: string;

  constructor(private readonly o: AssumeRoleOptions) {
    if (o.serialNumber !== undefined && o.tokenCode === undefined && o.tokenProvider === undefined) {
      throw new CredentialsError('The setting mfa_serial is set, but there is no way to get an MFA code.', {
        code: 'Config',
        profile: o.profile,
        hint: 'Provide a TokenCode or a TokenProvider.',
      });
    }
    this.description = `assume role ${o.roleArn}${o.serialNumber !== undefined ? ' with MFA' : ''} (profile ${o.profile})`;
  }

  async retrieve(ctx: RetrieveContext): Promise<Credentials> {
    // A session policy or source identity shapes the session, and the CLI's cache key cannot carry
    // either: such a profile neither reads (it would get another profile's wider session) nor writes it.
    const narrowed = this.o.policy !== undefined || this.o.policyArns !== undefined || this.o.sourceIdentity !== undefined;
    const shared = narrowed ? undefined : this.o.shared;
    if (shared !== undefined && this.o.serialNumber !== undefined) {
      // One MFA code for VS Code and the AWS CLI: a session the CLI got with a code is used as is.
      const cached = await shared.cache.load(shared.args);
      if (cached !== undefined) return cached;
    }
    const c = await this.assume(ctx);
    if (shared !== undefined) await shared.cache.store(shared.args, c);
    return c;
  }

  private async assume(ctx: RetrieveContext): Promise<Credentials> {
    const source = await this.o.source.retrieve(ctx);
    const input: AssumeRoleInput = {
      roleArn: this.o.roleArn,
      roleSessionName: this.o.roleSessionName,
      ...(this.o.durationSeconds !== undefined ? { durationSeconds: this.o.durationSeconds } : {}),
      ...(this.o.externalId !== undefined ? { externalId: this.o.externalId } : {}),
      ...(this.o.policy !== undefined ? { policy: this.o.policy } : {}),
      ...(this.o.policyArns !== undefined ? { policyArns: this.o.policyArns } : {}),
      ...(this.o.sourceIdentity !== undefined ? { sourceIdentity: this.o.sourceIdentity } : {}),
    };
    const serial = this.o.serialNumber;
    if (serial === undefined) return this.call(source, input);
    return withMfaCode({ ...this.o, serialNumber: serial }, ctx, (code) =>
      this.call(source, { ...input, serialNumber: serial, ...(code !== undefined ? { tokenCode: code } : {}) }),
    );
  }

  private async call(source: Credentials, input: AssumeRoleInput): Promise<Credentials> {
    try {
      return await this.o.sts.assumeRole(source, input, this.o.target);
    } catch (e) {
      throw stsFailure(e, this.o.roleArn, this.o.target);
    }
  }
}

export interface MfaCodeOptions {
  readonly profile: string;
  readonly roleArn: string;
  readonly serialNumber: string;
  readonly sessionSeconds?: number;
  readonly tokenCode?: string;
  readonly tokenProvider?: TokenProvider;
  readonly maxMfaAttempts?: number;
}

/**
 * Gets a code (TokenProvider over TokenCode), makes the call with it, and asks again after a code
 * STS rejected, up to `maxMfaAttempts`; a cancelled prompt is a Cancelled error.
 */
export async function withMfaCode(o: MfaCodeOptions, ctx: RetrieveContext, call: (code: string | undefined) => Promise<Credentials>): Promise<Credentials> {
  const max = Math.max(1, o.maxMfaAttempts ?? 3);
  let previousError: string | undefined;
  for (let attempt = 1; ; attempt++) {
    let code: string | undefined;
    if (o.tokenProvider !== undefined) {
      code = await o.tokenProvider({
        profile: o.profile,
        roleArn: o.roleArn,
        serialNumber: o.serialNumber,
        ...(o.sessionSeconds !== undefined ? { sessionSeconds: o.sessionSeconds } : {}),
        interactive: ctx.interactive,
        attempt,
        ...(previousError !== undefined ? { previousError } : {}),
      });
      if (code === undefined) {
        throw new CredentialsError('MFA code entry was cancelled.', { code: 'Cancelled', profile: o.profile });
      }
    } else {
      code = o.tokenCode;
    }
    knownSecrets.add(code?.trim());
    try {
      return await call(code?.trim());
    } catch (e) {
      const rejected = e instanceof CredentialsError && e.code === 'MfaRejected';
      if (!rejected || o.tokenProvider === undefined || attempt >= max) throw e;
      previousError = e.message;
    }
  }
}

/** Turns an STS or network failure into a CredentialsError that says what to do. */
export function stsFailure(e: unknown, roleArn: string, target: StsTarget): CredentialsError {
  if (e instanceof CredentialsError) return e;
  if (isMfaRejection(e)) {
    return new CredentialsError(text`STS rejected the MFA code: ${e.message}`, {
      code: 'MfaRejected',
      stsCode: e.stsCode,
      hint: 'Codes work once and for about 30 seconds: wait for the next code on your device and try again.',
    });
  }
  if (e instanceof StsServiceError) {
    const hints: Record<string, string> = {
      AccessDenied: `Check that the role's trust policy allows your source identity, and its ExternalId and MFA conditions (${roleArn}).`,
      InvalidClientTokenId: 'The source credentials are not valid: check the keys of the source profile (they may have been deactivated or rotated).',
      SignatureDoesNotMatch: 'The secret key of the source profile does not match its access key id: re-copy aws_secret_access_key.',
      ExpiredToken: 'The source credentials have expired: refresh the source profile (for example, a new MFA session) and try again.',
      ExpiredTokenException: 'The web identity token has expired: renew the token file.',
      InvalidIdentityToken: 'STS could not validate the web identity token: check the token file and the identity provider.',
      ValidationError: 'Check role_arn, role_session_name, duration_seconds and policy in the profile.',
      RegionDisabledException: `STS is not activated in ${target.region}: activate it in IAM, or set another region.`,
    };
    return new CredentialsError(text`STS ${e.stsCode}: ${e.message}`, {
      code: e.stsCode === 'AccessDenied' ? 'AccessDenied' : e.stsCode.startsWith('Expired') ? 'Expired' : 'Sts',
      stsCode: e.stsCode,
      hint: hints[e.stsCode] ?? 'See the log for details.',
    });
  }
  const msg = e instanceof Error ? e.message : String(e);
  return new CredentialsError(text`Could not reach STS at ${target.endpoint ?? `the ${target.region} regional endpoint`}: ${msg}`, {
    code: 'Network',
    cause: e,
    hint: text`Check the network, proxy and endpoint settings (${target.via}).`,
  });
}
