import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isMfaCode, mfaCodeProblem } from '../../src/credentials/mfaCode';

describe('MFA code input', () => {
  it('six digits are a code; anything else is not', () => {
    assert.equal(isMfaCode('123456'), true);
    for (const v of ['12345', '1234567', '12345a', ' 123456', '', '１２３４５６']) assert.equal(isMfaCode(v), false, JSON.stringify(v));
  });
  it('says what is missing while typing, nothing while empty or complete', () => {
    assert.equal(mfaCodeProblem(''), undefined);
    assert.equal(mfaCodeProblem('  '), undefined);
    assert.equal(mfaCodeProblem(' 123456 '), undefined, 'surrounding blanks are trimmed');
    assert.deepEqual(mfaCodeProblem('123'), { kind: 'tooShort', missing: 3 });
    assert.deepEqual(mfaCodeProblem('12345'), { kind: 'tooShort', missing: 1 });
    assert.deepEqual(mfaCodeProblem('1234567'), { kind: 'tooLong' });
    assert.deepEqual(mfaCodeProblem('12a'), { kind: 'notDigits' });
  });
});
