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
    assert.equal(afterRetrieve, 2, 'a request during the back-off does not call STS again');
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

  it('an expiry window as long as the lifetime does not refresh in a loop: half the lifetime at most, never sooner than the floor', async () => {
    const clock = new FakeClock();
    let n = 0;
    const provider: CredentialProvider = {
      description: 'process',
      retrieve: () => {
        if (++n > 50) return Promise.reject(new CredentialsError('stop', { code: 'NeedsUser' })); // ends a storm the test would otherwise spin in
        return Promise.resolve({ accessKeyId: `K${n}`, secretAccessKey: 's', sessionToken: 't', expiration: new Date(clock.now() + 3600_000) });
      },
    };
    const h = new RefreshingCredentials(provider, { now: clock.now, timers: clock, expiryWindowMs: 3600_000, autoRefresh: true });
    await h.refresh(I);
    assert.equal(h.state().status, 'valid', 'fresh credentials are not "expiring" at once');
    assert.equal((await h.retrieve(BG)).accessKeyId, 'K1');
    await clock.advance(2 * 3600_000);
    assert.ok(n <= 5, `${n} refreshes in 2 h of one-hour credentials (one every 30 min)`);
    h.dispose();

    let m = 0;
    const short: CredentialProvider = {
      description: 'short',
      retrieve: () => {
        if (++m > 50) return Promise.reject(new CredentialsError('stop', { code: 'NeedsUser' }));
        return Promise.resolve({ accessKeyId: `S${m}`, secretAccessKey: 's', sessionToken: 't', expiration: new Date(clock.now() + 2_000) });
      },
    };
    const h2 = new RefreshingCredentials(short, { now: clock.now, timers: clock, expiryWindowMs: 300_000, autoRefresh: true });
    await h2.refresh(I);
    await clock.advance(60_000);
    assert.ok(m <= 13, `2-second credentials are refreshed at most every 5 s (saw ${m} in 60 s)`);
    h2.dispose();
  });

  it('an expiry beyond what a timer can hold, or unreadable, schedules nothing that fires at once', async () => {
    for (const expiration of [new Date(8.64e15), new Date(Number.NaN)]) {
      const clock = new FakeClock();
      let n = 0;
      const provider: CredentialProvider = {
        description: 'far',
        retrieve: () => {
          if (++n > 50) return Promise.reject(new CredentialsError('stop', { code: 'NeedsUser' }));
          return Promise.resolve({ accessKeyId: 'K', secretAccessKey: 's', sessionToken: 't', expiration });
        },
      };
      const h = new RefreshingCredentials(provider, { now: clock.now, timers: clock, expiryWindowMs: 300_000, autoRefresh: true });
      await h.refresh(I).catch(() => undefined);
      await clock.advance(3600_000);
      assert.ok(n <= 1, `${String(expiration)}: ${n} refreshes in an hour`);
      h.dispose();
    }
  });

  it('with STS slow, a request inside the window gets the still-valid credentials at once; the refresh goes on behind it', async () => {
    const clock = new FakeClock();
    let n = 0;
    let release: (() => void) | undefined;
    const provider: CredentialProvider = {
      description: 'slow',
      retrieve: () => {
        n++;
        if (n === 1) return Promise.resolve({ accessKeyId: 'K1', secretAccessKey: 's', sessionToken: 't', expiration: new Date(clock.now() + 600_000) });
        return new Promise((r) => {
          release = () => r({ accessKeyId: `K${n}`, secretAccessKey: 's', sessionToken: 't', expiration: new Date(clock.now() + 600_000) });
        });
      },
    };
    const h = new RefreshingCredentials(provider, { now: clock.now, timers: clock, expiryWindowMs: 300_000 });
    await h.refresh(I);
    await clock.advance(310_000); // inside the window, no timer (autoRefresh off)
    assert.equal((await h.retrieve(BG)).accessKeyId, 'K1', 'served at once');
    assert.equal((await h.retrieve(BG)).accessKeyId, 'K1');
    assert.equal(n, 2, 'one refresh behind both requests');
    release?.();
    await waitFor(() => h.current()?.accessKeyId === 'K2', 'the background refresh landed');
    h.dispose();
  });

  it('with nothing valid and STS failing, processes get the last error at once until the next attempt is due (one a minute at most); a person still tries', async () => {
    const clock = new FakeClock();
    let calls = 0;
    let up = true;
    const provider: CredentialProvider = {
      description: 'sts',
      retrieve: () => {
        calls++;
        return up
          ? Promise.resolve({ accessKeyId: `K${calls}`, secretAccessKey: 's', expiration: new Date(clock.now() + 600_000) })
          : Promise.reject(new CredentialsError('STS is down', { code: 'Network' }));
      },
    };
    const h = new RefreshingCredentials(provider, { now: clock.now, timers: clock, expiryWindowMs: 60_000, autoRefresh: true });
    await h.refresh(I);
    up = false;
    await clock.advance(3_600_000); // an hour of outage: the credentials expired long ago
    const before = calls;
    for (let i = 0; i < 120; i++) {
      await assert.rejects(h.retrieve(BG), /STS is down/);
      await clock.advance(1000);
    }
    assert.ok(calls - before <= 3, `120 requests in 2 minutes made ${calls - before} calls (the timer's, once a minute)`);
    const n = calls;
    await assert.rejects(h.retrieve(I), /STS is down/);
    assert.equal(calls, n + 1, 'a person asking tries at once');
    up = true;
    await clock.advance(60_000);
    assert.equal((await h.retrieve(BG)).accessKeyId.startsWith('K'), true, 'recovered within a minute of STS coming back');
    h.dispose();
  });
});
