/**
 * The order of the profile picker (pure, so unit tests reach it): recent usable profiles, then every
 * other usable one, then those with a problem, then settings-only sections such as a `[default]`
 * holding just a region. The first row is what Enter picks when nothing is active, so it is
 * always one that can work when there is one.
 */
import { ProfileInfo } from '../../credentials/profileInfo';

/** The profiles of a config in the picker's groups, in name order (kept while the files do not change). */
export interface PickerGroups<T> {
  readonly usable: T[];
  readonly problems: T[];
  readonly settingsOnly: T[];
}

/** Whether a profile is something to switch to (settings-only and broken ones are not). */
export function isUsable(info: Pick<ProfileInfo, 'kind'>): boolean {
  return info.kind !== 'invalid';
}

/** `infos` in name order. */
export function pickerGroups<T extends Pick<ProfileInfo, 'kind' | 'settingsOnly'>>(infos: readonly T[]): PickerGroups<T> {
  const groups: PickerGroups<T> = { usable: [], problems: [], settingsOnly: [] };
  for (const i of infos) {
    if (isUsable(i)) groups.usable.push(i);
    else if (i.settingsOnly) groups.settingsOnly.push(i);
    else groups.problems.push(i);
  }
  return groups;
}

/** The rows of the `recent` names (most recent first) that are usable, exist, and `include` keeps; each once. */
export function recentRows<T>(
  recent: readonly string[],
  o: { readonly byName: ReadonlyMap<string, T>; readonly info: (t: T) => Pick<ProfileInfo, 'kind'>; readonly include?: (t: T) => boolean },
): T[] {
  const rows: T[] = [];
  for (const n of recent) {
    const t = o.byName.get(n);
    if (t === undefined || rows.includes(t) || !isUsable(o.info(t)) || (o.include !== undefined && !o.include(t))) continue;
    rows.push(t);
  }
  return rows;
}

/** One group of rows and the separator above it; `skip` leaves rows out (read as the group is). */
export interface RowGroup<T> {
  readonly separator: T;
  readonly rows: readonly T[];
  readonly skip?: (t: T) => boolean;
}

export type GroupName = 'recent' | 'all' | 'profiles' | 'problems' | 'settingsOnly';

/**
 * The groups of one open: the recent rows on top (taken out of the usable ones below), the usable,
 * those with problems, the settings-only; only what `include` keeps. Nothing is copied: rows are
 * left out as they are read (see `pageOf`), so an open does not walk 5,000 profiles to move three.
 * `count`: the profiles the open lists.
 */
export function openGroups<T>(
  base: PickerGroups<T>,
  recent: readonly T[],
  separator: (g: GroupName) => T,
  include?: (t: T) => boolean,
): { groups: Array<RowGroup<T>>; count: number } {
  const taken = new Set(recent);
  const skipUsable = recent.length === 0 && include === undefined ? undefined : (t: T): boolean => taken.has(t) || (include !== undefined && !include(t));
  const skipOther = include === undefined ? undefined : (t: T): boolean => !include(t);
  const groups: Array<RowGroup<T>> = [];
  if (recent.length > 0) groups.push({ separator: separator('recent'), rows: recent });
  groups.push({ separator: separator(recent.length > 0 ? 'all' : 'profiles'), rows: base.usable, ...(skipUsable !== undefined ? { skip: skipUsable } : {}) });
  groups.push({ separator: separator('problems'), rows: base.problems, ...(skipOther !== undefined ? { skip: skipOther } : {}) });
  groups.push({ separator: separator('settingsOnly'), rows: base.settingsOnly, ...(skipOther !== undefined ? { skip: skipOther } : {}) });
  const all = base.usable.length + base.problems.length + base.settingsOnly.length;
  const count = include === undefined ? all : [base.usable, base.problems, base.settingsOnly].reduce((n, rows) => n + rows.filter(include).length, 0);
  return { groups, count };
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
 * The rows an open sends to VS Code, in group order: at most `limit` profile rows that can match
 * `query` (all rows when it is empty), the `keep` row (the active profile) wherever it is, each
 * group's separator only above a row of it, then `tail` (the actions) always. `shown` gives the row
 * to show for a row (the active one marked). Reading stops once the page is full and the kept row
 * is placed: an open costs its page, not its profiles. VS Code's own filter then works on these;
 * with 5,000 profiles, sending every row at every open took 200–500 ms (issue #11).
 */
export function pageOf<T extends RowLike>(
  groups: ReadonlyArray<RowGroup<T>>,
  tail: readonly T[],
  query: string,
  limit: number,
  o: { readonly shown?: (t: T) => T; readonly keep?: T } = {},
): T[] {
  const q = query.toLowerCase().replace(/\s+/g, '');
  const out: T[] = [];
  let count = 0;
  let kept = o.keep === undefined;
  read: for (const g of groups) {
    let above = true;
    for (const t of g.rows) {
      if (count >= limit && kept) break read;
      if (g.skip?.(t) === true) continue;
      const r = o.shown !== undefined ? o.shown(t) : t;
      if (q !== '' && !inOrder(q, `${r.label} ${r.description ?? ''} ${r.detail ?? ''}`.toLowerCase())) continue;
      const isKept = r === o.keep;
      if (count >= limit && !isKept) continue;
      if (above) {
        out.push(g.separator);
        above = false;
      }
      out.push(r);
      count++;
      if (isKept) kept = true;
    }
  }
  for (const t of tail) out.push(t);
  return out;
}
