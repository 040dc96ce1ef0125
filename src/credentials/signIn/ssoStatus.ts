/**
 * Whether each IAM Identity Center profile is signed in, for the picker: read from the AWS CLI's
 * token cache (one read per sso-session, however many profiles use it). Signed in while the access
 * token is valid; "renews" when it has expired but carries what renews it (a refresh token and a
 * live client registration) — the renewal itself may still be refused; otherwise signed out.
 */
import { ProfileInfo } from '../profileInfo';
import { accessOf, parseCachedToken, renewalOf, ssoCacheFile } from '../providers/ssoToken';
import { Now } from '../types';

export type SsoSignInState = { readonly state: 'signedIn'; readonly until: Date } | { readonly state: 'renewable' } | { readonly state: 'signedOut' };

/** The sign-in state of every described profile that depends on IAM Identity Center. */
export async function ssoSignInStates(
  infos: Iterable<Pick<ProfileInfo, 'name' | 'ssoSignIn'>>,
  cacheDir: string,
  readText: (path: string) => Promise<string>,
  now: Now,
): Promise<Map<string, SsoSignInState>> {
  const fileOf = new Map<string, string>();
  const legacy = new Set<string>(); // cache files of profiles without an sso-session: no renewal
  // One SHA-1 per session, not per profile (5,000 profiles share a handful of sessions).
  const fileOfKey = new Map<string, string>();
  for (const info of infos) {
    const sso = info.ssoSignIn;
    if (sso === undefined) continue;
    const key = sso.session ?? sso.startUrl;
    let file = fileOfKey.get(key);
    if (file === undefined) {
      file = ssoCacheFile(cacheDir, key);
      fileOfKey.set(key, file);
    }
    fileOf.set(info.name, file);
    if (sso.session === undefined) legacy.add(file);
  }
  const files = [...new Set(fileOf.values())];
  const states = new Map<string, SsoSignInState>(await Promise.all(files.map(async (f) => [f, await stateOf(f, !legacy.has(f), readText, now)] as const)));
  const out = new Map<string, SsoSignInState>();
  for (const [name, f] of fileOf) out.set(name, states.get(f) ?? { state: 'signedOut' });
  return out;
}

async function stateOf(file: string, canRenew: boolean, readText: (path: string) => Promise<string>, now: Now): Promise<SsoSignInState> {
  const cached = parseCachedToken(await readText(file).catch(() => ''));
  if (cached === undefined) return { state: 'signedOut' };
  const access = accessOf(cached);
  if (access !== undefined && access.expiration.getTime() > now()) return { state: 'signedIn', until: access.expiration };
  return canRenew && 'grant' in renewalOf(cached, now()) ? { state: 'renewable' } : { state: 'signedOut' };
}
