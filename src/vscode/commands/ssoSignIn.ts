import * as vscode from 'vscode';
import { Command, profileArg } from './command';
import { runCommand } from './run';

/** AWS: Sign In to IAM Identity Center… — then renews the active session if it was waiting for this. */
export const ssoSignIn: Command = {
  id: 'awsRoleSwitcher.ssoSignIn',
  run: async (edge, profile) => {
    let name = profileArg(profile);
    if (name === undefined) {
      const cfg = await edge.files.loaded();
      if (cfg === undefined) return undefined;
      const choice = await edge.picker.pick(cfg, {
        active: edge.session.profile,
        recent: edge.switcher.recent(),
        title: vscode.l10n.t('AWS: Sign In to IAM Identity Center'),
        include: (i) => i.kind === 'sso',
      });
      if (choice?.kind === 'console') return runCommand('awsRoleSwitcher.openConsole', choice.info.name);
      if (choice?.kind !== 'profile') return undefined;
      name = choice.info.name;
    }
    const ok = await edge.signIn.signIn(name);
    if (ok && edge.snapshot().error?.code === 'NeedsLogin') await edge.session.refresh({ interactive: true });
    return ok;
  },
};
