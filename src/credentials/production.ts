/**
 * Which profiles are production (`awsRoleSwitcher.productionProfiles`): a pattern (`*` any run of
 * characters, case ignored) matches a profile's name, or its account — the account ID, or a name
 * any profile of that account gives it (`account_alias`, or `sso_account_name` as the IAM Identity
 * Center import writes it) — so production can be declared once per account, and a break-glass
 * role imported as `Demo-Production-BreakGlass` is production under `*prod*`.
 */
import { matchesAny } from '../config/nameMatch';
import { ProfileSet, Section, get } from '../config/profiles';
import { accountOfArn } from './arn';

/** The account a profile acts in, from its own section: its role, its IAM Identity Center account, its keys' account. */
export function accountOfSection(section: Section | undefined): string | undefined {
  const fromRole = accountOfArn(get(section, 'role_arn'));
  if (fromRole !== undefined) return fromRole;
  for (const key of ['sso_account_id', 'aws_account_id']) {
    const v = get(section, key)?.trim();
    if (v !== undefined && /^\d{12}$/.test(v)) return v;
  }
  return undefined;
}

/** The settings that name an account (other tools ignore them): the Profiles view groups by them, production patterns match them. */
export const ACCOUNT_NAME_SETTINGS = ['account_alias', 'sso_account_name'] as const;

/** Per config and pattern list, the answer for each profile, computed once. */
let memo: { set: ProfileSet | undefined; patterns: readonly string[]; names: Map<string, string[]> | undefined; answers: Map<string, boolean> } | undefined;

function accountNames(set: ProfileSet): Map<string, string[]> {
  const names = new Map<string, string[]>();
  for (const section of set.profiles.values()) {
    const account = accountOfSection(section);
    if (account === undefined) continue;
    for (const key of ACCOUNT_NAME_SETTINGS) {
      const n = get(section, key)?.trim();
      if (n === undefined || n === '') continue;
      const list = names.get(account) ?? [];
      if (!list.includes(n)) list.push(n);
      names.set(account, list);
    }
  }
  return names;
}

export function isProductionProfile(set: ProfileSet | undefined, patterns: readonly string[], profile: string): boolean {
  if (patterns.length === 0) return false;
  if (memo === undefined || memo.set !== set || memo.patterns !== patterns) memo = { set, patterns, names: undefined, answers: new Map() };
  const known = memo.answers.get(profile);
  if (known !== undefined) return known;
  let answer = matchesAny(profile, patterns);
  if (!answer && set !== undefined) {
    const account = accountOfSection(set.profiles.get(profile));
    if (account !== undefined) {
      memo.names ??= accountNames(set);
      answer = matchesAny(account, patterns) || (memo.names.get(account) ?? []).some((n) => matchesAny(n, patterns));
    }
  }
  memo.answers.set(profile, answer);
  return answer;
}
