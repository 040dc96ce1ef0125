/**
 * An MFA session, as aws-vault keeps one: GetSessionToken with the source profile's long-term keys
 * and one MFA code gives session credentials (up to 36 hours) that carry the MFA. Roles whose
 * trust policy requires MFA (`aws:MultiFactorAuthPresent`) are then assumed — and refreshed every
 * hour — with those credentials and no further code, instead of a code per AssumeRole (the SDKs'
 * behaviour, and this extension's default). Opt-in: `awsRoleSwitcher.mfaSessionDurationSeconds`.
 */
import { StsTarget } from '../stsEndpoint';
import { StsApi } from '../sts';
import { CredentialProvider, Credentials, RetrieveContext } from '../types';
import { TokenProvider, stsFailure, withMfaCode } from './assumeRole';

export interface MfaSessionOptions {
  /** The profile that names the MFA device (the role profile whose assumption needs it). */
  readonly profile: string;
  /** The role that asked for the MFA (for the prompt). */
  readonly roleArn: string;
  readonly serialNumber: string;
  readonly durationSeconds: number;
  readonly tokenProvider: TokenProvider;
  /** The long-term keys of the source profile. */
  readonly source: CredentialProvider;
  readonly sts: StsApi;
  readonly target: StsTarget;
}

export class MfaSessionProvider implements CredentialProvider {
  readonly description: string;

  constructor(private readonly o: MfaSessionOptions) {
    this.description = `MFA session of ${o.serialNumber} (${formatDuration(o.durationSeconds)}, GetSessionToken)`;
  }

  async retrieve(ctx: RetrieveContext): Promise<Credentials> {
    const source = await this.o.source.retrieve(ctx);
    return withMfaCode({ ...this.o, sessionSeconds: this.o.durationSeconds }, ctx, async (code) => {
      try {
        return await this.o.sts.getSessionToken(
          source,
          { durationSeconds: this.o.durationSeconds, serialNumber: this.o.serialNumber, ...(code !== undefined ? { tokenCode: code } : {}) },
          this.o.target,
        );
      } catch (e) {
        throw stsFailure(e, this.o.roleArn, this.o.target);
      }
    });
  }
}

export function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.round((seconds % 3600) / 60);
  return h > 0 ? (m > 0 ? `${h} h ${m} min` : `${h} h`) : `${m} min`;
}
