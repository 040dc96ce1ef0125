/** The loopback credentials endpoint: who it serves and whom it refuses; the AWS CLI as a client. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { request } from 'node:http';
import { connect } from 'node:net';
import { CredentialsServer, Registration } from '../../src/delivery/credentialsServer';
import { FakeSts } from '../fakeSts/server';
import { DEMO, demoStsOptions } from '../fakeSts/demoWorld';
import { sdkSts } from '../../src/credentials/sts';
import { Credentials } from '../../src/credentials/types';

function get(url: string, headers: Record<string, string>, method = 'GET'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('credentials endpoint', () => {
  const ep = new CredentialsServer();
  let reg: Registration;
  let current: Credentials | undefined = {
    accessKeyId: 'ASIAEXAMPLE',
    secretAccessKey: 'secret',
    sessionToken: 'token',
    expiration: new Date('2030-01-01T00:00:00Z'),
    accountId: '123456789012',
  };
  before(async () => {
    await ep.start();
    reg = ep.register(() => Promise.resolve(current));
  });
  after(() => ep.stop());

  it('listens on 127.0.0.1 with a 256-bit token', () => {
    assert.match(reg.url, /^http:\/\/127\.0\.0\.1:\d+\/credentials\/[0-9a-f]{24}$/);
    assert.equal(Buffer.from(reg.token, 'base64url').length, 32);
  });

  it('serves the container-credentials JSON to the right token', async () => {
    const r = await get(reg.url, { Authorization: reg.token });
    assert.equal(r.status, 200);
    assert.deepEqual(JSON.parse(r.body), {
      AccessKeyId: 'ASIAEXAMPLE',
      SecretAccessKey: 'secret',
      Token: 'token',
      Expiration: '2030-01-01T00:00:00Z',
      AccountId: '123456789012',
    });
  });

  it('refuses a missing token, a wrong token, a token prefix, a foreign Host and other methods', async () => {
    assert.equal((await get(reg.url, {})).status, 401);
    assert.equal((await get(reg.url, { Authorization: 'x'.repeat(reg.token.length) })).status, 401);
    assert.equal((await get(reg.url, { Authorization: reg.token.slice(0, -1) })).status, 401);
    assert.equal((await get(reg.url, { Authorization: `${reg.token}x` })).status, 401);
    assert.equal((await get(reg.url, { Authorization: reg.token, Host: 'evil.example.com' })).status, 403);
    assert.equal((await get(reg.url, { Authorization: reg.token, Host: `attacker.test:${new URL(reg.url).port}` })).status, 403);
    assert.equal((await get(reg.url, { Authorization: reg.token }, 'POST')).status, 405);
    assert.equal(
      (await get(reg.url.replace(/[0-9a-f]{24}$/, '0'.repeat(24)), { Authorization: reg.token })).status,
      401,
      'a token works only for its own path',
    );
  });

  it('answers 503 with what to do when no credentials are live', async () => {
    const saved = current;
    current = undefined;
    const r = await get(reg.url, { Authorization: reg.token });
    current = saved;
    assert.equal(r.status, 503);
    assert.match(r.body, /Switch Profile/);
  });

  it('a source that refuses gets 403 with its words, and no credentials', async () => {
    const refusing = ep.register(() => Promise.resolve({ refusal: 'Started as dev; relaunch the terminal.' }));
    const r = await get(refusing.url, { Authorization: refusing.token });
    assert.equal(r.status, 403);
    assert.equal(JSON.parse(r.body).message, 'Started as dev; relaunch the terminal.');
    assert.doesNotMatch(r.body, /AccessKeyId/);
  });

  it('a disposed registration keeps answering its own token with why (relaunch), and others still with 401', async () => {
    const gone = ep.register(() => Promise.resolve(current), 'The pinned terminal for dev was closed; relaunch.');
    assert.equal((await get(gone.url, { Authorization: gone.token })).status, 200);
    gone.dispose();
    const r = await get(gone.url, { Authorization: gone.token });
    assert.equal(r.status, 403);
    assert.match(r.body, /relaunch/);
    assert.doesNotMatch(r.body, /AccessKeyId/);
    assert.equal((await get(gone.url, { Authorization: reg.token })).status, 401, "another registration's token opens nothing here");
  });

  it('the AWS CLI uses it (AWS_CONTAINER_CREDENTIALS_FULL_URI) and its calls are signed correctly', async () => {
    const sts = new FakeSts(demoStsOptions());
    const url = await sts.start();
    try {
      const role = await sdkSts().assumeRole(
        { accessKeyId: DEMO.user.accessKeyId, secretAccessKey: DEMO.user.secretAccessKey },
        { roleArn: DEMO.roles.dev, roleSessionName: 'endpoint' },
        { region: 'us-east-1', endpoint: url, via: 'test' },
      );
      current = role;
      const out = await new Promise<string>((resolve, reject) =>
        execFile(
          '/usr/bin/aws',
          ['sts', 'get-caller-identity', '--endpoint-url', url, '--query', 'Arn', '--output', 'text'],
          {
            env: {
              PATH: '/usr/bin:/bin',
              HOME: '/nonexistent',
              AWS_CONFIG_FILE: '/nonexistent',
              AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
              AWS_DEFAULT_REGION: 'us-east-1',
              AWS_CONTAINER_CREDENTIALS_FULL_URI: reg.url,
              AWS_CONTAINER_AUTHORIZATION_TOKEN: reg.token,
            },
            timeout: 60_000,
          },
          (err, stdout, stderr) => (err ? reject(new Error(stderr)) : resolve(stdout.trim())),
        ),
      );
      assert.equal(out, 'arn:aws:sts::222222222222:assumed-role/Developer/endpoint');
    } finally {
      await sts.stop();
    }
  });
});

describe('credentials endpoint: bounds on what a local process can hold or cause', () => {
  it('a socket that sends no request is closed after the idle limit', async () => {
    const ep = new CredentialsServer(undefined, { idleMs: 300 });
    await ep.start();
    const t0 = Date.now();
    const closed = await new Promise<number>((resolve) => {
      const s = connect(ep.address().port, '127.0.0.1');
      s.on('close', () => resolve(Date.now() - t0));
      s.on('error', () => undefined);
    });
    await ep.stop();
    assert.ok(closed < 5_000, `closed after ${closed} ms`);
  });

  it('connections beyond the limit are dropped; the ones inside it are served', async () => {
    const ep = new CredentialsServer(undefined, { maxConnections: 5, idleMs: 5_000 });
    await ep.start();
    const reg = ep.register(() => Promise.resolve({ accessKeyId: 'ASIA', secretAccessKey: 's', sessionToken: 't' }));
    const held = await Promise.all(
      Array.from(
        { length: 5 },
        () =>
          new Promise<ReturnType<typeof connect>>((resolve) => {
            const s = connect(ep.address().port, '127.0.0.1', () => resolve(s));
            s.on('error', () => undefined);
          }),
      ),
    );
    const extra = await new Promise<string>((resolve) => {
      const s = connect(ep.address().port, '127.0.0.1');
      s.on('close', () => resolve('dropped'));
      s.on('error', () => resolve('dropped'));
      s.setTimeout(3_000, () => resolve('kept'));
    });
    assert.equal(extra, 'dropped');
    for (const s of held) s.destroy();
    await new Promise((r) => setTimeout(r, 50));
    assert.equal((await get(reg.url, { Authorization: reg.token })).status, 200, 'served again once the others left');
    await ep.stop();
  });

  it('a flood of refused requests logs one warning per interval, with a count of the rest', async () => {
    let now = 0;
    const warnings: string[] = [];
    const ep = new CredentialsServer({ info: () => undefined, warn: (m) => warnings.push(m) }, { now: () => now, warnEveryMs: 60_000 });
    await ep.start();
    const reg = ep.register(() => Promise.resolve(undefined));
    for (let i = 0; i < 200; i++) await get(reg.url, { Authorization: 'wrong' });
    assert.equal(warnings.length, 1);
    now += 60_000;
    await get(reg.url, {});
    assert.equal(warnings.length, 2);
    assert.match(warnings[1] ?? '', /and 199 more refused/);
    await ep.stop();
  });
});
