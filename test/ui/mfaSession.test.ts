/// <reference lib="dom" />
/**
 * As a person who set `awsRoleSwitcher.mfaSessionDurationSeconds` to 12 hours: the first MFA role
 * asks for one code and says it opens a 12-hour MFA session; refreshing, and switching to another
 * role over the same keys (a chain through the MFA role), ask for nothing; Sign Out forgets the
 * session, so the next MFA role asks again.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Workbench } from './workbench';

describe('UI: one MFA code for a 12-hour MFA session', { timeout: 240_000 }, () => {
  let wb: Workbench;
  before(async () => {
    wb = await Workbench.open({ settings: { 'awsRoleSwitcher.mfaSessionDurationSeconds': 43200 } });
  });
  after(async () => {
    await wb?.close();
  });

  const count = (action: string): number => wb.sts.callsOf(action).filter((c) => c.error === undefined).length;
  const mfaBoxOpen = (): Promise<boolean> =>
    wb.page.evaluate(() =>
      /MFA code for/.test(document.querySelector('.quick-input-widget:not([style*="display: none"]) .quick-input-title')?.textContent ?? ''),
    );

  it('the first MFA role asks once, and says the code opens a 12-hour session', async () => {
    await wb.waitStatus(/AWS: none/);
    await wb.pickProfile('demo-admin-mfa');
    await wb.page.waitForFunction(() => /MFA code for demo-admin-mfa/.test(document.querySelector('.quick-input-title')?.textContent ?? ''));
    assert.match(await wb.quickInputMessage(), /opens a 12 h MFA session for every role over these keys/);
    await wb.typeInQuickInput(wb.mfaCode());
    await wb.page.keyboard.press('Enter');
    assert.match(await wb.waitStatus(/demo-admin-mfa \(/), /demo-admin-mfa \(333333333333 Admin\)/);
    assert.equal(count('GetSessionToken'), 1);
    assert.equal(wb.sts.callsOf('AssumeRole').at(-1)?.params['SerialNumber'], undefined, 'the role is assumed from the session, without a code');
  });

  it('Refresh Credentials Now renews the role from the session without asking', async () => {
    const before = count('AssumeRole');
    await wb.runCommand('AWS: Refresh Credentials Now');
    for (let i = 0; i < 100 && count('AssumeRole') === before; i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(count('AssumeRole'), before + 1);
    assert.equal(await mfaBoxOpen(), false);
    assert.equal(count('GetSessionToken'), 1);
  });

  it('switching to a chain through the MFA role asks for nothing', async () => {
    await wb.pickProfile('demo-prod-chain');
    assert.match(await wb.waitStatus(/demo-prod-chain \(/), /demo-prod-chain \(444444444444 ProdReadOnly\)/);
    assert.equal(await mfaBoxOpen(), false);
    assert.equal(count('GetSessionToken'), 1);
  });

  it('after Sign Out the next MFA role asks again', async () => {
    await wb.runCommand('AWS: Sign Out');
    await wb.waitStatus(/AWS: none/);
    await wb.pickProfile('demo-admin-mfa');
    await wb.page.waitForFunction(() => /MFA code for demo-admin-mfa/.test(document.querySelector('.quick-input-title')?.textContent ?? ''));
    await wb.typeInQuickInput(wb.mfaCode());
    await wb.page.keyboard.press('Enter');
    await wb.waitStatus(/demo-admin-mfa \(/);
    assert.equal(count('GetSessionToken'), 2);
  });
});
