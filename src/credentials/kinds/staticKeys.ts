/** Keys written in the profile: `aws_access_key_id`, `aws_secret_access_key`, optionally `aws_session_token`. */
import { Section, get } from '../../config/profiles';
import { StaticProvider } from '../providers/static';
import { CredentialsError } from '../types';
import { CredentialKind, configError } from './kind';

export interface StaticSpec {
  readonly kind: 'static';
  readonly profile: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly accountId?: string;
}

const KEYS = ['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token'] as const;

/** The section holds any key at all (half a pair included). */
export function hasAnyKey(section: Section): boolean {
  return KEYS.some((k) => get(section, k) !== undefined);
}

/** Both keys are in the credentials file: botocore asks it before credential_process (and login_session). */
export function keysInCredentialsFile(section: Section): boolean {
  const akid = section.properties.get('aws_access_key_id');
  return akid !== undefined && akid.file === section.credentialsFile && get(section, 'aws_secret_access_key') !== undefined;
}

/** The keys of `section`, or what is missing: the last kind in precedence, so it never says "not mine". */
export function staticKeysOf(section: Section): StaticSpec | CredentialsError {
  const name = section.name;
  const akid = get(section, 'aws_access_key_id');
  const secret = get(section, 'aws_secret_access_key');
  const token = get(section, 'aws_session_token');
  if (akid === undefined && secret === undefined && token === undefined) {
    return configError(
      name,
      'No credentials are set.',
      'Add aws_access_key_id and aws_secret_access_key, or role_arn with source_profile, or sso_session, credential_process or web_identity_token_file.',
    );
  }
  if (akid === undefined)
    return configError(
      name,
      'The setting aws_access_key_id is missing (aws_secret_access_key is set).',
      'Add aws_access_key_id next to aws_secret_access_key.',
    );
  if (secret === undefined)
    return configError(
      name,
      'The setting aws_secret_access_key is missing (aws_access_key_id is set).',
      'Add aws_secret_access_key next to aws_access_key_id.',
    );
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

export const staticKeys: CredentialKind<StaticSpec> = {
  keys: KEYS,
  words: 'static keys',
  givesRoleSession: false,
  unchanging: true,
  longTermKeyId: (spec) => (spec.sessionToken === undefined ? spec.accessKeyId : undefined),
  recognise: staticKeysOf,
  provider: (spec) =>
    new StaticProvider(
      {
        accessKeyId: spec.accessKeyId,
        secretAccessKey: spec.secretAccessKey,
        ...(spec.sessionToken !== undefined ? { sessionToken: spec.sessionToken } : {}),
        ...(spec.accountId !== undefined ? { accountId: spec.accountId } : {}),
      },
      spec.profile,
    ),
  step: (spec) => (spec.sessionToken !== undefined ? 'temporary access keys (with a session token)' : 'long-term access keys'),
  facts: (spec) => ({ kind: 'static', ...(spec.accountId !== undefined ? { accountId: spec.accountId } : {}) }),
};
