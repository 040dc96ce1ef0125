import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeProfile } from '../../src/credentials/profileInfo';
import { inOrder, pagedRows, pickerGroups, withRecent } from '../../src/vscode/pickerOrder';
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

  it('usable profiles first, those with problems after them, settings-only last', () => {
    const g = pickerGroups(infos, []);
    assert.deepEqual(names(g.recent), []);
    assert.deepEqual(names(g.usable), ['base', 'dev', 'ops']);
    assert.deepEqual(names(g.problems), ['typo']);
    assert.deepEqual(names(g.settingsOnly), ['default']);
  });

  it('recent usable profiles on top, most recent first; unusable or vanished recent ones stay in their group', () => {
    const g = pickerGroups(infos, ['ops', 'gone', 'default', 'typo', 'dev']);
    assert.deepEqual(names(g.recent), ['ops', 'dev']);
    assert.deepEqual(names(g.usable), ['base']);
    assert.deepEqual(names(g.problems), ['typo']);
    assert.deepEqual(names(g.settingsOnly), ['default']);
  });

  it('an open with nothing recent and no filter reuses the kept groups (copies nothing); a filter keeps only what it includes, recent ones too', () => {
    const base = pickerGroups(infos, []);
    const byName = new Map(infos.map((i) => [i.name, i]));
    assert.equal(withRecent(base, [], { byName, info: (i) => i }), base);
    assert.equal(withRecent(base, ['gone', 'default'], { byName, info: (i) => i }), base, 'recent names that are not usable change nothing');
    const roles = withRecent(base, ['base', 'ops'], { byName, info: (i) => i, include: (i) => i.name !== 'base' });
    assert.deepEqual(names(roles.recent), ['ops']);
    assert.deepEqual(names(roles.usable), ['dev']);
    assert.deepEqual(names(roles.problems), ['typo']);
  });
});

describe('a large picker sends a page of rows, and finds among all of them as the person types', () => {
  type R = { label: string; description?: string; sep?: true; profile?: true };
  const rows: R[] = [
    { label: 'recent', sep: true },
    { label: 'p-0001', description: 'role · 111111111111', profile: true },
    { label: 'profiles', sep: true },
    ...Array.from({ length: 5000 }, (_, i): R => ({
      label: `p-${String(i).padStart(4, '0')}`,
      description: `role · ${100000000000 + (i % 50)}`,
      profile: true,
    })),
    { label: 'actions', sep: true },
    { label: 'Open config file' },
  ];
  const o = { isProfile: (r: R) => r.profile === true, isSeparator: (r: R) => r.sep === true, keep: (r: R) => r.label === 'p-4321' };
  const labels = (q: string, limit = 300) => pagedRows(rows, q, limit, o);

  it('at open: the first rows up to the limit, the kept one (the active profile) and the actions', () => {
    const { rows: shown, hidden } = labels('');
    assert.equal(shown.filter((r) => r.profile).length, 301);
    assert.equal(hidden, 5001 - 301);
    assert.ok(shown.some((r) => r.label === 'p-4321'));
    assert.deepEqual(
      shown.slice(-2).map((r) => r.label),
      ['actions', 'Open config file'],
    );
  });

  it('typing finds rows beyond the first page, by name or description, in order of the characters', () => {
    const found = labels('p4999').rows.filter((r) => r.profile);
    assert.ok(found.some((r) => r.label === 'p-4999'));
    assert.ok(found.length < 300, `${found.length} rows can match`);
    assert.equal(labels('100000000049').rows.filter((r) => r.profile).length, 100);
    assert.equal(labels('zzz').rows.filter((r) => r.sep).length, 1, 'separators only above rows: just actions');
  });

  it('every row VS Code would match is sent: a subsequence test is looser than its filter', () => {
    assert.ok(inOrder('pr', 'p-0001 profile'));
    assert.ok(inOrder('dev', 'demo-dev role'));
    assert.ok(!inOrder('ved', 'dev'));
  });
});
