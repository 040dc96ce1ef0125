import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sdkSts, warmUpSdk } from '../../src/credentials/sts';
import { createDemoSts, DEMO } from '../fakeSts/demoWorld';
import { FakeSts } from '../fakeSts/server';
import { dripServer } from './slowServers';

describe('STS client', () => {
  let sts: FakeSts;
  let url = '';
  before(async () => {
    sts = createDemoSts();
    url = await sts.start();
  });
  after(async () => {
    await sts.stop();
  });

  it('warms the SDK up with one AssumeRole over HTTP to a one-shot loopback answer: built, signed, sent and parsed', async () => {
    await warmUpSdk();
    await warmUpSdk(); // and again (the picker may open many times)
  });

  it("does what the resolved target says, whatever VS Code's own environment and default profile hold", async () => {
    // The extension resolved endpoint, region and FIPS from the selected profile already. Had the
    // SDK looked at the process's environment or config file, FIPS with a custom endpoint would be
    // refused, and the bogus defaults mode would throw.
    const dir = mkdtempSync(join(tmpdir(), 'ars-sts-'));
    writeFileSync(join(dir, 'config'), '[default]\nuse_fips_endpoint = true\ndefaults_mode = bogus\nendpoint_url = http://127.0.0.1:9\n');
    const saved = { ...process.env };
    Object.assign(process.env, {
      AWS_CONFIG_FILE: join(dir, 'config'),
      AWS_USE_FIPS_ENDPOINT: 'true',
      AWS_DEFAULTS_MODE: 'bogus',
      AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9',
    });
    try {
      const id = await sdkSts().getCallerIdentity(DEMO.user, { region: 'eu-west-1', endpoint: url, via: 'test' });
      assert.equal(id.arn, DEMO.user.userArn);
      assert.equal(sts.callsOf('GetCallerIdentity').at(-1)?.region, 'eu-west-1');
    } finally {
      for (const k of ['AWS_CONFIG_FILE', 'AWS_USE_FIPS_ENDPOINT', 'AWS_DEFAULTS_MODE', 'AWS_ENDPOINT_URL_STS']) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
    }
  });

  it('a server dripping a byte every 100 ms cannot hold a call past its hard deadline (the SDK time-outs are idle time-outs)', async () => {
    const drip = await dripServer(100);
    try {
      const start = Date.now();
      await assert.rejects(sdkSts({ timeoutMs: 500, deadlineMs: 1500 }).getCallerIdentity(DEMO.user, { region: 'eu-west-1', endpoint: drip.url, via: 'test' }));
      const took = Date.now() - start;
      assert.ok(took < 5000, `settled after ${took} ms`);
    } finally {
      await drip.stop();
    }
  });
});
