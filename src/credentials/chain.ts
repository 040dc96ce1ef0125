/**
 * Resolves a profile into a chain: one base provider followed by the roles to assume, in order —
 * by the cross-SDK rules (`assume-role-tests.json`):
 * - the first profile's `role_arn` wins over its own static keys; on later hops static keys win;
 * - `source_profile` naming the profile itself uses that profile's own keys;
 * - `credential_source` names an Environment, Ec2InstanceMetadata or EcsContainer base;
 * - `web_identity_token_file` + `role_arn` is a base provider, not a chained role;
 * - loops are errors that name the loop;
 * - keys from the credentials file win over `credential_process`, as in the AWS CLI.
 */
import { Section, get } from '../config/profiles';
import { CredentialsError, Text, text } from './types';

export type NamedSource = 'Environment' | 'Ec2InstanceMetadata' | 'EcsContainer';
export const NAMED_SOURCES: readonly NamedSource[] = ['Environment', 'Ec2InstanceMetadata', 'EcsContainer'];

export type BaseSpec =
  | { kind: 'static'; profile: string; accessKeyId: string; secretAccessKey: string; sessionToken?: string; accountId?: string }
  | { kind: 'named'; profile: string; source: NamedSource }
  | { kind: 'webIdentity'; profile: string; roleArn: string; tokenFile: string; sessionName?: string }
  | { kind: 'sso'; profile: string; ssoRegion: string; ssoStartUrl: string; ssoSession?: string; ssoAccountId?: string; ssoRoleName?: string }
  | { kind: 'process'; profile: string; command: string; accountId?: string };

export interface RoleSpec {
  /** The profile that declares this role. */
  profile: string;
  roleArn: string;
  externalId?: string;
  sessionName?: string;
}

export interface ChainSpec {
  base: BaseSpec;
  /** Roles to assume, base first. */
  roles: RoleSpec[];
  /** Every profile visited, selected first. */
  profiles: string[];
}

function configError(profile: string, message: Text, hint: Text): CredentialsError {
  return new CredentialsError(message, { code: 'Config', profile, hint });
}

function staticKeys(section: Section): BaseSpec | CredentialsError {
  const name = section.name;
  const akid = get(section, 'aws_access_key_id');
  const secret = get(section, 'aws_secret_access_key');
  const token = get(section, 'aws_session_token');
  if (akid === undefined && secret === undefined && token === undefined) {
    return configError(
      name,
      text`profile \`${name}\` did not contain credential information.`,
      'Add aws_access_key_id and aws_secret_access_key, or role_arn with source_profile, or sso_session, credential_process or web_identity_token_file.',
    );
  }
  if (akid === undefined) return configError(name, 'profile missing aws_access_key_id.', 'Add aws_access_key_id next to aws_secret_access_key.');
  if (secret === undefined) return configError(name, 'profile missing aws_secret_access_key.', 'Add aws_secret_access_key next to aws_access_key_id.');
  const accountId = get(section, 'aws_account_id');
  return {
    kind: 'static',
    profile: name,
    accessKeyId: akid,
    secretAccessKey: secret,
    ...(token !== undefined ? { sessionToken: token } : {}),
    ...(accountId !== undefined ? { accountId } : {}),
  };
}

function sso(section: Section, ssoSessions: Map<string, Section>): BaseSpec | CredentialsError | undefined {
  const name = section.name;
  const sessionName = get(section, 'sso_session');
  const accountId = get(section, 'sso_account_id');
  const roleName = get(section, 'sso_role_name');
  let region = get(section, 'sso_region');
  let startUrl = get(section, 'sso_start_url');
  if (sessionName === undefined && accountId === undefined && roleName === undefined && region === undefined && startUrl === undefined) return undefined;
  if (sessionName !== undefined) {
    const session = ssoSessions.get(sessionName);
    if (session === undefined) {
      return configError(
        name,
        text`sso-session named \`${sessionName}\` (referenced by profile \`${name}\`) was not found.`,
        text`Add an [sso-session ${sessionName}] section to the config file, or fix sso_session.`,
      );
    }
    const sRegion = get(session, 'sso_region');
    const sUrl = get(session, 'sso_start_url');
    if (region !== undefined && region !== sRegion) {
      return configError(
        name,
        '`sso_region` can only be specified in the [sso-session] config when a session name is given.',
        text`Move sso_region into [sso-session ${sessionName}].`,
      );
    }
    if (startUrl !== undefined && startUrl !== sUrl) {
      return configError(
        name,
        '`sso_start_url` can only be specified in the [sso-session] config when a session name is given.',
        text`Move sso_start_url into [sso-session ${sessionName}].`,
      );
    }
    region = sRegion;
    startUrl = sUrl;
  }
  if (roleName !== undefined && accountId === undefined)
    return configError(name, 'if `sso_role_name` is set, then `sso_account_id` must also be set.', 'Add sso_account_id.');
  if (accountId !== undefined && roleName === undefined)
    return configError(name, 'if `sso_account_id` is set, then `sso_role_name` must also be set.', 'Add sso_role_name.');
  if (region === undefined) return configError(name, 'SSO profile is missing `sso_region`.', 'Add sso_region (or use an [sso-session]).');
  if (startUrl === undefined) return configError(name, 'SSO profile is missing `sso_start_url`.', 'Add sso_start_url (or use an [sso-session]).');
  return {
    kind: 'sso',
    profile: name,
    ssoRegion: region,
    ssoStartUrl: startUrl,
    ...(sessionName !== undefined ? { ssoSession: sessionName } : {}),
    ...(accountId !== undefined ? { ssoAccountId: accountId } : {}),
    ...(roleName !== undefined ? { ssoRoleName: roleName } : {}),
  };
}

