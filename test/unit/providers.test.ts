/** Providers that talk HTTP or read the environment, with injected fakes (no network). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContainerProvider, HttpRequest, ImdsProvider } from '../../src/credentials/providers/containers';
import { EnvironmentProvider } from '../../src/credentials/providers/environment';
import { SsoProvider, ssoCacheFile } from '../../src/credentials/providers/sso';
import { CredentialsError } from '../../src/credentials/types';
import { ENV_WEB_IDENTITY_PROFILE, loadConfig } from '../../src/config/loader';
import { describeProfile } from '../../src/credentials/describe';

const creds = { AccessKeyId: 'ASIAFAKE', SecretAccessKey: 'secret', Token: 'token', Expiration: '2030-01-01T00:00:00Z' };

function fakeHttp(routes: Record<string, (h: Record<string, string>, method: string) => { status: number; body: string }>): { http: HttpRequest; seen: Array<{ url: string; method: string; headers: Record<string, string> }> } {
  const seen: Array<{ url: string; method: string; headers: Record<string, string> }> = [];
  return {
    seen,
    http: (url, init) => {
      seen.push({ url, method: init.method, headers: init.headers });
      const r = routes[url];
      if (r === undefined) return Promise.reject(new Error('connect ECONNREFUSED'));
      return Promise.resolve(r(init.headers, init.method));
    },
  };
}

describe('IMDSv2 (credential_source = Ec2InstanceMetadata)', () => {
  const base = 'http://169.254.169.254';
  it('gets a session token, then the role, then its credentials, with the token header', async () => {
    const { http, seen } = fakeHttp({
      [`${base}/latest/api/token`]: (_h, m) => (m === 'PUT' ? { status: 200, body: 'imds-token' } : { status: 405, body: '' }),
      [`${base}/latest/meta-data/iam/security-credentials/`]: (h) => (h['x-aws-ec2-metadata-token'] === 'imds-token' ? { status: 200, body: 'my-role\n' } : { status: 401, body: '' }),
      [`${base}/latest/meta-data/iam/security-credentials/my-role`]: (h) => (h['x-aws-ec2-metadata-token'] === 'imds-token' ? { status: 200, body: JSON.stringify({ Code: 'Success', ...creds }) } : { status: 401, body: '' }),
    });
    const c = await new ImdsProvider({}, http).retrieve();
    assert.equal(c.accessKeyId, 'ASIAFAKE');
    assert.equal(c.sessionToken, 'token');
    assert.equal(c.expiration?.toISOString(), '2030-01-01T00:00:00.000Z');
    assert.equal(seen[0]?.headers['x-aws-ec2-metadata-token-ttl-seconds'], '21600');
  });
  it('honours AWS_EC2_METADATA_SERVICE_ENDPOINT and AWS_EC2_METADATA_DISABLED', async () => {
    const { http, seen } = fakeHttp({});
    await assert.rejects(new ImdsProvider({ AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://[fd00:ec2::254]/' }, http).retrieve(), (e: unknown) => e instanceof CredentialsError && e.code === 'Network' && /fd00:ec2::254/.test(e.message));
    assert.equal(seen[0]?.url, 'http://[fd00:ec2::254]/latest/api/token');
    await assert.rejects(new ImdsProvider({ AWS_EC2_METADATA_DISABLED: 'true' }, http).retrieve(), /AWS_EC2_METADATA_DISABLED/);
  });
  it('an instance without a role says so', async () => {
    const { http } = fakeHttp({
      [`${base}/latest/api/token`]: () => ({ status: 200, body: 't' }),
      [`${base}/latest/meta-data/iam/security-credentials/`]: () => ({ status: 404, body: '' }),
    });
    await assert.rejects(new ImdsProvider({}, http).retrieve(), /HTTP 404.*IAM role|IAM role/);
  });
});

describe('container credentials (credential_source = EcsContainer)', () => {
  it('sends the authorization token (from the variable or the file) and reads the JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ars-ecs-'));
    writeFileSync(join(dir, 'token'), 'file-token\n');
    const { http, seen } = fakeHttp({ 'http://127.0.0.1:7777/creds': (h) => (h['Authorization'] === 'file-token' ? { status: 200, body: JSON.stringify(creds) } : { status: 401, body: '' }) });
    const read = (p: string): Promise<string> => import('node:fs/promises').then((f) => f.readFile(p, 'utf8'));
    const c = await new ContainerProvider({ AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:7777/creds', AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: join(dir, 'token'), AWS_CONTAINER_AUTHORIZATION_TOKEN: 'ignored' }, http, read).retrieve();
    assert.equal(c.accessKeyId, 'ASIAFAKE');
    assert.equal(seen[0]?.headers['Authorization'], 'file-token');
    await assert.rejects(new ContainerProvider({ AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:7777/creds', AWS_CONTAINER_AUTHORIZATION_TOKEN: 'wrong' }, http, read).retrieve(), /HTTP 401/);
  });
});

describe('environment (credential_source = Environment)', () => {
  it('reads the key variables, and says which are missing', async () => {
    const c = await new EnvironmentProvider({ AWS_ACCESS_KEY_ID: 'AKIA1', AWS_SECRET_ACCESS_KEY: 's', AWS_SESSION_TOKEN: 't', AWS_CREDENTIAL_EXPIRATION: '2030-01-01T00:00:00Z' }).retrieve();
    assert.deepEqual([c.accessKeyId, c.sessionToken, c.expiration?.getUTCFullYear()], ['AKIA1', 't', 2030]);
    await assert.rejects(new EnvironmentProvider({ AWS_ACCESS_KEY_ID: 'AKIA1' }).retrieve(), (e: unknown) => e instanceof CredentialsError && e.code === 'Config');
  });
});

describe('IAM Identity Center (SSO)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ars-sso-'));
  const read = (p: string): Promise<string> => import('node:fs/promises').then((f) => f.readFile(p, 'utf8'));
  const opts = (http: HttpRequest) => ({ profile: 'sso', region: 'eu-west-1', startUrl: 'https://d-123.awsapps.com/start', session: 'corp', accountId: '123456789012', roleName: 'Dev', cacheDir: dir, readText: read, http, now: () => Date.parse('2026-11-24T12:00:00Z') });
  it('exchanges the cached token at the portal', async () => {
    writeFileSync(ssoCacheFile(dir, 'corp'), JSON.stringify({ accessToken: 'bearer', expiresAt: '2026-11-24T20:00:00Z' }));
    const { http, seen } = fakeHttp({
      'https://portal.sso.eu-west-1.amazonaws.com/federation/credentials?account_id=123456789012&role_name=Dev': (h) =>
        h['x-amz-sso_bearer_token'] === 'bearer' ? { status: 200, body: JSON.stringify({ roleCredentials: { accessKeyId: 'ASIASSO', secretAccessKey: 's', sessionToken: 't', expiration: Date.parse('2026-11-24T13:00:00Z') } }) } : { status: 401, body: '' },
    });
    const c = await new SsoProvider(opts(http)).retrieve();
    assert.equal(c.accessKeyId, 'ASIASSO');
    assert.equal(c.accountId, '123456789012');
    assert.equal(seen.length, 1);
  });
  it('an expired or missing session asks the person to run aws sso login', async () => {
    writeFileSync(ssoCacheFile(dir, 'corp'), JSON.stringify({ accessToken: 'bearer', expiresAt: '2026-11-24T11:00:00Z' }));
    await assert.rejects(new SsoProvider(opts(fakeHttp({}).http)).retrieve(), (e: unknown) => e instanceof CredentialsError && e.code === 'NeedsLogin' && /aws sso login --profile sso/.test(e.describe()));
  });
});

describe('web identity from AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN', () => {
  it('appears as a profile of its own', async () => {
    const cfg = await loadConfig({
      env: { HOME: '/nonexistent', AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/token', AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/Pod', AWS_ROLE_SESSION_NAME: 'pod-1', AWS_REGION: 'eu-north-1' },
      platform: 'posix',
      readFile: () => Promise.reject(Object.assign(new Error('missing'), { code: 'ENOENT' })),
    });
    const info = describeProfile(cfg, ENV_WEB_IDENTITY_PROFILE);
    assert.equal(info.kind, 'web-identity');
    assert.equal(info.accountId, '123456789012');
    assert.equal(info.region, 'eu-north-1');
  });
});
