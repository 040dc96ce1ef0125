/** `login_session`: the console sign-in session `aws login` made (AWS CLI 2.32+, the SDKs since 2025-11). */
import { get } from '../../config/profiles';
import { sleepOn, textReader } from '../deps';
import { LoginProvider } from '../providers/login';
import { configuredEndpoint } from '../stsEndpoint';
import { text } from '../types';
import { CredentialKind } from './kind';
import { keysInCredentialsFile } from './staticKeys';

export interface LoginSpec {
  readonly kind: 'login';
  readonly profile: string;
  /** The principal's ARN, which names the session's cache file. */
  readonly session: string;
}

/** The sign-in service of a Region, by partition (as the SDKs' endpoint rules). */
export function signInEndpoint(region: string): string {
  const dns = region.startsWith('cn-')
    ? 'signin.amazonaws.cn'
    : region.startsWith('us-gov-')
      ? 'signin.amazonaws-us-gov.com'
      : region.startsWith('eusc-')
        ? 'signin.amazonaws-eusc.eu'
        : 'signin.aws.amazon.com';
  return `https://${region}.${dns}`;
}

export const login: CredentialKind<LoginSpec> = {
  keys: ['login_session'],
  words: 'console sign-in',
  // The principal may be a role session: a role assumed from it is capped as a chained one.
  givesRoleSession: true,
  unchanging: false,
  longTermKeyId: () => undefined,
  recognise: (section) => {
    const session = get(section, 'login_session');
    // botocore: the credentials file's keys first, then login_session, then credential_process.
    if (session === undefined || keysInCredentialsFile(section)) return undefined;
    return { kind: 'login', profile: section.name, session };
  },
  provider: (spec, { set, section, deps }) => {
    const configured = configuredEndpoint(set, section, deps.env, 'signin')?.url;
    const region = get(section, 'region') ?? deps.env['AWS_REGION'] ?? deps.env['AWS_DEFAULT_REGION'];
    return new LoginProvider({
      profile: spec.profile,
      session: spec.session,
      cacheDir: deps.loginCacheDir,
      endpoint: (cached) => configured ?? ((cached ?? region) !== undefined ? signInEndpoint((cached ?? region) as string) : undefined),
      refreshWithinMs: deps.settings.expiryWindowMs,
      readText: textReader(deps),
      writeText: deps.writeTextPrivate,
      http: deps.http,
      now: deps.now,
      ...(deps.tryLock !== undefined ? { tryLock: deps.tryLock } : {}),
      ...(deps.timers !== undefined ? { sleep: sleepOn(deps.timers) } : {}),
    });
  },
  step: (spec) => text`console sign-in session of ${spec.session} (aws login)`,
  facts: (spec) => ({ kind: 'login', loginSignIn: { profile: spec.profile, session: spec.session } }),
};
