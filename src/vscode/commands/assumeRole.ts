import * as vscode from 'vscode';
import { Command, profileArg } from './command';

/** AWS: Assume Role… — the picker lists roles only (those that cannot be used yet too, to show why). */
export const assumeRole: Command = {
  id: 'awsRoleSwitcher.assumeRole',
  run: (edge, profile) => {
    const name = profileArg(profile);
    if (name !== undefined) return edge.switcher.activate(name, true);
    return edge.switcher.pickAndActivate(
      vscode.l10n.t('AWS: Assume Role'),
      (i) => i.kind === 'role' || i.kind === 'mfa-role' || i.kind === 'web-identity' || (i.kind === 'invalid' && i.declaresRole),
    );
  },
};
