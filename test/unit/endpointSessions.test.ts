/** Long-term keys are served by the credentials endpoint as a session (GetSessionToken), renewed ahead of expiry. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EndpointSessions } from '../../src/delivery/endpointSessions';
import { Credentials } from '../../src/credentials/types';

describe('endpoint sessions for long-term keys', () => {
  let now = 1_000_000;
  const longTerm: Credentials = { accessKeyId: 'AKIAUSER', secretAccessKey: 'secret' };
  const minted: Credentials[] = [];
  const mint = async (c: Credentials): Promise<Credentials> => {
    const s = { accessKeyId: `ASIA${minted.length}`, secretAccessKey: 's', sessionToken: `t-${c.accessKeyId}`, expiration: new Date(now + 3600_000) };
    minted.push(s);
    return s;
  };

  it('session credentials pass through untouched; long-term keys become one session, shared by concurrent requests', async () => {
    const sessions = new EndpointSessions({ now: () => now, expiryWindowMs: () => 300_000 });
    const role: Credentials = { accessKeyId: 'ASIAROLE', secretAccessKey: 's', sessionToken: 't' };
    assert.equal(await sessions.servable(role, mint), role);
    const [a, b] = await Promise.all([sessions.servable(longTerm, mint), sessions.servable(longTerm, mint)]);
    assert.equal(minted.length, 1);
    assert.equal(a, b);
    assert.ok(a.sessionToken !== undefined && a.expiration !== undefined, 'what the container protocol needs');
  });

  it('the session is kept until the expiry window, then renewed; a failed renewal is not kept', async () => {
    minted.length = 0;
    const sessions = new EndpointSessions({ now: () => now, expiryWindowMs: () => 300_000 });
    const first = await sessions.servable(longTerm, mint);
    now += 3000_000; // 50 minutes: 10 left, more than the 5-minute window
    assert.equal(await sessions.servable(longTerm, mint), first);
    now += 400_000; // inside the window
    const second = await sessions.servable(longTerm, mint);
    assert.notEqual(second, first);
    now += 3600_000;
    await assert.rejects(
      sessions.servable(longTerm, () => Promise.reject(new Error('AccessDenied'))),
      /AccessDenied/,
    );
    assert.equal((await sessions.servable(longTerm, mint)).accessKeyId, `ASIA${minted.length - 1}`, 'the next request tries again');
  });
});
