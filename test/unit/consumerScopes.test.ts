import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseScopes } from '../../src/delivery/consumerScopes';

describe("another extension's scopes", () => {
  it('no scope, or scopes that ask for no profile: the window profile', () => {
    assert.deepEqual(parseScopes(undefined), { kind: 'window' });
    assert.deepEqual(parseScopes([]), { kind: 'window' });
    assert.deepEqual(parseScopes(['sts']), { kind: 'window' });
  });

  it('profile:<name> exactly: that profile (the same name twice is still one)', () => {
    assert.deepEqual(parseScopes(['profile:demo-prod']), { kind: 'profile', profile: 'demo-prod' });
    assert.deepEqual(parseScopes(['profile:a/b.c@d:e+f%g_h', 'profile:a/b.c@d:e+f%g_h']), { kind: 'profile', profile: 'a/b.c@d:e+f%g_h' });
  });

  it('a scope that asks for a profile and names none exactly gets nothing, never the window profile', () => {
    for (const bad of [
      'profile:x\n',
      'profile:',
      'profile:\n',
      'Profile:x',
      ' profile:x',
      'profile :x',
      'profile:x y',
      'profile:\u00e9',
      'PROFILE:prod',
      'profile:x\r',
    ])
      assert.equal(parseScopes([bad]).kind, 'invalid', JSON.stringify(bad));
    assert.equal(parseScopes(['profile:a', 'profile:b']).kind, 'invalid', 'two different profiles');
    assert.equal(parseScopes([42]).kind, 'invalid', 'not a string');
  });
});
