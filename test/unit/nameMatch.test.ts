import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { matchesAny } from '../../src/config/nameMatch';

describe('production profile patterns', () => {
  it('* matches any run of characters; everything else is literal', () => {
    assert.equal(matchesAny('prod', ['prod']), true);
    assert.equal(matchesAny('prod-admin', ['prod']), false);
    assert.equal(matchesAny('prod-admin', ['prod*']), true);
    assert.equal(matchesAny('team.prod', ['*.prod']), true);
    assert.equal(matchesAny('teamXprod', ['*.prod']), false, 'a dot is a dot');
    assert.equal(matchesAny('a+b', ['a+b']), true, 'regex characters are literal');
    assert.equal(matchesAny('anything', ['*']), true);
    assert.equal(matchesAny('dev', []), false);
  });
  it('a changed list is used at once (the compiled list is not stale)', () => {
    assert.equal(matchesAny('dev', ['prod']), false);
    assert.equal(matchesAny('dev', ['dev']), true);
    assert.equal(matchesAny('dev', ['prod']), false);
  });
});
