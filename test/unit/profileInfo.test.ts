/** What the picker and the status bar say of a profile (describeProfile). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeProfile } from '../../src/credentials/profileInfo';
import { profilesFrom } from './helpers';

describe('describing a profile', () => {
  it('a profile of 200,000 settings is described, with the problems inside its lines only (no spread overflow)', () => {
    const many = Array.from({ length: 200_000 }, (_, i) => `k${i} = v`).join('\n');
    const set = profilesFrom(
      `[profile big]\nrole_arn = arn:aws:iam::123456789012:role/R\nsource_profile = other\n${many}\nbad line\n[profile other]\nbroken\n`,
    );
    const info = describeProfile(set, 'big');
    assert.equal(info.name, 'big');
    assert.deepEqual(
      info.diagnostics.map((d) => d.line),
      [200_004],
      "the bad line inside big's section, not the one in [profile other]",
    );
  });
});
