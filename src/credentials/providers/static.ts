import { CredentialProvider, Credentials } from '../types';

/** Keys written in a profile (`aws_access_key_id`, `aws_secret_access_key`, `aws_session_token`). */
export class StaticProvider implements CredentialProvider {
  readonly description: string;
  constructor(
    private readonly creds: Credentials,
    profile: string,
  ) {
    this.description = `static keys (profile ${profile})`;
  }

  retrieve(): Promise<Credentials> {
    return Promise.resolve(this.creds);
  }
}
