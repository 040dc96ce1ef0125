/** The picker's words for each IAM Identity Center profile's sign-in, read from the AWS CLI's token cache. */
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { ProfileInfo } from '../credentials/profileInfo';
import { ssoSignInStates } from '../credentials/signIn/ssoStatus';

export async function signInNotes(infos: readonly ProfileInfo[], cacheDir: string): Promise<Map<string, string>> {
  const states = await ssoSignInStates(infos, cacheDir, (p) => readFile(p, 'utf8'), Date.now);
  const words = new Map<string, string>();
  for (const [name, st] of states) {
    if (st.state === 'signedIn') words.set(name, vscode.l10n.t('signed in until {0}', st.until.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })));
    else words.set(name, st.state === 'renewable' ? vscode.l10n.t('signed in (renews)') : vscode.l10n.t('not signed in'));
  }
  return words;
}
