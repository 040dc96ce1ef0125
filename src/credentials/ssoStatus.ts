/**
 * Whether each IAM Identity Center profile is signed in, for the picker: read from the AWS CLI's
 * token cache (one read per sso-session, however many profiles use it). Signed in while the access
 * token is valid; "renews" when it has expired but carries what renews it (a refresh token and a
 * live client registration) — the renewal itself may still be refused; otherwise signed out.
 */
import { ProfileInfo } from './describe';
import { ssoCacheFile } from './providers/ssoToken';
import { Now } from './types';

export type SsoSignInState = { readonly state: 'signedIn'; readonly until: Date } | { readonly state: 'renewable' } | { readonly state: 'signedOut' };

/** The sign-in state of every described profile that depends on IAM Identity Center. */
export async function ssoSignInStates(infos: Iterable<Pick<ProfileInfo, 'name' | 'ssoSignIn'>>, cacheDir: string, readText: (path: string) => Promise<string>, now: Now): Promise<Map<string, SsoSignInState>> {
  const fileOf = new Map<string, string>();
  const legacy = new Set<string>(); // cache files of profiles without an sso-session: no renewal
  for (const info of infos) {
    const sso = info.ssoSignIn;
    if (sso === undefined) continue;
    const file = ssoCacheFile(cacheDir, sso.session ?? sso.startUrl);
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
  let t: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(await readText(file));
    if (parsed === null || typeof parsed !== 'object') return { state: 'signedOut' };
    t = parsed as Record<string, unknown>;
  } catch {
    return { state: 'signedOut' };
  }
  const time = (k: string): number => (typeof t[k] === 'string' ? Date.parse(t[k]) : NaN);
  const expires = time('expiresAt');
  if (typeof t['accessToken'] === 'string' && expires > now()) return { state: 'signedIn', until: new Date(expires) };
  const registration = time('registrationExpiresAt');
  const renewable = canRenew && typeof t['refreshToken'] === 'string' && typeof t['clientId'] === 'string' && typeof t['clientSecret'] === 'string' && !(registration <= now());
  return renewable ? { state: 'renewable' } : { state: 'signedOut' };
}
