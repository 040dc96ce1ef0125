/** What the picker shows about a profile: its kind, account, region, and any problem. */
import { Diagnostic } from '../config/parser';
import { Origin, ProfileSet, Section, get } from '../config/profiles';
import { resolveChain } from './chain';
import { CREDENTIAL_KEYS, kindOf } from './kinds';
import { BaseFacts } from './kinds/kind';
import { accountOfArn, roleNameOfArn } from './arn';
import { CredentialsError, formatText } from './types';

/** The picker's kind of a profile: its base's (see kinds/), a role assumed over it, or a profile that cannot be used. */
export type ProfileKind = BaseFacts['kind'] | 'role' | 'mfa-role' | 'invalid';

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
  /** Where that problem is written (file as shown, 1-based line), when it is in a file. */
  readonly errorAt?: Origin;
  /** Parser diagnostics located inside this profile's section. */
  readonly diagnostics: Diagnostic[];
  /** `demo-base → demo-admin-mfa → demo-prod-chain` */
  readonly chain: string[];
  /** The IAM Identity Center sign-in the profile depends on (its base is an SSO profile). */
  readonly ssoSignIn?: { readonly session?: string; readonly startUrl: string };
  /** The console sign-in (`aws login`) the profile depends on (its base is a login profile). */
  readonly loginSignIn?: { readonly profile: string; readonly session: string };
  /** The section names a role to assume (role_arn), even if the profile cannot be used as it is. */
  readonly declaresRole: boolean;
  /**
   * The section holds settings only (a region, an output format) and no way to get credentials, as
   * `[default]` often does: not a mistake, just not something to switch to.
   */
  readonly settingsOnly: boolean;
}

/** A section with no credential key: settings only (no chain to resolve, nothing to switch to). */
export function holdsSettingsOnly(section: Section | undefined): boolean {
  return section !== undefined && !CREDENTIAL_KEYS.some((k) => section.properties.has(k));
}

export function describeProfile(set: ProfileSet, name: string): ProfileInfo {
  const section = set.profiles.get(name);
  const region = get(section, 'region');
  const diagnostics = section === undefined ? [] : diagnosticsIn(set, name);
  const declaresRole = section?.properties.has('role_arn') === true;
  const common: {
    name: string;
    diagnostics: Diagnostic[];
    region?: string;
    ssoSignIn?: ProfileInfo['ssoSignIn'];
    loginSignIn?: ProfileInfo['loginSignIn'];
    declaresRole: boolean;
    settingsOnly: boolean;
  } = {
    name,
    diagnostics,
    ...(region !== undefined ? { region } : {}),
    declaresRole,
    settingsOnly: false,
  };
  let chain;
  try {
    chain = resolveChain(set.profiles, set.ssoSessions, name);
  } catch (e) {
    const error = e instanceof CredentialsError ? e : new CredentialsError(String(e), { code: 'Config', profile: name });
    const settingsOnly = holdsSettingsOnly(section);
    const at = placeOf(set, error);
    return { ...common, kind: 'invalid', error, ...(at !== undefined ? { errorAt: at } : {}), chain: [name], settingsOnly };
  }
  const top = chain.roles.at(-1);
  const path = [...chain.profiles].reverse();
  const b = chain.base;
  const facts = kindOf(b).facts(b);
  if (facts.ssoSignIn !== undefined) common.ssoSignIn = facts.ssoSignIn;
  if (facts.loginSignIn !== undefined) common.loginSignIn = facts.loginSignIn;
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
  return { ...common, ...facts, chain: path };
}

/** Diagnostics whose line falls inside the named profile's section(s). Linear in both. */
function diagnosticsIn(set: ProfileSet, name: string): Diagnostic[] {
  const section = set.profiles.get(name);
  if (section === undefined) return [];
  // Per file, the first and last line the section's properties occupy (no spread: it overflowed at ~125,000).
  const span = new Map<string, { min: number; max: number }>();
  for (const p of section.properties.values()) {
    const r = span.get(p.file);
    if (r === undefined) span.set(p.file, { min: p.line, max: p.line });
    else {
      if (p.line < r.min) r.min = p.line;
      if (p.line > r.max) r.max = p.line;
    }
  }
  const origin = span.get(section.origin.file);
  if (origin !== undefined && section.origin.line < origin.min) origin.min = section.origin.line;
  return set.diagnostics.filter((d) => {
    const r = span.get(d.file);
    return r !== undefined && d.line !== 0 && d.line >= r.min && d.line <= r.max + 1;
  });
}

/**
 * Where a chain error is written: the first setting its message names in the profile it is about
 * (source_profile of a missing source, role_arn of a role without a source), else that profile's header.
 */
export function placeOf(set: ProfileSet, e: CredentialsError): Origin | undefined {
  const section = e.profile !== undefined ? set.profiles.get(e.profile) : undefined;
  if (section === undefined) return undefined;
  const message = formatText(e.text);
  let best: { at: number; origin: Origin } | undefined;
  for (const p of section.properties.values()) {
    const at = message.search(new RegExp(`(^|[^a-z0-9_])${p.key.replace(/[^a-z0-9_]/g, '\\$&')}([^a-z0-9_]|$)`));
    if (at >= 0 && (best === undefined || at < best.at)) best = { at, origin: { file: p.file, line: p.line } };
  }
  return best?.origin ?? section.origin;
}
