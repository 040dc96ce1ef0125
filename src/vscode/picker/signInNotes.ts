/**
 * The picker's words for each sign-in a profile depends on: IAM Identity Center's (by `signInKey`,
 * from the AWS CLI's token cache) and the console sign-in's of `aws login` (by `loginNoteKey`,
 * from the login cache).
 */
import * as vscode from 'vscode';
import { formatClock } from '../format';
import { nodeReadCacheText } from '../../credentials/nodeDeps';
import { loginSessionStates } from '../../credentials/signIn/loginStatus';
import { SsoSignInRef, ssoSessionStates } from '../../credentials/signIn/ssoStatus';

/** The note's key for a login_session value (a NUL never occurs in a config file's names). */
export function loginNoteKey(session: string): string {
  return `\0login:${session}`;
}

export async function signInNotes(
  signIns: Iterable<SsoSignInRef>,
  cacheDir: string,
  logins: Iterable<string>,
  loginCacheDir: string,
): Promise<Map<string, string>> {
  const [states, loginStates] = await Promise.all([
    ssoSessionStates(signIns, cacheDir, nodeReadCacheText, Date.now),
    loginSessionStates(logins, loginCacheDir, nodeReadCacheText),
  ]);
  const words = new Map<string, string>();
  const renews = vscode.l10n.t('signed in (renews)');
  const out = vscode.l10n.t('not signed in');
  for (const [key, st] of states) {
    if (st.state === 'signedIn') words.set(key, vscode.l10n.t('signed in until {0}', formatClock(st.until)));
    else words.set(key, st.state === 'renewable' ? renews : out);
  }
  for (const [session, st] of loginStates) words.set(loginNoteKey(session), st.state === 'renewable' ? renews : out);
  return words;
}
