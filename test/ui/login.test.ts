/// <reference lib="dom" />
/**
 * As a person with an `aws login` profile and no session yet: picking it says a sign-in is needed
 * and offers it; Sign In opens the AWS sign-in page (the fake's, which says who signed in) and, VS
 * Code in the browser being a remote window, the person pastes the code the page shows; the profile is
 * then active, and a terminal acts as the signed-in principal. (Same-device, through a loopback
 * callback: unit-tested.) No AWS CLI involved (Debian's 2.9 has no `aws login`).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Workbench } from './workbench';

const PRINCIPAL = 'arn:aws:iam::123456789012:user/demo-user';

describe('UI: an aws login profile', { timeout: 240_000 }, () => {
  let wb: Workbench;
  before(async () => {
    wb = await Workbench.open({
      beforeStart: (w) => {
        // The sign-in service at the fake's browser address (code-server rewrites links to 127.0.0.1).
        const config = path.join(w.home, '.aws', 'config');
        fs.appendFileSync(
          config,
          `\n[profile demo-login]\nlogin_session = ${PRINCIPAL}\nregion = eu-west-1\nservices = demo-login-endpoints\n\n[services demo-login-endpoints]\nsignin =\n  endpoint_url = ${w.sts.browserUrl}\nsts =\n  endpoint_url = ${w.sts.url}\n`,
        );
      },
    });
  });
  after(async () => {
    await wb?.close();
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
});
