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
    wb = await Workbench.open({ settings: { 'awsRoleSwitcher.productionProfiles': ['*prod*'] } });
  });
  after(async () => {
    await wb?.close();
  });

  const page = () => wb.walkthrough();
  const step = (title: string) => wb.walkthroughStep(title);
  const openWalkthrough = () => wb.openWalkthrough();

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
    await wb.screenshot('walkthrough.png', wb.page.locator('.part.editor'));
  });

  it('steps the person has already done are checked when it opens: profiles in the files, production profiles named', async () => {
    await checked('Your AWS profiles');
    await checked('Production guardrails');
    assert.equal(await step('Switch to a profile').getAttribute('aria-checked'), 'false');
    assert.equal(await step('Always fresh in long runs').getAttribute('aria-checked'), 'false');
  });

  const checked = (title: string) => wb.walkthroughStepChecked(title);

  it("a step's button does what it says, and the step is checked", async () => {
    await step('Your AWS profiles').locator('.monaco-button', { hasText: 'Open Config File' }).click();
    await wb.page
      .locator('.tab', { hasText: /^config$/ })
      .first()
      .waitFor({ state: 'visible' });
    await openWalkthrough();
    await checked('Your AWS profiles');
  });

  it("a step's button that opens a picker: the picker stays open beside the walkthrough, and the step is checked once done", async () => {
    // At once after selecting the step: its focus, a moment later, closed the picker the button had opened by then.
    await step('A terminal with the role').click();
    await step('A terminal with the role').locator('.monaco-button', { hasText: 'Open a Terminal for a Profile' }).click();
    await wb.quickInput().locator('.monaco-list-row').first().waitFor({ state: 'visible' });
    await wb.page.keyboard.type('demo-dev');
    await wb.quickInput().locator('.monaco-list-row', { hasText: 'demo-dev' }).first().waitFor({ state: 'visible' });
    await wb.page.keyboard.press('Enter');
    await wb.page
      .locator('.terminal-tabs-entry, .single-terminal-tab, .terminal-tab', { hasText: 'AWS: demo-dev' })
      .first()
      .waitFor({ state: 'visible', timeout: 30_000 });
    await checked('A terminal with the role');
    // The new terminal has the keyboard (the walkthrough does not take it back).
    await wb.waitForActiveTerminal(/[$#]\s*$/m);
    await wb.page.keyboard.type('echo typed-$((20+22))\n');
    await wb.waitForActiveTerminal(/^typed-42/m);
  });

  it('switching to a profile (here from the status bar) checks the step that asks for it, kept when it opens again', async () => {
    assert.equal(await step('Switch to a profile').getAttribute('aria-checked'), 'false');
    await wb.pickProfile('demo-dev');
    await wb.waitStatus(/demo-dev \(222222222222 Developer\)/);
    // Its tab: "Walkthrough" with a close icon in VS Code 1.96–1.100, "Welcome" with a smaller one in 1.139.
    const tab = wb.page.locator('.tab', { hasText: /Walkthrough|Welcome/ }).first();
    await tab.hover();
    await tab.locator('.action-label.codicon-close, .action-label.codicon-close-small').click();
    await page().waitFor({ state: 'detached' });
    await openWalkthrough();
    await checked('Your AWS profiles');
    await checked('Switch to a profile');
  });
  it('with a step selected, a picker run from the command palette stays open: the key-up of its Enter lands on the walkthrough', async () => {
    // The palette closes on the key-down and gives the focus back to the step; the walkthrough acts
    // on the key-up there (it selects the step and focuses it 250 ms later), which closed the picker.
    // The click selects the step, which VS Code focuses a moment later (its own palette opened before that would close).
    await wb.afterFocusSettlesOn('.getting-started-step', () => step('Roles with MFA').click());
    await wb.runCommand('AWS: Switch Profile');
    // The profile picker itself (not the palette's rows, still on screen a moment after its Enter):
    // keys typed before it shows go to the step (VS Code 1.139 hides the palette later than 1.100).
    await wb.page.waitForFunction(() =>
      /Type to filter profiles/.test(document.querySelector('.quick-input-widget:not([style*="display: none"]) input')?.getAttribute('placeholder') ?? ''),
    );
    await wb.page.keyboard.type('demo-vendor'); // as a person types: into what has the keyboard
    await wb.quickInput().locator('.monaco-list-row', { hasText: 'demo-vendor' }).first().waitFor({ state: 'visible' });
    await wb.page.keyboard.press('Enter');
    await wb.waitStatus(/demo-vendor \(555555555555 VendorAudit\)/).catch((e: unknown) => wb.quickInputFailure(e, 'the pick of demo-vendor'));
  });
});
