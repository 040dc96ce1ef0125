/**
 * `aws login` profiles (login_session): the token cache read as the SDKs read it, renewed near
 * expiry with a DPoP-signed CreateOAuth2Token against a fake sign-in service that verifies every
 * proof, written back owner-only for the AWS CLI and SDKs; the service's refusals in words that say
 * what to do; hostile caches refused. And, as the proof of the format, the JS SDK's own
 * `@aws-sdk/credential-provider-login` reads what this extension wrote and renews it, and this
 * extension goes on from the SDK's file without a sign-in.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromLoginCredentials } from '@aws-sdk/credential-provider-login';
import { resolveChain } from '../../src/credentials/chain';
import { describeProfile } from '../../src/credentials/profileInfo';
import { nodeReadCacheText, nodeTryLock, nodeWriteTextPrivate } from '../../src/credentials/nodeDeps';
import { nodeHttp } from '../../src/credentials/nodeHttp';
import { LoginCache, LoginProvider, loginCacheFile, parseLoginCache } from '../../src/credentials/providers/login';
import { CredentialsError } from '../../src/credentials/types';
import { Deps } from '../../src/credentials/deps';
import { FakeSignIn } from '../fakeSts/signIn';
import { FakeSts } from '../fakeSts/server';
import { buildChain } from '../../src/credentials/build';
import { RefreshingCredentials } from '../../src/credentials/refreshingCredentials';
import { sdkSts } from '../../src/credentials/sts';
import { nodeReadFile } from '../../src/credentials/nodeDeps';
import { nodeRunProcess } from '../../src/credentials/nodeProcess';
import { FakeClock, profilesFrom } from './helpers';
import { LoginSignIn, parsePastedCode } from '../../src/credentials/signIn/login';
import { startLoginCallback } from '../../src/credentials/signIn/loginCallback';
import { planLoginProfile } from '../../src/credentials/signIn/loginProfile';
import { loginSessionStates } from '../../src/credentials/signIn/loginStatus';

const SESSION = 'arn:aws:iam::123456789012:user/jane';
const MIN = 60_000;

describe('aws login profiles (login_session)', () => {
  const fake = new FakeSignIn();
  let dir = '';
  let n = 0;
  before(async () => {
    await fake.start();
  });
  after(async () => {
    await fake.stop();
  });

  /** A fresh cache folder with a session `aws login` would have left, expiring in `leftMs`. */
  function newSession(leftMs: number): { cacheDir: string; file: string; cache: LoginCache } {
    dir = mkdtempSync(join(tmpdir(), 'ars-login-'));
    const cacheDir = join(dir, 'login', 'cache');
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const jwk = publicKey.export({ format: 'jwk' });
    const refreshToken = `refresh-initial-${++n}`;
    fake.register({ clientId: 'arn:aws:signin:::devtools/same-device', refreshToken, jwk: { x: jwk.x ?? '', y: jwk.y ?? '' }, accountId: '123456789012' });
    const cache: LoginCache = {
      accessToken: {
        accessKeyId: 'ASIAINITIAL00000001',
        secretAccessKey: 'initial-secret',
        sessionToken: 'initial-session-token',
        accountId: '123456789012',
        expiresAt: new Date(Date.now() + leftMs).toISOString(),
      },
      tokenType: 'aws_sigv4',
      clientId: 'arn:aws:signin:::devtools/same-device',
      refreshToken,
      idToken: 'header.payload.signature',
      dpopKey: privateKey.export({ type: 'sec1', format: 'pem' }).toString(),
    };
    const file = loginCacheFile(cacheDir, SESSION);
    writeFileSync(file, JSON.stringify(cache, null, 2), { mode: 0o600 });
    return { cacheDir, file, cache };
  }

  const provider = (cacheDir: string, profile = 'dev'): LoginProvider =>
    new LoginProvider({
      profile,
      session: SESSION,
      cacheDir,
      endpoint: () => fake.url,
      refreshWithinMs: 5 * MIN,
      readText: nodeReadCacheText,
      writeText: nodeWriteTextPrivate,
      http: nodeHttp,
      now: Date.now,
      tryLock: nodeTryLock,
    });

  it('names the cache file as the SDKs do: the SHA-256 of the login_session value', () => {
    // sha256sum of the value, as the JS SDK, botocore and the Go SDK name it.
    assert.equal(loginCacheFile('/c', SESSION), '/c/e503db6a50c52e426cd2e8b0edf93b94ec9cb0ba1ccdba607277d35e756abde9.json');
    assert.match(loginCacheFile('/c', SESSION), /^\/c\/[0-9a-f]{64}\.json$/);
  });

  it('a session with time left: its credentials, no call', async () => {
    const { cacheDir } = newSession(10 * MIN);
    const before = fake.calls.length;
    const c = await provider(cacheDir).retrieve();
    assert.equal(c.accessKeyId, 'ASIAINITIAL00000001');
    assert.equal(c.accountId, '123456789012');
    assert.equal(fake.calls.length, before);
    rmSync(dir, { recursive: true, force: true });
  });

  it('near expiry: renewed with a verified DPoP proof, the refresh token rotated and the file rewritten owner-only', async () => {
    const { cacheDir, file, cache } = newSession(2 * MIN);
    const c = await provider(cacheDir).retrieve();
    assert.match(c.accessKeyId, /^ASIALOGIN/);
    assert.deepEqual({ ...fake.calls.at(-1), at: 0 }, { at: 0, ok: true, htu: `${fake.url}/v1/token` });
    const written = JSON.parse(readFileSync(file, 'utf8')) as LoginCache;
    assert.equal(written.accessToken.accessKeyId, c.accessKeyId);
    assert.notEqual(written.refreshToken, cache.refreshToken, 'the refresh token rotated');
    assert.equal(written.dpopKey, cache.dpopKey);
    assert.equal(written['idToken'], 'header.payload.signature', 'what it does not know is kept');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    // Fifteen minutes from now, as the service said.
    assert.ok(Math.abs(Date.parse(written.accessToken.expiresAt) - (Date.now() + 900_000)) < 10_000);
    // Again: from the file, no call.
    const calls = fake.calls.length;
    assert.equal((await provider(cacheDir).retrieve()).accessKeyId, c.accessKeyId);
    assert.equal(fake.calls.length, calls);
    rmSync(dir, { recursive: true, force: true });
  });

  it('two windows renewing at once: one call (the refresh token works once), both get the same credentials', async () => {
    const { cacheDir } = newSession(MIN);
    const before = fake.calls.length;
    const [a, b] = await Promise.all([provider(cacheDir).retrieve(), provider(cacheDir).retrieve()]);
    assert.equal(a.accessKeyId, b.accessKeyId);
    assert.equal(fake.calls.length - before, 1, JSON.stringify(fake.calls.slice(before)));
    rmSync(dir, { recursive: true, force: true });
  });

  for (const [code, words, hint, ours] of [
    ['TOKEN_EXPIRED', /^The console sign-in session is over\.$/, /^Sign in again \("aws login --profile dev"\)\.$/, 'NeedsLogin'],
    ['USER_CREDENTIALS_CHANGED', /password of the signed-in user changed/, /new password \("aws login --profile dev"\)/, 'NeedsLogin'],
    ['INSUFFICIENT_PERMISSIONS', /may not renew its credentials \(signin:CreateOAuth2Token\)/, /SignInLocalDevelopmentAccess policy/, 'AccessDenied'],
  ] as const) {
    it(`the service refuses with ${code}: says what happened and what to do`, async () => {
      const { cacheDir } = newSession(MIN);
      fake.refuseNext = code;
      await assert.rejects(provider(cacheDir).retrieve(), (e: unknown) => {
        assert.ok(e instanceof CredentialsError);
        assert.equal(e.code, ours);
        assert.match(e.message, words);
        assert.match(e.hint ?? '', hint);
        return true;
      });
      rmSync(dir, { recursive: true, force: true });
    });
  }

  it('no cached session: says to sign in; a hostile cache (too big, not JSON, missing fields): refused, never used', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ars-login-'));
    await assert.rejects(provider(dir).retrieve(), /No console sign-in session is cached for this profile\./);
    for (const raw of ['x'.repeat(100_000), 'not json', '{"accessToken":{}}', '[]', JSON.stringify({ accessToken: { accessKeyId: 'A' }, clientId: 'c' })]) {
      writeFileSync(loginCacheFile(dir, SESSION), raw);
      await assert.rejects(provider(dir).retrieve(), /cannot be used/);
      assert.equal(typeof parseLoginCache(raw), 'string');
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it("the picker's state: a usable cache renews; none, or a hostile one, is not signed in; one read per session", async () => {
    const { cacheDir, file } = newSession(-MIN); // expired credentials still renew
    const reads: string[] = [];
    const read = (p: string): Promise<string> => {
      reads.push(p);
      return nodeReadCacheText(p);
    };
    const other = 'arn:aws:iam::123456789012:user/nobody';
    const states = await loginSessionStates([SESSION, other, SESSION], cacheDir, read);
    assert.deepEqual(Object.fromEntries(states), { [SESSION]: { state: 'renewable' }, [other]: { state: 'signedOut' } });
    assert.equal(reads.length, 2, 'one read per distinct session');
    writeFileSync(file, 'x'.repeat(100_000));
    assert.deepEqual((await loginSessionStates([SESSION], cacheDir, read)).get(SESSION), { state: 'signedOut' });
    rmSync(dir, { recursive: true, force: true });
  });

  it('a profile with login_session: its own kind, after the credentials file keys and before credential_process (botocore), and a source_profile of roles', () => {
    const config =
      '[profile dev]\nlogin_session = arn:aws:iam::123456789012:user/jane\nregion = eu-west-1\ncredential_process = /bin/false\n[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/Admin\nsource_profile = dev\n';
    const set = profilesFrom(config);
    assert.equal(resolveChain(set.profiles, set.ssoSessions, 'dev').base.kind, 'login');
    assert.equal(describeProfile(set, 'dev').kind, 'login');
    const chain = resolveChain(set.profiles, set.ssoSessions, 'admin');
    assert.equal(chain.base.kind, 'login');
    assert.equal(chain.roles[0]?.roleArn, 'arn:aws:iam::123456789012:role/Admin');
    // The picker's sign-in state and the view's Sign In: the role's is its login profile's.
    assert.deepEqual(describeProfile(set, 'admin').loginSignIn, { profile: 'dev', session: 'arn:aws:iam::123456789012:user/jane' });
    const withKeys = profilesFrom(config, '[dev]\naws_access_key_id = AKIA1\naws_secret_access_key = s\n');
    assert.equal(resolveChain(withKeys.profiles, withKeys.ssoSessions, 'dev').base.kind, 'static');
  });

  describe('differential: the JS SDK (@aws-sdk/credential-provider-login) and this extension on one cache', () => {
    const env = { ...process.env };
    const warnings: string[] = [];
    after(() => {
      process.env = env;
    });
    const sdk = async (cacheDir: string): Promise<{ accessKeyId: string }> => {
      const home = join(cacheDir, '..', '..');
      writeFileSync(join(home, 'config'), `[profile dev]\nlogin_session = ${SESSION}\nregion = eu-west-1\n`);
      process.env['AWS_LOGIN_CACHE_DIRECTORY'] = cacheDir;
      process.env['AWS_CONFIG_FILE'] = join(home, 'config');
      process.env['AWS_SHARED_CREDENTIALS_FILE'] = join(home, 'none');
      process.env['AWS_ENDPOINT_URL_SIGNIN'] = fake.url;
      return fromLoginCredentials({
        profile: 'dev',
        logger: {
          debug: () => undefined,
          info: () => undefined,
          warn: (m: unknown) => warnings.push(String(m)),
          error: (m: unknown) => warnings.push(String(m)),
        },
      })();
    };

    it('the SDK reads what this extension renewed and wrote, and gets the same credentials', async () => {
      const { cacheDir } = newSession(MIN);
      const ours = await provider(cacheDir).retrieve();
      const calls = fake.calls.length;
      const theirs = await sdk(cacheDir);
      assert.equal(theirs.accessKeyId, ours.accessKeyId);
      assert.equal(fake.calls.length, calls, 'the SDK did not need to renew');
      rmSync(dir, { recursive: true, force: true });
    });

    it('the SDK renews (rotating the refresh token, a DPoP proof the fake verifies); this extension goes on from its file without a call', async () => {
      const { cacheDir, file, cache } = newSession(MIN);
      const theirs = await sdk(cacheDir);
      assert.match(theirs.accessKeyId, /^ASIALOGIN/, `${JSON.stringify(fake.calls.slice(-2))} ${warnings.join(' | ')}`);
      assert.equal(fake.calls.at(-1)?.ok, true, JSON.stringify(fake.calls.at(-1)));
      assert.notEqual((JSON.parse(readFileSync(file, 'utf8')) as LoginCache).refreshToken, cache.refreshToken);
      const calls = fake.calls.length;
      assert.equal((await provider(cacheDir).retrieve()).accessKeyId, theirs.accessKeyId);
      assert.equal(fake.calls.length, calls);
      rmSync(dir, { recursive: true, force: true });
    });
  });
});

