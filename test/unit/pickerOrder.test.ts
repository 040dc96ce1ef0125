import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeProfile } from '../../src/credentials/profileInfo';
import { pickerGroups } from '../../src/vscode/pickerOrder';
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
});
