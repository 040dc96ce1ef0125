/**
 * The order of the profile picker (pure, so unit tests reach it): recent usable profiles, then every
 * other usable one, then those with a problem, then settings-only sections such as a `[default]`
 * holding just a region. The first row is what Enter picks when nothing is active, so it is
 * always one that can work when there is one.
 */
import { ProfileInfo } from '../credentials/profileInfo';

export interface PickerGroups<T extends Pick<ProfileInfo, 'name' | 'kind' | 'settingsOnly'>> {
  readonly recent: T[];
  readonly usable: T[];
  readonly problems: T[];
  readonly settingsOnly: T[];
}

/** Whether a profile is something to switch to (settings-only and broken ones are not). */
export function isUsable(info: Pick<ProfileInfo, 'kind'>): boolean {
  return info.kind !== 'invalid';
}

/** `infos` in name order; `recent` most recent first. */
export function pickerGroups<T extends Pick<ProfileInfo, 'name' | 'kind' | 'settingsOnly'>>(infos: readonly T[], recent: readonly string[]): PickerGroups<T> {
  const byName = new Map(infos.map((i) => [i.name, i]));
  const recentInfos = recent.map((n) => byName.get(n)).filter((i): i is T => i !== undefined && isUsable(i));
  const recentNames = new Set(recentInfos.map((i) => i.name));
  const groups: PickerGroups<T> = { recent: recentInfos, usable: [], problems: [], settingsOnly: [] };
  for (const i of infos) {
    if (recentNames.has(i.name)) continue;
    if (isUsable(i)) groups.usable.push(i);
    else if (i.settingsOnly) groups.settingsOnly.push(i);
    else groups.problems.push(i);
  }
  return groups;
}
