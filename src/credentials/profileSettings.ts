/** Values of a profile's settings that several credential kinds read, checked the same way. */
import { Section, get } from '../config/profiles';
import { Deps } from './deps';
import { defaultSessionName, isValidSessionName } from './providers/sessionName';
import { CredentialsError, text } from './types';

/** A setting that must be a whole number of seconds (duration_seconds), or undefined when unset. */
export function intSetting(section: Section, key: string): number | undefined {
  const v = get(section, key);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) {
    throw new CredentialsError(text`${key} = ${v} is not a whole number of seconds.`, {
      code: 'Config',
      profile: section.name,
      hint: text`Fix ${key} (${section.origin.file}:${section.properties.get(key)?.line ?? section.origin.line}).`,
    });
  }
  return n;
}

/** RoleSessionName: the profile's, AWS_ROLE_SESSION_NAME, the setting, else one made from the user name. */
export function sessionNameFor(section: Section, deps: Deps): string {
  const configured = get(section, 'role_session_name') ?? deps.env['AWS_ROLE_SESSION_NAME'] ?? (deps.settings.roleSessionName || undefined);
  if (configured !== undefined) {
    if (!isValidSessionName(configured)) {
      throw new CredentialsError(text`The role session name "${configured}" is not valid.`, {
        code: 'Config',
        profile: section.name,
        hint: 'Use 2 to 64 characters of letters, digits and + = , . @ _ -.',
      });
    }
    return configured;
  }
  return defaultSessionName(deps.userName);
}
