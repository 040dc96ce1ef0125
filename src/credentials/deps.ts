/**
 * What the engine is given instead of reaching out itself: the environment, time, files, processes,
 * HTTP and STS, and the person's settings. Unit tests pass fakes (a virtual clock, no network).
 */
import { Env } from '../config/locations';
import { MfaSessionStore } from './mfaSessionStore';
import { RoleSessionCache, TokenProvider } from './providers/assumeRole';
import { HttpRequest } from './providers/containers';
import { RunProcess } from './providers/process';
import { SsoRoleCache } from './providers/sso';
import { SsoTokenState } from './providers/ssoToken';
import { Timers } from './refreshingCredentials';
import { StsApi } from './sts';
import { Now } from './types';

export interface Settings {
  /** DurationSeconds when the profile sets no duration_seconds. */
  readonly durationSeconds?: number;
  /** RoleSessionName when the profile sets no role_session_name. */
  readonly roleSessionName?: string;
  readonly regionOverride?: string;
  readonly expiryWindowMs: number;
  readonly processTimeoutMs?: number;
  /** > 0: roles with mfa_serial over long-term keys are assumed from an MFA session this long (GetSessionToken). */
  readonly mfaSessionSeconds?: number;
}

export interface Deps {
  readonly env: Env;
  readonly now: Now;
  readonly timers?: Timers;
  readonly sts: StsApi;
  readonly readFile: (path: string) => Promise<Uint8Array>;
  readonly runProcess: RunProcess;
  readonly http: HttpRequest;
  readonly tokenProvider?: TokenProvider;
  readonly userName?: string;
  /** `~/.aws/sso/cache` */
  readonly ssoCacheDir: string;
  /** `${AWS_LOGIN_CACHE_DIRECTORY:-~/.aws/login/cache}`: `aws login` sessions. */
  readonly loginCacheDir: string;
  /** Replaces a file, owner-only (renewed IAM Identity Center tokens go back to the CLI's cache). */
  readonly writeTextPrivate: (path: string, text: string) => Promise<void>;
  /** IAM Identity Center token renewals in flight and last tried, shared across sessions. */
  readonly ssoTokens?: SsoTokenState;
  /** A lock file, so VS Code windows renew a shared IAM Identity Center token one at a time. */
  readonly tryLock?: (path: string) => Promise<(() => Promise<void>) | undefined>;
  /** MFA sessions shared across sessions of the window (with settings.mfaSessionSeconds). */
  readonly mfaSessions?: MfaSessionStore;
  /** Role sessions shared with the AWS CLI (its ~/.aws/cli/cache), when the person allows it. */
  readonly roleCache?: RoleSessionCache & SsoRoleCache;
  readonly settings: Settings;
}

/** Reads a file as UTF-8 text through the injected reader. */
export function textReader(deps: Pick<Deps, 'readFile'>): (path: string) => Promise<string> {
  return async (p) => new TextDecoder().decode(await deps.readFile(p));
}

/** A sleep on the injected timers (a virtual clock in tests). */
export function sleepOn(timers: Timers): (ms: number) => Promise<void> {
  return (ms) => new Promise<void>((resolve) => void timers.setTimeout(resolve, ms));
}
