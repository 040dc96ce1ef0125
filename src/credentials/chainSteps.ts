/**
 * A profile's chain as steps a person can read in a hover: where the first credentials come from,
 * then each role assumed, with the MFA device and external ID it asks for. Never a credential
 * value: long-term keys are "access keys", a process is its command's first word.
 */
import { ProfileSet, get } from '../config/profiles';
import { resolveChain } from './chain';
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
  const steps: ChainStep[] = [];
  const b = chain.base;
  switch (b.kind) {
    case 'static':
      steps.push({
        profile: b.profile,
        what: b.sessionToken !== undefined ? 'temporary access keys (with a session token)' : 'long-term access keys',
      });
      break;
    case 'named':
      steps.push({ profile: b.profile, what: text`credentials from ${b.source}` });
      break;
    case 'webIdentity':
      steps.push({ profile: b.profile, what: text`assume role ${b.roleArn} with the web identity token in ${b.tokenFile}` });
      break;
    case 'sso':
      steps.push({
        profile: b.profile,
        what:
          b.ssoAccountId !== undefined && b.ssoRoleName !== undefined
            ? text`IAM Identity Center: role ${b.ssoRoleName} in account ${b.ssoAccountId}, signed in at ${b.ssoStartUrl}`
            : text`IAM Identity Center sign-in at ${b.ssoStartUrl}`,
      });
      break;
    case 'process':
      steps.push({ profile: b.profile, what: text`runs credential_process (${b.command.trim().split(/\s+/)[0] ?? ''})` });
      break;
  }
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
