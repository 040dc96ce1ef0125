/** What the picker shows about a profile: its kind, account, region, and any problem. */
import { Diagnostic } from '../config/parser';
import { ProfileSet, get } from '../config/profiles';
import { resolveChain } from './chain';
import { CredentialsError } from './types';

export type ProfileKind = 'static' | 'role' | 'mfa-role' | 'web-identity' | 'process' | 'sso' | 'environment' | 'container' | 'instance' | 'invalid';

export const KIND_LABEL: Record<ProfileKind, string> = {
  static: 'static keys',
  role: 'role',
  'mfa-role': 'MFA role',
  'web-identity': 'web identity',
  process: 'credential process',
  sso: 'SSO',
  environment: 'environment keys',
  container: 'container',
  instance: 'EC2 instance',
  invalid: 'cannot be used',
};

export interface ProfileInfo {
  readonly name: string;
  readonly kind: ProfileKind;
  readonly accountId?: string;
  readonly roleArn?: string;
  readonly roleName?: string;
  readonly region?: string;
  readonly mfaSerial?: string;
  /** Why the profile cannot be used, if it cannot. */
  readonly error?: CredentialsError;
  /** Parser diagnostics located inside this profile's section. */
  readonly diagnostics: Diagnostic[];
  /** `demo-base → demo-admin-mfa → demo-prod-chain` */
  readonly chain: string[];
  /** The IAM Identity Center sign-in the profile depends on (its base is an SSO profile). */
  readonly ssoSignIn?: { readonly session?: string; readonly startUrl: string };
}

export function accountOfArn(arn: string | undefined): string | undefined {
  const a = arn?.split(':')[4];
  return a !== undefined && /^\d{12}$/.test(a) ? a : undefined;
}

export function roleNameOfArn(arn: string | undefined): string | undefined {
  if (arn === undefined) return undefined;
  const res = arn.split(':').slice(5).join(':');
  const i = res.lastIndexOf('/');
  return i >= 0 ? res.slice(i + 1) : undefined;
}

export function describeProfile(set: ProfileSet, name: string): ProfileInfo {
  const section = set.profiles.get(name);
  const region = get(section, 'region');
  const diagnostics = section === undefined ? [] : diagnosticsIn(set, name);
  const common: { name: string; diagnostics: Diagnostic[]; region?: string; ssoSignIn?: ProfileInfo['ssoSignIn'] } = { name, diagnostics, ...(region !== undefined ? { region } : {}) };
  let chain;
  try {
    chain = resolveChain(set.profiles, set.ssoSessions, name);
  } catch (e) {
    const error = e instanceof CredentialsError ? e : new CredentialsError(String(e), { code: 'Config', profile: name });
    return { ...common, kind: 'invalid', error, chain: [name] };
  }
  const top = chain.roles.at(-1);
  const path = [...chain.profiles].reverse();
  const b = chain.base;
  if (b.kind === 'sso') common.ssoSignIn = { ...(b.ssoSession !== undefined ? { session: b.ssoSession } : {}), startUrl: b.ssoStartUrl };
  if (top !== undefined) {
    const mfa = chain.roles.map((r) => get(set.profiles.get(r.profile), 'mfa_serial')).find((s) => s !== undefined);
    const account = accountOfArn(top.roleArn);
    const roleName = roleNameOfArn(top.roleArn);
    return {
      ...common,
      kind: mfa !== undefined ? 'mfa-role' : 'role',
      roleArn: top.roleArn,
      ...(account !== undefined ? { accountId: account } : {}),
      ...(roleName !== undefined ? { roleName } : {}),
      ...(mfa !== undefined ? { mfaSerial: mfa } : {}),
      chain: path,
    };
  }
  switch (b.kind) {
    case 'static':
      return { ...common, kind: 'static', ...(b.accountId !== undefined ? { accountId: b.accountId } : {}), chain: path };
    case 'webIdentity': {
      const account = accountOfArn(b.roleArn);
      const roleName = roleNameOfArn(b.roleArn);
      return { ...common, kind: 'web-identity', roleArn: b.roleArn, ...(account !== undefined ? { accountId: account } : {}), ...(roleName !== undefined ? { roleName } : {}), chain: path };
    }
    case 'process':
      return { ...common, kind: 'process', ...(b.accountId !== undefined ? { accountId: b.accountId } : {}), chain: path };
    case 'sso':
      return { ...common, kind: 'sso', ...(b.ssoAccountId !== undefined ? { accountId: b.ssoAccountId } : {}), ...(b.ssoRoleName !== undefined ? { roleName: b.ssoRoleName } : {}), chain: path };
    case 'named':
      return { ...common, kind: b.source === 'Environment' ? 'environment' : b.source === 'EcsContainer' ? 'container' : 'instance', chain: path };
  }
}

/** Diagnostics whose line falls inside the named profile's section(s). */
function diagnosticsIn(set: ProfileSet, name: string): Diagnostic[] {
  const section = set.profiles.get(name);
  if (section === undefined) return [];
  const lines = new Map<string, number[]>();
  for (const p of section.properties.values()) {
    const l = lines.get(p.file) ?? [];
    l.push(p.line);
    lines.set(p.file, l);
  }
  return set.diagnostics.filter((d) => {
    const l = lines.get(d.file);
    if (l === undefined || d.line === 0) return false;
    const min = Math.min(section.origin.file === d.file ? section.origin.line : Infinity, ...l);
    const max = Math.max(...l);
    return d.line >= min && d.line <= max + 1;
  });
}
