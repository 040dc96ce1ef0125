/**
 * Whether each IAM Identity Center profile is signed in, for the picker: read from the AWS CLI's
 * token cache (one read per sso-session, however many profiles use it). Signed in while the access
 * token is valid; "renews" when it has expired but carries what renews it (a refresh token and a
 * live client registration) — the renewal itself may still be refused; otherwise signed out.
 */
import { accessOf, parseCachedToken, renewalOf, ssoCacheFile } from '../providers/ssoToken';
import { Now } from '../types';

export type SsoSignInState = { readonly state: 'signedIn'; readonly until: Date } | { readonly state: 'renewable' } | { readonly state: 'signedOut' };

/** The sign-in an IAM Identity Center profile depends on: its sso-session, or (legacy) its start URL. */
export interface SsoSignInRef {
  readonly session?: string;
  readonly startUrl: string;
}

/** What identifies a sign-in: profiles with the same key share one cached token. */
export function signInKey(ref: SsoSignInRef): string {
  return ref.session ?? ref.startUrl;
}

/** The state of each sign-in, by `signInKey`: one cache read per sign-in. */
export async function ssoSessionStates(
  refs: Iterable<SsoSignInRef>,
  cacheDir: string,
  readText: (path: string) => Promise<string>,
  now: Now,
): Promise<Map<string, SsoSignInState>> {
  const distinct = new Map<string, SsoSignInRef>();
  for (const r of refs) {
    const key = signInKey(r);
    if (!distinct.has(key)) distinct.set(key, r);
  }
  // Legacy profiles (no sso-session) have no client registration to renew with.
  const states = await Promise.all(
    [...distinct].map(async ([key, r]) => [key, await stateOf(ssoCacheFile(cacheDir, key), r.session !== undefined, readText, now)] as const),
  );
  return new Map(states);
}

async function stateOf(file: string, canRenew: boolean, readText: (path: string) => Promise<string>, now: Now): Promise<SsoSignInState> {
  const cached = parseCachedToken(await readText(file).catch(() => ''));
  if (cached === undefined) return { state: 'signedOut' };
  const access = accessOf(cached);
  if (access !== undefined && access.expiration.getTime() > now()) return { state: 'signedIn', until: access.expiration };
  return canRenew && 'grant' in renewalOf(cached, now()) ? { state: 'renewable' } : { state: 'signedOut' };
}
