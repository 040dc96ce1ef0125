import * as vscode from 'vscode';
import { Command, profileArg } from './command';
import { runCommand } from './run';

/**
 * AWS: Sign In with Console Credentials (aws login)… — for a login profile, or a role over one
 * (its login profile signs in); then renews the active session if it was waiting for this.
 */
export const loginSignIn: Command = {
  id: 'awsRoleSwitcher.loginSignIn',
  run: async (edge, profile) => {
    const cfg = await edge.files.loaded();
    if (cfg === undefined) return undefined;
    let name = profileArg(profile);
    if (name === undefined) {
      const choice = await edge.picker.pick(cfg, {
        active: edge.session.profile,
        recent: edge.switcher.recent(),
        title: vscode.l10n.t('AWS: Sign In with Console Credentials (aws login)'),
        include: (i) => i.loginSignIn !== undefined,
      });
      if (choice?.kind === 'console') return runCommand('awsRoleSwitcher.openConsole', choice.info.name);
      if (choice?.kind !== 'profile') return undefined;
      name = choice.info.name;
    }
    const base = edge.picker.describeAll(cfg).find((i) => i.name === name)?.loginSignIn?.profile ?? name;
    const ok = await edge.loginSignIn.signIn(base);
    if (ok && edge.snapshot().error?.code === 'NeedsLogin') await edge.session.refresh({ interactive: true });
    return ok;
  },
};
