/**
 * The one definition of what a session puts into a process (terminal, task, debug session, pinned
 * terminal, shell exports): which AWS variables, with which values, for which delivery.
 */
import { ProfileSet } from '../config/profiles';
import { resolveChain } from '../credentials/chain';
import { Credentials } from '../credentials/types';

/** The setting terminal.profileVariable. */
export type ProfileVariableSetting = 'auto' | 'activeProfile';

/**
 * What a delivery does with AWS_PROFILE / AWS_DEFAULT_PROFILE: `name` the session's profile, or
 * `leave` them as the process inherits them.
 *
 * Measured with keys in the environment (AWS CLI 2.9, boto3 1.26, JS SDK v3.972, Go SDK v2 1.17):
 * - unset: all four use the keys;
 * - the active profile's name: the CLI, boto3 and Go use the keys; the JS SDK resolves the profile
 *   itself (a second session of a role; an MFA role fails for want of a code callback);
 * - empty: the JS SDK and Go use the keys; the CLI and boto3 fail ("config profile () could not be found").
 * VS Code can replace a variable but not remove it, so: leave them unset when nothing sets them, and
 * when VS Code's own environment does, name the active profile (the only value the CLI accepts).
 */
export type ProfileVariableMode = 'name' | 'leave';

export function profileVariableMode(setting: ProfileVariableSetting, inherited: string | undefined): ProfileVariableMode {
  return setting === 'activeProfile' || inherited !== undefined ? 'name' : 'leave';
}

/**
 * The profile that terminals inherit from VS Code: `terminal.integrated.env.<platform>` first (its
 * null removes the variable), then VS Code's own environment. AWS_PROFILE wins over AWS_DEFAULT_PROFILE.
 */
export function inheritedProfile(
  env: Readonly<Record<string, string | undefined>>,
  terminalEnv: Readonly<Record<string, string | null | undefined>> | undefined,
): string | undefined {
  for (const name of ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE']) {
    const v = terminalEnv !== undefined && name in terminalEnv ? terminalEnv[name] : env[name];
    if (typeof v === 'string' && v !== '') return v;
  }
  return undefined;
}

/**
 * Why the credentials endpoint cannot be the source a process uses, if something would outrank it:
 * every SDK takes a named profile, and the `[default]` profile when none is named, before a
 * container endpoint. Then processes get keys instead (never another identity).
 */
export function endpointBlocker(set: ProfileSet | undefined, inherited: string | undefined): string | undefined {
  if (inherited !== undefined) return `terminals inherit AWS_PROFILE=${inherited}, which every AWS SDK uses before a credentials endpoint`;
  const d = set?.profiles.get('default');
  if (d === undefined || set === undefined) return undefined;
  try {
    resolveChain(set.profiles, set.ssoSessions, 'default');
  } catch {
    return undefined; // [default] yields no credentials: the SDKs go on to the endpoint
  }
  return `the [default] profile (${d.origin.file}:${d.origin.line}) has credentials, which every AWS SDK uses before a credentials endpoint`;
}

/** How credentials reach processes (setting terminal.delivery). */
export type Delivery = 'environment' | 'endpoint';

/** Where processes fetch credentials in endpoint mode. */
export interface EndpointDelivery {
  readonly url: string;
  readonly token: string;
}

/** What a process needs to know of a session: no more than the snapshot already holds. */
export interface DeliveredSession {
  readonly profile?: string;
  readonly credentials?: Credentials;
  readonly region?: string;
}

/** Every variable a delivery may set. */
export const DELIVERED_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN',
] as const;

/**
 * Every variable through which an inherited environment could give a process another identity:
 * what a delivery sets, plus the legacy token name, the other container and web identity sources.
 */
export const IDENTITY_VARIABLES = [
  ...DELIVERED_VARIABLES,
  'AWS_SECURITY_TOKEN',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN',
  'AWS_ROLE_SESSION_NAME',
] as const;

/** ISO 8601, or '' for a date that is not one (toISOString throws on an Invalid Date). */
export function isoTime(d: Date | undefined): string {
  return d !== undefined && Number.isFinite(d.getTime()) ? d.toISOString() : '';
}

/** The keys (and region) of credentials, as a shell or a tool expects them; no profile variables. */
export function credentialVariables(c: Credentials, region: string | undefined): Map<string, string> {
  const env = new Map<string, string>([
    ['AWS_ACCESS_KEY_ID', c.accessKeyId],
    ['AWS_SECRET_ACCESS_KEY', c.secretAccessKey],
  ]);
  if (c.sessionToken !== undefined) env.set('AWS_SESSION_TOKEN', c.sessionToken);
  if (isoTime(c.expiration) !== '') env.set('AWS_CREDENTIAL_EXPIRATION', isoTime(c.expiration));
  // Both, as terminals get them: the AWS CLI v1 and older SDKs read only AWS_DEFAULT_REGION.
  if (region !== undefined) {
    env.set('AWS_REGION', region);
    env.set('AWS_DEFAULT_REGION', region);
  }
  return env;
}

/** The variables a session puts into processes; empty when no credentials are live. */
export function environmentFor(s: DeliveredSession, mode: ProfileVariableMode, endpoint?: EndpointDelivery): Map<string, string> {
  const env = new Map<string, string>();
  const c = s.credentials;
  if (c === undefined || s.profile === undefined) return env;
  if (endpoint !== undefined) {
    // No keys: empty values hide keys inherited from VS Code's own environment, which every SDK
    // would otherwise prefer over the endpoint.
    env.set('AWS_ACCESS_KEY_ID', '');
    env.set('AWS_SECRET_ACCESS_KEY', '');
    env.set('AWS_SESSION_TOKEN', '');
    env.set('AWS_CREDENTIAL_EXPIRATION', '');
    env.set('AWS_CONTAINER_CREDENTIALS_FULL_URI', endpoint.url);
    env.set('AWS_CONTAINER_AUTHORIZATION_TOKEN', endpoint.token);
  } else {
    env.set('AWS_ACCESS_KEY_ID', c.accessKeyId);
    env.set('AWS_SECRET_ACCESS_KEY', c.secretAccessKey);
    // An empty value hides a session token inherited from VS Code's own environment.
    env.set('AWS_SESSION_TOKEN', c.sessionToken ?? '');
    env.set('AWS_CREDENTIAL_EXPIRATION', isoTime(c.expiration));
  }
  if (s.region !== undefined) {
    env.set('AWS_REGION', s.region);
    env.set('AWS_DEFAULT_REGION', s.region);
  }
  // See ProfileVariableMode. With the endpoint, a named profile would win over it in every SDK, so
  // it is not named (an inherited name blocks the endpoint: see endpointBlocker).
  if (mode === 'name' && endpoint === undefined) {
    env.set('AWS_PROFILE', s.profile);
    env.set('AWS_DEFAULT_PROFILE', s.profile);
  }
  return env;
}
