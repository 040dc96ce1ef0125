/// <reference lib="dom" />
/**
 * As a new user whose ~/.aws/config holds only a Region (and no credentials file): the Profiles
 * view says there is nothing to switch to yet and offers to import from IAM Identity Center, to
 * open the config file and the Get Started walkthrough; writing a first profile into the file
 * replaces that with the profile.
 */
import { after, before, describe, it } from 'node:test';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Workbench } from './workbench';

describe('UI: no profiles yet', { timeout: 240_000 }, () => {
  let wb: Workbench;
  let config = '';
  before(async () => {
    wb = await Workbench.open({
      beforeStart: (w) => {
        config = path.join(w.home, '.aws', 'config');
        fs.writeFileSync(config, '[default]\nregion = eu-west-1\n');
        fs.rmSync(path.join(w.home, '.aws', 'credentials'));
      },
    });
  });
  after(async () => {
    await wb?.close();
  });

  it('the Profiles view welcomes with the three ways to start', async () => {
    await wb.page.locator('.activitybar .action-item a[aria-label^="AWS Profiles"]').click();
    const welcome = wb.page.locator('.part.sidebar .welcome-view-content');
    await welcome.waitFor({ state: 'visible' });
    for (const button of ['Create the Config File', 'Import from IAM Identity Center', 'Get Started'])
      await welcome.locator('a, .monaco-button', { hasText: button }).first().waitFor({ state: 'visible' });
    await wb.screenshot('profiles-welcome.png');
  });

  it('a first profile written to the file replaces the welcome with the profile', async () => {
    fs.appendFileSync(config, `[profile first]\nrole_arn = arn:aws:iam::222222222222:role/Developer\ncredential_source = Environment\n`);
    await wb.page.locator('.part.sidebar .monaco-list-row', { hasText: 'first' }).first().waitFor({ state: 'visible' });
    await wb.page.locator('.part.sidebar .welcome-view-content').waitFor({ state: 'hidden' });
  });
});
