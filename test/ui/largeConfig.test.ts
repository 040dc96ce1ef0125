/// <reference lib="dom" />
/**
 * As a person with 5,000 profiles (the demo ones and 5,000 from IAM Identity Center): the picker
 * opens on a page of rows and says so; typing finds a profile far beyond the
 * page; Enter on a demo role switches to it. The Profiles view lists the accounts collapsed.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateConfig } from '../bench/generate';
import { Workbench } from './workbench';

describe('UI: 5,000 profiles', { timeout: 300_000 }, () => {
  let wb: Workbench;
  before(async () => {
    wb = await Workbench.open({
      beforeStart: (w) => {
        const config = path.join(w.home, '.aws', 'config');
        fs.appendFileSync(config, `\n${generateConfig(5000)}`);
      },
    });
  });
  after(async () => {
    await wb?.close();
  });

  it('the picker shows a page and says so; typing finds one far beyond it', async () => {
    await wb.statusItem().click();
    await wb.quickInput().locator('.monaco-list-row').first().waitFor({ state: 'visible' });
    assert.match(
      (await wb.quickInput().locator('input.input').getAttribute('placeholder')) ?? '',
      /Type to find among all 5,00\d profiles \(the first 30 are listed\)/,
    );
    await wb.typeInQuickInput('acct-4999.stage');
    await wb.quickInput().locator('.monaco-list-row', { hasText: 'acct-4999.stage' }).first().waitFor({ state: 'visible' });
    await wb.typeInQuickInput('demo-dev');
    await wb.quickInput().locator('.monaco-list-row', { hasText: 'demo-dev' }).first().waitFor({ state: 'visible' });
    await wb.page.keyboard.press('Enter');
    await wb.waitStatus(/demo-dev \(222222222222 Developer\)/);
  });

  it('the Profiles view lists the accounts, collapsed, and a filter finds a profile among them', async () => {
    await wb.page.locator('.activitybar .action-item a[aria-label^="AWS Profiles"]').click();
    const rows = wb.page.locator('.part.sidebar .monaco-list-row');
    await rows.first().waitFor({ state: 'visible' });
    assert.equal(await wb.page.locator('.part.sidebar .monaco-list-row[aria-expanded="true"]').count(), 0, 'accounts start collapsed');
    await wb.page.locator('.part.sidebar .composite.title').hover();
    await wb.page.locator('.part.sidebar .composite.title .action-label[aria-label="Filter Profiles…"]').click();
    await wb.quickInput().locator('input.input').waitFor({ state: 'visible' });
    await wb.page.keyboard.type('acct-4999.stage');
    await wb.page.keyboard.press('Enter');
    await wb.page.locator('.part.sidebar .monaco-list-row', { hasText: 'acct-4999.stage' }).first().waitFor({ state: 'visible' });
  });
});
