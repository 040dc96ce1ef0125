import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Deps } from '../../src/credentials/deps';
import { nodeHttp } from '../../src/credentials/nodeHttp';
import { MAX_PAGES_PER_LIST, MAX_PORTAL_REQUESTS, listPortalAccounts } from '../../src/credentials/signIn/ssoPortal';
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

describe('a hostile or broken portal: the listing is bounded and can be cancelled', () => {
  const cacheDir = mkdtempSync(join(tmpdir(), 'ars-portal-hostile-'));
  writeFileSync(
    join(cacheDir, `${createHash('sha1').update('corp').digest('hex')}.json`),
    JSON.stringify({
      startUrl: 'https://corp.awsapps.com/start',
      region: 'eu-west-1',
      accessToken: 'tok',
      expiresAt: new Date(Date.now() + 3600_000).toISOString(),
    }),
  );
  const config = profilesFrom('[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n');
  /** A portal answering every request with `answer(url, n)`; counts the requests. */
  const portal = (answer: (url: string, n: number) => unknown) => {
    const urls: string[] = [];
    const deps = {
      env: {},
      now: Date.now,
      readFile: (p: string) => readFile(p),
      http: async (u: string) => {
        urls.push(u);
        return { status: 200, body: JSON.stringify(answer(u, urls.length)), headers: {} };
      },
      ssoCacheDir: cacheDir,
      writeTextPrivate: async () => undefined,
    } as unknown as Deps;
    return { deps, urls };
  };

  it('a next_token given again stops the listing at once, with what happened', async () => {
    const p = portal((u) =>
      u.includes('/accounts') ? { accountList: [{ accountId: '111111111111', accountName: 'A' }], nextToken: 'same' } : { roleList: [] },
    );
    await assert.rejects(listPortalAccounts(config, 'corp', p.deps), /page token it had already given/);
    assert.equal(p.urls.length, 2, 'the first page and the one that repeated its token');
  });

  it('ever-new tokens: one list stops at 100 pages, the whole listing at its request budget', async () => {
    const one = portal((u, n) => (u.includes('/accounts') ? { accountList: [], nextToken: `t${n}` } : { roleList: [] }));
    await assert.rejects(listPortalAccounts(config, 'corp', one.deps), /kept answering with more pages/);
    assert.equal(one.urls.length, MAX_PAGES_PER_LIST);
    // 2,000 accounts whose role lists each run 5 pages: cut at the budget, not 10,020 requests.
    const ids = Array.from({ length: 2000 }, (_, i) => String(100000000000 + i));
    const many = portal((u, n) => {
      if (u.includes('/accounts')) {
        const page = Number(/next_token=p(\d+)/.exec(u)?.[1] ?? 0);
        return {
          accountList: ids.slice(page * 100, page * 100 + 100).map((accountId) => ({ accountId, accountName: accountId })),
          ...(page < 19 ? { nextToken: `p${page + 1}` } : {}),
        };
      }
      const k = Number(/next_token=r(\d+)/.exec(u)?.[1] ?? 0);
      return { roleList: [{ roleName: `R${n}` }], ...(k < 4 ? { nextToken: `r${k + 1}` } : {}) };
    });
    await assert.rejects(listPortalAccounts(config, 'corp', many.deps), /kept answering with more pages/);
    assert.equal(many.urls.length, MAX_PORTAL_REQUESTS);
  });

  it('an account listed twice is asked for once', async () => {
    const p = portal((u) =>
      u.includes('/accounts')
        ? { accountList: Array.from({ length: 50 }, () => ({ accountId: '111111111111', accountName: 'A' })) }
        : { roleList: [{ roleName: 'Admin' }] },
    );
    assert.deepEqual(await listPortalAccounts(config, 'corp', p.deps), [{ accountId: '111111111111', accountName: 'A', roles: ['Admin'] }]);
    assert.equal(p.urls.length, 2);
  });

  it('cancelled: no request after the cancel, and the listing ends as Cancelled', async () => {
    let cancel = false;
    const p = portal((u, n) => {
      if (n === 3) cancel = true;
      return u.includes('/accounts') ? { accountList: [], nextToken: `t${n}` } : { roleList: [] };
    });
    await assert.rejects(
      listPortalAccounts(config, 'corp', p.deps, () => cancel),
      (e: unknown) => e instanceof CredentialsError && e.code === 'Cancelled',
    );
    assert.equal(p.urls.length, 3);
  });
});
