/**
 * The fake STS against the real clients: `@aws-sdk/client-sts` and the AWS CLI v2 (/usr/bin/aws).
 * These tests prove the fake is a faithful peer before the product is tested against it.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AssumeRoleCommand,
  AssumeRoleWithWebIdentityCommand,
  GetCallerIdentityCommand,
  GetSessionTokenCommand,
  STSClient,
  STSServiceException,
} from '@aws-sdk/client-sts';
import { FakeSts, makeJwt } from '../fakeSts/server';

const USER = {
  accessKeyId: 'AKIAFAKEUSER00000001',
  secretAccessKey: 'fakeSecretForTheDemoUser/0000000000000000',
  userArn: 'arn:aws:iam::111111111111:user/alice',
};
const ROLE = 'arn:aws:iam::222222222222:role/Dev';
const MFA_ROLE = 'arn:aws:iam::333333333333:role/Admin';
const EXT_ROLE = 'arn:aws:iam::444444444444:role/Vendor';
const WEB_ROLE = 'arn:aws:iam::555555555555:role/CI';
const SERIAL = 'arn:aws:iam::111111111111:mfa/alice';
/** A second device, so the MFA-session test never races the other tests for codes. */
const SESSION_SERIAL = 'arn:aws:iam::111111111111:mfa/alice-phone';

function client(url: string, creds: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): STSClient {
  return new STSClient({ region: 'us-east-1', endpoint: url, credentials: creds, maxAttempts: 1 });
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof STSServiceException) return `${e.name}: ${e.message}`;
    throw e;
  }
  return 'ok';
}

const AWS_CLI = '/usr/bin/aws';

function aws(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(AWS_CLI, args, { env: { PATH: process.env['PATH'] ?? '', ...env }, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : 1, stdout, stderr });
    });
  });
}

