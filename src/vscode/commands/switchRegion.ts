import * as vscode from 'vscode';
import { get } from '../../config/profiles';
import { isRegionName } from '../../config/regions';
import { CredentialsError } from '../../credentials/types';
import { pickRegion, saveRegion } from '../regionPicker';
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
    edge.log.info(
      `region: ${chosen ?? "the profile's own"} (${target === vscode.ConfigurationTarget.Workspace ? 'workspace' : 'user'} setting awsRoleSwitcher.region)`,
    );
    return chosen;
  },
};
