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
  rowAction('awsRoleSwitcher.row.signIn', 'awsRoleSwitcher.ssoSignIn'),
];
