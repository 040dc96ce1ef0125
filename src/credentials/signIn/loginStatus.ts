/**
 * Whether each console sign-in (`aws login`) session is cached, for the picker: one read of the
 * cache per session, however many profiles use it. A cache that holds what renews the credentials
 * (a refresh token and its key) "renews"; the renewal itself may still be refused (the session
 * lasts 12 hours at most, and the cache does not say when it began). Anything else is signed out.
 */
import { loginCacheFile, parseLoginCache } from '../providers/login';

export type LoginSignInState = { readonly state: 'renewable' } | { readonly state: 'signedOut' };

/** The state of each login_session value. */
export async function loginSessionStates(
  sessions: Iterable<string>,
  cacheDir: string,
  readText: (path: string) => Promise<string>,
): Promise<Map<string, LoginSignInState>> {
  const distinct = [...new Set(sessions)];
  const states = await Promise.all(
    distinct.map(async (session) => {
      const cached = parseLoginCache(await readText(loginCacheFile(cacheDir, session)).catch(() => ''));
      const state: LoginSignInState = typeof cached === 'string' ? { state: 'signedOut' } : { state: 'renewable' };
      return [session, state] as const;
    }),
  );
  return new Map(states);
}
