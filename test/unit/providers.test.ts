/** Providers that talk HTTP or read the environment, with injected fakes (no network). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContainerProvider, HttpRequest, ImdsProvider } from '../../src/credentials/providers/containers';
import { EnvironmentProvider } from '../../src/credentials/providers/environment';
import { SsoProvider } from '../../src/credentials/providers/sso';
import { SsoTokenProvider, SsoTokenState, newSsoTokenState, ssoCacheFile } from '../../src/credentials/providers/ssoToken';
import { nodeTryLock, nodeWriteTextPrivate } from '../../src/credentials/nodeDeps';
import { CredentialsError } from '../../src/credentials/types';
import { ENV_WEB_IDENTITY_PROFILE, loadConfig } from '../../src/config/loader';
import { describeProfile } from '../../src/credentials/profileInfo';

const creds = { AccessKeyId: 'ASIAFAKE', SecretAccessKey: 'secret', Token: 'token', Expiration: '2030-01-01T00:00:00Z' };

function fakeHttp(routes: Record<string, (h: Record<string, string>, method: string) => { status: number; body: string }>): {
  http: HttpRequest;
  seen: Array<{ url: string; method: string; headers: Record<string, string> }>;
} {
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
      [`${base}/latest/meta-data/iam/security-credentials/`]: (h) =>
        h['x-aws-ec2-metadata-token'] === 'imds-token' ? { status: 200, body: 'my-role\n' } : { status: 401, body: '' },
      [`${base}/latest/meta-data/iam/security-credentials/my-role`]: (h) =>
        h['x-aws-ec2-metadata-token'] === 'imds-token' ? { status: 200, body: JSON.stringify({ Code: 'Success', ...creds }) } : { status: 401, body: '' },
    });
    const c = await new ImdsProvider({}, http).retrieve();
    assert.equal(c.accessKeyId, 'ASIAFAKE');
    assert.equal(c.sessionToken, 'token');
    assert.equal(c.expiration?.toISOString(), '2030-01-01T00:00:00.000Z');
    assert.equal(seen[0]?.headers['x-aws-ec2-metadata-token-ttl-seconds'], '21600');
  });
  it('honours AWS_EC2_METADATA_SERVICE_ENDPOINT and AWS_EC2_METADATA_DISABLED', async () => {
    const { http, seen } = fakeHttp({});
    await assert.rejects(
      new ImdsProvider({ AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://[fd00:ec2::254]/' }, http).retrieve(),
      (e: unknown) => e instanceof CredentialsError && e.code === 'Network' && /fd00:ec2::254/.test(e.message),
    );
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
    const { http, seen } = fakeHttp({
      'http://127.0.0.1:7777/creds': (h) => (h['Authorization'] === 'file-token' ? { status: 200, body: JSON.stringify(creds) } : { status: 401, body: '' }),
    });
    const read = (p: string): Promise<string> => import('node:fs/promises').then((f) => f.readFile(p, 'utf8'));
    const c = await new ContainerProvider(
      {
        AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:7777/creds',
        AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: join(dir, 'token'),
        AWS_CONTAINER_AUTHORIZATION_TOKEN: 'ignored',
      },
      http,
      read,
    ).retrieve();
    assert.equal(c.accessKeyId, 'ASIAFAKE');
    assert.equal(seen[0]?.headers['Authorization'], 'file-token');
    await assert.rejects(
      new ContainerProvider(
        { AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:7777/creds', AWS_CONTAINER_AUTHORIZATION_TOKEN: 'wrong' },
        http,
        read,
      ).retrieve(),
      /HTTP 401/,
    );
  });
});

describe('environment (credential_source = Environment)', () => {
  it('reads the key variables, and says which are missing', async () => {
    const c = await new EnvironmentProvider({
      AWS_ACCESS_KEY_ID: 'AKIA1',
      AWS_SECRET_ACCESS_KEY: 's',
      AWS_SESSION_TOKEN: 't',
      AWS_CREDENTIAL_EXPIRATION: '2030-01-01T00:00:00Z',
    }).retrieve();
    assert.deepEqual([c.accessKeyId, c.sessionToken, c.expiration?.getUTCFullYear()], ['AKIA1', 't', 2030]);
    await assert.rejects(
      new EnvironmentProvider({ AWS_ACCESS_KEY_ID: 'AKIA1' }).retrieve(),
      (e: unknown) => e instanceof CredentialsError && e.code === 'Config',
    );
  });
});

describe('IAM Identity Center (SSO)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ars-sso-'));
  const read = (p: string): Promise<string> => readFile(p, 'utf8');
  const NOW = Date.parse('2026-11-24T12:00:00Z');
  type LockOpts = { tryLock?: (path: string) => Promise<(() => Promise<void>) | undefined>; sleep?: (ms: number) => Promise<void> };
  const tokenOpts = (http: HttpRequest, o: { now?: () => number; session?: string | undefined; state?: SsoTokenState; cacheDir?: string } & LockOpts = {}) => ({
    profile: 'sso',
    ...('session' in o ? (o.session !== undefined ? { session: o.session } : {}) : { session: 'corp' }),
    startUrl: 'https://d-123.awsapps.com/start',
    region: 'eu-west-1',
    cacheDir: o.cacheDir ?? dir,
    readText: read,
    writeText: nodeWriteTextPrivate,
    http,
    now: o.now ?? (() => NOW),
    state: o.state ?? newSsoTokenState(),
    ...(o.tryLock !== undefined ? { tryLock: o.tryLock } : {}),
    ...(o.sleep !== undefined ? { sleep: o.sleep } : {}),
  });
  const opts = (http: HttpRequest) => ({
    profile: 'sso',
    region: 'eu-west-1',
    accountId: '123456789012',
    roleName: 'Dev',
    token: new SsoTokenProvider(tokenOpts(http)),
    http,
  });
  it('exchanges the cached token at the portal', async () => {
    writeFileSync(ssoCacheFile(dir, 'corp'), JSON.stringify({ accessToken: 'bearer', expiresAt: '2026-11-24T20:00:00Z' }));
    const { http, seen } = fakeHttp({
      'https://portal.sso.eu-west-1.amazonaws.com/federation/credentials?account_id=123456789012&role_name=Dev': (h) =>
        h['x-amz-sso_bearer_token'] === 'bearer'
          ? {
              status: 200,
              body: JSON.stringify({
                roleCredentials: { accessKeyId: 'ASIASSO', secretAccessKey: 's', sessionToken: 't', expiration: Date.parse('2026-11-24T13:00:00Z') },
              }),
            }
          : { status: 401, body: '' },
    });
    const c = await new SsoProvider(opts(http)).retrieve();
    assert.equal(c.accessKeyId, 'ASIASSO');
    assert.equal(c.accountId, '123456789012');
    assert.equal(seen.length, 1);
  });
  it('portal credentials whose expiration is out of the Date range are an error, never an Invalid Date', async () => {
    writeFileSync(ssoCacheFile(dir, 'corp'), JSON.stringify({ accessToken: 'bearer', expiresAt: '2026-11-24T20:00:00Z' }));
    const { http } = fakeHttp({
      'https://portal.sso.eu-west-1.amazonaws.com/federation/credentials?account_id=123456789012&role_name=Dev': () => ({
        status: 200,
        body: JSON.stringify({ roleCredentials: { accessKeyId: 'ASIASSO', secretAccessKey: 's', sessionToken: 't', expiration: 1e20 } }),
      }),
    });
    await assert.rejects(
      new SsoProvider(opts(http)).retrieve(),
      (e: unknown) => e instanceof CredentialsError && /expiration that is not a date/.test(e.message),
    );
  });
  it('an expired or missing session asks the person to run aws sso login', async () => {
    writeFileSync(ssoCacheFile(dir, 'corp'), JSON.stringify({ accessToken: 'bearer', expiresAt: '2026-11-24T11:00:00Z' }));
    await assert.rejects(
      new SsoProvider(opts(fakeHttp({}).http)).retrieve(),
      (e: unknown) => e instanceof CredentialsError && e.code === 'NeedsLogin' && /aws sso login --profile sso/.test(e.describe()),
    );
    const empty = mkdtempSync(join(tmpdir(), 'ars-sso-'));
    await assert.rejects(
      new SsoTokenProvider(tokenOpts(fakeHttp({}).http, { cacheDir: empty })).retrieve(),
      (e: unknown) => e instanceof CredentialsError && e.code === 'NeedsLogin' && /No IAM Identity Center session is cached/.test(e.message),
    );
    writeFileSync(ssoCacheFile(dir, 'corp'), '{"accessToken": 12}');
    await assert.rejects(
      new SsoTokenProvider(tokenOpts(fakeHttp({}).http)).retrieve(),
      (e: unknown) => e instanceof CredentialsError && e.code === 'NeedsLogin',
    );
  });

  describe('renewing the access token (SSO OIDC CreateToken with the refresh token)', () => {
    const OIDC = 'https://oidc.eu-west-1.amazonaws.com/token';
    const cached = (expiresAt: string, extra: Record<string, unknown> = {}): void =>
      writeFileSync(
        ssoCacheFile(dir, 'corp'),
        JSON.stringify({
          startUrl: 'https://d-123.awsapps.com/start',
          region: 'eu-west-1',
          accessToken: 'old-token',
          expiresAt,
          clientId: 'client-1',
          clientSecret: 'client-secret-1',
          registrationExpiresAt: '2027-02-01T00:00:00Z',
          refreshToken: 'refresh-1',
          ...extra,
        }),
      );
    /** A fake OIDC: accepts refresh-1 once, answers a new token and a rotated refresh token. */
    function oidc(answer?: { status: number; body: string }): { http: HttpRequest; bodies: Array<Record<string, unknown>> } {
      const bodies: Array<Record<string, unknown>> = [];
      return {
        bodies,
        http: (url, init) => {
          if (url !== OIDC || init.method !== 'POST') return Promise.reject(new Error(`unexpected ${init.method} ${url}`));
          bodies.push(JSON.parse(init.body ?? '{}') as Record<string, unknown>);
          return Promise.resolve(
            answer ?? { status: 200, body: JSON.stringify({ accessToken: 'new-token', expiresIn: 3600, refreshToken: 'refresh-2', tokenType: 'Bearer' }) },
          );
        },
      };
    }

    it('an answer with an absurd lifetime (1e20 s) is read as a year, and the cache gets a date the CLI can read', async () => {
      cached('2026-11-24T12:10:00Z');
      const { http } = oidc({ status: 200, body: JSON.stringify({ accessToken: 'new-token', expiresIn: 1e20, refreshToken: 'refresh-2' }) });
      const t = await new SsoTokenProvider(tokenOpts(http)).retrieve();
      assert.ok(Number.isFinite(t.expiration.getTime()));
      assert.match((JSON.parse(await read(ssoCacheFile(dir, 'corp'))) as { expiresAt: string }).expiresAt, /^2027-11-25T12:00:00Z$/);
    });

    it('leaves a token with more than 15 minutes left alone', async () => {
      cached('2026-11-24T12:16:00Z');
      const { http, bodies } = oidc();
      assert.equal((await new SsoTokenProvider(tokenOpts(http)).retrieve()).token, 'old-token');
      assert.equal(bodies.length, 0);
    });

    it('renews within 15 minutes of expiry and writes the new token back where the AWS CLI reads it', async () => {
      cached('2026-11-24T12:10:00Z');
      const { http, bodies } = oidc();
      const t = await new SsoTokenProvider(tokenOpts(http)).retrieve();
      assert.equal(t.token, 'new-token');
      assert.equal(t.expiration.toISOString(), '2026-11-24T13:00:00.000Z');
      assert.deepEqual(bodies, [{ clientId: 'client-1', clientSecret: 'client-secret-1', grantType: 'refresh_token', refreshToken: 'refresh-1' }]);
      const file = ssoCacheFile(dir, 'corp');
      assert.deepEqual(JSON.parse(await read(file)), {
        startUrl: 'https://d-123.awsapps.com/start',
        region: 'eu-west-1',
        accessToken: 'new-token',
        expiresAt: '2026-11-24T13:00:00Z',
        clientId: 'client-1',
        clientSecret: 'client-secret-1',
        registrationExpiresAt: '2027-02-01T00:00:00Z',
        refreshToken: 'refresh-2',
      });
      assert.equal(statSync(file).mode & 0o777, 0o600);
      assert.deepEqual(
        readdirSync(dir).filter((f) => f.endsWith('.tmp')),
        [],
        'no temporary file left',
      );
    });

    it('a refused renewal keeps a still valid token, tries again only after 30 s, and once expired asks for a sign-in without echoing secrets', async () => {
      cached('2026-11-24T12:10:00Z');
      let now = NOW;
      const state = newSsoTokenState();
      const { http, bodies } = oidc({ status: 400, body: JSON.stringify({ error: 'invalid_grant', error_description: 'Invalid refresh token provided' }) });
      const p = new SsoTokenProvider(tokenOpts(http, { now: () => now, state }));
      assert.equal((await p.retrieve()).token, 'old-token');
      assert.equal((await p.retrieve()).token, 'old-token');
      assert.equal(bodies.length, 1, 'one attempt per 30 seconds');
      now += 31_000;
      assert.equal((await p.retrieve()).token, 'old-token');
      assert.equal(bodies.length, 2);
      now = Date.parse('2026-11-24T12:11:00Z');
      await assert.rejects(p.retrieve(), (e: unknown) => {
        assert.ok(e instanceof CredentialsError && e.code === 'NeedsLogin');
        assert.match(e.describe(), /has expired and could not be renewed \(invalid_grant\).*aws sso login --profile sso/);
        assert.doesNotMatch(e.describe(), /refresh-1|client-secret-1|old-token/);
        return true;
      });
    });

    it('does not renew without a refresh token, after the client registration ended, or for a legacy profile (no sso_session)', async () => {
      const expired = '2026-11-24T11:59:00Z';
      for (const [extra, session, label] of [
        [{ refreshToken: undefined }, 'corp', 'no refresh token'],
        [{ registrationExpiresAt: '2026-11-24T00:00:00Z' }, 'corp', 'registration over'],
      ] as const) {
        cached(expired, extra);
        const { http, bodies } = oidc();
        await assert.rejects(
          new SsoTokenProvider(tokenOpts(http, { session })).retrieve(),
          (e: unknown) => e instanceof CredentialsError && e.code === 'NeedsLogin',
          label,
        );
        assert.equal(bodies.length, 0, label);
      }
      writeFileSync(
        ssoCacheFile(dir, 'https://d-123.awsapps.com/start'),
        JSON.stringify({
          startUrl: 'https://d-123.awsapps.com/start',
          region: 'eu-west-1',
          accessToken: 'legacy',
          expiresAt: '2026-11-24T12:05:00Z',
          refreshToken: 'r',
          clientId: 'c',
          clientSecret: 's',
        }),
      );
      const { http, bodies } = oidc();
      assert.equal((await new SsoTokenProvider(tokenOpts(http, { session: undefined })).retrieve()).token, 'legacy');
      assert.equal(bodies.length, 0, 'legacy tokens are not renewed');
    });

    it('profiles sharing an sso-session renew once', async () => {
      cached('2026-11-24T12:10:00Z');
      const state = newSsoTokenState();
      const { http, bodies } = oidc();
      const tokens = await Promise.all([1, 2, 3].map(() => new SsoTokenProvider(tokenOpts(http, { state })).retrieve()));
      assert.deepEqual(
        tokens.map((t) => t.token),
        ['new-token', 'new-token', 'new-token'],
      );
      assert.equal(bodies.length, 1);
    });

    describe('sharing the cache with the AWS CLI and other windows', () => {
      const file = (): string => ssoCacheFile(dir, 'corp');
      const CLI_SIGN_IN = {
        startUrl: 'https://d-123.awsapps.com/start',
        region: 'eu-west-1',
        accessToken: 'cli-token',
        expiresAt: '2026-11-24T20:00:00Z',
        clientId: 'client-2',
        clientSecret: 'client-secret-2',
        registrationExpiresAt: '2027-02-24T00:00:00Z',
        refreshToken: 'refresh-cli',
      };

      it('an `aws sso login` that finishes during a renewal is kept as the CLI wrote it', async () => {
        cached('2026-11-24T12:10:00Z');
        const http: HttpRequest = async () => {
          writeFileSync(file(), JSON.stringify(CLI_SIGN_IN)); // the CLI signs in while CreateToken is on the way
          return { status: 200, body: JSON.stringify({ accessToken: 'new-token', expiresIn: 3600, refreshToken: 'refresh-2' }) };
        };
        const t = await new SsoTokenProvider(tokenOpts(http, { tryLock: nodeTryLock })).retrieve();
        assert.equal(t.token, 'new-token', 'the renewed token is valid, and used');
        assert.deepEqual(JSON.parse(await read(file())), CLI_SIGN_IN, "the CLI's sign-in (client, secret, refresh token) is not overwritten");
        assert.deepEqual(
          readdirSync(dir).filter((f) => f.endsWith('.lock')),
          [],
          'the lock is released',
        );
      });

      it('two windows renewing at once: one CreateToken, and the second window uses what the first wrote', async () => {
        cached('2026-11-24T12:10:00Z');
        let answer!: () => void;
        const answered = new Promise<void>((r) => (answer = r));
        const bodies: unknown[] = [];
        const http: HttpRequest = async (_url, init) => {
          bodies.push(JSON.parse(init.body ?? '{}'));
          await answered;
          return { status: 200, body: JSON.stringify({ accessToken: 'new-token', expiresIn: 3600, refreshToken: 'refresh-2' }) };
        };
        // Two windows: two extension hosts, so no shared in-process state; only the lock file between them.
        const first = new SsoTokenProvider(tokenOpts(http, { state: newSsoTokenState(), tryLock: nodeTryLock })).retrieve();
        while (bodies.length === 0) await new Promise((r) => setImmediate(r));
        let waited = 0;
        const second = new SsoTokenProvider(
          tokenOpts(http, {
            state: newSsoTokenState(),
            tryLock: nodeTryLock,
            sleep: async () => {
              waited++;
              answer();
              await first;
            },
          }),
        ).retrieve();
        const [a, b] = await Promise.all([first, second]);
        assert.equal(a.token, 'new-token');
        assert.equal(b.token, 'new-token');
        assert.ok(waited >= 1, 'the second window waited for the lock');
        assert.equal(bodies.length, 1, 'one CreateToken: the refresh token is used once');
      });

      it('a renewal refused because another window used the refresh token first takes the token that window wrote', async () => {
        cached('2026-11-24T11:59:00Z'); // expired: without the other window's token, a sign-in would be asked
        const http: HttpRequest = async () => {
          writeFileSync(file(), JSON.stringify({ ...CLI_SIGN_IN, accessToken: 'other-window-token', clientId: 'client-1', refreshToken: 'refresh-2' }));
          return { status: 400, body: JSON.stringify({ error: 'invalid_grant' }) };
        };
        assert.equal((await new SsoTokenProvider(tokenOpts(http)).retrieve()).token, 'other-window-token');
      });

      it('a renewal that finds the session signed out (`aws sso logout` removed the file) asks for a sign-in and writes nothing', async () => {
        cached('2026-11-24T12:10:00Z');
        const { http, bodies } = oidc();
        const tryLock = async (): Promise<() => Promise<void>> => {
          rmSync(file()); // aws sso logout, between the first read and the lock
          return () => Promise.resolve();
        };
        await assert.rejects(
          new SsoTokenProvider(tokenOpts(http, { tryLock })).retrieve(),
          (e: unknown) => e instanceof CredentialsError && e.code === 'NeedsLogin' && /signed out/.test(e.message),
        );
        assert.equal(bodies.length, 0);
        assert.equal(existsSync(file()), false, 'the sign-out stays');
      });
    });

    it('an expired token and an unreachable OIDC endpoint is a network error naming the endpoint, not a sign-in request', async () => {
      cached('2026-11-24T11:59:00Z');
      await assert.rejects(
        new SsoTokenProvider(tokenOpts(fakeHttp({}).http)).retrieve(),
        (e: unknown) => e instanceof CredentialsError && e.code === 'Network' && /oidc\.eu-west-1\.amazonaws\.com/.test(e.message),
      );
    });
  });
});

describe('web identity from AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN', () => {
  it('appears as a profile of its own', async () => {
    const cfg = await loadConfig({
      env: {
        HOME: '/nonexistent',
        AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/token',
        AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/Pod',
        AWS_ROLE_SESSION_NAME: 'pod-1',
        AWS_REGION: 'eu-north-1',
      },
      platform: 'posix',
      readFile: () => Promise.reject(Object.assign(new Error('missing'), { code: 'ENOENT' })),
    });
    const info = describeProfile(cfg, ENV_WEB_IDENTITY_PROFILE);
    assert.equal(info.kind, 'web-identity');
    assert.equal(info.accountId, '123456789012');
    assert.equal(info.region, 'eu-north-1');
  });
});
