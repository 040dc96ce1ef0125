import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSessionName } from '../../src/credentials/providers/sessionName';

describe('default role session name', () => {
  it('is derived from the user name and always valid', () => {
    assert.equal(defaultSessionName('alice'), 'alice');
    assert.equal(defaultSessionName('Jane Doe'), 'Jane-Doe');
    assert.equal(defaultSessionName('x'), 'x-user');
    assert.equal(defaultSessionName(''), 'aws-role-switcher');
    assert.equal(defaultSessionName('Zoë Ölund'), 'Zoe-Olund');
    assert.equal(defaultSessionName('a'.repeat(100)).length, 64);
  });
});
