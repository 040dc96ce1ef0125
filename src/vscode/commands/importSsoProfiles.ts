import { Command, stringArg } from './command';

/** AWS: Import Profiles from IAM Identity Center… — a profile per account and role, shown as a diff before it is written. */
export const importSsoProfiles: Command = {
  id: 'awsRoleSwitcher.importSsoProfiles',
  run: (edge, session) => edge.ssoImport().run(stringArg(session)),
};
