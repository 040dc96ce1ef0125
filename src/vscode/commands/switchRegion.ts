import * as vscode from 'vscode';
import { get } from '../../config/profiles';
import { isRegionName } from '../../config/regions';
import { CredentialsError } from '../../credentials/types';
import { pickRegion, saveRegion } from '../picker/regionPicker';
import { Command } from './command';

/** AWS: Switch Region… — a Region name argument ("" for the profile's own), or the Region picker. */
export const switchRegion: Command = {
  id: 'awsRoleSwitcher.switchRegion',
  run: async (edge, region) => {
    let chosen: string | undefined | null;
    if (typeof region === 'string') {
      if (region !== '' && !isRegionName(region)) {
        throw new CredentialsError(`"${region}" is not an AWS Region name.`, {
          code: 'Config',
          hint: 'Use a name such as eu-west-1, or "" for the profile\'s own region.',
        });
      }
      chosen = region === '' ? undefined : region;
    } else {
      const profileRegion = get(edge.files.current?.profiles.get(edge.session.profile ?? ''), 'region');
      chosen = await pickRegion({
        region: edge.snapshot().region,
        override: edge.settings().region,
        ...(profileRegion !== undefined ? { profileRegion } : {}),
      });
      if (chosen === null) return undefined;
    }
    const target = await saveRegion(chosen);
    const where =
      target !== vscode.ConfigurationTarget.Workspace
        ? vscode.l10n.t('your user settings')
        : vscode.workspace.workspaceFile !== undefined
          ? vscode.workspace.workspaceFile.fsPath
          : vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file('.'), '.vscode', 'settings.json').fsPath;
    edge.log.info(`region: ${chosen ?? "the profile's own"} (awsRoleSwitcher.region in ${where})`);
    // Said, not done quietly: the setting applies to every profile of the workspace until "Profile's region".
    void vscode.window.showInformationMessage(
      chosen !== undefined
        ? vscode.l10n.t(
            'AWS Region {0} for every profile in this workspace, saved in {1}. New terminals, tasks and STS calls use it; Switch Region → "Profile\'s region" goes back.',
            chosen,
            where,
          )
        : vscode.l10n.t("Each profile's own Region again: awsRoleSwitcher.region was removed from {0}.", where),
    );
    return chosen;
  },
};