describe('a role chained on an aws login profile, over six virtual hours of 15-minute credentials', () => {
  it('never hands out expired credentials; the login session renews as the role needs it (at most every 10 minutes, each proof verified, the token rotated each time), and the role is assumed as its principal', async () => {
    const clock = new FakeClock(Date.now());
    const ROLE = 'arn:aws:iam::123456789012:role/Admin';
    const sts = new FakeSts({ roles: [{ arn: ROLE, trusted: [SESSION] }], now: clock.now });
    const url = await sts.start();
    const home = mkdtempSync(join(tmpdir(), 'ars-login-hours-'));
    try {
      const cacheDir = join(home, '.aws', 'login', 'cache');
      mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
      const jwk = publicKey.export({ format: 'jwk' });
      sts.signIn.register({
        clientId: 'arn:aws:signin:::devtools/same-device',
        refreshToken: 'refresh-0',
        jwk: { x: jwk.x ?? '', y: jwk.y ?? '' },
        accountId: '123456789012',
        principalArn: SESSION,
      });
      const file = loginCacheFile(cacheDir, SESSION);
      // As aws login leaves it, a minute before its credentials expire: the first use renews them.
      writeFileSync(
        file,
        JSON.stringify({
          accessToken: {
            accessKeyId: 'ASIAOLD',
            secretAccessKey: 'old',
            sessionToken: 'old',
            accountId: '123456789012',
            expiresAt: new Date(clock.now() + 60_000).toISOString(),
          },
          tokenType: 'aws_sigv4',
          clientId: 'arn:aws:signin:::devtools/same-device',
          refreshToken: 'refresh-0',
          dpopKey: privateKey.export({ type: 'sec1', format: 'pem' }).toString(),
        }),
        { mode: 0o600 },
      );
      const set = profilesFrom(
        `[profile dev]\nlogin_session = ${SESSION}\nregion = eu-west-1\n[profile admin]\nrole_arn = ${ROLE}\nsource_profile = dev\nduration_seconds = 900\nregion = eu-west-1\n`,
      );
      const deps: Deps = {
        env: { AWS_ENDPOINT_URL_STS: url, AWS_ENDPOINT_URL_SIGNIN: url },
        now: clock.now,
        timers: clock,
        sts: sdkSts({ now: clock.now }),
        readFile: nodeReadFile,
        runProcess: nodeRunProcess,
        http: nodeHttp,
        ssoCacheDir: join(home, '.aws', 'sso', 'cache'),
        loginCacheDir: cacheDir,
        writeTextPrivate: nodeWriteTextPrivate,
        tryLock: nodeTryLock,
        settings: { expiryWindowMs: 5 * MIN },
      };
      const chain = buildChain(set, 'admin', deps);
      assert.deepEqual(
        chain.steps.map((x) => x.replace(/ \(profile \w+\)$/, '')),
        [`console sign-in session ${SESSION}`, `assume role ${ROLE}`],
      );
      const holder = new RefreshingCredentials(chain.provider, { now: clock.now, timers: clock, expiryWindowMs: 5 * MIN });
      const HOURS = 6;
      for (let t = 0; t < HOURS * 60; t++) {
        const c = await holder.retrieve({ interactive: false });
        assert.ok(c.expiration !== undefined && c.expiration.getTime() > clock.now(), `expired credentials at +${t} min`);
        assert.match(sts.issuedFor(c.accessKeyId)?.arn ?? '', /^arn:aws:sts::123456789012:assumed-role\/Admin\//, `at +${t} min`);
        await clock.advance(MIN);
      }
      holder.dispose();
      // 15-minute credentials renewed in their last 5 minutes: at most one renewal per 10 minutes. The
      // source is renewed when the role needs it (a role's renewal finds it expired or about to).
      const renewals = sts.signIn.issued;
      assert.ok(renewals >= (HOURS * 60) / 30 && renewals <= (HOURS * 60) / 9 + 2, `${renewals} sign-in renewals in ${HOURS} h`);
      const assumed = sts.calls.filter((c) => c.action === 'AssumeRole' && c.error === undefined);
      assert.ok(assumed.length >= (HOURS * 60) / 16 && assumed.length <= (HOURS * 60) / 9 + 2, `${assumed.length} AssumeRole calls`);
      // Every AssumeRole was signed by the signed-in principal's credentials (the fake checked SigV4).
      assert.ok(
        assumed.every((c) => c.caller === SESSION),
        JSON.stringify(assumed.map((c) => c.caller).slice(0, 3)),
      );
      // The file holds the last refresh token the service gave (the CLI and the SDKs go on from it).
      assert.ok(
        sts.signIn.calls.every((c) => c.ok),
        JSON.stringify(sts.signIn.calls.filter((c) => !c.ok)),
      );
      const last = JSON.parse(readFileSync(file, 'utf8')) as LoginCache;
      assert.notEqual(last.refreshToken, 'refresh-0');
      assert.equal(statSync(file).mode & 0o777, 0o600);
    } finally {
      await sts.stop();
      rmSync(home, { recursive: true, force: true });
    }
  });
});

describe('signing in as aws login does, without the AWS CLI (OAuth 2.0 code flow with PKCE and DPoP)', () => {
  const fake = new FakeSignIn();
  before(() => fake.start());
  after(() => fake.stop());

  /** The browser: opens the authorize URL and follows the page's way back (as the meta refresh does). */
  async function browse(url: string): Promise<string> {
    const page = await (await fetch(url)).text();
    const back = /id="back" href="([^"]+)"/.exec(page)?.[1]?.replace(/&quot;/g, '"');
    return back !== undefined ? (await fetch(back)).text() : page;
  }

  it('same-device: the browser comes back to a loopback callback; the session is cached where the SDKs read it, and it works', async () => {
    const home = mkdtempSync(join(tmpdir(), 'ars-login-signin-'));
    const cacheDir = join(home, 'login', 'cache');
    const callback = await startLoginCallback(30_000);
    const signIn = new LoginSignIn({
      mode: 'same-device',
      base: fake.url,
      redirectUri: callback.redirectUri,
      cacheDir,
      http: nodeHttp,
      now: Date.now,
      writeText: nodeWriteTextPrivate,
    });
    assert.match(
      signIn.authorizeUrl,
      /\/v1\/authorize\?response_type=code&client_id=arn%3Aaws%3Asignin%3A%3A%3Adevtools%2Fsame-device&state=[0-9a-f-]{36}&code_challenge_method=SHA-256&scope=openid&redirect_uri=http%3A%2F%2F127\.0\.0\.1%3A\d+%2Foauth%2Fcallback&code_challenge=[\w-]{43}$/,
    );
    const tab = await browse(signIn.authorizeUrl);
    assert.match(tab, /The sign-in went back to VS Code/);
    const answer = await callback.answer;
    assert.ok(answer !== undefined && 'code' in answer);
    const who = await signIn.finish(answer.code, answer.state);
    assert.deepEqual(who, { session: 'arn:aws:iam::123456789012:user/demo-user', accountId: '123456789012' });
    const file = loginCacheFile(cacheDir, who.session);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const cache = JSON.parse(readFileSync(file, 'utf8')) as LoginCache;
    assert.match(cache.accessToken.expiresAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/, 'as the AWS CLI writes it');
    assert.equal(cache.clientId, 'arn:aws:signin:::devtools/same-device');
    // The JS SDK reads it as written.
    process.env['AWS_LOGIN_CACHE_DIRECTORY'] = cacheDir;
    process.env['AWS_CONFIG_FILE'] = join(home, 'config');
    writeFileSync(join(home, 'config'), `[profile dev]\nlogin_session = ${who.session}\nregion = eu-west-1\n`);
    const theirs = await fromLoginCredentials({ profile: 'dev' })();
    assert.equal(theirs.accessKeyId, cache.accessToken.accessKeyId);
    delete process.env['AWS_LOGIN_CACHE_DIRECTORY'];
    delete process.env['AWS_CONFIG_FILE'];
    rmSync(home, { recursive: true, force: true });
  });

  it('cross-device (a remote window): the person pastes the code the page shows', async () => {
    const home = mkdtempSync(join(tmpdir(), 'ars-login-signin-'));
    const signIn = new LoginSignIn({ mode: 'cross-device', base: fake.url, cacheDir: home, http: nodeHttp, now: Date.now, writeText: nodeWriteTextPrivate });
    assert.match(decodeURIComponent(signIn.authorizeUrl), /redirect_uri=http:\/\/127\.0\.0\.1:\d+\/v1\/sessions\/confirmation/);
    const page = await browse(signIn.authorizeUrl);
    assert.match(page, /Signed in as arn:aws:iam::123456789012:user\/demo-user/);
    const pasted = parsePastedCode(/<pre id="code">([^<]+)<\/pre>/.exec(page)?.[1] ?? '');
    assert.ok(typeof pasted !== 'string');
    assert.equal((await signIn.finish(pasted.code, pasted.state)).session, 'arn:aws:iam::123456789012:user/demo-user');
    assert.equal(typeof parsePastedCode('not the code'), 'string');
    rmSync(home, { recursive: true, force: true });
  });

  it('refuses a state of another sign-in, a code used twice, and an expired code, with what to do', async () => {
    const home = mkdtempSync(join(tmpdir(), 'ars-login-signin-'));
    const signIn = new LoginSignIn({ mode: 'cross-device', base: fake.url, cacheDir: home, http: nodeHttp, now: Date.now, writeText: nodeWriteTextPrivate });
    const pasted = parsePastedCode(/<pre id="code">([^<]+)<\/pre>/.exec(await browse(signIn.authorizeUrl))?.[1] ?? '');
    assert.ok(typeof pasted !== 'string');
    await assert.rejects(signIn.finish(pasted.code, 'another'), /its state does not match/);
    await signIn.finish(pasted.code, pasted.state);
    await assert.rejects(signIn.finish(pasted.code, pasted.state), /HTTP 400/);
    const again = new LoginSignIn({ mode: 'cross-device', base: fake.url, cacheDir: home, http: nodeHttp, now: Date.now, writeText: nodeWriteTextPrivate });
    const p2 = parsePastedCode(/<pre id="code">([^<]+)<\/pre>/.exec(await browse(again.authorizeUrl))?.[1] ?? '');
    assert.ok(typeof p2 !== 'string');
    fake.expireNextCode = true;
    await assert.rejects(again.finish(p2.code, p2.state), /The sign-in took too long: its code expired\./);
    rmSync(home, { recursive: true, force: true });
  });
});