describe('fake STS with the real @aws-sdk/client-sts', () => {
  let skewMs = 0;
  const sts = new FakeSts({
    now: () => Date.now() + skewMs,
    keys: [USER],
    roles: [
      { arn: ROLE, maxSessionDuration: 7200 },
      { arn: MFA_ROLE, mfaSerial: SERIAL },
      { arn: EXT_ROLE, externalId: 'vendor-42' },
      { arn: WEB_ROLE, webIdentityIssuers: ['https://token.actions.example.com'] },
    ],
    mfaDevices: [
      { serial: SERIAL, secret: 'demo-seed' },
      { serial: SESSION_SERIAL, secret: 'session-seed' },
    ],
  });
  let url = '';
  before(async () => {
    url = await sts.start();
  });
  after(() => sts.stop());

  it('answers GetCallerIdentity for static keys, signature verified', async () => {
    const out = await client(url, USER).send(new GetCallerIdentityCommand({}));
    assert.equal(out.Arn, USER.userArn);
    assert.equal(out.Account, '111111111111');
  });

  it('rejects a wrong secret with SignatureDoesNotMatch and unknown keys with InvalidClientTokenId', async () => {
    assert.match(await code(client(url, { ...USER, secretAccessKey: 'wrong' }).send(new GetCallerIdentityCommand({}))), /^SignatureDoesNotMatch/);
    assert.match(await code(client(url, { accessKeyId: 'AKIANOPE', secretAccessKey: 'x' }).send(new GetCallerIdentityCommand({}))), /^InvalidClientTokenId/);
  });

  it('issues role credentials that themselves sign correctly, and needs the session token', async () => {
    const out = await client(url, USER).send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'alice' }));
    const c = out.Credentials;
    assert.ok(c?.AccessKeyId && c.SecretAccessKey && c.SessionToken && c.Expiration);
    assert.equal(out.AssumedRoleUser?.Arn, 'arn:aws:sts::222222222222:assumed-role/Dev/alice');
    const who = await client(url, { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken }).send(
      new GetCallerIdentityCommand({}),
    );
    assert.equal(who.Arn, 'arn:aws:sts::222222222222:assumed-role/Dev/alice');
    assert.match(
      await code(client(url, { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey }).send(new GetCallerIdentityCommand({}))),
      /^InvalidClientTokenId/,
    );
  });

  it('enforces DurationSeconds bounds, the role maximum and the role-chaining hour', async () => {
    const c = client(url, USER);
    assert.match(await code(c.send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'a1', DurationSeconds: 899 }))), /greater than or equal to 900/);
    assert.match(await code(c.send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'a1', DurationSeconds: 43201 }))), /less than or equal to 43200/);
    assert.match(await code(c.send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'a1', DurationSeconds: 7201 }))), /MaxSessionDuration/);
    const ok = await c.send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'a1', DurationSeconds: 7200 }));
    const cred = ok.Credentials;
    assert.ok(cred?.AccessKeyId && cred.SecretAccessKey && cred.SessionToken);
    const chained = client(url, { accessKeyId: cred.AccessKeyId, secretAccessKey: cred.SecretAccessKey, sessionToken: cred.SessionToken });
    sts.addRole({ arn: 'arn:aws:iam::222222222222:role/Next', maxSessionDuration: 43200 });
    assert.match(
      await code(chained.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::222222222222:role/Next', RoleSessionName: 'a1', DurationSeconds: 7200 }))),
      /role chaining/,
    );
  });

  it('validates RoleSessionName and Policy size', async () => {
    const c = client(url, USER);
    assert.match(await code(c.send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'a' }))), /^ValidationError.*length greater than or equal to 2/);
    assert.match(await code(c.send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'bad name' }))), /regular expression/);
    assert.match(await code(c.send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'x'.repeat(65) }))), /less than or equal to 64/);
    const big = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: 'x'.repeat(2100) }] });
    assert.match(await code(c.send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'ok', Policy: big }))), /2048/);
  });

  it('requires the ExternalId a role asks for', async () => {
    const c = client(url, USER);
    assert.match(await code(c.send(new AssumeRoleCommand({ RoleArn: EXT_ROLE, RoleSessionName: 'ok' }))), /^AccessDenied/);
    assert.equal(await code(c.send(new AssumeRoleCommand({ RoleArn: EXT_ROLE, RoleSessionName: 'ok', ExternalId: 'vendor-42' }))), 'ok');
  });

  it('enforces MFA: missing, wrong, right, then the same code again', async () => {
    const c = client(url, USER);
    assert.match(await code(c.send(new AssumeRoleCommand({ RoleArn: MFA_ROLE, RoleSessionName: 'ok' }))), /^AccessDenied/);
    const right = sts.currentCode(SERIAL);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    assert.match(
      await code(c.send(new AssumeRoleCommand({ RoleArn: MFA_ROLE, RoleSessionName: 'ok', SerialNumber: SERIAL, TokenCode: wrong }))),
      /^AccessDenied.*invalid MFA/,
    );
    assert.equal(await code(c.send(new AssumeRoleCommand({ RoleArn: MFA_ROLE, RoleSessionName: 'ok', SerialNumber: SERIAL, TokenCode: right }))), 'ok');
    assert.match(
      await code(c.send(new AssumeRoleCommand({ RoleArn: MFA_ROLE, RoleSessionName: 'ok', SerialNumber: SERIAL, TokenCode: right }))),
      /already used/,
    );
    assert.ok(
      sts.calls.every((call) => call.params['TokenCode'] === undefined || call.params['TokenCode'] === '******'),
      'codes are not recorded',
    );
  });

  it('GetSessionToken with MFA for a user, refused for session credentials', async () => {
    const out = await client(url, USER).send(
      new GetSessionTokenCommand({ SerialNumber: SERIAL, TokenCode: sts.currentCode(SERIAL, 1), DurationSeconds: 3600 }),
    );
    const c = out.Credentials;
    assert.ok(c?.AccessKeyId && c.SecretAccessKey && c.SessionToken);
    const role = await client(url, USER).send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'gst' }));
    const rc = role.Credentials;
    assert.ok(rc?.AccessKeyId && rc.SecretAccessKey && rc.SessionToken);
    assert.match(
      await code(
        client(url, { accessKeyId: rc.AccessKeyId, secretAccessKey: rc.SecretAccessKey, sessionToken: rc.SessionToken }).send(new GetSessionTokenCommand({})),
      ),
      /session credentials/,
    );
    assert.match(
      await code(
        client(url, { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken }).send(new GetSessionTokenCommand({})),
      ),
      /session credentials/,
    );
  });

  it('a role that requires MFA accepts a session opened with MFA (GetSessionToken) without a code, and refuses one opened without', async () => {
    const mfaOut = await client(url, USER).send(
      new GetSessionTokenCommand({ SerialNumber: SESSION_SERIAL, TokenCode: sts.currentCode(SESSION_SERIAL), DurationSeconds: 43200 }),
    );
    const m = mfaOut.Credentials;
    assert.ok(m?.AccessKeyId && m.SecretAccessKey && m.SessionToken && m.Expiration);
    assert.ok(m.Expiration.getTime() - Date.now() > 11 * 3600_000);
    const withMfa = client(url, { accessKeyId: m.AccessKeyId, secretAccessKey: m.SecretAccessKey, sessionToken: m.SessionToken });
    assert.equal(await code(withMfa.send(new AssumeRoleCommand({ RoleArn: MFA_ROLE, RoleSessionName: 'from-mfa-session' }))), 'ok');
    const plainOut = await client(url, USER).send(new GetSessionTokenCommand({}));
    const p = plainOut.Credentials;
    assert.ok(p?.AccessKeyId && p.SecretAccessKey && p.SessionToken);
    const plain = client(url, { accessKeyId: p.AccessKeyId, secretAccessKey: p.SecretAccessKey, sessionToken: p.SessionToken });
    assert.match(await code(plain.send(new AssumeRoleCommand({ RoleArn: MFA_ROLE, RoleSessionName: 'no-mfa' }))), /^AccessDenied/);
  });

  it('AssumeRoleWithWebIdentity is unsigned, checks the token and the trusted issuer', async () => {
    const anon = new STSClient({ region: 'us-east-1', endpoint: url, credentials: { accessKeyId: '', secretAccessKey: '' }, maxAttempts: 1 });
    const now = Math.floor(Date.now() / 1000);
    const good = makeJwt({ iss: 'https://token.actions.example.com', sub: 'repo:org/app', aud: 'sts.amazonaws.com', exp: now + 600 });
    const out = await anon.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: WEB_ROLE, RoleSessionName: 'ci', WebIdentityToken: good }));
    assert.equal(out.AssumedRoleUser?.Arn, 'arn:aws:sts::555555555555:assumed-role/CI/ci');
    assert.equal(sts.callsOf('AssumeRoleWithWebIdentity').at(-1)?.caller, undefined);
    assert.match(
      await code(anon.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: WEB_ROLE, RoleSessionName: 'ci', WebIdentityToken: 'not-a-jwt' }))),
      /^InvalidIdentityToken/,
    );
    const expired = makeJwt({ iss: 'https://token.actions.example.com', sub: 'x', exp: now - 10 });
    assert.match(
      await code(anon.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: WEB_ROLE, RoleSessionName: 'ci', WebIdentityToken: expired }))),
      /^ExpiredTokenException/,
    );
    const foreign = makeJwt({ iss: 'https://evil.example.com', sub: 'x', exp: now + 600 });
    assert.match(
      await code(anon.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: WEB_ROLE, RoleSessionName: 'ci', WebIdentityToken: foreign }))),
      /^AccessDenied/,
    );
  });

  it('issues short-lived credentials on request, and refuses them once expired', async () => {
    sts.credentialLifetimeSeconds = 1;
    try {
      const out = await client(url, USER).send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'short' }));
      const c = out.Credentials;
      assert.ok(c?.AccessKeyId && c.SecretAccessKey && c.SessionToken && c.Expiration);
      assert.ok(c.Expiration.getTime() - Date.now() <= 1000);
      skewMs = 2000; // the fake's clock moves on; signatures stay within the 15-minute skew
      assert.match(
        await code(
          client(url, { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken }).send(new GetCallerIdentityCommand({})),
        ),
        /^ExpiredToken/,
      );
    } finally {
      sts.credentialLifetimeSeconds = undefined;
      skewMs = 0;
    }
  });
});

