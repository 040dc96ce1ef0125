/**
 * One MFA code for VS Code and the AWS CLI: the cache key against the installed CLI's own botocore,
 * and the round trip with the real `/usr/bin/aws` against the fake STS — the extension's session
 * used by the CLI without a code, and the CLI's session used by the extension without a code.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildChain } from '../../src/credentials/build';
import { nodeReadFile, nodeWriteTextPrivate } from '../../src/credentials/nodeDeps';
import { nodeHttp } from '../../src/credentials/nodeHttp';
import { nodeRunProcess } from '../../src/credentials/nodeProcess';
import { RoleCacheArgs } from '../../src/credentials/providers/assumeRole';
import { sdkSts } from '../../src/credentials/sts';
import { Credentials } from '../../src/credentials/types';
import { CliRoleCache, cliCacheKey, cliSsoCacheKey } from '../../src/delivery/cliCache';
import { ssoCacheFile } from '../../src/credentials/providers/ssoToken';
import { loadConfig } from '../../src/config/loader';
import { createDemoSts, DEMO, demoEndpointEnvironment, writeDemoAwsFiles } from '../fakeSts/demoWorld';
import { FakeSts } from '../fakeSts/server';

const AWS = '/usr/bin/aws';

/** The key the CLI's botocore makes for these AssumeRole arguments (extra_args as the CLI builds them). */
function botocoreKey(a: RoleCacheArgs): string {
  const extra: Record<string, string | number> = {};
  if (a.roleSessionName !== undefined) extra['RoleSessionName'] = a.roleSessionName;
  if (a.externalId !== undefined) extra['ExternalId'] = a.externalId;
  if (a.serialNumber !== undefined) extra['SerialNumber'] = a.serialNumber;
  if (a.durationSeconds !== undefined) extra['DurationSeconds'] = a.durationSeconds;
  const py = `
import json, sys
from awscli.botocore.credentials import AssumeRoleCredentialFetcher
a = json.loads(sys.argv[1])
f = AssumeRoleCredentialFetcher(None, None, a['arn'], extra_args=a['extra'] or None)
print(f._create_cache_key())
`;
  return execFileSync('/usr/bin/python3', ['-c', py, JSON.stringify({ arn: a.roleArn, extra })], { encoding: 'utf8' }).trim();
}

