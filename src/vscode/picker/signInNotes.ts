/** The picker's words for each IAM Identity Center sign-in (by `signInKey`), read from the AWS CLI's token cache. */
import * as vscode from 'vscode';
import { formatClock } from '../format';
import { nodeReadCacheText } from '../../credentials/nodeDeps';
import { SsoSignInRef, ssoSessionStates } from '../../credentials/signIn/ssoStatus';

export async function signInNotes(signIns: Iterable<SsoSignInRef>, cacheDir: string): Promise<Map<string, string>> {
  const states = await ssoSessionStates(signIns, cacheDir, nodeReadCacheText, Date.now);
  const words = new Map<string, string>();
  for (const [key, st] of states) {
    if (st.state === 'signedIn') words.set(key, vscode.l10n.t('signed in until {0}', formatClock(st.until)));
    else words.set(key, st.state === 'renewable' ? vscode.l10n.t('signed in (renews)') : vscode.l10n.t('not signed in'));
  }
  return words;
}
