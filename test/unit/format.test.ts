import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatClock, formatRemaining } from '../../src/vscode/format';

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

describe("times in messages: one format, the locale's", () => {
  const now = new Date(2026, 11, 6, 9, 0, 0);
  it('hours and minutes only (no seconds), in the given locale', () => {
    const d = new Date(2026, 11, 6, 14, 5, 59);
    assert.equal(formatClock(d, now, 'en-US'), '2:05 PM');
    assert.equal(formatClock(d, now, 'de-DE'), '14:05');
  });
  it('the date too when it is not today', () => {
    assert.equal(formatClock(new Date(2026, 11, 7, 9, 54), now, 'en-US'), 'Dec 7, 9:54 AM');
  });
});
