import * as vscode from 'vscode';
import { Command, profileArg } from './command';

/** AWS: Switch Profile… — any profile; with a name argument, that profile. */
export const switchProfile: Command = {
  id: 'awsRoleSwitcher.switchProfile',
  run: (edge, profile) => {
    const name = profileArg(profile);
    return name !== undefined ? edge.switcher.activate(name, true) : edge.switcher.pickAndActivate(vscode.l10n.t('AWS: Switch Profile'));
  },
};
