import * as vscode from 'vscode';
import { formatClock } from '../format';
import { SessionManager } from '../../credentials/session';
import { credentialVariables } from '../../delivery/processEnvironment';
import { ExportShell, exportShell, shellExports } from '../../delivery/shellExports';
import { afterWalkthroughSettles } from '../picker/steadyInput';
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
    const shellArg = fromView ? undefined : stringArg(first);
    // A shell it cannot write for is refused first: before a production question or an assume.
    const given = shellArg !== undefined ? exportShell(shellArg) : undefined;
    if (shellArg !== undefined && given === undefined) {
      void vscode.window.showErrorMessage(vscode.l10n.t('"{0}" is not a shell exports can be written for: use sh, bash, zsh, fish or PowerShell.', shellArg));
      return undefined;
    }
    const other = profileArg(fromView ? first : second);
    if (other !== undefined && other !== edge.session.profile) {
      const shell = given ?? (await pickShell());
      if (shell === undefined || !(await edge.switcher.confirmProduction(other, 'exports'))) return undefined;
      const session = edge.engine.newSession(() => undefined);
      try {
        await session.activate(other, { interactive: true });
        return await copy(edge, session, shell);
      } finally {
        session.dispose();
      }
    }
    if (edge.session.credentials() === undefined) {
      offerSwitchProfile();
      return undefined;
    }
    const shell = given ?? (await pickShell());
    return shell !== undefined ? copy(edge, edge.session, shell) : undefined;
  },
};

async function copy(edge: Edge, session: SessionManager, shell: ExportShell): Promise<undefined> {
  const c = session.credentials();
  if (c === undefined) return undefined;
  await vscode.env.clipboard.writeText(shellExports(credentialVariables(c, session.snapshot().region), shell));
  const profile = session.profile ?? '';
  edge.log.info(`copied ${shell} exports for ${profile} to the clipboard`);
  const text =
    c.expiration !== undefined
      ? vscode.l10n.t('Copied {0} exports for "{1}" (valid until {2}).', shell, profile, formatClock(c.expiration))
      : vscode.l10n.t('Copied {0} exports for "{1}".', shell, profile);
  void vscode.window.showInformationMessage(text);
  return undefined;
}

/** The same variables a terminal gets, in the form of the shell they are pasted into. */
async function pickShell(): Promise<ExportShell | undefined> {
  await afterWalkthroughSettles();
  const items: Array<vscode.QuickPickItem & { shell: ExportShell }> = [
    { label: 'bash, zsh, sh', description: 'export NAME=…', shell: 'sh' },
    { label: 'fish', description: 'set -gx NAME …', shell: 'fish' },
    { label: 'PowerShell', description: '$Env:NAME = …', shell: 'PowerShell' },
  ];
  const pick = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Copy credentials as exports for…') });
  return pick?.shell;
}
