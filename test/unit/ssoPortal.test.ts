import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Deps } from '../../src/credentials/build';
import { nodeHttp } from '../../src/credentials/nodeHttp';
import { listPortalAccounts } from '../../src/credentials/signIn/ssoPortal';
import { CredentialsError } from '../../src/credentials/types';
import { FakeSts } from '../fakeSts/server';
import { profilesFrom } from './helpers';

describe('the IAM Identity Center portal: accounts and roles', () => {
  const sts = new FakeSts({
    ssoAccounts: [
      { accountId: '111111111111', accountName: 'Dev', roles: ['Admin', 'ReadOnly', 'Billing'] },
      { accountId: '222222222222', accountName: 'Prod', roles: ['ReadOnly'] },
      { accountId: '333333333333', accountName: 'Logs', roles: [] },
    ],
    ssoPageSize: 2,
  });
  const cacheDir = mkdtempSync(join(tmpdir(), 'ars-portal-'));
  let url = '';
  before(async () => {
    url = await sts.start();
  });
  after(() => sts.stop());

  const config = () =>
    profilesFrom(
      `[default]\nservices = local\n[services local]\nsso =\n  endpoint_url = ${url}\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n`,
    );
  const deps = {
    env: {},
    now: Date.now,
    readFile: (p: string) => readFile(p),
    http: nodeHttp,
    ssoCacheDir: cacheDir,
    writeTextPrivate: async () => undefined,
  } as unknown as Deps;

  it('without a sign-in: NeedsLogin, with the sso-session sign-in command', async () => {
    await assert.rejects(listPortalAccounts(config(), 'corp', deps), (e: unknown) => {
      assert.ok(e instanceof CredentialsError);
      assert.equal(e.code, 'NeedsLogin');
      assert.match(e.hint ?? '', /aws sso login --sso-session corp/);
      return true;
    });
  });

  it('lists every account and role through every page, behind the cached token', async () => {
    const token = (await (await fetch(`${url}/__fake/sso/token`, { method: 'POST' })).json()) as { accessToken: string; expiresAt: string };
    writeFileSync(
      join(cacheDir, `${createHash('sha1').update('corp').digest('hex')}.json`),
      JSON.stringify({ startUrl: 'https://corp.awsapps.com/start', region: 'eu-west-1', accessToken: token.accessToken, expiresAt: token.expiresAt }),
    );
    const accounts = await listPortalAccounts(config(), 'corp', deps);
    assert.deepEqual(accounts, [
      { accountId: '111111111111', accountName: 'Dev', roles: ['Admin', 'ReadOnly', 'Billing'] },
      { accountId: '222222222222', accountName: 'Prod', roles: ['ReadOnly'] },
      { accountId: '333333333333', accountName: 'Logs', roles: [] },
    ]);
    // Pages of two: accounts 2 calls, Dev's roles 2, Prod 1, Logs 1.
    assert.equal(sts.callsOf('ListAccounts').length, 2);
    assert.equal(sts.callsOf('ListAccountRoles').length, 4);
  });

  it('an sso-session without a start URL says what to add', async () => {
    await assert.rejects(listPortalAccounts(profilesFrom('[sso-session x]\nsso_region = eu-west-1\n'), 'x', deps), /needs sso_start_url and sso_region/);
  });
});
