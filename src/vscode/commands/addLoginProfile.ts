import { Command } from './command';

/** AWS: Add a Profile with Console Sign-In (aws login)… — signs in, then writes the profile (see LoginSignInFlow). */
export const addLoginProfile: Command = {
  id: 'awsRoleSwitcher.addLoginProfile',
  run: (edge) => edge.loginSignIn.addProfile(),
};
