import { Command } from './command';

/** AWS: Show Log */
export const showLog: Command = {
  id: 'awsRoleSwitcher.showLog',
  run: (edge) => edge.log.show(),
};
