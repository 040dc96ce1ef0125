/**
 * The Profiles view's row actions: the same commands as the palette's, under the short titles and
 * icons a row shows (inline and in its context menu). Hidden from the command palette.
 */
import { Command, profileArg } from './command';
import { CommandId } from './ids';
import { runCommand } from './run';

function rowAction(id: CommandId, target: CommandId, extra: (profile: string) => unknown[] = (p) => [p]): Command {
  return {
    id,
    run: (_edge, row) => {
      const profile = profileArg(row);
      return profile !== undefined ? runCommand(target, ...extra(profile)) : undefined;
    },
  };
}

export const ROW_ACTIONS: readonly Command[] = [
  rowAction('awsRoleSwitcher.row.assume', 'awsRoleSwitcher.switchProfile'),
  rowAction('awsRoleSwitcher.row.openTerminal', 'awsRoleSwitcher.openTerminal'),
  rowAction('awsRoleSwitcher.row.openConsole', 'awsRoleSwitcher.openConsole'),
  rowAction('awsRoleSwitcher.row.copyExports', 'awsRoleSwitcher.copyShellExports', (p) => [undefined, p]),
  // A row's Sign In: the console sign-in of an `aws login` profile (or of the one under a role), else IAM Identity Center's.
  {
    id: 'awsRoleSwitcher.row.signIn',
    run: async (edge, row) => {
      const profile = profileArg(row);
      if (profile === undefined) return undefined;
      const cfg = await edge.files.loaded();
      const login = cfg !== undefined && edge.picker.describeAll(cfg).some((i) => i.name === profile && i.loginSignIn !== undefined);
      return runCommand(login ? 'awsRoleSwitcher.loginSignIn' : 'awsRoleSwitcher.ssoSignIn', profile);
    },
  },
];
