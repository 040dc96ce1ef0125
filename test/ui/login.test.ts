/// <reference lib="dom" />
/**
 * As a person with an `aws login` profile and no session yet: picking it says a sign-in is needed
 * and offers it; Sign In opens the AWS sign-in page (the fake's, which says who signed in) and, VS
 * Code in the browser being a remote window, the person pastes the code the page shows; the profile is
 * then active, and a terminal, the console and a role assumed over it act as the signed-in
 * principal. The picker says whether each is signed in; a Profiles view row signs in. (Same-device,
 * through a loopback callback: unit-tested.) No AWS CLI involved (Debian's 2.9 has no `aws login`).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { Workbench } from './workbench';

const PRINCIPAL = 'arn:aws:iam::123456789012:user/demo-user';

describe('UI: an aws login profile', { timeout: 240_000 }, () => {
  let wb: Workbench;
  // For a profile not written yet, the sign-in service comes from the environment (the standard variable).
  const env: Record<string, string> = {};
  before(async () => {
    wb = await Workbench.open({
      env,
      // The fake's browser address (127.0.0.2): code-server rewrites links to 127.0.0.1 into its port proxy.
      settings: (w) => ({ 'awsRoleSwitcher.console.federationEndpoint': `${w.sts.browserUrl}/federation` }),
      beforeStart: (w) => {
        env['AWS_ENDPOINT_URL_SIGNIN'] = w.sts.browserUrl;
        // The sign-in service at the fake's browser address (code-server rewrites links to 127.0.0.1).
        const config = path.join(w.home, '.aws', 'config');
        fs.appendFileSync(
          config,
          `\n[profile demo-login]\nlogin_session = ${PRINCIPAL}\nregion = eu-west-1\nservices = demo-login-endpoints\n\n[services demo-login-endpoints]\nsignin =\n  endpoint_url = ${w.sts.browserUrl}\nsts =\n  endpoint_url = ${w.sts.url}\n` +
            `\n[profile demo-login-role]\nrole_arn = arn:aws:iam::222222222222:role/Developer\nsource_profile = demo-login\nregion = eu-west-1\nservices = demo-login-endpoints\n`,
        );
      },
    });
  });
  after(async () => {
    await wb?.close();
  });

  /** The picker's row of `profile`, as shown. */
  async function pickerRow(profile: string): Promise<string> {
    await wb.statusItem().click();
    await wb.quickInput().waitFor({ state: 'visible' });
    await wb.typeInQuickInput(profile);
    const row = wb.quickInput().locator('.monaco-list-row', { hasText: profile }).first();
    await row.waitFor({ state: 'visible' });
    const text = (await row.innerText()).replace(/\s+/g, ' ');
    await wb.page.keyboard.press('Escape');
    await wb.quickInput().waitFor({ state: 'hidden' });
    return text;
  }

  it('the picker says that a login profile, and a role over it, are not signed in', async () => {
    assert.match(await pickerRow('demo-login'), /console sign-in .*not signed in/);
    assert.match(await pickerRow('demo-login-role'), /not signed in/);
  });

  it('picked with no session: Sign In opens the sign-in page, its code pasted back, and the profile is active as the principal', async () => {
    await wb.pickProfile('demo-login');
    const toast = wb.page.locator('.notification-toast', { hasText: 'Sign in with your AWS console credentials?' });
    await toast.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(
      await toast.locator('.notification-list-item-message').innerText(),
      /^Could not assume "demo-login": No console sign-in session is cached for this profile\. Sign in with your AWS console credentials\?/,
    );
    const tab = await wb.pageOpenedBy(() => toast.locator('.monaco-button', { hasText: 'Sign In' }).click());
    await tab
      .waitForFunction(() => /Signed in as|went back to VS Code/.test(document.body?.innerText ?? ''), undefined, { timeout: 30_000 })
      .catch(async (e: unknown) => {
        throw new Error(
          `${(e as Error).message}\nthe tab at ${tab.url()} shows: ${(
            await tab
              .locator('body')
              .innerText()
              .catch(() => '?')
          ).slice(0, 500)}`,
        );
      });
    // VS Code in the browser (code-server) is a remote window: its loopback is not the browser's, so
    // the sign-in is cross-device, as aws login --remote: the page shows a code, pasted into VS Code.
    const code = (await tab.locator('#code').innerText()).trim();
    await tab.close();
    await wb.quickInput().waitFor({ state: 'visible' });
    assert.match(await wb.quickInputTitle(), /AWS sign-in for "demo-login"/);
    await wb.typeInQuickInput(code);
    await wb.page.keyboard.press('Enter');
    await wb.waitStatus(/demo-login \(123456789012/, 30_000).catch(async (e: unknown) => {
      const toasts = await wb.page.locator('.notification-toast').allInnerTexts();
      throw new Error(`${(e as Error).message}\nstatus: ${await wb.statusText()}\nnotifications: ${toasts.join(' | ')}`);
    });
  });

  it('a terminal acts as the signed-in principal', async () => {
    await wb.runCommand('Terminal: Create New Terminal');
    await wb.waitForActiveTerminal(/[$#]\s*$/m);
    await wb.page.keyboard.type(`/usr/bin/aws sts get-caller-identity --endpoint-url ${wb.sts.url} --query Arn --output text\n`);
    await wb.waitForActiveTerminal(new RegExp(`^${PRINCIPAL}\\s*$`, 'm'), 60_000);
  });

  it('the picker then says signed in (renews), for the role over it too', async () => {
    assert.match(await pickerRow('demo-login'), /signed in \(renews\)/);
    assert.match(await pickerRow('demo-login-role'), /signed in \(renews\)/);
  });

  it("Open Console signs the browser in as the principal: the fake's console page says who", async () => {
    await wb.page.keyboard.press('Escape');
    const before = wb.sts.consoleLogins.length;
    const tab = await wb.pageOpenedBy(() => wb.runCommand('AWS: Open Console'));
    await tab.locator('#who').waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await tab.locator('#who').innerText(), new RegExp(`Signed in as ${PRINCIPAL} \\(account 123456789012\\)`));
    assert.equal(wb.sts.consoleLogins.length, before + 1);
    await tab.close();
  });

  it("the Profiles view's Sign In on a login profile's row opens the console sign-in", async () => {
    await wb.page.locator('.activitybar .action-item a[aria-label^="AWS Profiles"]').click();
    const row = wb.page.locator('.part.sidebar .monaco-list-row', { hasText: 'demo-login-role' }).first();
    await row.waitFor({ state: 'visible' });
    await row.click({ button: 'right' });
    const item = wb.page.locator('.context-view .action-item', { hasText: /^Sign In$/ });
    await item.waitFor({ state: 'visible' });
    // A click on the menu item did nothing here (the menu stayed open): point at it, then Enter.
    await item.hover();
    await wb.page.locator('.context-view .action-item.focused', { hasText: /^Sign In$/ }).waitFor({ state: 'visible' });
    const tab = await wb.pageOpenedBy(() => wb.page.keyboard.press('Enter'));
    await tab.locator('#code').waitFor({ state: 'visible', timeout: 30_000 });
    await tab.close();
    // The role's row signs in its login profile (the session the role is assumed from).
    await wb.page.waitForFunction(() => /AWS sign-in for "demo-login"/.test(document.querySelector('.quick-input-title')?.textContent ?? ''));
    await wb.page.keyboard.press('Escape');
    await wb.quickInput().waitFor({ state: 'hidden' });
  });

  it('a role assumed over the login profile: the status bar and a terminal act as the role', async () => {
    await wb.pickProfile('demo-login-role');
    await wb.waitStatus(/demo-login-role \(222222222222 Developer\)/, 30_000);
    const calls = wb.sts.callsOf('AssumeRole');
    assert.equal(calls.at(-1)?.caller, PRINCIPAL, "assumed with the login session's credentials");
    await wb.runCommand('Terminal: Create New Terminal');
    await wb.waitForActiveTerminal(/[$#]\s*$/m);
    await wb.page.keyboard.type(`/usr/bin/aws sts get-caller-identity --endpoint-url ${wb.sts.url} --query Arn --output text\n`);
    await wb.waitForActiveTerminal(/^arn:aws:sts::222222222222:assumed-role\/Developer\/\S+\s*$/m, 60_000);
  });

  it('AWS: Add a Profile with Console Sign-In writes login_session and region after the sign-in; the AWS CLI reads it; Use It assumes it', async () => {
    await wb.page.keyboard.press('Escape');
    await wb.runCommand('AWS: Add a Profile with Console Sign-In (aws login)');
    await wb.quickInput().waitFor({ state: 'visible' });
    await wb.typeInQuickInput('console2');
    await wb.page.keyboard.press('Enter');
    await wb.page.waitForFunction(() => /The Region to sign in to and use/.test(document.querySelector('.quick-input-widget')?.textContent ?? ''));
    await wb.typeInQuickInput('eu-central-1');
    const tab = await wb.pageOpenedBy(() => wb.page.keyboard.press('Enter'));
    await tab.locator('#code').waitFor({ state: 'visible', timeout: 30_000 });
    const code = (await tab.locator('#code').innerText()).trim();
    await tab.close();
    await wb.page.waitForFunction(() => /AWS sign-in for "console2"/.test(document.querySelector('.quick-input-title')?.textContent ?? ''));
    await wb.typeInQuickInput(code);
    await wb.page.keyboard.press('Enter');
    const toast = wb.page.locator('.notification-toast', { hasText: 'Added profile "console2"' });
    await toast.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(
      await toast.locator('.notification-list-item-message').innerText(),
      new RegExp(`^Added profile "console2", signed in as ${PRINCIPAL}, to .*config\\.$`),
    );
    const config = fs.readFileSync(path.join(wb.home, '.aws', 'config'), 'utf8');
    assert.ok(config.endsWith(`[profile console2]\nlogin_session = ${PRINCIPAL}\nregion = eu-central-1\n`), config.slice(-200));
    const got = execFileSync('/usr/bin/aws', ['configure', 'get', 'login_session', '--profile', 'console2'], {
      env: { ...process.env, HOME: wb.home, AWS_CONFIG_FILE: path.join(wb.home, '.aws', 'config') },
    })
      .toString()
      .trim();
    assert.equal(got, PRINCIPAL, 'the AWS CLI reads the file the command wrote');
    await toast.locator('.monaco-button', { hasText: 'Use It' }).click();
    await wb.waitStatus(/console2 \(123456789012/, 30_000);
  });
});