function namedSource(section: Section, value: string): BaseSpec | CredentialsError {
  const match = NAMED_SOURCES.find((s) => s.toLowerCase() === value.toLowerCase());
  if (match === undefined) {
    return configError(section.name, text`credential_source "${value}" is not supported.`, text`Use one of: ${NAMED_SOURCES.join(', ')}.`);
  }
  return { kind: 'named', profile: section.name, source: match };
}

function baseProvider(section: Section, ssoSessions: Map<string, Section>): BaseSpec | CredentialsError {
  const source = get(section, 'credential_source');
  if (source !== undefined) return namedSource(section, source);
  const roleArn = get(section, 'role_arn');
  const tokenFile = get(section, 'web_identity_token_file');
  if (tokenFile !== undefined) {
    if (roleArn === undefined) {
      return configError(section.name, '`web_identity_token_file` was specified but `role_arn` was missing.', 'Add the role_arn to assume with the token.');
    }
    const sessionName = get(section, 'role_session_name');
    return { kind: 'webIdentity', profile: section.name, roleArn, tokenFile, ...(sessionName !== undefined ? { sessionName } : {}) };
  }
  const s = sso(section, ssoSessions);
  if (s !== undefined) return s;
  const command = get(section, 'credential_process');
  // botocore (the AWS CLI) asks the credentials file for keys before it runs credential_process,
  // and the config file's keys after it; the JS SDK also prefers the keys.
  const akid = section.properties.get('aws_access_key_id');
  if (command !== undefined && akid !== undefined && akid.file === section.credentialsFile && get(section, 'aws_secret_access_key') !== undefined) {
    return staticKeys(section);
  }
  if (command !== undefined) {
    const accountId = get(section, 'aws_account_id');
    return { kind: 'process', profile: section.name, command, ...(accountId !== undefined ? { accountId } : {}) };
  }
  return staticKeys(section);
}

/** Resolves `selected` into a chain, or throws a CredentialsError with code `Config`. */
export function resolveChain(profiles: Map<string, Section>, ssoSessions: Map<string, Section>, selected: string): ChainSpec {
  if (profiles.size === 0) {
    throw configError(selected, 'No profiles were defined.', 'Create ~/.aws/config (or set AWS_CONFIG_FILE) with at least one profile.');
  }
  const visited: string[] = [];
  const roles: RoleSpec[] = [];
  let name = selected;
  let base: BaseSpec;
  for (;;) {
    const section = profiles.get(name);
    if (section === undefined) {
      const from = visited.at(-1);
      if (from === undefined)
        throw configError(name, text`profile \`${name}\` was not found.`, 'Check the profile name (AWS_PROFILE, settings) against the config files.');
      throw configError(
        from,
        text`could not find source profile ${name} referenced from ${from}.`,
        text`Add a [profile ${name}] section, or fix source_profile in [profile ${from}].`,
      );
    }
    if (visited.includes(name)) {
      const loop = [...visited.slice(visited.indexOf(name)), name].join(' → ');
      throw configError(
        visited[0] as string,
        text`profile formed an infinite loop: ${loop}.`,
        'Break the loop by pointing one source_profile at a profile with keys.',
      );
    }
    visited.push(name);
    if (visited.length > 1) {
      const keys = staticKeys(section);
      if (!(keys instanceof CredentialsError)) {
        base = keys;
        break;
      }
    }
    const roleArn = get(section, 'role_arn');
    if (roleArn === undefined || get(section, 'web_identity_token_file') !== undefined) {
      const b = baseProvider(section, ssoSessions);
      if (b instanceof CredentialsError) throw b;
      base = b;
      break;
    }
    const sourceProfile = get(section, 'source_profile');
    const credentialSource = get(section, 'credential_source');
    if (sourceProfile !== undefined && credentialSource !== undefined) {
      throw configError(name, 'profile contained both source_profile and credential_source. Only one or the other can be defined.', 'Remove one of them.');
    }
    if (sourceProfile === undefined && credentialSource === undefined) {
      throw configError(
        name,
        'profile must contain `source_profile` or `credential_source` but neither were defined.',
        'Add source_profile = <a profile with credentials>, or credential_source = Environment | Ec2InstanceMetadata | EcsContainer.',
      );
    }
    const externalId = get(section, 'external_id');
    const sessionName = get(section, 'role_session_name');
    roles.push({ profile: name, roleArn, ...(externalId !== undefined ? { externalId } : {}), ...(sessionName !== undefined ? { sessionName } : {}) });
    if (credentialSource !== undefined || sourceProfile === name) {
      const b = credentialSource !== undefined ? namedSource(section, credentialSource) : staticKeys(section);
      if (b instanceof CredentialsError) throw b;
      base = b;
      break;
    }
    name = sourceProfile as string;
  }
  roles.reverse();
  return { base, roles, profiles: visited };
}
