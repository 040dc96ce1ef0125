/** Every command of the extension (package.json `contributes.commands`). */
import { assumeRole } from './assumeRole';
import { Command } from './command';
import { copyConsoleUrl } from './copyConsoleUrl';
import { copyShellExports } from './copyShellExports';
import { addLoginProfile } from './addLoginProfile';
import { loginSignIn } from './loginSignIn';
import { importSsoProfiles } from './importSsoProfiles';
import { openConsole } from './openConsole';
import { openConfigFile } from './openConfigFile';
import { openTerminal } from './openTerminal';
import { clearProfilesFilter, filterProfiles } from './profilesFilter';
import { ROW_ACTIONS } from './profileRowActions';
import { refresh } from './refresh';
import { revealProfile } from './revealProfile';
import { showCallerIdentity } from './showCallerIdentity';
import { showLog } from './showLog';
import { showPinnedTerminal } from './showPinnedTerminal';
import { signOut } from './signOut';
import { ssoSignIn } from './ssoSignIn';
import { switchProfile } from './switchProfile';
import { switchRegion } from './switchRegion';

export const COMMANDS: readonly Command[] = [
  switchProfile,
  assumeRole,
  refresh,
  signOut,
  showCallerIdentity,
  copyShellExports,
  openConfigFile,
  showLog,
  switchRegion,
  ssoSignIn,
  openTerminal,
  openConsole,
  copyConsoleUrl,
  filterProfiles,
  clearProfilesFilter,
  revealProfile,
  showPinnedTerminal,
  ...ROW_ACTIONS,
  importSsoProfiles,
  addLoginProfile,
  loginSignIn,
];
