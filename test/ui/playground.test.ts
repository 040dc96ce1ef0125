/// <reference lib="dom" />
/**
 * The README's "run it" command as a newcomer walks it: `npm start` builds the VSIX, installs it
 * into a local VS Code, starts the fake STS and the sandbox, and prints what a person needs. Then,
 * in that VS Code (not one the tests start): a profile picked in the status bar, the plain
 * `aws sts get-caller-identity` in a terminal, Open Console to the fake's console page, the demo
 * MFA device counting down, a profile the IAM Identity Center import wrote, assumed as written, and
 * the terminal opened before a switch and a Sign Out, an `aws login` profile signed in through the
 * fake's sign-in page, and a profile picked from a walkthrough step.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { repoRoot, Workbench } from './workbench';

describe('playground (npm start), walked as the README says', { timeout: 600_000 }, () => {
  let child: ChildProcess;
  let out = '';
  let wb: Workbench;
  let vscodeUrl = '';
  let mfaUrl = '';
  const root = mkdtempSync(path.join(tmpdir(), 'ars-playground-'));

  before(async () => {
    child = spawn('npm', ['start', '--silent'], {
      cwd: repoRoot,
      env: { ...process.env, ARS_PLAYGROUND_DIR: root },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    child.stdout?.on('data', (b: Buffer) => (out += b.toString('utf8')));
    child.stderr?.on('data', (b: Buffer) => (out += b.toString('utf8')));
    const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`npm start exited (${code}):\n${out}`))));
    const running = (async () => {
      while (!/Press Ctrl\+C to stop\./.test(out)) await new Promise((r) => setTimeout(r, 250));
    })();
    await Promise.race([running, exited]);
    vscodeUrl = /Open VS Code: +(\S+)/.exec(out)?.[1] ?? '';
    mfaUrl = /Demo MFA device: +(\S+)/.exec(out)?.[1] ?? '';
    wb = await Workbench.attach(vscodeUrl);
  });
  after(async () => {
    await wb?.close();
    if (child?.pid !== undefined && child.exitCode === null) {
      const gone = new Promise((r) => child.once('exit', r));
      process.kill(-child.pid, 'SIGTERM');
      await gone;
    }
    rmSync(root, { recursive: true, force: true });
  });

  it('prints what a person needs (the URL, the MFA page, how to stop) and builds a VSIX under 600 KB', () => {
    assert.match(vscodeUrl, /^http:\/\/127\.0\.0\.1:\d+\/\?folder=/);
    assert.match(out, /Demo MFA device: +http:\/\/127\.0\.0\.1:\d+\/demo\/mfa +\(code now: \d{6}\)/);
    assert.doesNotMatch(out, /repository|LICENSE|\.vsix \(\d+ files/i, 'no packager output');
    const lines = out.split('\n').filter((l) => l.trim() !== '');
    assert.ok(lines.length <= 12, `${lines.length} lines:\n${out}`);
    const size = statSync(path.join(repoRoot, 'aws-role-switcher.vsix')).size;
    assert.ok(size < 600 * 1024, `VSIX is ${size} bytes`);
  });

  it('a profile picked in the status bar, then the plain `aws sts get-caller-identity` in a terminal answers as its role', async () => {
    await wb.pickProfile('demo-dev');
    await wb.waitStatus(/demo-dev \(222222222222 Developer\)/);
    await wb.runCommand('Terminal: Create New Terminal');
    await wb.waitForActiveTerminal(/[$#]\s*$/m);
    await wb.page.keyboard.type('aws sts get-caller-identity\n');
    await wb.waitForActiveTerminal(/"Arn": "arn:aws:sts::222222222222:assumed-role\/Developer\//, 60_000);
    // Debian's AWS CLI 2.9 too (it ignores AWS_ENDPOINT_URL_STS; the data path's endpoint rules send it to the fake).
    await wb.page.keyboard.type('/usr/bin/aws sts get-caller-identity --query Arn --output text\n');
    await wb.waitForActiveTerminal(/^arn:aws:sts::222222222222:assumed-role\/Developer\/\S+\s*$/m, 60_000);
  });

  it("Open Console in the status bar's tooltip: the fake's console page says who signed in, where, until when", async () => {
    await wb.page.mouse.move(640, 300); // off the status bar, which the pick above clicked: a hover needs the mouse to arrive
    await wb.statusItem().hover();
    const link = wb.page.locator('.monaco-hover a', { hasText: 'Open Console' });
    await link.waitFor({ state: 'visible' });
    const tab = await wb.pageOpenedBy(() => link.click());
    await tab.locator('#who').waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await tab.locator('#who').innerText(), /Signed in as arn:aws:sts::222222222222:assumed-role\/Developer\//);
    assert.match(await tab.locator('#where').innerText(), /in eu-west-1/);
    assert.match(await tab.locator('#until').innerText(), /^Until \S/);
    await tab.close();
  });

  it('the demo MFA device counts down by itself', async () => {
    const page = await wb.page.context().newPage();
    await page.goto(mfaUrl);
    const first = await page.locator('#left').innerText();
    await page.waitForFunction((was) => document.getElementById('left')?.textContent !== was, first, { timeout: 5_000 });
    await page.close();
  });

  it('a profile the IAM Identity Center import wrote is assumed as written (no line of its own points at the fake)', async () => {
    await wb.runCommand('AWS: Import Profiles from IAM Identity Center');
    await wb.quickInput().locator('.monaco-list-row', { hasText: 'demo-sso' }).first().waitFor({ state: 'visible' });
    await wb.page.keyboard.press('Enter');
    await wb.page.locator('.notification-toast .monaco-button', { hasText: 'Sign In' }).click();
    await wb.page.waitForFunction(
      () => /5 roles in 3 accounts/.test(document.querySelector('.quick-input-widget input')?.getAttribute('placeholder') ?? ''),
      undefined,
      { timeout: 60_000 },
    );
    await wb.page.keyboard.press('Enter');
    const ask = wb.page.locator('.notification-toast', { hasText: 'Write the profiles of sso-session demo-sso' });
    await ask.locator('.monaco-button', { hasText: 'Write' }).click();
    await wb.page.locator('.notification-toast', { hasText: 'Wrote 5 profiles of sso-session demo-sso' }).waitFor({ state: 'visible' });
    await wb.pickProfile('Demo-Data-Platform-DataEngineer');
    await wb.waitStatus(/Demo-Data-Platform-DataEngineer \(888888888888 DataEngineer\)/, 30_000);
  });

  it('the terminal opened before the switch: a notification says it still acts as the old role, and Relaunch It makes it act as the new one', async () => {
    const toast = wb.page.locator('.notification-toast', { hasText: 'open terminal was started as' });
    await toast.waitFor({ state: 'visible' });
    assert.match(await toast.innerText(), /1 open terminal was started as "demo-dev", not as "Demo-Data-Platform-DataEngineer"\./);
    await toast.locator('.monaco-button', { hasText: 'Relaunch It' }).click();
    await wb.waitForActiveTerminal(/[$#]\s*$/m, 60_000);
    await wb.page.locator('.terminal-wrapper.active .terminal-widget-container').click();
    await wb.page.keyboard.type('clear; aws sts get-caller-identity --query Arn --output text\n');
    await wb.waitForActiveTerminal(/^arn:aws:sts::888888888888:assumed-role\/AWSReservedSSO_DataEngineer_\w+\/\S+\s*$/m, 60_000);
  });

  it('Sign Out with that terminal open: a notification says it still has the credentials, and Relaunch It leaves it none', async () => {
    await wb.runCommand('AWS: Sign Out');
    await wb.waitStatus(/AWS: none/);
    const toast = wb.page.locator('.notification-toast', { hasText: 'after Sign Out' });
    await toast.waitFor({ state: 'visible' });
    assert.match(await toast.innerText(), /1 open terminal was started as "Demo-Data-Platform-DataEngineer" and still has its credentials after Sign Out\./);
    await toast.locator('.monaco-button', { hasText: 'Relaunch It' }).click();
    await wb.waitForActiveTerminal(/[$#]\s*$/m, 60_000);
    await wb.page.locator('.terminal-wrapper.active .terminal-widget-container').click();
    await wb.page.keyboard.type('clear; aws sts get-caller-identity --query Arn --output text; echo "exit=$?"\n');
    await wb.waitForActiveTerminal(/^exit=(?!0)\d+/m, 60_000);
    assert.doesNotMatch(await wb.terminalText(), /assumed-role/);
  });

  it('an aws login profile: Sign In through the fake sign-in page, its code pasted back, and the profile acts as the principal', async () => {
    await wb.pickProfile('demo-login');
    const toast = wb.page.locator('.notification-toast', { hasText: 'Sign in with your AWS console credentials?' });
    await toast.waitFor({ state: 'visible', timeout: 30_000 });
    const tab = await wb.pageOpenedBy(() => toast.locator('.monaco-button', { hasText: 'Sign In' }).click());
    await tab.locator('#who').waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await tab.locator('#who').innerText(), /^Signed in as arn:aws:iam::\d{12}:user\//);
    const code = (await tab.locator('#code').innerText()).trim();
    await tab.close();
    await wb.quickInput().waitFor({ state: 'visible' });
    await wb.typeInQuickInput(code);
    await wb.page.keyboard.press('Enter');
    await wb.waitStatus(/demo-login \(\d{12}/, 30_000);
    await wb.runCommand('Terminal: Create New Terminal');
    await wb.waitForActiveTerminal(/[$#]\s*$/m);
    await wb.page.keyboard.type('aws sts get-caller-identity --query Arn --output text\n');
    await wb.waitForActiveTerminal(/^arn:aws:iam::\d{12}:user\/\S+\s*$/m, 60_000);
  });

  // Last: with a step selected, VS Code's walkthrough takes the keyboard back 250 ms after the key-up
  // of any Enter (its command palette's too), from a terminal opened by then: VS Code's, for every command.
  it("the walkthrough's Switch Profile button: its picker stays open, the profile is assumed and the step checked", async () => {
    await wb.openWalkthrough();
    await wb.walkthroughStep('Switch to a profile').click();
    await wb.walkthroughStep('Switch to a profile').locator('.monaco-button', { hasText: 'Switch Profile' }).click();
    await wb.quickInput().locator('.monaco-list-row', { hasText: 'demo-dev' }).first().waitFor({ state: 'visible' });
    await wb.page.keyboard.type('demo-dev');
    await wb.quickInput().locator('.monaco-list-row', { hasText: 'demo-dev' }).first().waitFor({ state: 'visible' });
    await wb.page.keyboard.press('Enter');
    await wb.waitStatus(/demo-dev \(222222222222 Developer\)/);
    await wb.walkthroughStepChecked('Switch to a profile');
  });
});