describe('the AWS CLI role-session cache', () => {
  it("keys sessions exactly as the installed CLI's botocore does", () => {
    const cases: RoleCacheArgs[] = [
      { roleArn: DEMO.roles.dev },
      { roleArn: DEMO.roles.admin, serialNumber: DEMO.mfaSerial },
      { roleArn: DEMO.roles.vendor, roleSessionName: 'jane', externalId: 'ext "quoted" \\ back/slash', durationSeconds: 43200 },
      { roleArn: 'arn:aws-cn:iam::123456789012:role/Ünïcode', roleSessionName: 'été😀', serialNumber: 'arn:aws:iam::1:mfa/x' },
      { roleArn: DEMO.roles.admin, serialNumber: DEMO.mfaSerial, durationSeconds: 900 },
    ];
    for (const c of cases) assert.equal(cliCacheKey(c), botocoreKey(c), JSON.stringify(c));
  });

  it("matches botocore's own tests of the key (tests/unit/test_credentials.py, TestAssumeRoleCredentialFetcher)", () => {
    assert.equal(cliCacheKey({ roleArn: 'myrole' }), '793d6e2f27667ab2da104824407e486bfec24a47', 'test_retrieves_from_cache');
    assert.equal(cliCacheKey({ roleArn: 'arn:aws:iam::role/foo-role' }), '75c539f0711ba78c5b9e488d0add95f178a54d74', 'test_cache_key_is_windows_safe');
    assert.equal(
      cliCacheKey({ roleArn: 'myrole', roleSessionName: 'my_session_name' }),
      '2964201f5648c8be5b9460a9cf842d73a266daf2',
      'test_cache_key_with_role_session_name',
    );
  });

  it("keys IAM Identity Center role credentials as the installed CLI's SSOCredentialFetcher does", () => {
    const py = `
import json, sys
from awscli.botocore.credentials import SSOCredentialFetcher
a = json.loads(sys.argv[1])
print(SSOCredentialFetcher(a['startUrl'], 'eu-west-1', a['roleName'], a['accountId'], None, sso_session_name=a.get('sessionName'))._create_cache_key())
`;
    for (const a of [
      { accountId: '777777777777', roleName: 'PowerUser', sessionName: 'demo-sso', startUrl: DEMO.sso.startUrl },
      { accountId: '123456789012', roleName: 'Ädmin', startUrl: 'https://d-1.awsapps.com/start' },
    ]) {
      const expected = execFileSync('/usr/bin/python3', ['-c', py, JSON.stringify(a)], { encoding: 'utf8' }).trim();
      assert.equal(cliSsoCacheKey(a), expected, JSON.stringify(a));
    }
  });

  describe('with the real AWS CLI and the fake STS', () => {
    let sts: FakeSts;
    let home = '';
    let data = '';
    const env = (): Record<string, string> => ({
      PATH: '/usr/bin:/bin',
      HOME: home,
      AWS_CONFIG_FILE: join(home, '.aws', 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
      AWS_DATA_PATH: data,
    });
    /** `aws sts get-caller-identity --profile p` in a plain shell: no terminal, `input` on stdin (where it reads an MFA code). */
    const cli = (profile: string, input = ''): Promise<{ arn: string; stderr: string }> =>
      new Promise((resolve, reject) => {
        const p = execFile(
          AWS,
          ['sts', 'get-caller-identity', '--profile', profile, '--endpoint-url', sts.url, '--query', 'Arn', '--output', 'text'],
          { env: env(), timeout: 60_000 },
          (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve({ arn: stdout.trim(), stderr })),
        );
        p.stdin?.end(input);
      });
    const cacheDir = (): string => join(home, '.aws', 'cli', 'cache');
    const used = new Set<string>();
    /** An MFA code not used yet (STS takes each code once). */
    // The fake's clock runs ahead by whole TOTP steps when the codes near now are used up (no test sleeps).
    let skewMs = 0;
    const freshCode = (): string => {
      for (let round = 0; round < 3; round++) {
        for (const off of [0, 1, -1]) {
          const c = sts.currentCode(DEMO.mfaSerial, off);
          if (!used.has(c)) {
            used.add(c);
            return c;
          }
        }
        skewMs += 90_000;
      }
      throw new Error('no unused MFA code');
    };
    const cache = (): CliRoleCache =>
      new CliRoleCache({
        dir: cacheDir(),
        readText: (p) => readFile(p, 'utf8'),
        writeText: nodeWriteTextPrivate,
        remove: (p) => rm(p, { force: true }),
        now: Date.now,
      });
    async function engine(profile: string, codes: string[]): Promise<{ arn: string | undefined; creds: Credentials; asked: number; cache: CliRoleCache }> {
      const cfg = await loadConfig({ env: env(), platform: 'posix', readFile: nodeReadFile });
      let asked = 0;
      const shared = cache();
      const chain = buildChain(cfg, profile, {
        env: env(),
        now: Date.now,
        sts: sdkSts(),
        readFile: nodeReadFile,
        runProcess: nodeRunProcess,
        http: nodeHttp,
        ssoCacheDir: join(home, '.aws', 'sso', 'cache'),
        loginCacheDir: join(home, '.aws', 'login', 'cache'),
        writeTextPrivate: nodeWriteTextPrivate,
        tokenProvider: async () => {
          asked++;
          return codes.shift();
        },
        roleCache: shared,
        settings: { expiryWindowMs: 300_000, durationSeconds: 3600 },
      });
      const c = await chain.provider.retrieve({ interactive: true });
      return { arn: c.arn, creds: c, asked, cache: shared };
    }

    before(async () => {
      sts = createDemoSts({ now: () => Date.now() + skewMs });
      await sts.start();
      home = mkdtempSync(join(tmpdir(), 'ars-clicache-'));
      writeDemoAwsFiles(home, sts.url);
      data = join(home, 'data');
      // The CLI's own STS and IAM Identity Center portal calls reach the fake through endpoint rule sets in a data path.
      demoEndpointEnvironment(data, sts.url);
    });
    after(async () => {
      await sts.stop();
    });

    it('after the extension asked for the code, the AWS CLI in a plain shell asks for none and uses the same session', async () => {
      const mine = await engine('demo-admin-mfa', [freshCode()]);
      assert.equal(mine.asked, 1);
      const files = readdirSync(cacheDir());
      assert.equal(files.length, 1);
      assert.equal(statSync(join(cacheDir(), files[0] as string)).mode & 0o777, 0o600, 'owner-only');
      const before = sts.callsOf('AssumeRole').length;
      const { arn, stderr } = await cli('demo-admin-mfa');
      assert.equal(arn, mine.arn);
      assert.doesNotMatch(stderr, /Enter MFA code/);
      assert.equal(sts.callsOf('AssumeRole').length, before, 'the CLI made no AssumeRole: it used the cached session');
    });

    it('after the CLI asked for the code, the extension assumes the profile (and a chain through it) without asking', async () => {
      await rm(cacheDir(), { recursive: true, force: true });
      const { arn, stderr } = await cli('demo-admin-mfa', `${freshCode()}\n`);
      assert.match(stderr, /Enter MFA code/);
      assert.match(arn, /assumed-role\/Admin\//);
      const mine = await engine('demo-admin-mfa', []);
      assert.equal(mine.asked, 0, 'no code asked');
      assert.equal(mine.arn, arn);
      const chained = await engine('demo-prod-chain', []);
      assert.equal(chained.asked, 0, 'the chain through the MFA role asks for no code either');
      assert.match(chained.arn ?? '', /assumed-role\/ProdReadOnly\//);
    });

    it('IAM Identity Center: role credentials the extension got are what the CLI uses (it makes no portal call)', async () => {
      await rm(cacheDir(), { recursive: true, force: true });
      const tokens = join(home, '.aws', 'sso', 'cache');
      mkdirSync(tokens, { recursive: true });
      writeFileSync(ssoCacheFile(tokens, DEMO.sso.session), JSON.stringify({ startUrl: DEMO.sso.startUrl, region: DEMO.sso.region, ...sts.issueSsoToken() }));
      const mine = await engine('demo-sso', []);
      const who = await sdkSts().getCallerIdentity(mine.creds, { region: 'eu-west-1', endpoint: sts.url, via: 'test' });
      assert.match(who.arn, /AWSReservedSSO_PowerUser/);
      const stored = readdirSync(cacheDir()).map((f) => JSON.parse(readFileSync(join(cacheDir(), f), 'utf8')) as { ProviderType?: string });
      assert.deepEqual(
        stored.map((s) => s.ProviderType),
        ['sso'],
        'written as the CLI writes SSO credentials (aws sso logout removes them)',
      );
      // The CLI's portal calls would go to the real portal host (unreachable here): an answer proves it used the cache.
      const { arn } = await cli('demo-sso');
      assert.equal(arn, who.arn);
    });

    it('IAM Identity Center the other way: role credentials the CLI got are what the extension uses (no portal call)', async () => {
      await rm(cacheDir(), { recursive: true, force: true });
      const portal = (): number => sts.callsOf('GetRoleCredentials').length;
      const before = portal();
      const { arn } = await cli('demo-sso');
      assert.match(arn, /AWSReservedSSO_PowerUser/);
      assert.equal(portal(), before + 1, 'the CLI asked the portal once');
      const mine = await engine('demo-sso', []);
      assert.equal(portal(), before + 1, 'the extension used what the CLI cached');
      const who = await sdkSts().getCallerIdentity(mine.creds, { region: 'eu-west-1', endpoint: sts.url, via: 'test' });
      assert.equal(who.arn, arn);
    });

    it('a profile with a session policy never takes the wider session the CLI cached for its role, nor caches its own', async () => {
      await rm(cacheDir(), { recursive: true, force: true });
      // A session of the role as the CLI caches it for a profile without policy (STS takes each MFA code once: written, not asked for).
      await cache().store(
        { roleArn: DEMO.roles.admin, serialNumber: DEMO.mfaSerial },
        { accessKeyId: 'ASIAWIDECLISESSION00', secretAccessKey: 's', sessionToken: 't', expiration: new Date(Date.now() + 3600_000) },
      );
      const cached = readdirSync(cacheDir());
      assert.equal(cached.length, 1);
      const config = join(home, '.aws', 'config');
      const original = readFileSync(config, 'utf8');
      const narrow = (name: string, line: string) =>
        `\n[profile ${name}]\nrole_arn = ${DEMO.roles.admin}\nsource_profile = demo-base\nmfa_serial = ${DEMO.mfaSerial}\nregion = us-west-2\nservices = demo-sts\n${line}\n`;
      // One profile here (STS takes each MFA code once); all three settings with a stub cache in providers.test.ts.
      writeFileSync(
        config,
        original + narrow('narrow-policy', 'policy = {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}'),
      );
      try {
        for (const profile of ['narrow-policy']) {
          const calls = sts.callsOf('AssumeRole').length;
          const mine = await engine(profile, [freshCode()]);
          assert.equal(mine.asked, 1, `${profile}: asked for its own code`);
          assert.equal(sts.callsOf('AssumeRole').length, calls + 1, `${profile}: its own AssumeRole`);
          assert.notEqual(mine.creds.accessKeyId, JSON.parse(readFileSync(join(cacheDir(), cached[0] as string), 'utf8')).Credentials.AccessKeyId);
          assert.deepEqual(readdirSync(cacheDir()), cached, `${profile}: nothing written to the CLI's cache`);
        }
      } finally {
        writeFileSync(config, original);
      }
    });

    it('Sign Out removes the sessions the window shared, so the CLI asks again', async () => {
      await rm(cacheDir(), { recursive: true, force: true });
      const mine = await engine('demo-admin-mfa', [freshCode()]);
      assert.equal(readdirSync(cacheDir()).length, 1);
      await mine.cache.forgetAll();
      assert.equal(readdirSync(cacheDir()).length, 0);
    });
  });
});
