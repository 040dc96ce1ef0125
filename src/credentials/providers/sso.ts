/**
 * IAM Identity Center (SSO): reads the token `aws sso login` cached in ~/.aws/sso/cache and
 * exchanges it for role credentials at the SSO portal (GetRoleCredentials). Logging in is left to
 * the AWS CLI, whose cache this shares.
 */
import { createHash } from 'node:crypto';
import { CredentialProvider, Credentials, CredentialsError, Now } from '../types';
import { HttpRequest } from './containers';

export interface SsoOptions {
  readonly profile: string;
  readonly region: string;
  readonly startUrl: string;
  readonly session?: string;
  readonly accountId: string;
  readonly roleName: string;
  /** `~/.aws/sso/cache` */
  readonly cacheDir: string;
  /** Portal endpoint override (AWS_ENDPOINT_URL_SSO, [services] sso endpoint_url). */
  readonly endpoint?: string;
  readonly readText: (path: string) => Promise<string>;
  readonly http: HttpRequest;
  readonly now: Now;
}

export function ssoCacheFile(cacheDir: string, sessionOrStartUrl: string): string {
  return `${cacheDir}/${createHash('sha1').update(sessionOrStartUrl, 'utf8').digest('hex')}.json`;
}

export class SsoProvider implements CredentialProvider {
  readonly description: string;
  constructor(private readonly o: SsoOptions) {
    this.description = `IAM Identity Center ${o.accountId}/${o.roleName} (profile ${o.profile})`;
  }

  async retrieve(): Promise<Credentials> {
    const login = `aws sso login --profile ${this.o.profile}`;
    const file = ssoCacheFile(this.o.cacheDir, this.o.session ?? this.o.startUrl);
    let token: { accessToken?: unknown; expiresAt?: unknown };
    try {
      token = JSON.parse(await this.o.readText(file)) as typeof token;
    } catch {
      throw new CredentialsError('No IAM Identity Center session is cached for this profile.', { code: 'NeedsLogin', profile: this.o.profile, hint: `Sign in ("${login}"), then try again.` });
    }
    const expiresAt = typeof token.expiresAt === 'string' ? Date.parse(token.expiresAt) : NaN;
    if (typeof token.accessToken !== 'string' || Number.isNaN(expiresAt) || expiresAt <= this.o.now()) {
      throw new CredentialsError('The IAM Identity Center session has expired.', { code: 'NeedsLogin', profile: this.o.profile, hint: `Sign in ("${login}"), then try again.` });
    }
    const base = (this.o.endpoint ?? `https://portal.sso.${this.o.region}.amazonaws.com`).replace(/\/+$/, '');
    const url = `${base}/federation/credentials?account_id=${encodeURIComponent(this.o.accountId)}&role_name=${encodeURIComponent(this.o.roleName)}`;
    let r;
    try {
      r = await this.o.http(url, { method: 'GET', headers: { 'x-amz-sso_bearer_token': token.accessToken }, timeoutMs: 15_000 });
    } catch (e) {
      throw new CredentialsError(`Could not reach the IAM Identity Center portal: ${(e as Error).message}.`, { code: 'Network', cause: e, hint: 'Check the network and sso_region.' });
    }
    if (r.status === 401 || r.status === 403) {
      throw new CredentialsError(`IAM Identity Center refused the session (HTTP ${r.status}).`, { code: 'NeedsLogin', profile: this.o.profile, hint: `Sign in ("${login}"), then try again.` });
    }
    if (r.status !== 200) throw new CredentialsError(`IAM Identity Center answered HTTP ${r.status}.`, { code: 'Sts', hint: 'Check sso_account_id and sso_role_name.' });
    const rc = (JSON.parse(r.body) as { roleCredentials?: { accessKeyId?: string; secretAccessKey?: string; sessionToken?: string; expiration?: number } }).roleCredentials;
    if (!rc?.accessKeyId || !rc.secretAccessKey || !rc.sessionToken) throw new CredentialsError('IAM Identity Center answered without credentials.', { code: 'Sts', hint: 'Try again.' });
    return {
      accessKeyId: rc.accessKeyId,
      secretAccessKey: rc.secretAccessKey,
      sessionToken: rc.sessionToken,
      ...(typeof rc.expiration === 'number' ? { expiration: new Date(rc.expiration) } : {}),
      accountId: this.o.accountId,
    };
  }
}
