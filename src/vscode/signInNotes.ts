/** The picker's words for each IAM Identity Center profile's sign-in, read from the AWS CLI's token cache. */
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { ProfileInfo } from '../credentials/profileInfo';
import { ssoSignInStates } from '../credentials/signIn/ssoStatus';

export async function signInNotes(infos: readonly ProfileInfo[], cacheDir: string): Promise<Map<string, string>> {
  const states = await ssoSignInStates(infos, cacheDir, (p) => readFile(p, 'utf8'), Date.now);
  const words = new Map<string, string>();
  // Worded once per state and time, not per profile (thousands of profiles share a few sessions).
  const said = new Map<string, string>();
  const say = (key: string, word: () => string): string => {
    let w = said.get(key);
    if (w === undefined) {
      w = word();
      said.set(key, w);
    }
    return w;
  };
  for (const [name, st] of states) {
    if (st.state === 'signedIn') {
      const until = st.until;
      words.set(
        name,
        say(`in:${until.getTime()}`, () => vscode.l10n.t('signed in until {0}', until.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }))),
      );
    } else
      words.set(name, st.state === 'renewable' ? say('renews', () => vscode.l10n.t('signed in (renews)')) : say('out', () => vscode.l10n.t('not signed in')));
  }
  return words;
}
