import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeProfile } from '../../src/credentials/profileInfo';
import { inOrder, openGroups, pageOf, pickerGroups, recentRows } from '../../src/vscode/picker/pickerOrder';
import { profilesFrom } from './helpers';

// As most users have it: [default] holds only a region; the playground's profiles beside it.
const set = profilesFrom(
  `[default]
region = us-east-1
output = json
[profile base]
region = eu-west-1
[profile dev]
role_arn = arn:aws:iam::111111111111:role/Dev
source_profile = base
[profile ops]
role_arn = arn:aws:iam::111111111111:role/Ops
source_profile = base
[profile typo]
role_arn = arn:aws:iam::111111111111:role/Typo
source_profile = nowhere
`,
  '[base]\naws_access_key_id = AKIA\naws_secret_access_key = s\n',
);
const infos = [...set.profiles.keys()].sort().map((n) => describeProfile(set, n));
const names = (xs: Array<{ name: string }>) => xs.map((x) => x.name);

describe('profile picker order', () => {
  it('a settings-only [default] is described as such, not as a broken profile', () => {
    const d = describeProfile(set, 'default');
    assert.equal(d.kind, 'invalid');
    assert.equal(d.settingsOnly, true);
    assert.equal(describeProfile(set, 'typo').settingsOnly, false, 'a role with a missing source is a problem, not settings');
    assert.equal(describeProfile(set, 'typo').declaresRole, true);
  });

  type Sep = { name: string; label: string; sep: string };
  type Row = { name: string; label: string } | Sep;
  const byName = new Map(infos.map((i) => [i.name, i]));
  /** The names and separators of one open, as pageOf lists them for the picker. */
  const open = (recent: string[], include?: (i: (typeof infos)[number]) => boolean, limit = Infinity): string[] => {
    const base = pickerGroups(infos);
    const rows = recentRows(recent, { byName, info: (i) => i, ...(include !== undefined ? { include } : {}) });
    const sep = (g: string): Sep => ({ name: `--${g}`, label: g, sep: g });
    const asRow = (i: { name: string }) => ({ name: i.name, label: i.name });
    const rowOf = new Map(infos.map((i) => [i, asRow(i)]));
    const mapGroups = <T>(g: { usable: T[]; problems: T[]; settingsOnly: T[] }, f: (t: T) => Row) => ({
      usable: g.usable.map(f),
      problems: g.problems.map(f),
      settingsOnly: g.settingsOnly.map(f),
    });
    const inc = include !== undefined ? (r: Row) => !('sep' in r) && include(byName.get(r.name) as (typeof infos)[number]) : undefined;
    const { groups, count } = openGroups<Row>(
      mapGroups(base, (i) => rowOf.get(i) as Row),
      rows.map((i) => rowOf.get(i) as Row),
      sep,
      inc,
    );
    return [...pageOf(groups, [sep('actions')], '', limit).map((r) => r.name), `count ${count}`];
  };

  it('usable profiles first, those with problems after them, settings-only last', () => {
    const g = pickerGroups(infos);
    assert.deepEqual(names(g.usable), ['base', 'dev', 'ops']);
    assert.deepEqual(names(g.problems), ['typo']);
    assert.deepEqual(names(g.settingsOnly), ['default']);
    assert.deepEqual(open([]), ['--profiles', 'base', 'dev', 'ops', '--problems', 'typo', '--settingsOnly', 'default', '--actions', 'count 5']);
  });

  it('recent usable profiles on top, most recent first; unusable or vanished recent ones stay in their group', () => {
    assert.deepEqual(open(['ops', 'gone', 'default', 'typo', 'dev', 'ops']), [
      '--recent',
      'ops',
      'dev',
      '--all',
      'base',
      '--problems',
      'typo',
      '--settingsOnly',
      'default',
      '--actions',
      'count 5',
    ]);
  });

  it('a filter keeps only what it includes, recent ones too, and counts only those; a group left empty has no separator', () => {
    assert.deepEqual(
      open(['base', 'ops'], (i) => i.name !== 'base' && i.name !== 'default'),
      ['--recent', 'ops', '--all', 'dev', '--problems', 'typo', '--actions', 'count 3'],
    );
  });

  it('a page stops at its limit; the actions follow', () => {
    assert.deepEqual(open(['dev'], undefined, 2), ['--recent', 'dev', '--all', 'base', '--actions', 'count 5']);
  });
});

describe('a large picker sends a page of rows, and finds among all of them as the person types', () => {
  type R = { label: string; description?: string; sep?: true; profile?: true };
  const profiles: R[] = Array.from({ length: 5000 }, (_, i): R => ({
    label: `p-${String(i).padStart(4, '0')}`,
    description: `role · ${100000000000 + (i % 50)}`,
    profile: true,
  }));
  const recent = [profiles[1] as R];
  const active = profiles[4321] as R;
  const marked: R = { ...active, description: `${active.description ?? ''} · active` };
  let reads = 0;
  const groups = [
    { separator: { label: 'recent', sep: true } as R, rows: recent },
    { separator: { label: 'profiles', sep: true } as R, rows: profiles, skip: (r: R) => (reads++, recent.includes(r)) },
  ];
  const tail: R[] = [{ label: 'actions', sep: true }, { label: 'Open config file' }];
  const page = (q: string, limit = 300, keep: R | null = marked) =>
    pageOf(groups, tail, q, limit, { shown: (r) => (r === active ? marked : r), ...(keep !== null ? { keep } : {}) });

  it('at open: the first rows up to the limit, the kept one (the active profile, marked) and the actions', () => {
    const shown = page('');
    assert.equal(shown.filter((r) => r.profile).length, 301);
    assert.ok(shown.includes(marked));
    assert.ok(!shown.includes(active), 'the active row is shown marked');
    assert.equal(shown.filter((r) => r.label === 'p-0001').length, 1, 'a recent row is not listed twice');
    assert.deepEqual(
      shown.slice(-2).map((r) => r.label),
      ['actions', 'Open config file'],
    );
  });

  it('an open reads its page, not every profile, once the kept row is placed', () => {
    reads = 0;
    const shown = page('', 100, null);
    assert.equal(shown.filter((r) => r.profile).length, 100);
    assert.ok(reads <= 100, `${reads} rows read for a page of 100`);
  });

  it('typing finds rows beyond the first page, by name or description, in order of the characters', () => {
    const found = page('p4999').filter((r) => r.profile);
    assert.ok(found.some((r) => r.label === 'p-4999'));
    assert.ok(found.length < 300, `${found.length} rows can match`);
    assert.equal(page('100000000049').filter((r) => r.profile).length, 100);
    assert.equal(page('zzz').filter((r) => r.sep).length, 1, 'separators only above rows: just actions');
  });

  it('every row VS Code would match is sent: a subsequence test is looser than its filter', () => {
    assert.ok(inOrder('pr', 'p-0001 profile'));
    assert.ok(inOrder('dev', 'demo-dev role'));
    assert.ok(!inOrder('ved', 'dev'));
  });
});
