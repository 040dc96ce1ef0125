/// <reference lib="dom" />
/**
 * As a person working in another region for a while: AWS: Switch Region… lists the Regions with
 * their names, writes the workspace setting, and new terminals get AWS_REGION / AWS_DEFAULT_REGION
 * from it; a Region that is not listed can be typed; "Profile's region" goes back.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workbench } from './workbench';

describe('UI: AWS: Switch Region…', { timeout: 240_000 }, () => {
  let wb: Workbench;
  before(async () => {
    wb = await Workbench.open();
  });
  after(async () => {
    await wb?.close();
  });

  /** The workspace's awsRoleSwitcher.region; a file VS Code is still writing reads as a value no test expects, so polls go on. */
  const workspaceSetting = (): unknown => {
    const file = join(wb.workspace, '.vscode', 'settings.json');
    if (!existsSync(file)) return undefined;
    try {
      return (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>)['awsRoleSwitcher.region'];
    } catch {
      return '(settings.json being written)';
    }
  };
  /** Opens a new terminal and returns what it reports as its region variables. */
  const terminalRegion = async (): Promise<string> => {
    await wb.runCommand('Terminal: Create New Terminal');
    const active = '.terminal-wrapper.active .xterm-rows';
    await wb.page.waitForFunction((sel) => /\$ $/m.test((document.querySelector(sel) as HTMLElement | null)?.innerText.trimEnd() + ' '), active, {
      timeout: 30_000,
    });
    // The output line starts with a letter after "RG:"; the typed command has "RG:%s".
    await wb.page.keyboard.type(`printf 'RG:%s/%s\\n' "$AWS_REGION" "$AWS_DEFAULT_REGION"\n`);
    await wb.page.waitForFunction((sel) => /RG:[a-z]/.test((document.querySelector(sel) as HTMLElement | null)?.innerText ?? ''), active, { timeout: 30_000 });
    const text = (await wb.page.locator(active).innerText()) ?? '';
    return /RG:([a-z][\w-]*\/[\w-]*)/.exec(text)?.[1] ?? '';
  };
  /**
   * New terminals until one reports `want` (at most 5): the setting is written before the extension
   * has updated the environment collection, so under load the first terminal can still be older.
   */
  const terminalRegionBecomes = async (want: string): Promise<string> => {
    let got = '';
    for (let i = 0; i < 5 && got !== want; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 1000));
      got = await terminalRegion();
    }
    return got;
  };
  const switchTo = async (typed: string, row: RegExp): Promise<void> => {
    await wb.runCommand('AWS: Switch Region');
    await wb.page.waitForFunction(() => /Switch Region/.test(document.querySelector('.quick-input-title')?.textContent ?? ''));
    await wb.typeInQuickInput(typed);
    const rows = await wb.pickRows();
    assert.match(rows[0] ?? '', row, rows.join(' | '));
    await wb.page.keyboard.press('Enter');
  };

  it('lists the Regions by name; choosing one sets the workspace setting, and a new terminal has it', async () => {
    await wb.pickProfile('demo-dev');
    await wb.waitStatus(/demo-dev \(/);
    assert.equal(await terminalRegion(), 'eu-west-1/eu-west-1', "the profile's region first");
    await switchTo('frankfurt', /eu-central-1.*Europe \(Frankfurt\)/);
    for (let i = 0; i < 50 && workspaceSetting() !== 'eu-central-1'; i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(workspaceSetting(), 'eu-central-1');
    // Said where it was saved, and shown in the status bar (it is not the profile's own).
    const toast = wb.page.locator('.notification-toast', { hasText: 'AWS Region eu-central-1 for every profile in this workspace' });
    await toast.waitFor({ state: 'visible' });
    assert.match(await toast.innerText(), /saved in \S*\.vscode\/settings\.json/);
    assert.match(await wb.waitStatus(/· eu-central-1/), /demo-dev \(222222222222 Developer\) · eu-central-1/);
    assert.equal(await terminalRegionBecomes('eu-central-1/eu-central-1'), 'eu-central-1/eu-central-1');
  });

  it('a Region that is not listed can be typed', async () => {
    await switchTo('ap-southeast-9', /ap-southeast-9.*use this region/);
    for (let i = 0; i < 50 && workspaceSetting() !== 'ap-southeast-9'; i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(workspaceSetting(), 'ap-southeast-9');
  });

  it('"Profile\'s region" removes the setting; new terminals get the profile\'s region again', async () => {
    await switchTo("Profile's region", /Profile's region.*eu-west-1/);
    for (let i = 0; i < 50 && workspaceSetting() !== undefined; i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(workspaceSetting(), undefined);
    await wb.page.locator('.notification-toast', { hasText: "Each profile's own Region again" }).waitFor({ state: 'visible' });
    await wb.waitStatus(/^(?!.*·).*demo-dev \(222222222222 Developer\)/);
    assert.equal(await terminalRegionBecomes('eu-west-1/eu-west-1'), 'eu-west-1/eu-west-1');
  });
});
