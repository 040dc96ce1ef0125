/**
 * Composes a profile's chain into providers: the base provider, then one AssumeRole per hop, each
 * hop's source behind its own caching holder so that refreshing the last role re-uses a still
 * valid MFA session below it instead of asking for a new code.
 */
import { ProfileSet, Section, get } from '../config/profiles';
import { ChainSpec, resolveChain } from './chain';
import { Deps } from './deps';
import { kindOf } from './kinds';
import { intSetting, sessionNameFor } from './profileSettings';
import { StsTarget, resolveStsTarget } from './stsEndpoint';
import { RefreshingCredentials } from './refreshingCredentials';
import { AssumeRoleProvider, RoleCacheArgs } from './providers/assumeRole';
import { MfaSessionProvider } from './providers/mfaSession';
import { CredentialProvider, Credentials, CredentialsError, RetrieveContext } from './types';

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

export interface BuiltChain {
  readonly spec: ChainSpec;
  readonly provider: CredentialProvider;
  /** Human-readable steps, base first: `static keys (profile demo-base)`, `assume role …`. */
  readonly steps: string[];
  /** Where STS calls of the selected profile go (for Show Caller Identity). */
  readonly target: StsTarget;
}

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
    const base = kindOf(spec.base).provider(spec.base, { set, section: set.profiles.get(spec.base.profile), deps });
    provider = new StepProvider(base, spec.base.profile, stepLabel(1, base.description, spec.base.profile));
  } catch (e) {
    throw e instanceof CredentialsError ? e.within(spec.base.profile, stepLabel(1, kindOf(spec.base).words, spec.base.profile)) : e;
  }
  steps.push(provider.description);
  let target = resolveStsTarget(set, set.profiles.get(profile), deps.env, deps.settings.regionOverride);
  spec.roles.forEach((role, idx) => {
    const section = set.profiles.get(role.profile) as Section;
    // Each hop's source is cached, so a refresh above re-uses a valid session below.
    const holderOptions = { now: deps.now, ...(deps.timers !== undefined ? { timers: deps.timers } : {}), expiryWindowMs: deps.settings.expiryWindowMs };
    let source: CredentialProvider = idx === 0 && kindOf(spec.base).unchanging ? provider : new RefreshingCredentials(provider, holderOptions);
    target = resolveStsTarget(set, section, deps.env, deps.settings.regionOverride);
    const label = stepLabel(idx + 2, `assume role ${role.roleArn}`, role.profile);
    try {
      let serial = get(section, 'mfa_serial');
      // An MFA session in between (opt-in): only over long-term keys, which GetSessionToken needs.
      const sessionSeconds = deps.settings.mfaSessionSeconds ?? 0;
      const base = spec.base;
      const longTermKeyId = kindOf(base).longTermKeyId(base);
      if (serial !== undefined && sessionSeconds > 0 && idx === 0 && longTermKeyId !== undefined && deps.tokenProvider !== undefined) {
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
        const key = [base.profile, longTermKeyId, serial, sessionSeconds, target.endpoint ?? '', target.region].join('\n');
        source = deps.mfaSessions?.get(key, create) ?? create();
        steps.push(mfa.description);
        serial = undefined; // the session carries the MFA
      }
      // A role assumed with role credentials (chaining) is limited to one hour by STS, so the
      // default (not an explicit duration_seconds) is capped there.
      const chained = idx > 0 || kindOf(spec.base).givesRoleSession;
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
