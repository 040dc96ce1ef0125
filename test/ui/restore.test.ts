/// <reference lib="dom" />
/**
 * As a person who reloads the window (or restarts VS Code): the profile this workspace had comes
 * back by itself; an MFA role comes back from the session it shared with the AWS CLI, or else as a
 * notification whose Renew asks for the code (no input box pops up by itself); a production
 * profile and a signed-out window do not come back.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Workbench } from './workbench';

describe('UI: the active profile survives a window reload', { timeout: 300_000 }, () => {
  let wb: Workbench;
  before(async () => {
    wb = await Workbench.open({ settings: { 'awsRoleSwitcher.productionProfiles': ['demo-vendor'] } });
  });
  after(async () => {
    await wb?.close();
  });

  const reload = async (): Promise<void> => {
    // Extension state reaches VS Code's storage shortly after it changes (measured: a reload
    // within ~100 ms of a pick can lose it); a person does not reload that fast.
    await new Promise((r) => setTimeout(r, 2000));
    await wb.page.reload();
    await wb.statusItem().waitFor({ state: 'visible', timeout: 90_000 });
  };

  it('a role comes back after a reload, with no click', async () => {
    await wb.waitStatus(/AWS: none/);
    await wb.pickProfile('demo-dev');
    await wb.waitStatus(/demo-dev \(/);
    const calls = wb.sts.callsOf('AssumeRole').length;
    await reload();
    assert.match(await wb.waitStatus(/demo-dev \(/, 60_000), /demo-dev \(222222222222 Developer\)/);
    assert.equal(wb.sts.callsOf('AssumeRole').length, calls + 1, 'assumed again in the new window');
  });

  it('an MFA role comes back without a code from the session it shared with the AWS CLI; without it, as a notification whose Renew asks for the code', async () => {
    await wb.pickProfile('demo-admin-mfa');
    await wb.page.waitForFunction(() => /MFA code for demo-admin-mfa/.test(document.querySelector('.quick-input-title')?.textContent ?? ''));
    await wb.typeInQuickInput(wb.mfaCode());
    await wb.page.keyboard.press('Enter');
    await wb.waitStatus(/demo-admin-mfa \(/);
    const cache = path.join(wb.home, '.aws', 'cli', 'cache');
    assert.ok(
      fs.readdirSync(cache).some((f) => fs.readFileSync(path.join(cache, f), 'utf8').includes('assumed-role/Admin/')),
      'the session went to the AWS CLI cache',
    );
    const calls = wb.sts.callsOf('AssumeRole').length;
    await reload();
    assert.match(await wb.waitStatus(/demo-admin-mfa \(/, 60_000), /demo-admin-mfa \(333333333333 Admin\)/);
    assert.equal(wb.sts.callsOf('AssumeRole').length, calls, 'no AssumeRole and no code: the cached session came back');

    // The CLI's session gone (it expired, or the CLI signed out): the restore needs a code, and asks only when told.
    fs.rmSync(cache, { recursive: true, force: true });
    await reload();
    const toast = wb.page.locator('.notification-toast', { hasText: 'Profile "demo-admin-mfa" needs an MFA code' });
    await toast.waitFor({ state: 'visible', timeout: 60_000 });
    assert.equal(await wb.page.locator('.quick-input-widget .quick-input-title', { hasText: 'MFA code' }).isVisible(), false, 'no input box by itself');
    await toast.locator('.monaco-button', { hasText: 'Renew' }).click();
    await wb.page.waitForFunction(() => /MFA code for demo-admin-mfa/.test(document.querySelector('.quick-input-title')?.textContent ?? ''));
    await wb.typeInQuickInput(wb.mfaCode());
    await wb.page.keyboard.press('Enter');
    assert.match(await wb.waitStatus(/demo-admin-mfa \(/), /demo-admin-mfa \(333333333333 Admin\)/);
  });

  it('a production profile does not come back by itself', async () => {
    await wb.pickProfile('demo-vendor');
    await wb.page.locator('.monaco-dialog-box .monaco-button', { hasText: 'Assume Production Role' }).click();
    await wb.waitStatus(/PROD demo-vendor/);
    const calls = wb.sts.calls.length;
    await reload();
    await wb.waitStatus(/AWS: none/);
    await new Promise((r) => setTimeout(r, 3000));
    assert.match(await wb.statusText(), /AWS: none/);
    assert.equal(wb.sts.calls.length, calls, 'no STS call on open');
  });

  it('after Sign Out nothing comes back', async () => {
    await wb.pickProfile('demo-dev');
    await wb.waitStatus(/demo-dev \(/);
    await wb.runCommand('AWS: Sign Out');
    await wb.waitStatus(/AWS: none/);
    const calls = wb.sts.calls.length;
    await reload();
    await new Promise((r) => setTimeout(r, 3000));
    assert.match(await wb.statusText(), /AWS: none/);
    assert.equal(wb.sts.calls.length, calls, 'no STS call on open');
  });
});
