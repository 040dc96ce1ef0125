import * as vscode from 'vscode';
import { consoleLink } from './consoleLink';
import { Command, profileArg } from './command';

/** AWS: Copy Console Sign-in URL — on explicit request only: the URL signs in whoever opens it. */
export const copyConsoleUrl: Command = {
  id: 'awsRoleSwitcher.copyConsoleUrl',
  run: async (edge, profile) => {
    const link = await consoleLink(edge, profileArg(profile));
    if (link === undefined) return false;
    await vscode.env.clipboard.writeText(link.url);
    edge.log.info(`console: sign-in URL for ${link.arn ?? link.profile} copied to the clipboard`);
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Console sign-in URL for {0} copied. It signs in whoever opens it, for 15 minutes: paste it only into your browser.', link.profile),
    );
    return true;
  },
};
