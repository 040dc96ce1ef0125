import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatRemaining } from '../../src/vscode/format';

describe('time left in the status bar', () => {
  it('seconds, minutes, hours with zero-padded minutes, expired', () => {
    assert.equal(formatRemaining(0), 'expired');
    assert.equal(formatRemaining(-5000), 'expired');
    assert.equal(formatRemaining(999), '0s');
    assert.equal(formatRemaining(42_000), '42s');
    assert.equal(formatRemaining(60_000), '1m');
    assert.equal(formatRemaining(59 * 60_000 + 59_000), '59m');
    assert.equal(formatRemaining(3600_000 + 5 * 60_000), '1h05m');
    assert.equal(formatRemaining(12 * 3600_000), '12h00m');
  });
});
