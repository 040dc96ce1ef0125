/**
 * AssumeRoleWithWebIdentity (unsigned): `web_identity_token_file` + `role_arn`, or the
 * AWS_WEB_IDENTITY_TOKEN_FILE / AWS_ROLE_ARN / AWS_ROLE_SESSION_NAME variables. The token file is
 * read again on every retrieve, because identity providers rotate it.
 */
import { StsTarget } from '../stsEndpoint';
import { StsApi } from '../sts';
import { CredentialProvider, Credentials, CredentialsError, text } from '../types';
import { stsFailure } from './assumeRole';
import { knownSecrets } from '../knownSecrets';

export interface WebIdentityOptions {
  readonly profile: string;
  readonly roleArn: string;
  readonly tokenFile: string;
  readonly roleSessionName: string;
  /** 900…43200, default 3600. */
  readonly durationSeconds?: number;
  readonly policy?: string;
  readonly policyArns?: string[];
  readonly readFile: (path: string) => Promise<Uint8Array>;
  readonly sts: StsApi;
  readonly target: StsTarget;
}

export class WebIdentityProvider implements CredentialProvider {
  readonly description: string;

  constructor(private readonly o: WebIdentityOptions) {
    const d = o.durationSeconds;
    if (d !== undefined && (!Number.isInteger(d) || d < 900 || d > 43200)) {
      throw new CredentialsError(text`The duration_seconds ${d} is out of range for AssumeRoleWithWebIdentity.`, {
        code: 'Config',
        profile: o.profile,
        hint: 'Use a whole number of seconds from 900 to 43200.',
      });
    }
    this.description = `assume role ${o.roleArn} with web identity token ${o.tokenFile} (profile ${o.profile})`;
  }

  async retrieve(): Promise<Credentials> {
    let token: string;
    try {
      token = new TextDecoder().decode(await this.o.readFile(this.o.tokenFile)).trim();
    } catch (e) {
      const code = (e as { code?: string }).code ?? 'error';
      throw new CredentialsError(text`Cannot read the web identity token file ${this.o.tokenFile} (${code}).`, {
        code: 'Config',
        hint: 'Check web_identity_token_file (or AWS_WEB_IDENTITY_TOKEN_FILE) and that the file is readable.',
      });
    }
    if (token.length === 0) {
      throw new CredentialsError(text`The web identity token file ${this.o.tokenFile} is empty.`, { code: 'Config', hint: 'Renew the token.' });
    }
    knownSecrets.add(token);
    try {
      return await this.o.sts.assumeRoleWithWebIdentity(
        {
          roleArn: this.o.roleArn,
          roleSessionName: this.o.roleSessionName,
          webIdentityToken: token,
          durationSeconds: this.o.durationSeconds ?? 3600,
          ...(this.o.policy !== undefined ? { policy: this.o.policy } : {}),
          ...(this.o.policyArns !== undefined ? { policyArns: this.o.policyArns } : {}),
        },
        this.o.target,
      );
    } catch (e) {
      throw stsFailure(e, this.o.roleArn, this.o.target);
    }
  }
}
