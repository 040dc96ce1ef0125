import * as vscode from 'vscode';
import { Command } from './command';

/** AWS: Refresh Credentials Now — with no active profile, the picker instead. */
export const refresh: Command = {
  id: 'awsRoleSwitcher.refresh',
  run: async (edge) => {
    const profile = edge.session.profile;
    if (profile === undefined) return edge.switcher.pickAndActivate(vscode.l10n.t('AWS: Switch Profile'));
    edge.log.info(`refreshing ${profile}`);
    await edge.session.refresh({ interactive: true });
    return undefined;
  },
};
