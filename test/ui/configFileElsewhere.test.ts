/// <reference lib="dom" />
/**
 * As a person whose VS Code was started with AWS_CONFIG_FILE=/…/team.cfg (a name no file pattern
 * knows): AWS: Open Config File opens that file as an AWS Config file, with its problems and lenses.
 */
import { after, before, describe, it } from 'node:test';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Workbench } from './workbench';

describe('UI: a config file named by AWS_CONFIG_FILE', { timeout: 240_000 }, () => {
  let wb: Workbench;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ars-cfg-'));
  const file = path.join(dir, 'team.cfg');
  before(async () => {
    wb = await Workbench.open({
      env: { AWS_CONFIG_FILE: file },
      beforeStart: (w) => {
        const demo = path.join(w.home, '.aws', 'config');
        fs.writeFileSync(file, `${fs.readFileSync(demo, 'utf8')}\n[profile typo]\nregoin = eu-west-1\n`);
        fs.rmSync(demo);
      },
    });
  });
  after(async () => {
    await wb?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('opens as an AWS Config file, with its problems and lenses', async () => {
    await wb.runCommand('AWS: Open Config File');
    await wb.page.locator('.tab.active', { hasText: 'team.cfg' }).waitFor({ state: 'visible' });
    await wb.page.locator('.statusbar-item', { hasText: 'AWS Config' }).first().waitFor({ state: 'visible' });
    await wb.page.locator('.codelens-decoration a', { hasText: 'Assume' }).first().waitFor({ state: 'visible' });
    await wb.page.keyboard.press('Control+Shift+M');
    await wb.page.locator('.markers-panel .monaco-list-row', { hasText: 'did you mean "region"' }).waitFor({ state: 'visible' });
  });
});
