import { Command, stringArg } from './command';

/** AWS: Open Config File — optionally a given file (as diagnostics name it) at a line. */
export const openConfigFile: Command = {
  id: 'awsRoleSwitcher.openConfigFile',
  run: (edge, file, line) => edge.files.open(stringArg(file), typeof line === 'number' ? line : undefined),
};
