/**
 * Composes a profile's chain into providers: the base provider, then one AssumeRole per hop, each
 * hop's source behind its own caching holder so that refreshing the last role re-uses a still
 * valid MFA session below it instead of asking for a new code.
 */
import { Env } from '../config/locations';
import { ProfileSet, Section, get } from '../config/profiles';
import { BaseSpec, ChainSpec, resolveChain } from './chain';
import { StsTarget, configuredEndpoint, resolveStsTarget } from './stsEndpoint';
import { RefreshingCredentials, Timers } from './refreshingCredentials';
import { AssumeRoleProvider, RoleCacheArgs, RoleSessionCache, TokenProvider } from './providers/assumeRole';
import { ContainerProvider, HttpRequest, ImdsProvider } from './providers/containers';
import { EnvironmentProvider } from './providers/environment';
import { ProcessProvider, RunProcess } from './providers/process';
import { defaultSessionName, isValidSessionName } from './providers/sessionName';
import { MfaSessionStore } from './mfaSessionStore';
import { MfaSessionProvider } from './providers/mfaSession';
import { SsoProvider, SsoRoleCache } from './providers/sso';
import { SsoTokenProvider, SsoTokenState, newSsoTokenState } from './providers/ssoToken';
import { StaticProvider } from './providers/static';
import { WebIdentityProvider } from './providers/webIdentity';
import { StsApi } from './sts';
import { CredentialProvider, Credentials, CredentialsError, Now, RetrieveContext, text } from './types';

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

/** AssumeRole's arguments as the AWS CLI builds them from the profile alone (its cache key). */
function cliRoleArgs(section: Section, roleArn: string): RoleCacheArgs {
  const name = get(section, 'role_session_name');
  const external = get(section, 'external_id');
  const serial = get(section, 'mfa_serial');
  const duration = get(section, 'duration_seconds');
  // Python's int(): optional sign and surrounding white space; anything else is left out.
  const seconds = duration !== undefined && /^\s*[+-]?\d+\s*$/.test(duration) ? parseInt(duration, 10) : undefined;
  return {
    roleArn,
    ...(name !== undefined ? { roleSessionName: name } : {}),
    ...(external !== undefined ? { externalId: external } : {}),
    ...(serial !== undefined ? { serialNumber: serial } : {}),
    ...(seconds !== undefined ? { durationSeconds: seconds } : {}),
  };
}

function sleepOn(timers: Timers): (ms: number) => Promise<void> {
  return (ms) => new Promise<void>((resolve) => void timers.setTimeout(resolve, ms));
}

export interface BuiltChain {
  readonly spec: ChainSpec;
  readonly provider: CredentialProvider;
  /** Human-readable steps, base first: `static keys (profile demo-base)`, `assume role …`. */
  readonly steps: string[];
  /** Where STS calls of the selected profile go (for Show Caller Identity). */
  readonly target: StsTarget;
}

