/// <reference lib="dom" />
/**
 * As a person: Welcome: Open Walkthrough… → Get Started with AWS Role Switcher: the six steps,
 * each with its picture; a step's button does what it says, and the step is then checked.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Workbench } from './workbench';

describe('UI: Get Started walkthrough', { timeout: 300_000 }, () => {
  let wb: Workbench;
  before(async () => {
    wb = await Workbench.open();
  });
  after(async () => {
    await wb?.close();
  });

  const page = () => wb.page.locator('.gettingStartedContainer');
  const step = (title: string) => page().locator('.getting-started-step', { hasText: title }).first();

  it('opens from the command palette with its six steps', async () => {
    await wb.runCommand('Welcome: Open Walkthrough...');
    await wb.quickInput().locator('.monaco-list-row', { hasText: 'Get Started with AWS Role Switcher' }).first().waitFor({ state: 'visible' });
    await wb.typeInQuickInput('AWS Role Switcher');
    await wb.page.keyboard.press('Enter');
    await step('Production guardrails').waitFor({ state: 'visible' });
    const titles = await page()
      .locator('.getting-started-step .step-title')
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).innerText.trim()));
    assert.deepEqual(titles, [
      'Your AWS profiles',
      'Switch to a profile',
      'Roles with MFA',
      'A terminal with the role',
      'Always fresh in long runs',
      'Production guardrails',
    ]);
    await wb.screenshot('walkthrough.png');
  });

  it("a step's button does what it says, and the step is checked", async () => {
    await step('Switch to a profile').click();
    assert.equal(await step('Switch to a profile').getAttribute('aria-checked'), 'false');
    await step('Switch to a profile').locator('.monaco-button', { hasText: 'Switch Profile' }).click();
    await wb.quickInput().waitFor({ state: 'visible' });
    await wb.typeInQuickInput('demo-dev');
    await wb.quickInput().locator('.monaco-list-row', { hasText: 'demo-dev' }).first().waitFor({ state: 'visible' });
    await wb.page.keyboard.press('Enter');
    await wb.waitStatus(/demo-dev \(222222222222 Developer\)/);
    await wb.page.waitForFunction(() =>
      Array.from(document.querySelectorAll('.getting-started-step')).some(
        (s) => /Switch to a profile/.test((s as HTMLElement).innerText) && s.getAttribute('aria-checked') === 'true',
      ),
    );
  });
});