describe('fake STS with the real AWS CLI v2 (/usr/bin/aws)', () => {
  const sts = new FakeSts({ keys: [USER], roles: [{ arn: ROLE }, { arn: MFA_ROLE, mfaSerial: SERIAL }], mfaDevices: [{ serial: SERIAL, secret: 'cli-seed' }] });
  let url = '';
  let home = '';
  before(async () => {
    url = await sts.start();
    home = mkdtempSync(join(tmpdir(), 'ars-cli-'));
    writeFileSync(join(home, 'credentials'), `[alice]\naws_access_key_id = ${USER.accessKeyId}\naws_secret_access_key = ${USER.secretAccessKey}\n`);
    writeFileSync(join(home, 'config'), '[profile alice]\nregion = eu-west-1\n');
  });
  after(() => sts.stop());

  const env = (): Record<string, string> => ({
    HOME: home,
    AWS_CONFIG_FILE: join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    AWS_PAGER: '',
  });

  it('aws sts get-caller-identity signs with the profile keys', async () => {
    const r = await aws(['sts', 'get-caller-identity', '--profile', 'alice', '--endpoint-url', url, '--output', 'json'], env());
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { Arn: string }).Arn, USER.userArn);
  });

  it('aws sts assume-role with MFA, then a call signed with the session credentials', async () => {
    const r = await aws(
      [
        'sts',
        'assume-role',
        '--profile',
        'alice',
        '--endpoint-url',
        url,
        '--role-arn',
        MFA_ROLE,
        '--role-session-name',
        'cli',
        '--serial-number',
        SERIAL,
        '--token-code',
        sts.currentCode(SERIAL),
        '--output',
        'json',
      ],
      env(),
    );
    assert.equal(r.code, 0, r.stderr);
    const c = (JSON.parse(r.stdout) as { Credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string } }).Credentials;
    const who = await aws(['sts', 'get-caller-identity', '--endpoint-url', url, '--output', 'json'], {
      HOME: home,
      AWS_CONFIG_FILE: '/nonexistent',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
      AWS_ACCESS_KEY_ID: c.AccessKeyId,
      AWS_SECRET_ACCESS_KEY: c.SecretAccessKey,
      AWS_SESSION_TOKEN: c.SessionToken,
      AWS_DEFAULT_REGION: 'us-east-1',
    });
    assert.equal(who.code, 0, who.stderr);
    assert.equal((JSON.parse(who.stdout) as { Arn: string }).Arn, 'arn:aws:sts::333333333333:assumed-role/Admin/cli');
  });

  it('the IAM Identity Center fakes answer the CLI: sso-oidc create-token renews (the old refresh token then fails), sso get-role-credentials exchanges the token', async () => {
    const base = ['--endpoint-url', url, '--region', 'eu-west-1', '--output', 'json'];
    const t = sts.issueSsoToken();
    const grant = [
      'sso-oidc',
      'create-token',
      '--client-id',
      t.clientId,
      '--client-secret',
      t.clientSecret,
      '--grant-type',
      'refresh_token',
      '--refresh-token',
      t.refreshToken,
      ...base,
    ];
    const renewed = await aws(grant, env());
    assert.equal(renewed.code, 0, renewed.stderr);
    const n = JSON.parse(renewed.stdout) as { accessToken: string; expiresIn: number; refreshToken: string; tokenType: string };
    assert.equal(n.expiresIn, 3600);
    assert.equal(n.tokenType, 'Bearer');
    assert.notEqual(n.refreshToken, t.refreshToken);
    const again = await aws(grant, env());
    assert.notEqual(again.code, 0);
    assert.match(again.stderr, /InvalidGrantException/);
    const rc = await aws(
      ['sso', 'get-role-credentials', '--account-id', '777777777777', '--role-name', 'PowerUser', '--access-token', n.accessToken, ...base],
      env(),
    );
    assert.equal(rc.code, 0, rc.stderr);
    const c = (JSON.parse(rc.stdout) as { roleCredentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string } }).roleCredentials;
    const who = await aws(['sts', 'get-caller-identity', '--endpoint-url', url, '--output', 'json'], {
      ...env(),
      AWS_CONFIG_FILE: '/nonexistent',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
      AWS_ACCESS_KEY_ID: c.accessKeyId,
      AWS_SECRET_ACCESS_KEY: c.secretAccessKey,
      AWS_SESSION_TOKEN: c.sessionToken,
      AWS_DEFAULT_REGION: 'eu-west-1',
    });
    assert.equal(who.code, 0, who.stderr);
    assert.match((JSON.parse(who.stdout) as { Arn: string }).Arn, /^arn:aws:sts::777777777777:assumed-role\/AWSReservedSSO_PowerUser_[0-9a-f]+\/demo-user$/);
    const refused = await aws(
      ['sso', 'get-role-credentials', '--account-id', '777777777777', '--role-name', 'PowerUser', '--access-token', 'not-a-token', ...base],
      env(),
    );
    assert.match(refused.stderr, /UnauthorizedException/);
  });

  it('a wrong secret fails in the CLI with SignatureDoesNotMatch', async () => {
    const r = await aws(['sts', 'get-caller-identity', '--endpoint-url', url], {
      HOME: home,
      AWS_CONFIG_FILE: '/nonexistent',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
      AWS_ACCESS_KEY_ID: USER.accessKeyId,
      AWS_SECRET_ACCESS_KEY: 'wrong',
      AWS_DEFAULT_REGION: 'us-east-1',
    });
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /SignatureDoesNotMatch/);
  });
});
