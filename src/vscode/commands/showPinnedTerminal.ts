import { Command, stringArg } from './command';

/** A pinned terminal's row in the Profiles view brings the terminal forward. */
export const showPinnedTerminal: Command = {
  id: 'awsRoleSwitcher.showPinnedTerminal',
  run: (edge, id) => {
    const pin = stringArg(id);
    const terminal = pin !== undefined ? edge.pinned.terminalOf(pin) : undefined;
    terminal?.show();
    return terminal !== undefined;
  },
};
