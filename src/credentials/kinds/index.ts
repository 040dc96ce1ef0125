/**
 * The credential kinds, in the precedence the AWS CLI (botocore) gives them when one profile has
 * the settings of several: the chain resolver asks each in turn, and the first that recognises
 * the profile is its base. A new kind is one module beside this file, one line in each list here,
 * and what the compiler then asks for (the picker's kind, its label and icon at the edge).
 */
import { CredentialsError } from '../types';
import { Section } from '../../config/profiles';
import { CredentialKind } from './kind';
import { CredentialSourceSpec, credentialSource } from './credentialSource';
import { LoginSpec, login } from './login';
import { ProcessSpec, credentialProcess } from './credentialProcess';
import { SsoSpec, sso } from './sso';
import { StaticSpec, staticKeys } from './staticKeys';
import { WebIdentitySpec, webIdentity } from './webIdentity';

export type BaseSpec = StaticSpec | CredentialSourceSpec | WebIdentitySpec | SsoSpec | LoginSpec | ProcessSpec;
export type BaseKindId = BaseSpec['kind'];

/** Every kind by its id: the compiler checks each id has its module and each module its spec. */
const KINDS: { readonly [K in BaseKindId]: CredentialKind<Extract<BaseSpec, { kind: K }>> } = {
  'credential-source': credentialSource,
  'web-identity': webIdentity,
  sso,
  login,
  process: credentialProcess,
  static: staticKeys,
};

/**
 * botocore's order: credential_source (for a role), then web identity, IAM Identity Center, the
 * credentials file's keys (see login and credentialProcess), login_session, credential_process,
 * and last the keys (which
 * says what is missing when nothing else matched).
 */
export const PRECEDENCE: readonly BaseKindId[] = ['credential-source', 'web-identity', 'sso', 'login', 'process', 'static'];

/** The kind module of a spec. */
export function kindOf<S extends BaseSpec>(spec: S): CredentialKind<S> {
  return KINDS[spec.kind] as unknown as CredentialKind<S>;
}

/** The base `section` is, in precedence; static keys answer last, with what is missing. */
export function recogniseBase(section: Section, ssoSessions: ReadonlyMap<string, Section>): BaseSpec | CredentialsError {
  for (const id of PRECEDENCE) {
    const r = KINDS[id].recognise(section, ssoSessions);
    if (r !== undefined) return r;
  }
  // Static keys, last, never decline: they say what is missing.
  throw new Error('unreachable: static keys answer for every section');
}

/** The settings that make a section some kind's base (with role_arn and source_profile: a chain's). */
export const CREDENTIAL_KEYS: readonly string[] = [...PRECEDENCE.flatMap((id) => KINDS[id].keys), 'role_arn', 'source_profile'];
