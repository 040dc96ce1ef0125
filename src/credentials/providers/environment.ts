import { Env } from '../../config/locations';
import { CredentialProvider, Credentials, CredentialsError } from '../types';

/** `credential_source = Environment`: the AWS_* key variables of VS Code's own environment. */
export class EnvironmentProvider implements CredentialProvider {
  readonly description = 'environment variables (AWS_ACCESS_KEY_ID, …)';
  constructor(private readonly env: Env) {}

  retrieve(): Promise<Credentials> {
    const akid = this.env['AWS_ACCESS_KEY_ID']?.trim();
    const secret = this.env['AWS_SECRET_ACCESS_KEY']?.trim();
    if (!akid || !secret) {
      return Promise.reject(
        new CredentialsError(
          'The credential source is Environment, but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set in the environment VS Code was started from.',
          {
            code: 'Config',
            hint: 'Start VS Code from a shell that exports them, or use source_profile instead.',
          },
        ),
      );
    }
    const token = this.env['AWS_SESSION_TOKEN']?.trim();
    const exp = this.env['AWS_CREDENTIAL_EXPIRATION']?.trim();
    const expiration = exp ? new Date(exp) : undefined;
    return Promise.resolve({
      accessKeyId: akid,
      secretAccessKey: secret,
      ...(token ? { sessionToken: token } : {}),
      ...(expiration !== undefined && !Number.isNaN(expiration.getTime()) ? { expiration } : {}),
    });
  }
}
