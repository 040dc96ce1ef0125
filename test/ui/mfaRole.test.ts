/// <reference lib="dom" />
/**
 * As a person: pick an MFA role from the status bar, type a wrong code (told so, asked again),
 * the right code (status bar shows role and countdown), see it in a terminal, sign out.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Workbench } from './workbench';

describe('UI: an MFA role from the status bar', { timeout: 240_000 }, () => {
  let wb: Workbench;
  before(async () => {
    wb = await Workbench.open();
  });
  after(async () => {
    await wb?.close();
  });

  it('the status bar says AWS: none at start', async () => {
    assert.match(await wb.waitStatus(/AWS: none/), /AWS: none/);
  });

  it('clicking it opens the picker with every profile, its kind, account and region', async () => {
    await wb.statusItem().click();
    await wb.quickInput().waitFor({ state: 'visible' });
    assert.equal(await wb.quickInputTitle(), 'AWS: Switch Profile');
    const rows = await wb.pickRows();
    const text = rows.join('\n');
    for (const p of ['demo-base', 'demo-dev', 'demo-admin-mfa', 'demo-prod-chain', 'demo-vendor', 'demo-ci-web-identity']) assert.match(text, new RegExp(p));
    assert.match(text, /demo-admin-mfa.*MFA role · 333333333333 · us-west-2/);
    assert.match(text, /demo-ci-web-identity.*web identity · 666666666666/);
    assert.match(text, /Open config file/);
  });

  it('usable profiles come first and the first is the one Enter takes; the settings-only [default] comes last, quietly', async () => {
    const rows = await wb.pickRows();
    const at = (re: RegExp): number => rows.findIndex((r) => re.test(r));
    assert.doesNotMatch(rows[0] ?? '', /default/, rows.join(' | '));
    assert.match(rows.find((r) => /default/.test(r)) ?? '', /settings only · us-east-1/);
    assert.doesNotMatch(rows.find((r) => /default/.test(r)) ?? '', /cannot be used|warning/);
    for (const p of ['demo-base', 'demo-dev', 'demo-vendor', 'demo-sso'])
      assert.ok(at(/default/) > at(new RegExp(p)), `[default] after ${p}: ${rows.join(' | ')}`);
    const focused = (await wb.quickInput().locator('.monaco-list-row.focused').first().innerText()).replace(/\s+/g, ' ').trim();
    assert.equal(focused, rows[0], 'Enter takes the first row, a usable profile');
  });

  it('typing filters; choosing the MFA role opens the MFA box naming profile and device', async () => {
    await wb.typeInQuickInput('admin');
    const rows = await wb.pickRows();
    assert.ok(
      rows.every((r) => /admin/i.test(r)),
      rows.join(' | '),
    );
    await wb.screenshot('picker.png', wb.quickInput());
    await wb.page.keyboard.press('Enter');
    await wb.page.waitForFunction(() => /MFA code for demo-admin-mfa/.test(document.querySelector('.quick-input-title')?.textContent ?? ''));
    assert.equal(await wb.quickInputTitle(), 'MFA code for demo-admin-mfa');
  });

  it('validates as you type', async () => {
    await wb.typeInQuickInput('12');
    await wb.page.waitForFunction(() => /4 more digits/.test(document.querySelector('.quick-input-message')?.textContent ?? ''));
    await wb.typeInQuickInput('12a');
    await wb.page.waitForFunction(() => /digits only/.test(document.querySelector('.quick-input-message')?.textContent ?? ''));
  });

  it('a wrong code is refused and the box asks again', async () => {
    const right = wb.sts.currentCode('arn:aws:iam::111111111111:mfa/demo-user');
    const wrong = String((Number(right) + 500_000) % 1_000_000).padStart(6, '0');
    await wb.typeInQuickInput(wrong);
    await wb.page.keyboard.press('Enter');
    await wb.page.waitForFunction(() => /not accepted/.test(document.querySelector('.quick-input-message')?.textContent ?? ''), undefined, { timeout: 20_000 });
    assert.match(await wb.quickInputMessage(), /That code was not accepted/);
    assert.match(await wb.quickInputTitle(), /MFA code for demo-admin-mfa/);
    await wb.screenshot('mfa-retry.png', wb.quickInput());
  });

  it('the right code assumes the role: the status bar shows role and countdown', async () => {
    await wb.typeInQuickInput(wb.mfaCode());
    await wb.page.keyboard.press('Enter');
    const text = await wb.waitStatus(/demo-admin-mfa \(/);
    assert.match(text, /demo-admin-mfa \(333333333333 Admin\) (59|60)m/);
    // The status bar item and its tooltip (role, account, chain, time left).
    await wb.statusItem().hover();
    const tip = wb.page.locator('.monaco-hover', { hasText: 'Click to switch profile' });
    await tip.waitFor({ state: 'visible' });
    await wb.screenshot('status-bar.png', tip, wb.statusItem());
    await wb.page.mouse.move(640, 300);
  });

  it('a new terminal runs the AWS CLI as the role', async () => {
    await wb.runCommand('Terminal: Create New Terminal');
    await wb.page.locator('.xterm-rows').first().waitFor({ state: 'visible', timeout: 30_000 });
    await wb.page
      .waitForFunction(() => /\$/.test((document.querySelector('.xterm-rows') as HTMLElement | null)?.innerText ?? ''), undefined, { timeout: 30_000 })
      .catch(async (e: unknown) => {
        await wb.screenshot('debug-terminal.png');
        throw e;
      });
    await wb.page.keyboard.type(`/usr/bin/aws sts get-caller-identity --endpoint-url ${wb.sts.url} --query Arn --output text\n`);
    await wb.page
      .waitForFunction(() => /assumed-role\/Admin\//.test((document.querySelector('.xterm-rows') as HTMLElement | null)?.innerText ?? ''), undefined, {
        timeout: 30_000,
      })
      .catch(async (e: unknown) => {
        await wb.screenshot('debug-terminal.png');
        throw e;
      });
    assert.match(await wb.terminalText(), /arn:aws:sts::333333333333:assumed-role\/Admin\//);
  });

  it('AWS: Sign Out from the command palette puts the status bar back to none', async () => {
    await wb.runCommand('AWS: Sign Out');
    assert.match(await wb.waitStatus(/AWS: none/), /AWS: none/);
  });
});
