/// <reference lib="dom" />
/**
 * As a person: short-lived credentials of an MFA role. The background refresh never pops an input
 * box; a notification says they expire soon and its Renew button asks for a code; when ignored,
 * the status bar says expired.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Workbench } from './workbench';

describe('UI: expiry warning and renewal', { timeout: 240_000 }, () => {
  let wb: Workbench;
  before(async () => {
    wb = await Workbench.open({ settings: { 'awsRoleSwitcher.expiryWindowSeconds': 20 } });
    wb.sts.credentialLifetimeSeconds = 30;
  });
  after(async () => {
    await wb?.close();
  });

  const toast = () => wb.page.locator('.notification-toast', { hasText: /Credentials for "demo-admin-mfa" expire in/ });

  it('AWS: Assume Role… from the palette lists roles; the MFA role is assumed with a code', async () => {
    await wb.runCommand('AWS: Assume Role…');
    await wb.page.waitForFunction(() => /AWS: Assume Role/.test(document.querySelector('.quick-input-title')?.textContent ?? ''));
    const rows = await wb.pickRows();
    assert.ok(!rows.some((r) => /static keys/.test(r)), 'static-key profiles are not offered as roles');
    assert.ok(
      rows.some((r) => /demo-dev.*role/.test(r)),
      rows.join(' | '),
    );
    await wb.typeInQuickInput('demo-admin-mfa');
    await wb.page.keyboard.press('Enter');
    await wb.page.waitForFunction(() => /MFA code for demo-admin-mfa/.test(document.querySelector('.quick-input-title')?.textContent ?? ''));
    await wb.typeInQuickInput(wb.mfaCode());
    await wb.page.keyboard.press('Enter');
    assert.match(await wb.waitStatus(/demo-admin-mfa \(333333333333 Admin\) \d+s/), /\d+s$/);
  });

  it('inside the expiry window a notification offers Renew, with no input box popping up', async () => {
    await toast().waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await wb.quickInput().isVisible(), false, 'no input box was forced on the person');
    const bg = await wb.page.evaluate(() => {
      const el = document.querySelector('[aria-label^="AWS Role Switcher"]')?.closest('.statusbar-item') as HTMLElement | null;
      return el ? getComputedStyle(el).backgroundColor : '';
    });
    assert.notEqual(bg, '', 'status bar item found');
    assert.notEqual(bg, 'rgba(0, 0, 0, 0)', 'the status bar item has a warning background');
    await wb.screenshot('expiry-warning.png', toast(), wb.statusItem());
  });

  it('Renew asks for a code and renews the credentials', async () => {
    const before = await wb.statusText();
    await toast().locator('.monaco-button', { hasText: 'Renew' }).click();
    await wb.page.waitForFunction(() => /MFA code for demo-admin-mfa/.test(document.querySelector('.quick-input-title')?.textContent ?? ''));
    await wb.typeInQuickInput(wb.mfaCode());
    await wb.page.keyboard.press('Enter');
    await wb.page.waitForFunction(
      () => !document.querySelector('.quick-input-widget') || (document.querySelector('.quick-input-widget') as HTMLElement).style.display === 'none',
    );
    const after = await wb.waitStatus(/\((333333333333 Admin)\) (2\d|30)s/);
    assert.notEqual(after, before);
    assert.equal(wb.sts.callsOf('AssumeRole').filter((c) => c.error === undefined).length, 2);
  });

  it('if the notification is ignored, the status bar shows expired', async () => {
    assert.match(await wb.waitStatus(/expired/, 60_000), /demo-admin-mfa .*expired/);
    await wb.screenshot('expired.png', wb.page.locator('.part.statusbar'));
  });
});
