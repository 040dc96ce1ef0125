import { Command } from './command';

/** AWS: Sign Out */
export const signOut: Command = {
  id: 'awsRoleSwitcher.signOut',
  run: (edge) => edge.switcher.signOut(),
};
