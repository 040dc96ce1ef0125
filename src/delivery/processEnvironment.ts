/**
 * The one definition of what a session puts into a process (terminal, task, debug session, pinned
 * terminal, shell exports): which AWS variables, with which values, for which delivery.
 */
import { Credentials } from '../credentials/types';

/** What terminals and tasks get in AWS_PROFILE / AWS_DEFAULT_PROFILE (setting terminal.profileVariable). */
export type ProfileVariableMode = 'activeProfile' | 'empty' | 'untouched';

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

/** The keys (and region) of credentials, as a shell or a tool expects them; no profile variables. */
export function credentialVariables(c: Credentials, region: string | undefined): Map<string, string> {
  const env = new Map<string, string>([
    ['AWS_ACCESS_KEY_ID', c.accessKeyId],
    ['AWS_SECRET_ACCESS_KEY', c.secretAccessKey],
  ]);
  if (c.sessionToken !== undefined) env.set('AWS_SESSION_TOKEN', c.sessionToken);
  if (c.expiration !== undefined) env.set('AWS_CREDENTIAL_EXPIRATION', c.expiration.toISOString());
  if (region !== undefined) env.set('AWS_REGION', region);
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
    env.set('AWS_CREDENTIAL_EXPIRATION', c.expiration !== undefined ? c.expiration.toISOString() : '');
  }
  if (s.region !== undefined) {
    env.set('AWS_REGION', s.region);
    env.set('AWS_DEFAULT_REGION', s.region);
  }
  // VS Code can replace a variable but not remove it. botocore (AWS CLI, boto3) rejects an empty
  // AWS_PROFILE yet prefers environment keys over a named profile; the JS SDK prefers a named
  // profile over environment keys but treats an empty one as unset. See README, design notes.
  // With the endpoint, a named profile would win over it in every SDK, so it is not named.
  if (mode === 'activeProfile' && endpoint === undefined) {
    env.set('AWS_PROFILE', s.profile);
    env.set('AWS_DEFAULT_PROFILE', s.profile);
  } else if (mode === 'empty') {
    env.set('AWS_PROFILE', '');
    env.set('AWS_DEFAULT_PROFILE', '');
  }
  return env;
}
