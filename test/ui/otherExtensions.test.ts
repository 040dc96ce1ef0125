/// <reference lib="dom" />
/**
 * As a person, with a second extension installed that wants AWS credentials (an AI assistant, a
 * database tool): it asks through VS Code's authentication API, VS Code asks the person, a refusal
 * refuses; once allowed it signs an STS call with the credentials (the fake STS checks the
 * signature), and it hears of a switch.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { Workbench, repoRoot } from './workbench';
import { writeDemoLoginSession } from '../fakeSts/demoWorld';

describe('UI: credentials for other extensions, with consent', { timeout: 240_000 }, () => {
  let wb: Workbench;
  before(async () => {
    wb = await Workbench.open({
      moreExtensions: [path.join(repoRoot, 'test', 'ui', 'consumer')],
      // demo-base counts as production here: the other extension asks for it by name.
      beforeStart: (w) => writeDemoLoginSession(w.home, w.sts),
      settings: (w) => ({ 'awsRoleSwitcher.profile': 'demo-dev', 'arsConsumer.stsEndpoint': w.sts.url, 'awsRoleSwitcher.productionProfiles': ['demo-base'] }),
    });
  });
  after(async () => {
    await wb?.close();
  });

  const toast = (text: string | RegExp) => wb.page.locator('.notification-toast', { hasText: text });
  const dialogButton = (label: string) => wb.page.locator('.monaco-dialog-box .monaco-button', { hasText: new RegExp(`^${label}$`) });

  it('the other extension is refused until the person allows it', async () => {
    await wb.waitStatus(/demo-dev \(222222222222 Developer\)/);
    await wb.runCommand('Consumer: Who Am I in AWS');
    await dialogButton('Cancel').waitFor({ state: 'visible' });
    assert.match(await wb.page.locator('.monaco-dialog-box').innerText(), /AWS Role Switcher/);
    await dialogButton('Cancel').click();
    await toast(/Consumer: refused/).waitFor({ state: 'visible' });
  });

  /** Notifications of earlier steps must not answer the waits of the next one. */
  const clearNotifications = async (): Promise<void> => {
    await wb.runCommand('Notifications: Clear All Notifications');
    await wb.page.locator('.notification-toast').first().waitFor({ state: 'detached' });
  };

  it('once allowed, it signs an STS call as the active role', async () => {
    await clearNotifications();
    const before = wb.sts.callsOf('GetCallerIdentity').length;
    await wb.runCommand('Consumer: Who Am I in AWS');
    await dialogButton('Allow').waitFor({ state: 'visible' });
    await dialogButton('Allow').click();
    const said = toast(/Consumer: STS says/);
    await said.waitFor({ state: 'visible' }).catch(async (e: unknown) => {
      throw new Error(`${(e as Error).message}\nnotifications: ${JSON.stringify(await wb.page.locator('.notification-toast').allInnerTexts())}`);
    });
    assert.match(await said.innerText(), /arn:aws:sts::222222222222:assumed-role\/Developer\//);
    const call = wb.sts.callsOf('GetCallerIdentity').slice(before).at(-1);
    assert.ok(call !== undefined && call.error === undefined, 'the signature checked out');
  });

  /** How many session changes the other extension has heard of (its status-bar counter). */
  const changesSeen = async (): Promise<number> =>
    Number(/AWS changes seen: (\d+)/.exec(await wb.page.locator('.statusbar-item', { hasText: 'AWS changes seen' }).first().innerText())?.[1] ?? NaN);

  it('a switch reaches it as a change of sessions, and its next call acts as the new role without asking again', async () => {
    await clearNotifications();
    const before = await changesSeen();
    assert.ok(Number.isFinite(before), 'the other extension counts changes in the status bar');
    await wb.pickProfile('demo-vendor');
    await wb.waitStatus(/demo-vendor \(/);
    await wb.page.waitForFunction(
      (n) => {
        const item = Array.from(document.querySelectorAll('.statusbar-item')).find((e) => (e as HTMLElement).innerText.includes('AWS changes seen'));
        const m = /AWS changes seen: (\d+)/.exec((item as HTMLElement | undefined)?.innerText ?? '');
        return m !== null && Number(m[1]) > n;
      },
      before,
      { timeout: 30_000 },
    );
    await wb.runCommand('Consumer: Who Am I in AWS');
    const said = toast(/Consumer: STS says .*VendorAudit/);
    await said.waitFor({ state: 'visible' });
    assert.equal(await dialogButton('Allow').count(), 0, 'no second consent');
  });

  it('an aws login profile: after a switch to it, the next call acts as the signed-in principal', async () => {
    await clearNotifications();
    await wb.pickProfile('demo-login');
    await wb.waitStatus(/demo-login \(123456789012/);
    await wb.runCommand('Consumer: Who Am I in AWS');
    const said = toast(/Consumer: STS says .*user\/demo-user/);
    await said.waitFor({ state: 'visible' });
    assert.match(await said.innerText(), /arn:aws:iam::123456789012:user\/demo-user/);
    // Back to the profile the next steps start from.
    await clearNotifications();
    await wb.pickProfile('demo-vendor');
    await wb.waitStatus(/demo-vendor \(/);
  });

  it('a production profile asked for by name: the question says the extension gets its keys and the window stays as it is', async () => {
    await clearNotifications();
    await wb.runCommand('Consumer: Who Am I as demo-base');
    // VS Code's own question names the extension; ours follows it.
    await dialogButton('Allow').waitFor({ state: 'visible' });
    await dialogButton('Allow').click();
    const give = dialogButton('Give Keys to the Extension');
    await give.waitFor({ state: 'visible' });
    const words = await wb.page.locator('.monaco-dialog-box').innerText();
    assert.match(words, /An extension asks for the keys of production profile "demo-base"\. Give them to it\?/);
    assert.match(words, /Terminals, tasks and this window stay on demo-vendor\./);
    assert.doesNotMatch(words, /Assume it|Every terminal and task/, 'not the question of a window switch');
    await give.click();
    const said = toast(/Consumer: STS says/);
    await said.waitFor({ state: 'visible' });
    assert.match(await said.innerText(), /arn:aws:iam::111111111111:user\//);
    assert.match(await wb.statusText(), /demo-vendor/, 'the window kept its profile');
  });

  it('a scope that asks for a profile and names none exactly gets nothing and an error', async () => {
    await clearNotifications();
    await wb.runCommand('Consumer: Ask With a Broken Scope');
    await dialogButton('Allow').waitFor({ state: 'visible' });
    await dialogButton('Allow').click();
    const said = toast(/Consumer: refused/);
    await said.waitFor({ state: 'visible' });
    assert.match(await said.innerText(), /The scope "profile:demo-base\\n" does not name an AWS profile/);
  });

  it('Sign Out ends the session it asked for by name, and it hears of it', async () => {
    await clearNotifications();
    await wb.runCommand('Consumer: Do I Hold demo-base');
    await toast(/Consumer: holds a demo-base session/).waitFor({ state: 'visible' });
    await clearNotifications();
    const before = await changesSeen();
    await wb.runCommand('AWS: Sign Out');
    await wb.page.waitForFunction(
      (n) => {
        const item = Array.from(document.querySelectorAll('.statusbar-item')).find((e) => (e as HTMLElement).innerText.includes('AWS changes seen'));
        const m = /AWS changes seen: (\d+)/.exec((item as HTMLElement | undefined)?.innerText ?? '');
        return m !== null && Number(m[1]) >= n + 2;
      },
      before,
      { timeout: 30_000 },
    );
    await wb.runCommand('Consumer: Do I Hold demo-base');
    await toast(/Consumer: holds no demo-base session/).waitFor({ state: 'visible' });
  });
});
