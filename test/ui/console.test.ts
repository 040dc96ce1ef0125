/// <reference lib="dom" />
/**
 * As a person: with a role active, hover the status bar, click **Open Console** in its tooltip and
 * allow VS Code to open the site: the browser goes through the AWS federation endpoint (the fake
 * STS plays it, set by the machine-scoped `console.federationEndpoint`) and arrives signed in as
 * the role, at the configured destination in the session's Region. The sign-in URL never reaches
 * the log. Copy Console Sign-in URL puts a working URL on the clipboard, only when asked.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { ConsoleLogin } from '../fakeSts/server';
import { Workbench } from './workbench';

describe('UI: the AWS console as the active role', { timeout: 240_000 }, () => {
  let wb: Workbench;
  before(async () => {
    wb = await Workbench.open({
      // The fake's browser address (127.0.0.2): code-server rewrites links to 127.0.0.1 into its port proxy.
      settings: (w) => ({
        'awsRoleSwitcher.profile': 'demo-dev',
        'awsRoleSwitcher.console.federationEndpoint': `${w.sts.browserUrl}/federation`,
        'awsRoleSwitcher.console.destination': 's3/home',
      }),
    });
  });
  after(async () => {
    await wb?.close();
  });

  /**
   * Clicks `target`, lets VS Code open the site (answering its trust dialog if it asks: it does for
   * the real sign-in site, not for a loopback one) and waits for the sign-in the click causes to
   * reach the fake's federation endpoint.
   */
  async function signInThrough(target: Locator): Promise<{ tab: Page; login: ConsoleLogin | undefined }> {
    const before = wb.sts.consoleLogins.length;
    const tab = await wb.pageOpenedBy(() => target.click());
    const deadline = Date.now() + 30_000;
    while (wb.sts.consoleLogins.length === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    return { tab, login: wb.sts.consoleLogins.length > before ? wb.sts.consoleLogins.at(-1) : undefined };
  }

  it('Open Console in the status-bar tooltip signs the browser in as the role, at the destination in its Region', async () => {
    await wb.waitStatus(/demo-dev \(222222222222 Developer\)/);
    assert.equal(wb.sts.consoleLogins.length, 0);
    await wb.statusItem().hover();
    const link = wb.page.locator('.monaco-hover a', { hasText: 'Open Console' });
    await link.waitFor({ state: 'visible' });
    const { tab, login } = await signInThrough(link);
    assert.ok(login !== undefined, `the browser tab reached the federation endpoint (tab at ${tab.url()})`);
    assert.match(login.arn, /^arn:aws:sts::222222222222:assumed-role\/Developer\//);
    assert.equal(login.destination, 'https://console.aws.amazon.com/s3/home?region=eu-west-1');
    // The fake's console page: who signed in, where, until when.
    await tab.locator('#who').waitFor({ state: 'visible' });
    assert.match(await tab.locator('#who').innerText(), /Signed in as arn:aws:sts::222222222222:assumed-role\/Developer\/.+ \(account 222222222222\)/);
    assert.match(await tab.locator('#where').innerText(), /At s3 in eu-west-1/);
    assert.match(await tab.locator('#until').innerText(), /Until \S/);
    await tab.close();
    await wb.screenshot('console-opened.png');
  });

  it('the log says who and where, never the sign-in URL or token', async () => {
    const deadline = Date.now() + 15_000;
    let log = wb.logText();
    while (!/console: opening/.test(log) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      log = wb.logText();
    }
    assert.match(
      log,
      /console: opening https:\/\/console\.aws\.amazon\.com\/s3\/home\?region=eu-west-1 as arn:aws:sts::222222222222:assumed-role\/Developer\//,
    );
    assert.doesNotMatch(log, /SigninToken|getSigninToken|Action=login/);
  });

  it('Copy Console Sign-in URL: on request only, a URL that signs in once followed', async () => {
    await wb.page.evaluate(() => navigator.clipboard.writeText('before'));
    await wb.runCommand('AWS: Copy Console Sign-in URL');
    const toast = wb.page.locator('.notification-toast', { hasText: 'Console sign-in URL for demo-dev copied' });
    await toast.waitFor({ state: 'visible' });
    const url = await wb.page.evaluate(() => navigator.clipboard.readText());
    assert.match(url, new RegExp(`^${wb.sts.browserUrl}/federation\\?Action=login&Destination=.+&SigninToken=`));
    const before = wb.sts.consoleLogins.length;
    const r = await fetch(url, { redirect: 'manual' });
    assert.equal(r.status, 302);
    assert.equal(wb.sts.consoleLogins.length, before + 1);
    assert.doesNotMatch(wb.logText(), /SigninToken/);
  });

  it("a profile's Open Console button in the picker signs in as that profile without switching (long-term keys: GetFederationToken first)", async () => {
    const before = wb.sts.consoleLogins.length;
    await wb.statusItem().click();
    await wb.quickInput().waitFor({ state: 'visible' });
    await wb.typeInQuickInput('demo-base');
    const row = wb.quickInput().locator('.monaco-list-row', { hasText: 'demo-base' }).first();
    await row.waitFor({ state: 'visible' });
    await row.hover();
    const { tab, login } = await signInThrough(row.locator('.action-label.codicon-link-external'));
    assert.ok(login !== undefined && wb.sts.consoleLogins.length === before + 1, 'the browser reached the federation endpoint');
    assert.match(login.arn, /^arn:aws:sts::111111111111:federated-user\//);
    assert.equal(login.sessionDuration, 43200, 'federation credentials: the console session length setting');
    assert.equal(login.destination, 'https://console.aws.amazon.com/s3/home?region=us-east-1', "demo-base's Region");
    assert.ok(wb.sts.callsOf('GetFederationToken').some((c) => c.error === undefined));
    await tab.close();
    assert.match(await wb.statusText(), /demo-dev/, 'the window kept its profile');
  });
});
