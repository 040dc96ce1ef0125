/// <reference lib="dom" />
/**
 * As a person, with the workspace settings `region` and `roleSessionName`: the workspace profile
 * is assumed under that session name; "AWS: Copy Credentials as Shell Exports" → "sh" puts export
 * lines on the clipboard; pasted into a clean shell, they let the real AWS CLI call STS as the
 * role, in the chosen region (the fake STS checks the SigV4 signature, so the keys, the token and
 * the region must all be right).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workbench } from './workbench';

describe('UI: copy credentials as shell exports, with region and session name settings', { timeout: 240_000 }, () => {
  let wb: Workbench;
  before(async () => {
    wb = await Workbench.open({
      settings: { 'awsRoleSwitcher.profile': 'demo-dev', 'awsRoleSwitcher.region': 'eu-central-1', 'awsRoleSwitcher.roleSessionName': 'alice-review' },
    });
  });
  after(async () => {
    await wb?.close();
  });

  it('assumes the workspace profile under the configured session name', async () => {
    await wb.waitStatus(/demo-dev \(222222222222 Developer\)/);
    const assumed = wb.sts.callsOf('AssumeRole').filter((c) => c.error === undefined);
    assert.deepEqual(
      assumed.map((c) => c.params['RoleSessionName']),
      ['alice-review'],
    );
  });

  it('Copy Credentials as Shell Exports asks for the shell and puts working exports on the clipboard', async () => {
    await wb.runCommand('AWS: Copy Credentials as Shell Exports');
    await wb.page.waitForFunction(() => /Copy credentials as exports for/.test(document.querySelector('.quick-input-title')?.textContent ?? ''));
    // Each shell by name, with the form of its lines.
    assert.deepEqual(await wb.pickRows(), ['bash, zsh, shexport NAME=…', 'fishset -gx NAME …', 'PowerShell$Env:NAME = …']);
    await wb.page.keyboard.press('Enter');
    const toast = wb.page.locator('.notification-toast', { hasText: 'Copied sh exports for "demo-dev"' });
    await toast.waitFor({ state: 'visible' });
    assert.match(await toast.innerText(), /valid until/);

    const exports = await wb.page.evaluate(() => navigator.clipboard.readText());
    const names = exports
      .trim()
      .split('\n')
      .map((l) => /^export (\w+)=/.exec(l)?.[1]);
    assert.deepEqual(names, [
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
      'AWS_CREDENTIAL_EXPIRATION',
      'AWS_REGION',
      'AWS_DEFAULT_REGION',
    ]);
    assert.match(exports, /^export AWS_REGION='eu-central-1'$/m);
    assert.match(exports, /^export AWS_DEFAULT_REGION='eu-central-1'$/m);

    // Pasted into a clean shell: no profile files, nothing inherited but PATH. (CLI 2.9 predates
    // AWS_ENDPOINT_URL_STS, hence --endpoint-url.)
    const empty = mkdtempSync(join(tmpdir(), 'ars-paste-'));
    const before = wb.sts.calls.length;
    // Asynchronously: the fake STS answers from this very process.
    const { stdout } = await promisify(execFile)(
      '/bin/sh',
      ['-c', `${exports}/usr/bin/aws sts get-caller-identity --endpoint-url ${wb.sts.url} --query Arn --output text`],
      {
        env: { PATH: '/usr/bin:/bin', HOME: empty, AWS_CONFIG_FILE: join(empty, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(empty, 'none') },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    const arn = stdout.trim();
    assert.equal(arn.startsWith('arn:aws:sts::222222222222:assumed-role/Developer/alice-review'), true, arn);
    const call = wb.sts.calls.slice(before).find((c) => c.action === 'GetCallerIdentity');
    assert.equal(call?.error, undefined);
    assert.equal(call?.region, 'eu-central-1', 'the CLI signed for the region from the exports');
  });
});
