import * as vscode from 'vscode';
import { credentialVariables } from '../../delivery/processEnvironment';
import { shellExports } from '../../delivery/shellExports';
import { Command, stringArg } from './command';

/** AWS: Copy Credentials as Shell Exports — for a shell outside VS Code; only on this explicit request. */
export const copyShellExports: Command = {
  id: 'awsRoleSwitcher.copyShellExports',
  run: async (edge, shellArg) => {
    const c = edge.session.credentials();
    if (c === undefined) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No AWS profile is active.'));
      return undefined;
    }
    const shell =
      stringArg(shellArg) ?? (await vscode.window.showQuickPick(['sh', 'fish', 'PowerShell'], { title: vscode.l10n.t('Copy credentials as exports for…') }));
    if (shell === undefined) return undefined;
    await vscode.env.clipboard.writeText(shellExports(credentialVariables(c, edge.snapshot().region), shell));
    const profile = edge.session.profile ?? '';
    edge.log.info(`copied ${shell} exports for ${profile} to the clipboard`);
    const text =
      c.expiration !== undefined
        ? vscode.l10n.t('Copied {0} exports for {1} (valid until {2}).', shell, profile, c.expiration.toLocaleTimeString())
        : vscode.l10n.t('Copied {0} exports for {1}.', shell, profile);
    void vscode.window.showInformationMessage(text);
    return undefined;
  },
};
