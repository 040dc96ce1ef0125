/**
 * Soak: two virtual days of 15-minute role credentials (static keys → AssumeRole through the real
 * chain builder and holder), with STS failing at random and in outages of up to two hours, while
 * processes ask for credentials every minute and, in bursts, every second. Whatever happens: no
 * expired credentials handed out, and STS calls bounded by the back-off, not by the requests.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildChain } from '../../src/credentials/build';
import { RefreshingCredentials } from '../../src/credentials/refreshingCredentials';
import { StsApi } from '../../src/credentials/sts';
import { Credentials } from '../../src/credentials/types';
import { nodeReadFile, nodeWriteTextPrivate } from '../../src/credentials/nodeDeps';
import { nodeHttp } from '../../src/credentials/nodeHttp';
import { nodeRunProcess } from '../../src/credentials/nodeProcess';
import { FakeClock, profilesFrom, random } from './helpers';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('soak: the engine over two virtual days of flaky STS', () => {
  it('hands out no expired credentials, and STS calls follow the back-off, not the requests', async () => {
    const clock = new FakeClock();
    const start = clock.now();
    const next = random(Number(process.env['ARS_SOAK_SEED'] ?? 20261127));
    // Outages: [from, to) in ms after the start; between them 5% of calls fail at random.
    const outages: Array<[number, number]> = [
      [3 * HOUR, 3 * HOUR + 20 * MIN], // shorter than the credentials' remaining life: nobody notices
      [10 * HOUR, 12 * HOUR], // longer: the credentials expire, requests are refused, then it recovers
      [30 * HOUR, 30 * HOUR + 45 * MIN],
    ];
    const down = (): boolean => {
      const t = clock.now() - start;
      return outages.some(([a, b]) => t >= a && t < b);
    };
    const calls: number[] = [];
    let issued = 0;
    const sts: StsApi = {
      assumeRole: async (_source, input) => {
        calls.push(clock.now() - start);
        if (down() || next() < 0.05) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
        issued++;
        return {
          accessKeyId: `ASIA${String(issued).padStart(16, '0')}`,
          secretAccessKey: `secret-${issued}`,
          sessionToken: `token-${issued}`,
          expiration: new Date(clock.now() + (input.durationSeconds ?? 900) * 1000),
          arn: 'arn:aws:sts::222222222222:assumed-role/Dev/s',
          accountId: '222222222222',
        };
      },
      assumeRoleWithWebIdentity: () => Promise.reject(new Error('unused')),
      getSessionToken: () => Promise.reject(new Error('unused')),
      getCallerIdentity: () => Promise.reject(new Error('unused')),
      getFederationToken: () => Promise.reject(new Error('unused')),
    };
    const set = profilesFrom(
      '[profile dev]\nrole_arn = arn:aws:iam::222222222222:role/Dev\nsource_profile = base\nduration_seconds = 900\nregion = eu-west-1\n',
      '[base]\naws_access_key_id = AKIAEXAMPLEBASE00001\naws_secret_access_key = base-secret\n',
    );
    const chain = buildChain(set, 'dev', {
      env: {},
      now: clock.now,
      timers: clock,
      sts,
      readFile: nodeReadFile,
      runProcess: nodeRunProcess,
      http: nodeHttp,
      ssoCacheDir: '/nonexistent',
      loginCacheDir: '/nonexistent',
      writeTextPrivate: nodeWriteTextPrivate,
      settings: { expiryWindowMs: 5 * MIN, durationSeconds: 900 },
    });
    const holder = new RefreshingCredentials(chain.provider, { now: clock.now, timers: clock, expiryWindowMs: 5 * MIN, autoRefresh: true });
    await holder.refresh({ interactive: true });

    let handedOut = 0;
    let refused = 0;
    let refusedWhileUp = 0;
    const ask = async (): Promise<void> => {
      let c: Credentials | undefined;
      try {
        c = await holder.retrieve({ interactive: false });
      } catch {
        refused++;
        if (!down()) refusedWhileUp++;
        return;
      }
      handedOut++;
      assert.ok(c.expiration !== undefined && c.expiration.getTime() > clock.now(), `expired credentials handed out at +${(clock.now() - start) / MIN} min`);
    };

    const DAYS = Number(process.env['ARS_SOAK_DAYS'] ?? 2);
    for (let t = 0; t < DAYS * 24 * HOUR; t += MIN) {
      const minute = t / MIN;
      // A burst of one request a second for 10 minutes, twice a day (a loop of AWS CLI calls), one during the long outage.
      const burst = (minute >= 11 * 60 && minute < 11 * 60 + 10) || (minute >= 20 * 60 && minute < 20 * 60 + 10);
      if (burst) {
        for (let s = 0; s < 60; s++) {
          await ask();
          await clock.advance(1000);
        }
      } else {
        await ask();
        await clock.advance(MIN);
      }
    }
    holder.dispose();

    // Every credential handed out was live (asserted in ask); most requests were served.
    console.log(`served ${handedOut}, refused ${refused} (${refusedWhileUp} while STS was up), ${calls.length} STS calls`);
    // Refusals only while STS was down, or in the minute after it came back (the next attempt is at most 60 s away then).
    assert.ok(refusedWhileUp <= 2 * outages.length, `refused while STS was up: ${refusedWhileUp}`);
    // Without faults: one AssumeRole per 10 minutes (15-minute credentials, 5-minute window) = 288 in two days.
    const healthy = (DAYS * 24 * HOUR) / (10 * MIN);
    // An outage costs at most one call a minute (the back-off cap with nothing valid held) plus the doublings.
    const perOutage = ([a, b]: [number, number]): number => Math.ceil((b - a) / MIN) + 8;
    const outageBound = outages.reduce((sum, o) => sum + perOutage(o), 0);
    const during = (a: number, b: number): number => calls.filter((c) => c >= a && c < b).length;
    for (const o of outages) assert.ok(during(...o) <= perOutage(o), `STS calls during the outage at +${o[0] / HOUR} h: ${during(...o)}`);
    // Random 5% failures retry within seconds: allow 20% on top.
    assert.ok(calls.length <= healthy * 1.2 + outageBound, `${calls.length} STS calls (healthy ${healthy}, outage bound ${outageBound})`);
    // The burst during the long outage (600 requests in 10 minutes) made no calls of its own: one a minute, by the timer.
    assert.ok(during(11 * HOUR, 11 * HOUR + 10 * MIN) <= 11, `calls during the burst in the outage: ${during(11 * HOUR, 11 * HOUR + 10 * MIN)}`);
  });
});
