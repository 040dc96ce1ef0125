/** IAM Identity Center: `sso_session` (or the legacy `sso_start_url`/`sso_region`) with `sso_account_id` and `sso_role_name`. */
import { Section, get } from '../../config/profiles';
import { Deps, sleepOn, textReader } from '../deps';
import { SsoProvider } from '../providers/sso';
import { SsoTokenOptions, SsoTokenProvider, newSsoTokenState } from '../providers/ssoToken';
import { configuredEndpoint } from '../stsEndpoint';
import { CredentialProvider, CredentialsError, text } from '../types';
import { CredentialKind, KindContext, configError } from './kind';

export interface SsoSpec {
  readonly kind: 'sso';
  readonly profile: string;
  readonly ssoRegion: string;
  readonly ssoStartUrl: string;
  readonly ssoSession?: string;
  readonly ssoAccountId?: string;
  readonly ssoRoleName?: string;
}

/** An sso_session naming no section: the same words in the picker, the log and the editor. */
export function missingSsoSession(session: string, from: string): CredentialsError {
  return configError(
    from,
    text`Its sso_session names [sso-session ${session}], which does not exist.`,
    text`Fix the name, or add an [sso-session ${session}] section.`,
  );
}

function recognise(section: Section, ssoSessions: ReadonlyMap<string, Section>): SsoSpec | CredentialsError | undefined {
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
      return missingSsoSession(sessionName, name);
    }
    const sRegion = get(session, 'sso_region');
    const sUrl = get(session, 'sso_start_url');
    if (region !== undefined && region !== sRegion) {
      return configError(
        name,
        text`The setting sso_region is set both here and in [sso-session ${sessionName}], to different values.`,
        text`Move sso_region into [sso-session ${sessionName}].`,
      );
    }
    if (startUrl !== undefined && startUrl !== sUrl) {
      return configError(
        name,
        text`The setting sso_start_url is set both here and in [sso-session ${sessionName}], to different values.`,
        text`Move sso_start_url into [sso-session ${sessionName}].`,
      );
    }
    region = sRegion;
    startUrl = sUrl;
  }
  if (roleName !== undefined && accountId === undefined)
    return configError(name, 'The setting sso_account_id is missing (sso_role_name is set).', 'Add sso_account_id.');
  if (accountId !== undefined && roleName === undefined)
    return configError(name, 'The setting sso_role_name is missing (sso_account_id is set).', 'Add sso_role_name.');
  if (region === undefined) return configError(name, 'The setting sso_region is missing.', 'Add sso_region (or use an [sso-session]).');
  if (startUrl === undefined) return configError(name, 'The setting sso_start_url is missing.', 'Add sso_start_url (or use an [sso-session]).');
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

/** What an IAM Identity Center token provider takes from the engine: the CLI's cache, files, HTTP, time and the lock. */
export function ssoTokenDeps(deps: Deps): Pick<SsoTokenOptions, 'cacheDir' | 'readText' | 'writeText' | 'http' | 'now' | 'state' | 'tryLock' | 'sleep'> {
  return {
    cacheDir: deps.ssoCacheDir,
    readText: textReader(deps),
    writeText: deps.writeTextPrivate,
    http: deps.http,
    now: deps.now,
    state: deps.ssoTokens ?? newSsoTokenState(),
    ...(deps.tryLock !== undefined ? { tryLock: deps.tryLock } : {}),
    ...(deps.timers !== undefined ? { sleep: sleepOn(deps.timers) } : {}),
  };
}

function provider(spec: SsoSpec, { set, section, deps }: KindContext): CredentialProvider {
  if (spec.ssoAccountId === undefined || spec.ssoRoleName === undefined) {
    throw new CredentialsError('Only an IAM Identity Center sign-in is configured (no sso_account_id or sso_role_name), so it cannot give AWS credentials.', {
      code: 'Config',
      profile: spec.profile,
      hint: 'Add sso_account_id and sso_role_name to the profile.',
    });
  }
  const endpoint = configuredEndpoint(set, section, deps.env, 'sso')?.url;
  const oidcEndpoint = configuredEndpoint(set, section, deps.env, 'sso_oidc')?.url;
  const token = new SsoTokenProvider({
    profile: spec.profile,
    ...(spec.ssoSession !== undefined ? { session: spec.ssoSession } : {}),
    startUrl: spec.ssoStartUrl,
    region: spec.ssoRegion,
    ...(oidcEndpoint ? { oidcEndpoint } : {}),
    ...ssoTokenDeps(deps),
  });
  return new SsoProvider({
    profile: spec.profile,
    region: spec.ssoRegion,
    accountId: spec.ssoAccountId,
    roleName: spec.ssoRoleName,
    token,
    ...(endpoint ? { endpoint } : {}),
    http: deps.http,
    ...(deps.roleCache !== undefined
      ? {
          shared: {
            cache: deps.roleCache,
            args: {
              accountId: spec.ssoAccountId,
              roleName: spec.ssoRoleName,
              ...(spec.ssoSession !== undefined ? { sessionName: spec.ssoSession } : {}),
              startUrl: spec.ssoStartUrl,
            },
          },
        }
      : {}),
  });
}

export const sso: CredentialKind<SsoSpec> = {
  keys: ['sso_session', 'sso_start_url', 'sso_account_id', 'sso_role_name'],
  words: 'IAM Identity Center',
  givesRoleSession: true,
  unchanging: false,
  longTermKeyId: () => undefined,
  recognise,
  provider,
  step: (spec) =>
    spec.ssoAccountId !== undefined && spec.ssoRoleName !== undefined
      ? text`IAM Identity Center: role ${spec.ssoRoleName} in account ${spec.ssoAccountId}, signed in at ${spec.ssoStartUrl}`
      : text`IAM Identity Center sign-in at ${spec.ssoStartUrl}`,
  facts: (spec) => ({
    kind: 'sso',
    ...(spec.ssoAccountId !== undefined ? { accountId: spec.ssoAccountId } : {}),
    ...(spec.ssoRoleName !== undefined ? { roleName: spec.ssoRoleName } : {}),
    ssoSignIn: { ...(spec.ssoSession !== undefined ? { session: spec.ssoSession } : {}), startUrl: spec.ssoStartUrl },
  }),
};
