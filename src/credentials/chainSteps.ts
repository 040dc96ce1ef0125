/**
 * A profile's chain as steps a person can read in a hover: where the first credentials come from,
 * then each role assumed, with the MFA device and external ID it asks for. Never a credential
 * value: long-term keys are "access keys", a process is its command's first word.
 */
import { ProfileSet, get } from '../config/profiles';
import { resolveChain } from './chain';
import { kindOf } from './kinds';
import { CredentialsError, Text, text } from './types';

export interface ChainStep {
  readonly profile: string;
  readonly what: Text;
}

export type ChainStepsResult = { readonly steps: ChainStep[] } | { readonly error: CredentialsError };

export function chainSteps(set: ProfileSet, name: string): ChainStepsResult {
  let chain;
  try {
    chain = resolveChain(set.profiles, set.ssoSessions, name);
  } catch (e) {
    if (e instanceof CredentialsError) return { error: e };
    throw e;
  }
  const b = chain.base;
  const steps: ChainStep[] = [{ profile: b.profile, what: kindOf(b).step(b) }];
  for (const r of chain.roles) {
    const section = set.profiles.get(r.profile);
    const mfa = get(section, 'mfa_serial');
    let what: Text = text`assume role ${r.roleArn}`;
    if (mfa !== undefined && r.externalId !== undefined) what = text`assume role ${r.roleArn} with an MFA code from ${mfa} and an external ID`;
    else if (mfa !== undefined) what = text`assume role ${r.roleArn} with an MFA code from ${mfa}`;
    else if (r.externalId !== undefined) what = text`assume role ${r.roleArn} with an external ID`;
    steps.push({ profile: r.profile, what });
  }
  return { steps };
}
