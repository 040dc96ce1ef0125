/** RefreshingCredentials (the SDKs' ExpiryWindow semantics): expiry window, shared in-flight refresh, back-off, no prompts on timers. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RefreshingCredentials } from '../../src/credentials/refreshingCredentials';
import { CredentialProvider, CredentialsError } from '../../src/credentials/types';
import { FakeClock, waitFor } from './helpers';

const I = { interactive: true };
const BG = { interactive: false };

describe('refreshing credentials', () => {
  it('isExpired turns true ExpiryWindow before expiry; the timer refreshes then', async () => {
    const clock = new FakeClock();
    let n = 0;
    const provider: CredentialProvider = {
      description: 'counter',
      retrieve: () => Promise.resolve({ accessKeyId: `K${++n}`, secretAccessKey: 's', expiration: new Date(clock.now() + 60_000) }),
    };
    const h = new RefreshingCredentials(provider, { now: clock.now, timers: clock, expiryWindowMs: 10_000, autoRefresh: true });
    await h.refresh(I);
    await clock.advance(49_999);
    assert.equal(h.isExpired(), false);
    assert.equal(n, 1);
    await clock.advance(1);
    assert.equal(n, 2, 'refreshed at expiry - window');
    assert.equal(h.current()?.accessKeyId, 'K2');
    h.dispose();
    assert.equal(clock.timerCount, 0, 'dispose clears every timer');
  });

  it('concurrent callers share one in-flight refresh', async () => {
    let calls = 0;
    let release: (() => void) | undefined;
    const provider: CredentialProvider = {
      description: 'slow',
      retrieve: () => {
        calls++;
        return new Promise((r) => {
          release = () => r({ accessKeyId: 'K', secretAccessKey: 's' });
        });
      },
    };
    const h = new RefreshingCredentials(provider, { now: Date.now, expiryWindowMs: 0 });
    const all = Promise.all([h.retrieve(I), h.retrieve(I), h.refresh(I), h.retrieve(BG)]);
    await waitFor(() => release !== undefined, 'provider called');
    release?.();
    const got = await all;
    assert.equal(calls, 1);
    assert.ok(got.every((c) => c.accessKeyId === 'K'));
  });

  it('a failed refresh keeps the old credentials until they really expire, and backs off', async () => {
    const clock = new FakeClock();
    let fail = false;
    let attempts = 0;
    const provider: CredentialProvider = {
      description: 'flaky',
      retrieve: () => {
        attempts++;
        if (fail) return Promise.reject(new CredentialsError('network down', { code: 'Network' }));
        return Promise.resolve({ accessKeyId: `K${attempts}`, secretAccessKey: 's', expiration: new Date(clock.now() + 600_000) });
      },
    };
    const h = new RefreshingCredentials(provider, { now: clock.now, timers: clock, expiryWindowMs: 300_000, autoRefresh: true, retryBaseMs: 5_000 });
    await h.refresh(I);
    fail = true;
    await clock.advance(300_000); // refresh timer fires, fails
    assert.equal(attempts, 2);
    assert.equal(h.state().status, 'expiring');
    assert.equal((await h.retrieve(BG)).accessKeyId, 'K1', 'old credentials still handed out');
    const afterRetrieve = attempts;
    const gaps: number[] = [];
    let last = clock.now();
    for (let i = 0; i < 4; i++) {
      const prior: number = attempts;
      while (attempts === prior) await clock.advance(1000);
      gaps.push(clock.now() - last);
      last = clock.now();
    }
    assert.ok(afterRetrieve >= 3);
    assert.ok(gaps[1]! > gaps[0]! && gaps[2]! > gaps[1]!, `back-off grows: ${gaps.join(', ')}`);
    await clock.advance(300_000);
    assert.equal(h.current(), undefined, 'nothing handed out after real expiry');
    await assert.rejects(h.retrieve(BG), /network down/);
    assert.equal(h.state().status, 'failed');
    fail = false;
    await clock.advance(300_000);
    assert.equal(h.state().status, 'valid', 'recovers on a later retry');
    h.dispose();
  });

  it('a background refresh that needs a person is not retried on a timer (no error storm)', async () => {
    const clock = new FakeClock();
    let attempts = 0;
    const provider: CredentialProvider = {
      description: 'mfa',
      retrieve: (ctx) => {
        attempts++;
        if (!ctx.interactive) return Promise.reject(new CredentialsError('needs an MFA code', { code: 'NeedsUser' }));
        return Promise.resolve({ accessKeyId: 'K', secretAccessKey: 's', expiration: new Date(clock.now() + 600_000) });
      },
    };
    const h = new RefreshingCredentials(provider, { now: clock.now, timers: clock, expiryWindowMs: 300_000, autoRefresh: true });
    await h.refresh(I);
    await clock.advance(3_600_000);
    assert.equal(attempts, 2, 'one background attempt, then quiet');
    assert.equal(h.state().status, 'failed');
  });
});
