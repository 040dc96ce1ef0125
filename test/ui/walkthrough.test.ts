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
  const openWalkthrough = async (): Promise<void> => {
    await wb.runCommand('Welcome: Open Walkthrough...');
    await wb.quickInput().locator('.monaco-list-row', { hasText: 'Get Started with AWS Role Switcher' }).first().waitFor({ state: 'visible' });
    await wb.typeInQuickInput('AWS Role Switcher');
    await wb.page.keyboard.press('Enter');
    await step('Production guardrails').waitFor({ state: 'visible' });
  };

  it('opens from the command palette with its six steps', async () => {
    await openWalkthrough();
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

  const checked = (title: string) =>
    wb.page.waitForFunction(
      (t) =>
        Array.from(document.querySelectorAll('.getting-started-step')).some(
          (s) => (s as HTMLElement).innerText.includes(t) && s.getAttribute('aria-checked') === 'true',
        ),
      title,
    );

  it("a step's button does what it says, and the step is checked", async () => {
    assert.equal(await step('Your AWS profiles').getAttribute('aria-checked'), 'false');
    await step('Your AWS profiles').locator('.monaco-button', { hasText: 'Open Config File' }).click();
    await wb.page
      .locator('.tab', { hasText: /^config$/ })
      .first()
      .waitFor({ state: 'visible' });
    await openWalkthrough();
    await checked('Your AWS profiles');
  });

  it('switching to a profile (here from the status bar) checks the step that asks for it, kept when it opens again', async () => {
    assert.equal(await step('Switch to a profile').getAttribute('aria-checked'), 'false');
    // Closed first, with the mouse: a walkthrough moving focus to its next step closes a quick
    // input opened beside it (the command palette too, seen in a loaded run).
    await wb.page.locator('.tab', { hasText: 'Walkthrough' }).first().hover();
    await wb.page.locator('.tab', { hasText: 'Walkthrough' }).first().locator('.action-label.codicon-close').click();
    await page().waitFor({ state: 'detached' });
    await wb.pickProfile('demo-dev');
    await wb.waitStatus(/demo-dev \(222222222222 Developer\)/);
    await openWalkthrough();
    await checked('Your AWS profiles');
    await checked('Switch to a profile');
  });
});
