import * as vscode from 'vscode';
import { showTerminalSteadily } from '../picker/steadyInput';
import { Command, Edge, profileArg } from './command';
import { runCommand } from './run';

/** Options of a terminal pinned to a profile (picked when not given); undefined when cancelled. */
export async function pinnedTerminalOptions(edge: Edge, profile: string | undefined): Promise<vscode.TerminalOptions | undefined> {
  let name = profile;
  if (name === undefined) {
    const cfg = await edge.files.loaded();
    if (cfg === undefined) return undefined;
    const choice = await edge.picker.pick(cfg, {
      active: undefined,
      recent: edge.switcher.recent(),
      title: vscode.l10n.t('AWS: Open Terminal for Profile'),
      include: (i) => i.kind !== 'invalid',
    });
    if (choice?.kind === 'console') return runCommand('awsRoleSwitcher.openConsole', choice.info.name);
    if (choice?.kind !== 'profile') return undefined;
    name = choice.info.name;
  }
  if (!(await edge.switcher.confirmProduction(name, 'terminal'))) return undefined;
  try {
    return await edge.pinned.optionsFor(name);
  } catch (e) {
    const retry = name;
    edge.errors.report(e, vscode.l10n.t('Could not open a terminal for "{0}"', name), async () => runCommand('awsRoleSwitcher.openTerminal', retry), name);
    return undefined;
  }
}

/** AWS: Open Terminal for Profile… — a terminal pinned to one profile, whatever the window's. */
export const openTerminal: Command = {
  id: 'awsRoleSwitcher.openTerminal',
  run: async (edge, profile) => {
    const options = await pinnedTerminalOptions(edge, profileArg(profile));
    if (options === undefined) return undefined;
    const terminal = vscode.window.createTerminal(options);
    showTerminalSteadily(terminal);
    return terminal.name;
  },
};

/** The "AWS: Profile…" entry of the terminal's profile list. */
export function terminalProfileProvider(edge: Edge): vscode.TerminalProfileProvider {
  return {
    provideTerminalProfile: async () => {
      const options = await pinnedTerminalOptions(edge, undefined);
      return options === undefined ? undefined : new vscode.TerminalProfile(options);
    },
  };
}