function intSetting(section: Section, key: string): number | undefined {
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

function sessionNameFor(section: Section, deps: Deps): string {
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

/** Reads a file as UTF-8 text through the injected reader. */
export function textReader(deps: Pick<Deps, 'readFile'>): (path: string) => Promise<string> {
  return async (p) => new TextDecoder().decode(await deps.readFile(p));
}

function baseProvider(set: ProfileSet, base: BaseSpec, deps: Deps): CredentialProvider {
  const section = set.profiles.get(base.profile);
  switch (base.kind) {
    case 'static':
      return new StaticProvider(
        {
          accessKeyId: base.accessKeyId,
          secretAccessKey: base.secretAccessKey,
          ...(base.sessionToken !== undefined ? { sessionToken: base.sessionToken } : {}),
          ...(base.accountId !== undefined ? { accountId: base.accountId } : {}),
        },
        base.profile,
      );
    case 'named':
      if (base.source === 'Environment') return new EnvironmentProvider(deps.env);
      if (base.source === 'EcsContainer') return new ContainerProvider(deps.env, deps.http, textReader(deps));
      return new ImdsProvider(deps.env, deps.http, get(section, 'ec2_metadata_service_endpoint'));
    case 'webIdentity': {
      const s = section as Section;
      const duration = intSetting(s, 'duration_seconds');
      return new WebIdentityProvider({
        profile: base.profile,
        roleArn: base.roleArn,
        tokenFile: base.tokenFile,
        roleSessionName: base.sessionName ?? sessionNameFor(s, deps),
        ...(duration !== undefined ? { durationSeconds: duration } : {}),
        readFile: deps.readFile,
        sts: deps.sts,
        target: resolveStsTarget(set, s, deps.env, deps.settings.regionOverride),
      });
    }
    case 'process':
      return new ProcessProvider(base.profile, base.command, deps.runProcess, deps.settings.processTimeoutMs ?? 60_000, base.accountId);
    case 'sso': {
      if (base.ssoAccountId === undefined || base.ssoRoleName === undefined) {
        throw new CredentialsError('This profile only configures an SSO token (no sso_account_id / sso_role_name), so it cannot give AWS credentials.', {
          code: 'Config',
          profile: base.profile,
          hint: 'Add sso_account_id and sso_role_name to the profile.',
        });
      }
      const endpoint = configuredEndpoint(set, section, deps.env, 'sso')?.url;
      const oidcEndpoint = configuredEndpoint(set, section, deps.env, 'sso_oidc')?.url;
      const token = new SsoTokenProvider({
        profile: base.profile,
        ...(base.ssoSession !== undefined ? { session: base.ssoSession } : {}),
        startUrl: base.ssoStartUrl,
        region: base.ssoRegion,
        cacheDir: deps.ssoCacheDir,
        ...(oidcEndpoint ? { oidcEndpoint } : {}),
        readText: textReader(deps),
        writeText: deps.writeTextPrivate,
        http: deps.http,
        now: deps.now,
        state: deps.ssoTokens ?? newSsoTokenState(),
        ...(deps.tryLock !== undefined ? { tryLock: deps.tryLock } : {}),
        ...(deps.timers !== undefined ? { sleep: sleepOn(deps.timers) } : {}),
      });
      return new SsoProvider({
        profile: base.profile,
        region: base.ssoRegion,
        accountId: base.ssoAccountId,
        roleName: base.ssoRoleName,
        token,
        ...(endpoint ? { endpoint } : {}),
        http: deps.http,
        ...(deps.roleCache !== undefined
          ? {
              shared: {
                cache: deps.roleCache,
                args: {
                  accountId: base.ssoAccountId,
                  roleName: base.ssoRoleName,
                  ...(base.ssoSession !== undefined ? { sessionName: base.ssoSession } : {}),
                  startUrl: base.ssoStartUrl,
                },
              },
            }
          : {}),
      });
    }
  }
}

/** A base step in words, for an error raised before its provider exists. */
const BASE_WORDS: Record<BaseSpec['kind'], string> = {
  static: 'static keys',
  named: 'credential source',
  webIdentity: 'web identity',
  sso: 'IAM Identity Center',
  process: 'credential process',
};

/** Adds "profile X, step i of n (what)" to errors thrown by a step. */
class StepProvider implements CredentialProvider {
  readonly description: string;
  constructor(
    private readonly inner: CredentialProvider,
    private readonly profile: string,
    private readonly step: string,
  ) {
    this.description = inner.description;
  }

  async retrieve(ctx: RetrieveContext): Promise<Credentials> {
    try {
      return await this.inner.retrieve(ctx);
    } catch (e) {
      if (e instanceof CredentialsError) throw e.within(this.profile, this.step);
      throw e;
    }
  }
}

export function buildChain(set: ProfileSet, profile: string, deps: Deps): BuiltChain {
  const spec = resolveChain(set.profiles, set.ssoSessions, profile);
  const n = spec.roles.length + 1;
  const steps: string[] = [];
  // An error's step goes after its profile ("Profile "x", step 2 of 3 (assume role …)"): the
  // provider's "(profile x)" would name the profile twice.
  const stepLabel = (i: number, what: string, profile: string): string => {
    const action = what.endsWith(` (profile ${profile})`) ? what.slice(0, -` (profile ${profile})`.length) : what;
    return n > 1 ? `step ${i} of ${n} (${action})` : action;
  };
  let provider: CredentialProvider;
  try {
    const base = baseProvider(set, spec.base, deps);
    provider = new StepProvider(base, spec.base.profile, stepLabel(1, base.description, spec.base.profile));
  } catch (e) {
    throw e instanceof CredentialsError ? e.within(spec.base.profile, stepLabel(1, BASE_WORDS[spec.base.kind], spec.base.profile)) : e;
  }
  steps.push(provider.description);
  let target = resolveStsTarget(set, set.profiles.get(profile), deps.env, deps.settings.regionOverride);
  spec.roles.forEach((role, idx) => {
    const section = set.profiles.get(role.profile) as Section;
    // Each hop's source is cached, so a refresh above re-uses a valid session below.
    const holderOptions = { now: deps.now, ...(deps.timers !== undefined ? { timers: deps.timers } : {}), expiryWindowMs: deps.settings.expiryWindowMs };
    let source: CredentialProvider = idx === 0 && spec.base.kind === 'static' ? provider : new RefreshingCredentials(provider, holderOptions);
    target = resolveStsTarget(set, section, deps.env, deps.settings.regionOverride);
    const label = stepLabel(idx + 2, `assume role ${role.roleArn}`, role.profile);
    try {
      let serial = get(section, 'mfa_serial');
      // An MFA session in between (opt-in): only over long-term keys, which GetSessionToken needs.
      const sessionSeconds = deps.settings.mfaSessionSeconds ?? 0;
      const base = spec.base;
      if (
        serial !== undefined &&
        sessionSeconds > 0 &&
        idx === 0 &&
        base.kind === 'static' &&
        base.sessionToken === undefined &&
        deps.tokenProvider !== undefined
      ) {
        const mfa = new MfaSessionProvider({
          profile: role.profile,
          roleArn: role.roleArn,
          serialNumber: serial,
          durationSeconds: sessionSeconds,
          tokenProvider: deps.tokenProvider,
          source: provider,
          sts: deps.sts,
          target,
        });
        const step = new StepProvider(mfa, role.profile, stepLabel(idx + 2, mfa.description, role.profile));
        const create = (): RefreshingCredentials => new RefreshingCredentials(step, holderOptions);
        const key = [base.profile, base.accessKeyId, serial, sessionSeconds, target.endpoint ?? '', target.region].join('\n');
        source = deps.mfaSessions?.get(key, create) ?? create();
        steps.push(mfa.description);
        serial = undefined; // the session carries the MFA
      }
      // A role assumed with role credentials (chaining) is limited to one hour by STS, so the
      // default (not an explicit duration_seconds) is capped there.
      const chained = idx > 0 || spec.base.kind === 'webIdentity' || spec.base.kind === 'sso';
      const fallback = deps.settings.durationSeconds !== undefined && chained ? Math.min(3600, deps.settings.durationSeconds) : deps.settings.durationSeconds;
      const duration = intSetting(section, 'duration_seconds') ?? fallback;
      const sourceIdentity = get(section, 'source_identity');
      const policy = get(section, 'policy');
      const policyArns = get(section, 'policy_arns');
      const ar = new AssumeRoleProvider({
        profile: role.profile,
        roleArn: role.roleArn,
        roleSessionName: role.sessionName ?? sessionNameFor(section, deps),
        ...(duration !== undefined ? { durationSeconds: duration } : {}),
        ...(role.externalId !== undefined ? { externalId: role.externalId } : {}),
        ...(serial !== undefined ? { serialNumber: serial } : {}),
        ...(deps.tokenProvider !== undefined ? { tokenProvider: deps.tokenProvider } : {}),
        ...(sourceIdentity !== undefined ? { sourceIdentity } : {}),
        ...(policy !== undefined ? { policy } : {}),
        ...(policyArns !== undefined
          ? {
              policyArns: policyArns
                .split(',')
                .map((s) => s.trim())
                .filter((s) => s !== ''),
            }
          : {}),
        source,
        sts: deps.sts,
        target,
        ...(deps.roleCache !== undefined ? { shared: { cache: deps.roleCache, args: cliRoleArgs(section, role.roleArn) } } : {}),
      });
      provider = new StepProvider(ar, role.profile, label);
    } catch (e) {
      throw e instanceof CredentialsError ? e.within(role.profile, label) : e;
    }
    steps.push(provider.description);
  });
  return { spec, provider, steps, target };
}
