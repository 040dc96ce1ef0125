/// <reference lib="dom" />
/**
 * As a person, in ~/.aws/config opened from the command palette: a misspelt setting typed (not
 * saved) shows in the Problems panel, and its quick fix (Ctrl+.) corrects it; a source_profile is
 * completed from the profile names; hovering a profile header shows its chain; the Assume lens
 * above a profile switches the window to it.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Workbench } from './workbench';

describe('UI: the AWS config file as a first-class editor', { timeout: 300_000 }, () => {
  let wb: Workbench;
  before(async () => {
    // Enter always starts a new line while typing; suggestions are taken with Tab.
    wb = await Workbench.open({ settings: { 'editor.acceptSuggestionOnEnter': 'off' } });
    await wb.runCommand('AWS: Open Config File');
    await wb.page.locator('.tab.active', { hasText: 'config' }).waitFor({ state: 'visible' });
    await wb.page.locator('.monaco-editor .view-line', { hasText: '[profile demo-dev]' }).first().waitFor({ state: 'visible' });
  });
  after(async () => {
    await wb?.close();
  });

  /** The text of the editor's line that contains `part` (as rendered; spaces normalised). */
  async function editorLine(part: string): Promise<string> {
    const line = wb.page.locator('.monaco-editor .view-line', { hasText: part }).first();
    await line.waitFor({ state: 'visible' });
    return (await line.innerText()).replace(/\u00a0/g, ' ');
  }

  async function goToLine(n: number, column = 1): Promise<void> {
    await wb.page.keyboard.press('Control+G');
    await wb.typeInQuickInput(`:${n}:${column}`);
    await wb.page.keyboard.press('Enter');
  }

  /**
   * The Assume (or Active) lens right above the line holding `header`. A line's lens is drawn
   * once VS Code has resolved the lenses of the lines scrolled into view; under load that comes
   * after the line (two loaded runs clicked the lens of the profile above, or found none yet), and
   * drawing it moves the text by a lens's height (VS Code 1.139 hides a hover then). So: wait for
   * a lens within a line's height above the line. (VS Code draws a line's spaces as no-break spaces.)
   */
  async function lensAbove(header: string): Promise<import('playwright-core').ElementHandle> {
    const handle = await wb.page
      .waitForFunction(
        (h) => {
          const row = Array.from(document.querySelectorAll('.monaco-editor .view-line')).find((e) => (e.textContent ?? '').replace(/\u00a0/g, ' ').includes(h));
          if (row === undefined) return null;
          const at = row.getBoundingClientRect();
          for (const a of Array.from(document.querySelectorAll('.codelens-decoration a'))) {
            const gap = at.top - a.getBoundingClientRect().top;
            if (/Assume|Active/.test(a.textContent ?? '') && gap > 0 && gap <= at.height * 1.5) return a;
          }
          return null;
        },
        header,
        { timeout: 30_000 },
      )
      .catch(async (e: unknown) => {
        // Say what was on screen: the line's top and every lens's text and top.
        const seen = await wb.page.evaluate((h) => {
          const row = Array.from(document.querySelectorAll('.monaco-editor .view-line')).find((e) => (e.textContent ?? '').replace(/\u00a0/g, ' ').includes(h));
          const lensTops = Array.from(document.querySelectorAll('.codelens-decoration a')).map((a) => `${a.textContent} @${a.getBoundingClientRect().top}`);
          return `line @${row?.getBoundingClientRect().top} h${row?.getBoundingClientRect().height}; lenses: ${lensTops.join(', ')}`;
        }, header);
        throw new Error(`${String(e)}; ${seen}`);
      });
    const el = handle.asElement();
    assert.ok(el, `an Assume lens right above ${header}`);
    return el;
  }

  it('a misspelt setting shows in the Problems panel as it is typed, and Ctrl+. corrects it', async () => {
    await wb.page.locator('.monaco-editor .view-lines').first().click();
    await wb.page.keyboard.press('Control+End');
    await wb.page.keyboard.type('\n[profile typed]\n');
    await wb.page.keyboard.type('regoin = eu-west-1');
    await wb.page.keyboard.press('Control+Shift+M');
    const row = wb.page.locator('.markers-panel .monaco-list-row', { hasText: 'did you mean "region"' });
    await row.waitFor({ state: 'visible' });
    assert.match(await row.innerText(), /No AWS tool reads "regoin"/);

    // The problem's row takes the cursor to the misspelt name in the editor; Ctrl+. offers the fix.
    await row.dblclick();
    // The cursor on the misspelt name (its own token in the grammar), then Ctrl+. offers the fix.
    await wb.page
      .locator('.monaco-editor .view-line span span', { hasText: /^regoin$/ })
      .first()
      .click();
    await wb.page.locator('.monaco-editor.focused').waitFor({ state: 'visible' });
    await wb.page.keyboard.press('Control+.');
    const fix = wb.page.locator('.action-widget .monaco-list-row', { hasText: 'Change to "region"' });
    await fix.waitFor({ state: 'visible' });
    await wb.screenshot('config-quick-fix.png', wb.page.locator('.action-widget'), wb.page.locator('.monaco-editor .view-line', { hasText: 'regoin' }));
    await wb.page.keyboard.press('Enter');
    await wb.page.locator('.monaco-editor .view-line', { hasText: 'regoin' }).waitFor({ state: 'detached' });
    assert.equal(await editorLine('= eu-west-1'), 'region = eu-west-1');
    await row.waitFor({ state: 'detached' });
  });

  it('source_profile is completed from the profile names', async () => {
    await wb.page.locator('.monaco-editor .view-line', { hasText: 'region = eu-west-1' }).last().click();
    await wb.page.keyboard.press('End');
    await wb.page.keyboard.type('\nrole_arn = arn:aws:iam::222222222222:role/Developer\nsource_profile = demo-ad');
    await wb.page.keyboard.press('Control+Space');
    const item = wb.page.locator('.suggest-widget .monaco-list-row', { hasText: 'demo-admin-mfa' });
    await item.waitFor({ state: 'visible' });
    await wb.page.keyboard.press('Tab');
    await item.waitFor({ state: 'hidden' });
    await wb.page.keyboard.type(' # typed by the test');
    assert.equal(await editorLine('typed by the test'), 'source_profile = demo-admin-mfa # typed by the test');
    // With a source, the typed profile is whole: no problem is left.
    await wb.page.locator('.markers-panel .monaco-list-row').first().waitFor({ state: 'detached' });
  });

  it('hovering a profile shows its chain, step by step', async () => {
    // The demo config: [profile demo-prod-chain] is a role over an MFA role over keys.
    const lines = fs.readFileSync(path.join(wb.home, '.aws', 'config'), 'utf8').split('\n');
    await goToLine(lines.indexOf('[profile demo-prod-chain]') + 1, 12);
    // The lenses of the lines the jump brought into view move the text when drawn: hover after.
    await lensAbove('[profile demo-prod-chain]');
    await wb.page
      .locator('.monaco-editor .view-line', { hasText: '[profile demo-prod-chain]' })
      .locator('span span', { hasText: 'demo-prod-chain' })
      .last()
      .hover();
    const hover = wb.page.locator('.monaco-hover', { hasText: 'long-term access keys' });
    // Failed once in a CI run: the hover drawn, then hidden for good. Say what hid it.
    await hover.waitFor({ state: 'visible' }).catch((e: unknown) => wb.quickInputFailure(e, 'the chain hover'));
    const text = (await hover.innerText()).replace(/\u00a0/g, ' ');
    assert.match(text, /demo-prod-chain — MFA role · account 444444444444 · eu-central-1/);
    assert.match(text, /demo-base — long-term access keys/);
    assert.match(text, /demo-admin-mfa — assume role arn:aws:iam::333333333333:role\/Admin with an MFA code from arn:aws:iam::111111111111:mfa\/demo-user/);
    assert.match(text, /demo-prod-chain — assume role arn:aws:iam::444444444444:role\//);
    await wb.screenshot('config-hover.png', hover, wb.page.locator('.monaco-editor .view-line', { hasText: '[profile demo-prod-chain]' }));
    await wb.page.keyboard.press('Escape');
  });

  it('the Assume lens above a profile switches the window to it', async () => {
    assert.doesNotMatch(await wb.statusText(), /demo-dev/);
    const lines = fs.readFileSync(path.join(wb.home, '.aws', 'config'), 'utf8').split('\n');
    await goToLine(lines.indexOf('[profile demo-dev]') + 1);
    const line = wb.page.locator('.monaco-editor .view-line', { hasText: '[profile demo-dev]' }).first();
    await line.waitFor({ state: 'visible' });
    const ownLens = (): Promise<import('playwright-core').ElementHandle> => lensAbove('[profile demo-dev]');
    // VS Code sometimes answers a click on a lens it has just re-resolved (after the scroll) with
    // "Actual command not found, wanted to execute awsRoleSwitcher.switchProfile /N": its delegated
    // command was released. It happened with this extension's code of before and after this test
    // was written (seen only when the click follows the scroll at once). A person clicks again;
    // so does the test, on that notice only.
    const notFound = wb.page.locator('.notifications-toasts .notification-list-item', { hasText: 'Actual command not found' });
    for (let attempt = 0; ; attempt++) {
      assert.ok(attempt < 4, 'the Assume lens above [profile demo-dev] was clicked 4 times without a switch');
      // A lens redrawn between finding and clicking is found again.
      if (
        !(await (await ownLens()).click({ timeout: 5_000 }).then(
          () => true,
          () => false,
        ))
      )
        continue;
      const outcome = await Promise.race([
        wb.waitStatus(/demo-dev \(222222222222 Developer\)/).then(
          () => 'switched' as const,
          () => 'timeout' as const,
        ),
        notFound
          .first()
          .waitFor({ state: 'visible', timeout: 30_000 })
          .then(
            () => 'not found' as const,
            () => 'timeout' as const,
          ),
      ]);
      if (outcome === 'switched') break;
      assert.notEqual(outcome, 'timeout', 'the lens click neither switched the window nor failed visibly');
      await wb.runCommand('Notifications: Clear All Notifications');
      await notFound.first().waitFor({ state: 'hidden' });
    }
    // The lens of the window's profile now says so.
    await wb.page.locator('.codelens-decoration a', { hasText: 'Active · Refresh' }).first().waitFor({ state: 'visible' });
  });
});
