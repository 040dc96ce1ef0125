/**
 * Every command the extension contributes (package.json's `contributes.commands`, checked by a unit
 * test), so code that runs, binds or links a command names one that exists.
 */
export const COMMAND_IDS = [
  'awsRoleSwitcher.assumeRole',
  'awsRoleSwitcher.switchProfile',
  'awsRoleSwitcher.refresh',
  'awsRoleSwitcher.signOut',
  'awsRoleSwitcher.showCallerIdentity',
  'awsRoleSwitcher.copyShellExports',
  'awsRoleSwitcher.openConfigFile',
  'awsRoleSwitcher.showLog',
  'awsRoleSwitcher.switchRegion',
  'awsRoleSwitcher.ssoSignIn',
  'awsRoleSwitcher.openTerminal',
  'awsRoleSwitcher.openConsole',
  'awsRoleSwitcher.copyConsoleUrl',
  'awsRoleSwitcher.filterProfiles',
  'awsRoleSwitcher.clearProfilesFilter',
  'awsRoleSwitcher.revealProfile',
  'awsRoleSwitcher.showPinnedTerminal',
  'awsRoleSwitcher.row.assume',
  'awsRoleSwitcher.row.openTerminal',
  'awsRoleSwitcher.row.openConsole',
  'awsRoleSwitcher.row.copyExports',
  'awsRoleSwitcher.row.signIn',
  'awsRoleSwitcher.importSsoProfiles',
  'awsRoleSwitcher.addLoginProfile',
  'awsRoleSwitcher.loginSignIn',
] as const;

export type CommandId = (typeof COMMAND_IDS)[number];