describe('adding an aws login profile to the config file (as aws login does)', () => {
  const S = 'arn:aws:iam::123456789012:user/jane';
  it('appends [profile NAME] with login_session and region, leaving every other line as it was', () => {
    const before = '# mine\n[default]\nregion = eu-west-1\n';
    const p = planLoginProfile(before, 'console', S, 'eu-west-1');
    assert.ok('text' in p);
    assert.equal(p.text, `${before}\n[profile console]\nlogin_session = ${S}\nregion = eu-west-1\n`);
    const set = profilesFrom(p.text);
    assert.equal(resolveChain(set.profiles, set.ssoSessions, 'console').base.kind, 'login');
  });
  it('completes a profile holding settings only or an older session; refuses one holding other credentials', () => {
    const p = planLoginProfile(`[profile console]\noutput = json\nlogin_session = arn:aws:iam::123456789012:user/old\n`, 'console', S, 'us-east-1');
    assert.ok('text' in p);
    assert.equal(p.text, `[profile console]\nregion = us-east-1\noutput = json\nlogin_session = ${S}\n`);
    const r = planLoginProfile('[profile dev]\nrole_arn = arn:aws:iam::1:role/R\nsource_profile = base\n', 'dev', S, 'us-east-1');
    assert.deepEqual(r, { refused: 'Profile "dev" already holds other credentials (role_arn, source_profile); choose another name.' });
  });
  it('never adds a line from its inputs: names and values with line breaks are refused', () => {
    assert.ok('refused' in planLoginProfile('', 'a\n[profile evil]', S, 'us-east-1'));
    assert.ok('refused' in planLoginProfile('', 'ok', `${S}\ncredential_process = evil`, 'us-east-1'));
    assert.ok('refused' in planLoginProfile('', 'ok', S, 'us-east-1\n[x]'));
  });
});
