/**
 * The credentials engine against the wire-level fake STS through the real @aws-sdk/client-sts:
 * every credential handed out is checked by a signed GetCallerIdentity the fake verifies.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeSts, makeJwt } from '../fakeSts/server';
import { DEMO, demoStsOptions, writeDemoAwsFiles } from '../fakeSts/demoWorld';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { loadConfig } from '../../src/config/loader';
import { buildChain } from '../../src/credentials/build';
import { Deps } from '../../src/credentials/deps';
import { sdkSts, StsApi } from '../../src/credentials/sts';
import { nodeReadFile, nodeWriteTextPrivate } from '../../src/credentials/nodeDeps';
import { nodeHttp } from '../../src/credentials/nodeHttp';
import { nodeRunProcess } from '../../src/credentials/nodeProcess';
import { RefreshingCredentials } from '../../src/credentials/refreshingCredentials';
import { MfaRequest, TokenProvider } from '../../src/credentials/providers/assumeRole';
import { splitCommand } from '../../src/credentials/providers/process';
import { Credentials, CredentialsError } from '../../src/credentials/types';
import { ssoCacheFile } from '../../src/credentials/providers/ssoToken';
import { MfaSessionStore } from '../../src/credentials/mfaSessionStore';
import { FakeClock, profilesFrom, waitFor } from './helpers';

const I = { interactive: true };
const BG = { interactive: false };

function baseConfig(url: string, extra = ''): string {
  return `[services fake]
sts =
  endpoint_url = ${url}
[profile base]
region = us-east-1
services = fake
[profile dev]
role_arn = ${DEMO.roles.dev}
source_profile = base
services = fake
[profile admin]
role_arn = ${DEMO.roles.admin}
source_profile = base
mfa_serial = ${DEMO.mfaSerial}
services = fake
[profile prod]
role_arn = ${DEMO.roles.prodReadOnly}
source_profile = admin
services = fake
[profile vendor]
role_arn = ${DEMO.roles.vendor}
source_profile = base
external_id = ${DEMO.externalId}
services = fake
${extra}`;
}
const CREDS = `[base]\naws_access_key_id = ${DEMO.user.accessKeyId}\naws_secret_access_key = ${DEMO.user.secretAccessKey}\n`;

describe('credentials engine against the fake STS', () => {
  let sts: FakeSts;
  let url = '';
  let api: StsApi;
  const prompts: MfaRequest[] = [];
  let answers: Array<string | undefined> = [];
  const usedCodes = new Set<string>();
  let clockSkewMs = 0;
  const tokenProvider: TokenProvider = (req) => {
    prompts.push(req);
    const a = answers.shift();
    if (a !== 'RIGHT') return Promise.resolve(a);
    // Codes work once: like a person, take the device's next code when this one was used, and
    // when the device has shown every code STS still accepts, wait for the next one (the fake's
    // clock moves on 30 s instead of the test sleeping).
    let code = [0, 1, -1].map((off) => sts.currentCode(DEMO.mfaSerial, off)).find((c) => !usedCodes.has(c));
    while (code === undefined) {
      clockSkewMs += 30_000;
      code = [0, 1, -1].map((off) => sts.currentCode(DEMO.mfaSerial, off)).find((c) => !usedCodes.has(c));
    }
    usedCodes.add(code);
    return Promise.resolve(code);
  };
  const deps = (over: Partial<Deps> = {}): Deps => ({
    env: {},
    now: () => Date.now(),
    sts: api,
    readFile: nodeReadFile,
    runProcess: nodeRunProcess,
    http: nodeHttp,
    tokenProvider,
    userName: 'Jane Doe',
    ssoCacheDir: '/nonexistent',
    loginCacheDir: '/nonexistent',
    writeTextPrivate: nodeWriteTextPrivate,
    settings: { expiryWindowMs: 300_000, durationSeconds: 3600 },
    ...over,
  });
  async function whoami(c: Credentials): Promise<string> {
    return (await api.getCallerIdentity(c, { region: 'us-east-1', endpoint: url, via: 'test' })).arn;
  }

  before(async () => {
    sts = new FakeSts(demoStsOptions({ now: () => Date.now() + clockSkewMs }));
    url = await sts.start();
    api = sdkSts();
  });
  after(() => sts.stop());
  beforeEach(() => {
    prompts.length = 0;
    answers = [];
  });

  it('static keys: the profile keys, usable as they are', async () => {
    const chain = buildChain(profilesFrom(baseConfig(url), CREDS), 'base', deps());
    const c = await chain.provider.retrieve(I);
    assert.equal(await whoami(c), DEMO.user.userArn);
    assert.deepEqual(chain.steps, ['static keys (profile base)']);
  });

  it('assume role via source_profile, with the session name derived from the user', async () => {
    const chain = buildChain(profilesFrom(baseConfig(url), CREDS), 'dev', deps());
    const c = await chain.provider.retrieve(I);
    assert.equal(c.arn, 'arn:aws:sts::222222222222:assumed-role/Developer/Jane-Doe');
    assert.equal(await whoami(c), c.arn);
    assert.equal(c.accountId, '222222222222');
    assert.ok(c.expiration && c.expiration.getTime() > Date.now());
    assert.equal(sts.callsOf('AssumeRole').at(-1)?.params['DurationSeconds'], '3600');
  });

  it('passes ExternalId, duration_seconds and role_session_name from the profile', async () => {
    const set = profilesFrom(
      baseConfig(url, '[profile v2]\nrole_arn = ' + DEMO.roles.vendor + '\nsource_profile = base\nexternal_id = wrong\nservices = fake\n'),
      CREDS,
    );
    const ok = await buildChain(set, 'vendor', deps()).provider.retrieve(I);
    assert.match(await whoami(ok), /VendorAudit/);
    await assert.rejects(buildChain(set, 'v2', deps()).provider.retrieve(I), (e: unknown) => {
      assert.ok(e instanceof CredentialsError);
      assert.equal(e.code, 'AccessDenied');
      assert.equal(e.profile, 'v2');
      assert.match(e.step ?? '', /step 2 of 2 \(assume role arn:aws:iam::555555555555:role\/VendorAudit\)/);
      assert.match(e.describe(), /trust policy/);
      return true;
    });
    const named = profilesFrom(
      baseConfig(
        url,
        `[profile named]\nrole_arn = ${DEMO.roles.dev}\nsource_profile = base\nservices = fake\nduration_seconds = 7200\nrole_session_name = my.session@x\n`,
      ),
      CREDS,
    );
    const c = await buildChain(named, 'named', deps()).provider.retrieve(I);
    assert.equal(c.arn, 'arn:aws:sts::222222222222:assumed-role/Developer/my.session@x');
    assert.equal(sts.callsOf('AssumeRole').at(-1)?.params['DurationSeconds'], '7200');
  });

  it('passes source_identity, policy and policy_arns to AssumeRole', async () => {
    const policy = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}';
    const set = profilesFrom(
      baseConfig(
        url,
        `[profile scoped]\nrole_arn = ${DEMO.roles.dev}\nsource_profile = base\nservices = fake\nsource_identity = jane\npolicy = ${policy}\npolicy_arns = arn:aws:iam::aws:policy/ReadOnlyAccess, arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess\n`,
      ),
      CREDS,
    );
    const c = await buildChain(set, 'scoped', deps()).provider.retrieve(I);
    assert.match(await whoami(c), /Developer/);
    const p = sts.callsOf('AssumeRole').at(-1)?.params ?? {};
    assert.equal(p['SourceIdentity'], 'jane');
    assert.equal(p['Policy'], policy);
    assert.equal(p['PolicyArns.member.1.arn'], 'arn:aws:iam::aws:policy/ReadOnlyAccess');
    assert.equal(p['PolicyArns.member.2.arn'], 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess');
  });

  it('MFA: mfa_serial with no way to get a code is an error before any call', () => {
    const callsBefore = sts.calls.length;
    assert.throws(
      () => buildChain(profilesFrom(baseConfig(url), CREDS), 'admin', deps({ tokenProvider: undefined })),
      (e: unknown) => e instanceof CredentialsError && e.code === 'Config' && e.profile === 'admin',
    );
    assert.equal(sts.calls.length, callsBefore);
  });

  it('MFA: a wrong code says so and asks again, a right code works', async () => {
    answers = ['000000', 'RIGHT'];
    const c = await buildChain(profilesFrom(baseConfig(url), CREDS), 'admin', deps()).provider.retrieve(I);
    assert.match(await whoami(c), /assumed-role\/Admin\//);
    assert.equal(prompts.length, 2);
    assert.equal(prompts[0]?.attempt, 1);
    assert.equal(prompts[1]?.attempt, 2);
    assert.match(prompts[1]?.previousError ?? '', /MFA code/);
    assert.equal(prompts[0]?.serialNumber, DEMO.mfaSerial);
    assert.equal(prompts[0]?.profile, 'admin');
  });

  it('MFA: gives up after three rejected codes with a clear error', async () => {
    answers = ['000000', '111111', '222222', 'RIGHT'];
    await assert.rejects(
      buildChain(profilesFrom(baseConfig(url), CREDS), 'admin', deps()).provider.retrieve(I),
      (e: unknown) => e instanceof CredentialsError && e.code === 'MfaRejected' && /wait for the next code/.test(e.describe()),
    );
    assert.equal(prompts.length, 3);
  });

  it('MFA: cancel means no STS call and a quiet Cancelled error', async () => {
    answers = [undefined];
    const before = sts.callsOf('AssumeRole').length;
    await assert.rejects(
      buildChain(profilesFrom(baseConfig(url), CREDS), 'admin', deps()).provider.retrieve(I),
      (e: unknown) => e instanceof CredentialsError && e.code === 'Cancelled',
    );
    assert.equal(sts.callsOf('AssumeRole').length, before);
  });

  it('a chain through an MFA role: refreshing the top role re-uses the MFA session (one code)', async () => {
    answers = ['RIGHT'];
    const chain = buildChain(profilesFrom(baseConfig(url), CREDS), 'prod', deps());
    assert.equal(chain.steps.length, 3);
    const first = await chain.provider.retrieve(I);
    assert.match(await whoami(first), /assumed-role\/ProdReadOnly\//);
    const second = await chain.provider.retrieve(BG);
    assert.notEqual(second.accessKeyId, first.accessKeyId, 'a fresh top-role session');
    assert.match(await whoami(second), /ProdReadOnly/);
    assert.equal(prompts.length, 1, 'the MFA code was asked once');
  });

  describe('MFA session (awsRoleSwitcher.mfaSessionDurationSeconds, as aws-vault)', () => {
    const twelveHours = { expiryWindowMs: 300_000, durationSeconds: 3600, mfaSessionSeconds: 43200 };
    const extra = `[profile admin-long]\nrole_arn = ${DEMO.roles.admin}\nsource_profile = base\nmfa_serial = ${DEMO.mfaSerial}\nduration_seconds = 43200\nservices = fake\n`;

    it('one code opens the session; MFA roles over the same keys are assumed and refreshed from it without another code', async () => {
      answers = ['RIGHT'];
      const set = profilesFrom(baseConfig(url, extra), CREDS);
      const mfaSessions = new MfaSessionStore();
      const d = deps({ settings: twelveHours, mfaSessions });
      const before = sts.calls.length;
      const admin = buildChain(set, 'admin', d);
      assert.deepEqual(admin.steps, [
        'static keys (profile base)',
        `MFA session of ${DEMO.mfaSerial} (12 h, GetSessionToken)`,
        `assume role ${DEMO.roles.admin} (profile admin)`,
      ]);
      const first = await admin.provider.retrieve(I);
      assert.match(await whoami(first), /assumed-role\/Admin\//);
      const refreshed = await admin.provider.retrieve(BG); // a background refresh: no one to ask, and no need to
      assert.notEqual(refreshed.accessKeyId, first.accessKeyId);
      const long = await buildChain(set, 'admin-long', d).provider.retrieve(BG);
      assert.ok((long.expiration?.getTime() ?? 0) - Date.now() > 11 * 3600_000, 'not role chaining: 12-hour role sessions are allowed');
      const prod = await buildChain(set, 'prod', d).provider.retrieve(BG);
      assert.match(await whoami(prod), /ProdReadOnly/);
      assert.equal(prompts.length, 1, 'one code for all of it');
      assert.equal(prompts[0]?.sessionSeconds, 43200, 'the prompt knows it opens a session');
      const calls = sts.calls.slice(before).filter((c) => c.action !== 'GetCallerIdentity');
      assert.deepEqual(
        calls.map((c) => [c.action, c.params['SerialNumber'] !== undefined, c.error]),
        [
          ['GetSessionToken', true, undefined],
          ['AssumeRole', false, undefined], // admin
          ['AssumeRole', false, undefined], // admin, refreshed
          ['AssumeRole', false, undefined], // admin-long
          ['AssumeRole', false, undefined], // prod: admin…
          ['AssumeRole', false, undefined], // …then ProdReadOnly from it
        ],
      );
      assert.equal(calls[0]?.params['DurationSeconds'], '43200');

      mfaSessions.clear(); // Sign Out
      answers = ['RIGHT'];
      await buildChain(set, 'admin', d).provider.retrieve(I);
      assert.equal(prompts.length, 2, 'after sign-out the next role asks again');
    });

    it('off by default: every AssumeRole of an MFA role asks; over temporary keys the setting cannot apply', async () => {
      answers = ['RIGHT', 'RIGHT'];
      const set = profilesFrom(baseConfig(url), CREDS);
      const off = buildChain(set, 'admin', deps());
      await off.provider.retrieve(I);
      await off.provider.retrieve(I);
      assert.equal(prompts.length, 2);
      // Keys with a session token cannot call GetSessionToken: the role gets the code itself.
      const temp = await buildChain(set, 'dev', deps()).provider.retrieve(I);
      const tempCreds = `[base]\naws_access_key_id = ${temp.accessKeyId}\naws_secret_access_key = ${temp.secretAccessKey}\naws_session_token = ${temp.sessionToken ?? ''}\n`;
      answers = ['RIGHT'];
      prompts.length = 0;
      const before = sts.calls.length;
      const chain = buildChain(profilesFrom(baseConfig(url), tempCreds), 'admin', deps({ settings: twelveHours, mfaSessions: new MfaSessionStore() }));
      assert.equal(chain.steps.length, 2);
      assert.match(await whoami(await chain.provider.retrieve(I)), /assumed-role\/Admin\//);
      assert.equal(prompts[0]?.sessionSeconds, undefined);
      assert.deepEqual(
        sts.calls
          .slice(before)
          .filter((c) => c.action !== 'GetCallerIdentity')
          .map((c) => [c.action, c.params['SerialNumber'] !== undefined]),
        [['AssumeRole', true]],
      );
    });
  });

  it('web identity: unsigned AssumeRoleWithWebIdentity; the token file is read on every refresh', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ars-wi-'));
    const token = join(dir, 'token.jwt');
    const exp = Math.floor(Date.now() / 1000) + 3600;
    writeFileSync(token, makeJwt({ iss: DEMO.webIdentityIssuer, sub: 'first', exp }));
    const set = profilesFrom(baseConfig(url, `[profile ci]\nrole_arn = ${DEMO.roles.ci}\nweb_identity_token_file = ${token}\nservices = fake\n`), CREDS);
    const chain = buildChain(set, 'ci', deps());
    const c1 = await chain.provider.retrieve(BG);
    assert.match(await whoami(c1), /assumed-role\/CiDeploy\/Jane-Doe/);
    writeFileSync(token, 'garbage');
    await assert.rejects(
      chain.provider.retrieve(BG),
      (e: unknown) => e instanceof CredentialsError && e.stsCode === 'InvalidIdentityToken' && e.profile === 'ci',
    );
    writeFileSync(token, makeJwt({ iss: DEMO.webIdentityIssuer, sub: 'second', exp }));
    assert.match(await whoami(await chain.provider.retrieve(BG)), /CiDeploy/);
    assert.equal(sts.callsOf('AssumeRoleWithWebIdentity').at(-1)?.caller, undefined, 'unsigned');
    assert.equal(sts.callsOf('AssumeRoleWithWebIdentity').at(-1)?.params['DurationSeconds'], '3600');
  });

  it('web identity as the source of a role', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ars-wi-'));
    const token = join(dir, 'token.jwt');
    writeFileSync(token, makeJwt({ iss: DEMO.webIdentityIssuer, sub: 'x', exp: Math.floor(Date.now() / 1000) + 3600 }));
    sts.addRole({ arn: 'arn:aws:iam::666666666666:role/Deployer', trusted: [DEMO.roles.ci] });
    const set = profilesFrom(
      baseConfig(
        url,
        `[profile ci]\nrole_arn = ${DEMO.roles.ci}\nweb_identity_token_file = ${token}\nservices = fake\n[profile deploy]\nrole_arn = arn:aws:iam::666666666666:role/Deployer\nsource_profile = ci\nservices = fake\n`,
      ),
      CREDS,
    );
    assert.match(await whoami(await buildChain(set, 'deploy', deps()).provider.retrieve(I)), /assumed-role\/Deployer\//);
  });

  it('IAM Identity Center: no session asks for a sign-in; after `aws sso login` the portal gives working credentials', async () => {
    const home = mkdtempSync(join(tmpdir(), 'ars-sso-home-'));
    writeDemoAwsFiles(home, url);
    const cfg = await loadConfig({ env: { HOME: home }, platform: 'posix', readFile: (p) => readFile(p) });
    const d = deps({ ssoCacheDir: join(home, '.aws', 'sso', 'cache') });
    await assert.rejects(
      buildChain(cfg, 'demo-sso', d).provider.retrieve(I),
      (e: unknown) => e instanceof CredentialsError && e.code === 'NeedsLogin' && e.profile === 'demo-sso',
    );
    // The playground's stand-in for `aws sso login` (the CLI here cannot reach a local OIDC service).
    const login = await promisify(execFile)(
      join(__dirname, '..', '..', '..', 'test', 'fakeSts', 'fake-aws-sso-login.mjs'),
      ['sso', 'login', '--profile', 'demo-sso'],
      { env: { ...process.env, HOME: home } },
    );
    assert.match(login.stdout, /Successfully logged into Start URL: https:\/\/d-9000000000\.awsapps\.com\/start/);
    const c = await buildChain(cfg, 'demo-sso', d).provider.retrieve(I);
    assert.equal(c.accountId, DEMO.sso.accountId);
    assert.match(await whoami(c), /^arn:aws:sts::777777777777:assumed-role\/AWSReservedSSO_PowerUser_[0-9a-f]+\/demo-user$/);
    assert.equal(sts.callsOf('GetRoleCredentials').at(-1)?.params['role_name'], 'PowerUser');
  });

  it('IAM Identity Center: a token near expiry is renewed at SSO OIDC ([services] sso_oidc), written back to the CLI cache, and the portal takes it; a revoked session asks for a sign-in once expired', async () => {
    const home = mkdtempSync(join(tmpdir(), 'ars-sso-home-'));
    writeDemoAwsFiles(home, url);
    const cfg = await loadConfig({ env: { HOME: home }, platform: 'posix', readFile: (p) => readFile(p) });
    const cacheDir = join(home, '.aws', 'sso', 'cache');
    const file = ssoCacheFile(cacheDir, DEMO.sso.session);
    const login = sts.issueSsoToken(600); // 10 minutes left: inside the CLI's 15-minute window
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(file, JSON.stringify({ startUrl: DEMO.sso.startUrl, region: DEMO.sso.region, ...login }));
    const calls = sts.callsOf('CreateToken').length;
    const c = await buildChain(cfg, 'demo-sso', deps({ ssoCacheDir: cacheDir })).provider.retrieve(I);
    assert.match(await whoami(c), /AWSReservedSSO_PowerUser/);
    assert.deepEqual(
      sts
        .callsOf('CreateToken')
        .slice(calls)
        .map((x) => [x.params['grantType'], x.params['clientId'], x.error]),
      [['refresh_token', login.clientId, undefined]],
    );
    const written = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    assert.notEqual(written['accessToken'], login.accessToken);
    assert.notEqual(written['refreshToken'], login.refreshToken, 'the rotated refresh token is kept');
    assert.equal(written['clientSecret'], login.clientSecret);
    assert.ok(Date.parse(written['expiresAt'] ?? '') - Date.now() > 50 * 60_000, `renewed for an hour: ${written['expiresAt'] ?? ''}`);

    // An administrator ends the session: renewal fails; the token is used until it expires, then a sign-in is asked.
    sts.revokeSsoRefreshTokens();
    writeFileSync(file, JSON.stringify({ ...written, expiresAt: new Date(Date.now() - 1000).toISOString() }));
    await assert.rejects(
      buildChain(cfg, 'demo-sso', deps({ ssoCacheDir: cacheDir })).provider.retrieve(I),
      (e: unknown) => e instanceof CredentialsError && e.code === 'NeedsLogin' && /could not be renewed \(invalid_grant\)/.test(e.message),
    );
  });

  describe('credential_process', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ars-proc-'));
    const script = (name: string, body: string): string => {
      const p = join(dir, name);
      writeFileSync(p, `#!/bin/sh\n${body}\n`);
      chmodSync(p, 0o755);
      return p;
    };
    const run = (cmd: string, timeoutMs?: number): Promise<Credentials> =>
      buildChain(
        profilesFrom(`[profile p]\ncredential_process = ${cmd}\n`),
        'p',
        deps({ settings: { expiryWindowMs: 0, ...(timeoutMs !== undefined ? { processTimeoutMs: timeoutMs } : {}) } }),
      ).provider.retrieve(I);

    it('reads Version 1 JSON, with Expiration, and the keys sign', async () => {
      const exp = new Date(Date.now() + 3600_000).toISOString();
      const p = script(
        'ok.sh',
        `echo '{"Version": 1, "AccessKeyId": "${DEMO.user.accessKeyId}", "SecretAccessKey": "${DEMO.user.secretAccessKey}", "Expiration": "${exp}"}'`,
      );
      const c = await run(p);
      assert.equal(c.expiration?.toISOString(), exp);
      assert.equal(await whoami(c), DEMO.user.userArn);
    });

    it('runs without a shell: metacharacters are arguments, quotes are honoured', async () => {
      const p = script('args.sh', 'printf \'{"Version":1,"AccessKeyId":"%s","SecretAccessKey":"%s"}\' "$1" "$2"');
      const c = await run(`${p} "a b;c" 'd $HOME'`);
      assert.equal(c.accessKeyId, 'a b;c');
      assert.equal(c.secretAccessKey, 'd $HOME');
      assert.deepEqual(splitCommand(`x "a\\"b" 'c\\d' e\\ f`), ['x', 'a"b', 'c\\d', 'e f']);
    });

    it('a failing command: the error has its exit code and stderr, never its stdout', async () => {
      const p = script('fail.sh', 'echo "SECRETSTDOUT"; echo "token expired, run login" >&2; exit 3');
      await assert.rejects(run(p), (e: unknown) => {
        assert.ok(e instanceof CredentialsError);
        assert.equal(e.code, 'Process');
        assert.equal(e.profile, 'p');
        assert.match(e.message, /exited with 3: token expired, run login/);
        assert.doesNotMatch(e.describe(), /SECRETSTDOUT/);
        return true;
      });
    });

    it('bad JSON, a wrong Version, a missing program and a time-out are clear errors', async () => {
      await assert.rejects(
        run(script('bad.sh', 'echo "AKIA-secret not json"')),
        (e: unknown) => e instanceof CredentialsError && /not print valid JSON/.test(e.message) && !/AKIA-secret/.test(e.describe()),
      );
      await assert.rejects(run(script('v2.sh', `echo '{"Version": 2}'`)), /only Version 1/);
      await assert.rejects(run('/nonexistent/helper --flag'), /could not start \/nonexistent\/helper: ENOENT/);
      await assert.rejects(run(script('slow.sh', 'sleep 5'), 200), /did not finish within 0 s|did not finish/);
    });

    it('an Expiration must be an ISO 8601 time with a zone: "2030" and RFC 1123 dates are refused, offsets and fractions read', async () => {
      const out = (exp: string): string =>
        script(`exp${exp.replace(/\W/g, '')}.sh`, `echo '{"Version": 1, "AccessKeyId": "AKIDEXAMPLE", "SecretAccessKey": "s3cr3t", "Expiration": "${exp}"}'`);
      for (const bad of ['2030', 'Tue, 01 Jan 2030 00:00:00 GMT', '2030-01-01', '2030-01-01T00:00:00', '+020300-01-01T00:00:00Z']) {
        await assert.rejects(run(out(bad)), /not an ISO 8601 time with a zone/, bad);
      }
      assert.equal((await run(out('2030-01-01T01:00:00.5+01:00'))).expiration?.toISOString(), '2030-01-01T00:00:00.500Z');
      assert.equal((await run(out('2030-01-01T00:00:00Z'))).expiration?.toISOString(), '2030-01-01T00:00:00.000Z');
    });

    it('100 MB on stdout stops the program and says what it must print (not a buffer error)', async () => {
      await assert.rejects(run(script('flood.sh', 'head -c 100000000 /dev/zero | tr "\\0" a')), (e: unknown) => {
        assert.ok(e instanceof CredentialsError);
        assert.match(e.describe(), /printed more than 1024 KiB on standard output and was stopped\. It must print only the JSON document/);
        return true;
      });
    });

    it('a secret in stderr is redacted before the message is cut to its last 500 characters', async () => {
      const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
      // Cut at 500 characters from the end, the key would be sliced, and its tail match no pattern.
      const p = script('leak.sh', `printf 'debug: secret=${secret} %s' "$(head -c 480 /dev/zero | tr '\\0' x)" >&2; exit 1`);
      await assert.rejects(run(p), (e: unknown) => {
        assert.ok(e instanceof CredentialsError);
        for (let i = 0; i + 8 <= secret.length; i++) assert.ok(!e.describe().includes(secret.slice(i, i + 8)), e.describe());
        return true;
      });
    });

    it('a program that ignores SIGTERM and never ends: the refresh settles with an error at the time-out', async () => {
      const start = Date.now();
      await assert.rejects(run(script('stuck.sh', "trap '' TERM\nwhile :; do sleep 1; done"), 300), /did not finish within 0 s and was stopped/);
      assert.ok(Date.now() - start < 3000);
    });
  });

  it('errors name the profile, the chain step and what to do', async () => {
    const set = profilesFrom(baseConfig(url), `[base]\naws_access_key_id = ${DEMO.user.accessKeyId}\naws_secret_access_key = wrong\n`);
    await assert.rejects(buildChain(set, 'dev', deps()).provider.retrieve(I), (e: unknown) => {
      assert.ok(e instanceof CredentialsError);
      assert.equal(e.stsCode, 'SignatureDoesNotMatch');
      assert.equal(e.profile, 'dev');
      assert.match(e.describe(), /^Profile "dev", step 2 of 2 \(assume role .*Developer\): STS SignatureDoesNotMatch: .* re-copy aws_secret_access_key/);
      assert.doesNotMatch(e.describe(), /wrong/);
      return true;
    });
  });

  it('a network failure names the endpoint and how it was chosen', async () => {
    const set = profilesFrom(
      `[profile base]\nendpoint_url = http://127.0.0.1:9\n[profile dev]\nrole_arn = ${DEMO.roles.dev}\nsource_profile = base\nendpoint_url = http://127.0.0.1:9\n`,
      CREDS,
    );
    await assert.rejects(
      buildChain(set, 'dev', deps()).provider.retrieve(I),
      (e: unknown) =>
        e instanceof CredentialsError && e.code === 'Network' && /127\.0\.0\.1:9/.test(e.message) && /endpoint_url in profile dev/.test(e.describe()),
    );
  });

  describe('refreshing holder', () => {
    it('never hands out expired credentials across 20 refreshes of 5-second credentials', async () => {
      const clock = new FakeClock(Date.now());
      const short = new FakeSts({ ...demoStsOptions(), credentialLifetimeSeconds: 5, now: clock.now });
      const shortUrl = await short.start();
      try {
        const set = profilesFrom(baseConfig(shortUrl), CREDS);
        const chain = buildChain(set, 'dev', deps({ now: clock.now, timers: clock }));
        const holder = new RefreshingCredentials(chain.provider, { now: clock.now, timers: clock, expiryWindowMs: 1000, autoRefresh: true });
        await holder.refresh(I);
        const seen = new Set<string>();
        for (let i = 0; i < 20; i++) {
          const before = short.callsOf('AssumeRole').length;
          // Walk through the credentials' life in steps; whatever the holder hands out must be live.
          for (let step = 0; step < 5; step++) {
            const c = await holder.retrieve(BG);
            assert.ok(c.expiration !== undefined && c.expiration.getTime() > clock.now(), `live at refresh ${i}, step ${step}`);
            seen.add(c.accessKeyId);
            await clock.advance(1000);
            await waitFor(() => holder.state().status !== 'refreshing', 'refresh to settle');
          }
          assert.ok(short.callsOf('AssumeRole').length > before, `refresh ${i} happened`);
        }
        assert.ok(seen.size >= 20, `20 distinct sessions, saw ${seen.size}`);
        assert.equal(short.calls.filter((c) => c.error !== undefined).length, 0, 'no STS call was refused (no expired credentials used)');
        holder.dispose();
      } finally {
        await short.stop();
      }
    });
  });
});
