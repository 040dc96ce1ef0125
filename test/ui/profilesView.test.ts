/// <reference lib="dom" />
/**
 * As a person, in the AWS Profiles view of the Activity Bar: the demo profiles by account; the
 * row's Assume button switches the window (the row then says active, with the time left); its
 * Open Terminal button opens a terminal pinned to another profile, listed under Pinned terminals;
 * the filter narrows the tree.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Workbench } from './workbench';

describe('UI: the Profiles view', { timeout: 300_000 }, () => {
  let wb: Workbench;
  before(async () => {
    wb = await Workbench.open({ settings: { 'awsRoleSwitcher.productionProfiles': ['demo-prod-*'] } });
    await wb.page.locator('.activitybar .action-item a[aria-label^="AWS Profiles"]').click();
    await view().locator('.monaco-list-row', { hasText: 'demo-dev' }).first().waitFor({ state: 'visible' });
  });
  after(async () => {
    await wb?.close();
  });

  const view = () => wb.page.locator('.pane', { has: wb.page.locator('.pane-header', { hasText: 'Profiles' }) });
  const row = (name: string) => view().locator('.monaco-list-row', { has: wb.page.locator('.label-name', { hasText: new RegExp(`^${name}$`) }) });
  /** The row as read: its name, then its description. */
  const rowText = async (name: string) => {
    const r = row(name).first();
    const description = (await r.locator('.label-description').count()) > 0 ? await r.locator('.label-description').innerText() : '';
    return `${await r.locator('.label-name').innerText()} ${description}`.replace(/\s+/g, ' ').trim();
  };

  it('lists the profiles by account, with kind, Region and the production mark', async () => {
    const rows = await view()
      .locator('.monaco-list-row')
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));
    assert.ok(rows.includes('222222222222'), rows.join(' | '));
    assert.match(await rowText('demo-dev'), /demo-dev role · eu-west-1/);
    assert.match(await rowText('demo-prod-chain'), /MFA role · eu-central-1 · production/);
    assert.ok(rows.includes('Other profiles'), 'demo-base (keys with no account) under Other profiles');
    await wb.screenshot('profiles-view.png', wb.page.locator('.part.sidebar'));
  });

  it("the row's Assume button switches the window, and the row says so with the time left", async () => {
    assert.doesNotMatch(await rowText('demo-dev'), /active/);
    await row('demo-dev').hover();
    await row('demo-dev').locator('.action-label[aria-label="Assume"]').click();
    await wb.waitStatus(/demo-dev \(222222222222 Developer\)/);
    await wb.page.waitForFunction(() =>
      Array.from(document.querySelectorAll('.monaco-list-row')).some((r) => /demo-dev\s*active · \d+m · role/.test((r as HTMLElement).innerText)),
    );
    assert.match(await rowText('demo-dev'), /^demo-dev active · \d+m · role · eu-west-1$/);
  });

  it("the row's Open Terminal button opens a terminal pinned to that profile, listed in the view", async () => {
    assert.equal(await view().locator('.monaco-list-row', { hasText: 'Pinned terminals' }).count(), 0);
    await row('demo-vendor').hover();
    await row('demo-vendor').locator('.action-label[aria-label="Open Terminal"]').click();
    await wb.page.locator('.terminal-tabs-entry, .single-terminal-tab', { hasText: 'AWS: demo-vendor' }).first().waitFor({ state: 'visible' });
    await view().locator('.monaco-list-row', { hasText: 'Pinned terminals' }).waitFor({ state: 'visible' });
    assert.match(await view().locator('.monaco-list-row', { hasText: 'AWS: demo-vendor' }).innerText(), /demo-vendor/);
  });

  it('the filter keeps the matching profiles', async () => {
    // A container with one view shows the view's actions in its own title bar.
    await wb.page.locator('.part.sidebar .composite.title').hover();
    await wb.page.locator('.part.sidebar .composite.title .action-label[aria-label="Filter Profiles…"]').click();
    await wb.quickInput().locator('input.input').waitFor({ state: 'visible' });
    await wb.page.keyboard.type('sso');
    await wb.page.keyboard.press('Enter');
    await row('demo-dev').waitFor({ state: 'detached' });
    assert.match(await rowText('demo-sso'), /demo-sso SSO · eu-north-1/);
  });
});
