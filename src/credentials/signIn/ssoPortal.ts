/**
 * What an IAM Identity Center session can open: the portal's ListAccounts and, per account,
 * ListAccountRoles (REST/JSON behind the access token `aws sso login` cached), every page. The
 * token is the one the profiles use: read from the CLI's cache and renewed as they renew it. The
 * portal's address follows the same configuration as the AWS CLI's with no --profile: the
 * `[default]` profile's endpoint settings and AWS_ENDPOINT_URL_SSO.
 */
import { ProfileSet, get } from '../../config/profiles';
import { Deps } from '../deps';
import { ssoTokenDeps } from '../kinds/sso';
import { HttpRequest } from '../providers/containers';
import { SsoTokenProvider } from '../providers/ssoToken';
import { configuredEndpoint } from '../stsEndpoint';
import { CredentialsError, text } from '../types';

export interface PortalAccount {
  readonly accountId: string;
  readonly accountName: string;
  readonly roles: string[];
}

/** One list (accounts, or one account's roles) longer than this many pages is cut off: 10,000 entries. */
export const MAX_PAGES_PER_LIST = 100;
/** Requests of one listing in all: one per 100 accounts, then at least one per account. */
export const MAX_PORTAL_REQUESTS = 6_000;

/** What one listing may still spend, and whether the person cancelled it. */
export interface PortalBudget {
  requests: number;
  readonly cancelled?: () => boolean;
}

function cancelledError(): CredentialsError {
  return new CredentialsError('The listing of IAM Identity Center accounts and roles was cancelled.', { code: 'Cancelled' });
}

async function pages<T>(
  http: HttpRequest,
  url: (next: string | undefined) => string,
  token: string,
  field: string,
  session: string,
  budget: PortalBudget,
): Promise<T[]> {
  const out: T[] = [];
  const seen = new Set<string>();
  let next: string | undefined;
  for (let i = 0; ; i++) {
    if (budget.cancelled?.() === true) throw cancelledError();
    if (i >= MAX_PAGES_PER_LIST || budget.requests >= MAX_PORTAL_REQUESTS) {
      throw new CredentialsError(text`The IAM Identity Center portal kept answering with more pages (${budget.requests} requests); the listing was stopped.`, {
        code: 'Sts',
        hint: 'Try again later; if it happens again, the portal (or a proxy in between) is misbehaving.',
      });
    }
    budget.requests++;
    let r;
    try {
      r = await http(url(next), { method: 'GET', headers: { 'x-amz-sso_bearer_token': token }, timeoutMs: 15_000 });
    } catch (e) {
      throw new CredentialsError(text`Could not reach the IAM Identity Center portal: ${(e as Error).message}.`, {
        code: 'Network',
        cause: e,
        hint: 'Check the network and the sso_region of the sso-session.',
      });
    }
    if (r.status === 401 || r.status === 403) {
      throw new CredentialsError(text`IAM Identity Center refused the session ${session} (HTTP ${r.status}).`, {
        code: 'NeedsLogin',
        hint: text`Sign in ("aws sso login --sso-session ${session}"), then try again.`,
      });
    }
    if (r.status !== 200) throw new CredentialsError(text`The IAM Identity Center portal answered HTTP ${r.status}.`, { code: 'Sts' });
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(r.body) as Record<string, unknown>;
    } catch {
      throw new CredentialsError('The IAM Identity Center portal answered something that is not JSON.', { code: 'Sts' });
    }
    const list = body[field];
    if (Array.isArray(list)) out.push(...(list as T[]));
    next = typeof body['nextToken'] === 'string' && body['nextToken'] !== '' ? body['nextToken'] : undefined;
    if (next === undefined) return out;
    // A token seen before would page in a circle.
    if (seen.has(next)) {
      throw new CredentialsError('The IAM Identity Center portal answered a page token it had already given; the listing was stopped.', {
        code: 'Sts',
        hint: 'Try again later; if it happens again, the portal (or a proxy in between) is misbehaving.',
      });
    }
    seen.add(next);
  }
}

/** Every account the session can open, with its roles (permission sets), in the portal's order. */
export async function listPortalAccounts(set: ProfileSet, session: string, deps: Deps, cancelled?: () => boolean): Promise<PortalAccount[]> {
  const budget: PortalBudget = { requests: 0, ...(cancelled !== undefined ? { cancelled } : {}) };
  const section = set.ssoSessions.get(session);
  const startUrl = get(section, 'sso_start_url');
  const region = get(section, 'sso_region');
  if (section === undefined || startUrl === undefined || region === undefined) {
    throw new CredentialsError(text`The sso-session ${session} needs sso_start_url and sso_region.`, {
      code: 'Config',
      hint: text`Add them to [sso-session ${session}] in the config file.`,
    });
  }
  const defaults = set.profiles.get('default');
  const oidcEndpoint = configuredEndpoint(set, defaults, deps.env, 'sso_oidc')?.url;
  const tokens = new SsoTokenProvider({
    profile: session,
    session,
    startUrl,
    region,
    ...(oidcEndpoint ? { oidcEndpoint } : {}),
    ...ssoTokenDeps(deps),
  });
  let token: string;
  try {
    token = (await tokens.retrieve()).token;
  } catch (e) {
    // The token provider words it for a profile; here there is only the session.
    if (e instanceof CredentialsError && e.code === 'NeedsLogin')
      throw new CredentialsError(e.text, { code: 'NeedsLogin', hint: text`Sign in ("aws sso login --sso-session ${session}"), then try again.`, cause: e });
    throw e;
  }
  const base = (configuredEndpoint(set, defaults, deps.env, 'sso')?.url ?? `https://portal.sso.${region}.amazonaws.com`).replace(/\/+$/, '');
  const q = encodeURIComponent;
  const accounts = await pages<{ accountId?: unknown; accountName?: unknown }>(
    deps.http,
    (next) => `${base}/assignment/accounts?max_result=100${next !== undefined ? `&next_token=${q(next)}` : ''}`,
    token,
    'accountList',
    session,
    budget,
  );
  const out: PortalAccount[] = [];
  const listed = new Set<string>();
  for (const a of accounts) {
    // An account listed twice is asked for once.
    if (typeof a.accountId !== 'string' || !/^\d{12}$/.test(a.accountId) || listed.has(a.accountId)) continue;
    const id = a.accountId;
    listed.add(id);
    const roles = await pages<{ roleName?: unknown }>(
      deps.http,
      (next) => `${base}/assignment/roles?account_id=${id}&max_result=100${next !== undefined ? `&next_token=${q(next)}` : ''}`,
      token,
      'roleList',
      session,
      budget,
    );
    out.push({
      accountId: id,
      accountName: typeof a.accountName === 'string' && a.accountName !== '' ? a.accountName : id,
      roles: roles.map((r) => r.roleName).filter((r): r is string => typeof r === 'string' && r !== ''),
    });
  }
  return out;
}
