/**
 * The Profiles view's tree, before VS Code sees it (pure, so unit tests reach it): profiles grouped
 * by account — named where a profile names the account (`account_alias`, or `sso_account_name` as
 * the IAM Identity Center import writes it) — then the usable profiles no account is known for,
 * then those that cannot be used. Settings-only sections (a `[default]` with just a Region) are
 * left out: there is nothing to switch to. A filter keeps the profiles whose name, account, role,
 * Region or kind contains it.
 */
import { ProfileSet, get } from '../../config/profiles';
import { ProfileInfo } from '../../credentials/profileInfo';
import { ACCOUNT_NAME_SETTINGS } from '../../credentials/production';

export interface AccountGroup {
  /** `account:111111111111`, `other`, `problems`: stable, for the tree's ids. */
  readonly key: string;
  readonly accountId?: string;
  /** The account's name where a profile gives one. */
  readonly accountName?: string;
  readonly profiles: ProfileInfo[];
}

function accountNameOf(set: ProfileSet, profile: string): string | undefined {
  const section = set.profiles.get(profile);
  for (const key of ACCOUNT_NAME_SETTINGS) {
    const v = get(section, key);
    if (v !== undefined && v !== '') return v;
  }
  return undefined;
}

function matches(info: ProfileInfo, accountName: string | undefined, needle: string): boolean {
  const hay = [info.name, info.accountId, accountName, info.roleName, info.region, info.kind];
  return hay.some((h) => h !== undefined && h.toLowerCase().includes(needle));
}

export function accountGroups(set: ProfileSet, infos: readonly ProfileInfo[], filter = ''): AccountGroup[] {
  const needle = filter.trim().toLowerCase();
  const accounts = new Map<string, { name?: string; profiles: ProfileInfo[] }>();
  const other: ProfileInfo[] = [];
  const problems: ProfileInfo[] = [];
  const names = new Map<string, string>();
  for (const info of infos) {
    if (info.accountId === undefined) continue;
    const n = accountNameOf(set, info.name);
    if (n !== undefined && !names.has(info.accountId)) names.set(info.accountId, n);
  }
  for (const info of infos) {
    if (info.kind === 'invalid' && info.settingsOnly) continue;
    const accountName = info.accountId !== undefined ? names.get(info.accountId) : undefined;
    if (needle !== '' && !matches(info, accountName, needle)) continue;
    if (info.kind === 'invalid') problems.push(info);
    else if (info.accountId === undefined) other.push(info);
    else {
      let a = accounts.get(info.accountId);
      if (a === undefined) {
        a = { ...(accountName !== undefined ? { name: accountName } : {}), profiles: [] };
        accounts.set(info.accountId, a);
      }
      a.profiles.push(info);
    }
  }
  const byName = (a: ProfileInfo, b: ProfileInfo) => a.name.localeCompare(b.name);
  const groups: AccountGroup[] = [...accounts]
    .map(([accountId, a]) => ({
      key: `account:${accountId}`,
      accountId,
      ...(a.name !== undefined ? { accountName: a.name } : {}),
      profiles: a.profiles.sort(byName),
    }))
    .sort((a, b) => (a.accountName ?? `~${a.accountId}`).localeCompare(b.accountName ?? `~${b.accountId}`));
  if (other.length > 0) groups.push({ key: 'other', profiles: other.sort(byName) });
  if (problems.length > 0) groups.push({ key: 'problems', profiles: problems.sort(byName) });
  return groups;
}
