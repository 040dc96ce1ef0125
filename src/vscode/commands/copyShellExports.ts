import * as vscode from 'vscode';
import { SessionManager } from '../../credentials/session';
import { credentialVariables } from '../../delivery/processEnvironment';
import { shellExports } from '../../delivery/shellExports';
import { Command, Edge, offerSwitchProfile, profileArg, stringArg } from './command';

/**
 * AWS: Copy Credentials as Shell Exports — for a shell outside VS Code; only on this explicit
 * request. With a profile other than the window's (the config file's lens), that profile is
 * assumed for the occasion in a session of its own, after the production confirmation.
 */
export const copyShellExports: Command = {
  id: 'awsRoleSwitcher.copyShellExports',
  run: async (edge, first, second) => {
    // (shell, profile) from a lens; (row) from the Profiles view.
    const fromView = typeof first === 'object' && first !== null;
    const shellArg = fromView ? undefined : first;
    const other = profileArg(fromView ? first : second);
    if (other !== undefined && other !== edge.session.profile) {
      if (!(await edge.switcher.confirmProduction(other, 'exports'))) return undefined;
      const session = edge.engine.newSession(() => undefined);
      try {
        await session.activate(other, { interactive: true });
        return await copy(edge, session, stringArg(shellArg));
      } finally {
        session.dispose();
      }
    }
    return copy(edge, edge.session, stringArg(shellArg));
  },
};

async function copy(edge: Edge, session: SessionManager, shellArg: string | undefined): Promise<undefined> {
  const c = session.credentials();
  if (c === undefined) {
    if (session === edge.session) offerSwitchProfile();
    return undefined;
  }
  const shell = shellArg ?? (await vscode.window.showQuickPick(['sh', 'fish', 'PowerShell'], { title: vscode.l10n.t('Copy credentials as exports for…') }));
  if (shell === undefined) return undefined;
  await vscode.env.clipboard.writeText(shellExports(credentialVariables(c, session.snapshot().region), shell));
  const profile = session.profile ?? '';
  edge.log.info(`copied ${shell} exports for ${profile} to the clipboard`);
  const text =
    c.expiration !== undefined
      ? vscode.l10n.t('Copied {0} exports for {1} (valid until {2}).', shell, profile, c.expiration.toLocaleTimeString())
      : vscode.l10n.t('Copied {0} exports for {1}.', shell, profile);
  void vscode.window.showInformationMessage(text);
  return undefined;
}
