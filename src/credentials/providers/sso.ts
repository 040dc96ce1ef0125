/**
 * IAM Identity Center (SSO): exchanges the profile's access token (see ssoToken.ts: the AWS CLI's
 * cache, renewed near expiry) for role credentials at the SSO portal (GetRoleCredentials).
 * Signing in is left to the AWS CLI (`aws sso login`), whose cache this shares.
 */
import { CredentialProvider, Credentials, CredentialsError, text } from '../types';
import { HttpRequest } from './containers';
import { SsoToken } from './ssoToken';

/** What the AWS CLI keys cached IAM Identity Center role credentials by. */
export interface SsoCacheArgs {
  readonly accountId: string;
  readonly roleName: string;
  /** The sso-session name; absent for a legacy profile (then the start URL keys it). */
  readonly sessionName?: string;
  readonly startUrl: string;
}

/** Role credentials shared with the AWS CLI's cache (`aws sso logout` removes them there). Never throws. */
export interface SsoRoleCache {
  loadSso(args: SsoCacheArgs): Promise<Credentials | undefined>;
  storeSso(args: SsoCacheArgs, c: Credentials): Promise<void>;
}

export interface SsoOptions {
  readonly profile: string;
  readonly region: string;
  readonly accountId: string;
  readonly roleName: string;
  /** The access token (cached by `aws sso login`, renewed when near expiry). */
  readonly token: { retrieve(): Promise<SsoToken> };
  /** Portal endpoint override (AWS_ENDPOINT_URL_SSO, [services] sso endpoint_url). */
  readonly endpoint?: string;
  readonly http: HttpRequest;
  readonly shared?: { readonly cache: SsoRoleCache; readonly args: SsoCacheArgs };
}

export class SsoProvider implements CredentialProvider {
  readonly description: string;
  constructor(private readonly o: SsoOptions) {
    this.description = `IAM Identity Center ${o.accountId}/${o.roleName} (profile ${o.profile})`;
  }

  async retrieve(): Promise<Credentials> {
    const shared = this.o.shared;
    const cached = shared !== undefined ? await shared.cache.loadSso(shared.args) : undefined;
    if (cached !== undefined) return { ...cached, accountId: this.o.accountId };
    const c = await this.fetch();
    if (shared !== undefined) await shared.cache.storeSso(shared.args, c);
    return c;
  }

  /** GetRoleCredentials at the portal. */
  private async fetch(): Promise<Credentials> {
    const login = `aws sso login --profile ${this.o.profile}`;
    const { token } = await this.o.token.retrieve();
    const base = (this.o.endpoint ?? `https://portal.sso.${this.o.region}.amazonaws.com`).replace(/\/+$/, '');
    const url = `${base}/federation/credentials?account_id=${encodeURIComponent(this.o.accountId)}&role_name=${encodeURIComponent(this.o.roleName)}`;
    let r;
    try {
      r = await this.o.http(url, { method: 'GET', headers: { 'x-amz-sso_bearer_token': token }, timeoutMs: 15_000 });
    } catch (e) {
      throw new CredentialsError(text`Could not reach the IAM Identity Center portal: ${(e as Error).message}.`, {
        code: 'Network',
        cause: e,
        hint: 'Check the network and sso_region.',
      });
    }
    if (r.status === 401 || r.status === 403) {
      throw new CredentialsError(text`IAM Identity Center refused the session (HTTP ${r.status}).`, {
        code: 'NeedsLogin',
        profile: this.o.profile,
        hint: text`Sign in ("${login}"), then try again.`,
      });
    }
    if (r.status !== 200)
      throw new CredentialsError(text`IAM Identity Center answered HTTP ${r.status}.`, { code: 'Sts', hint: 'Check sso_account_id and sso_role_name.' });
    let rc: { accessKeyId?: string; secretAccessKey?: string; sessionToken?: string; expiration?: number } | undefined;
    try {
      rc = (JSON.parse(r.body) as { roleCredentials?: typeof rc }).roleCredentials;
    } catch {
      rc = undefined;
    }
    if (!rc?.accessKeyId || !rc.secretAccessKey || !rc.sessionToken)
      throw new CredentialsError('IAM Identity Center answered without credentials.', { code: 'Sts', hint: 'Try again.' });
    const expiration = typeof rc.expiration === 'number' ? new Date(rc.expiration) : undefined;
    // Out of the Date range (a year beyond 275760) it would be an Invalid Date: timers firing at once,
    // toISOString throwing where the credentials are delivered.
    if (expiration !== undefined && !Number.isFinite(expiration.getTime())) {
      throw new CredentialsError(text`IAM Identity Center answered with an expiration that is not a date (${String(rc.expiration).slice(0, 40)}).`, {
        code: 'Sts',
        hint: 'Try again; if it persists, the portal endpoint is not IAM Identity Center.',
      });
    }
    return {
      accessKeyId: rc.accessKeyId,
      secretAccessKey: rc.secretAccessKey,
      sessionToken: rc.sessionToken,
      ...(expiration !== undefined ? { expiration } : {}),
      accountId: this.o.accountId,
    };
  }
}
