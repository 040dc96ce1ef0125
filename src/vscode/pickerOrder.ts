/**
 * The order of the profile picker (pure, so unit tests reach it): recent usable profiles, then every
 * other usable one, then those with a problem, then settings-only sections such as a `[default]`
 * holding just a region. The first row is what Enter picks when nothing is active, so it is
 * always one that can work when there is one.
 */
import { ProfileInfo } from '../credentials/profileInfo';

export interface PickerGroups<T> {
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
  const groups: PickerGroups<T> = { recent: [], usable: [], problems: [], settingsOnly: [] };
  for (const i of infos) {
    if (isUsable(i)) groups.usable.push(i);
    else if (i.settingsOnly) groups.settingsOnly.push(i);
    else groups.problems.push(i);
  }
  return recent.length === 0 ? groups : withRecent(groups, recent, { byName: new Map(infos.map((i) => [i.name, i])), info: (i) => i });
}

/**
 * `base` (groups with no recent ones, kept while the files do not change) with the `recent` usable
 * ones taken out to the top, and only what `include` keeps. Without either, `base`'s own arrays:
 * an open of a 5,000-profile picker then copies nothing.
 */
export function withRecent<T>(
  base: PickerGroups<T>,
  recent: readonly string[],
  o: {
    readonly byName: ReadonlyMap<string, T>;
    readonly info: (t: T) => Pick<ProfileInfo, 'name' | 'kind'>;
    readonly include?: (t: T) => boolean;
  },
): PickerGroups<T> {
  const inc = o.include;
  const recentRows: T[] = [];
  const recentNames = new Set<string>();
  for (const n of recent) {
    const t = o.byName.get(n);
    if (t === undefined || recentNames.has(n) || !isUsable(o.info(t)) || (inc !== undefined && !inc(t))) continue;
    recentRows.push(t);
    recentNames.add(n);
  }
  if (recentNames.size === 0 && inc === undefined) return base;
  const keep = (t: T): boolean => !recentNames.has(o.info(t).name) && (inc === undefined || inc(t));
  return { recent: recentRows, usable: base.usable.filter(keep), problems: base.problems.filter(keep), settingsOnly: base.settingsOnly.filter(keep) };
}

/** What the picker needs to know of a row to page it (a vscode.QuickPickItem, structurally). */
export interface RowLike {
  readonly label: string;
  readonly description?: string;
  readonly detail?: string;
}

/** Every character of `needle` in `hay`, in order: a superset of what VS Code's quick pick filter matches. */
export function inOrder(needle: string, hay: string): boolean {
  let at = 0;
  for (const c of needle) {
    at = hay.indexOf(c, at);
    if (at < 0) return false;
    at++;
  }
  return true;
}

/**
 * The rows a large picker sends to VS Code: at most `limit` profile rows (those `keep` asks for,
 * such as the active one, always), the ones that can match `query` when one is typed; other rows
 * (actions) always; a separator only when a row follows it. VS Code's own filter then works on
 * these. With 5,000 profiles, sending every row at every open took 200–500 ms (issue #11).
 */
export function pagedRows<T extends RowLike>(
  rows: readonly T[],
  query: string,
  limit: number,
  o: { readonly isProfile: (r: T) => boolean; readonly isSeparator: (r: T) => boolean; readonly keep?: (r: T) => boolean },
): { rows: T[]; hidden: number } {
  const q = query.toLowerCase().replace(/\s+/g, '');
  const out: T[] = [];
  let pending: T | undefined;
  let shown = 0;
  let hidden = 0;
  for (const r of rows) {
    if (o.isSeparator(r)) {
      pending = r;
      continue;
    }
    if (o.isProfile(r)) {
      if (q !== '' && !inOrder(q, `${r.label} ${r.description ?? ''} ${r.detail ?? ''}`.toLowerCase())) continue;
      if (shown >= limit && o.keep?.(r) !== true) {
        hidden++;
        continue;
      }
      shown++;
    }
    if (pending !== undefined) {
      out.push(pending);
      pending = undefined;
    }
    out.push(r);
  }
  return { rows: out, hidden };
}
