import * as vscode from 'vscode';
import { Command } from './command';

/** Filter Profiles… (the Profiles view's title bar): keeps the profiles whose name, account, role, Region or kind contains the text. */
export const filterProfiles: Command = {
  id: 'awsRoleSwitcher.filterProfiles',
  run: async (edge) => {
    const text = await vscode.window.showInputBox({
      title: vscode.l10n.t('Filter Profiles'),
      prompt: vscode.l10n.t('Part of a profile name, account ID or name, role, Region or kind'),
      value: edge.view().filterText,
    });
    if (text !== undefined) edge.view().setFilter(text);
  },
};

/** Clear Filter (shown while a filter is set). */
export const clearProfilesFilter: Command = {
  id: 'awsRoleSwitcher.clearProfilesFilter',
  run: (edge) => edge.view().setFilter(''),
};
