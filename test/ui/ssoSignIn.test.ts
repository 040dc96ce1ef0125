/// <reference lib="dom" />
/**
 * As a person with an IAM Identity Center profile and no sign-in yet: picking it says so and
 * offers "Sign In"; that runs `aws sso login --profile demo-sso` in a terminal (here the
 * playground's stand-in for the CLI, which prints what the CLI prints and caches a token from the
 * fake); when it succeeds the profile is assumed without asking again, through the portal, and
 * the AWS CLI in a terminal acts as the permission set's role. A terminal pinned to the profile
 * after the sign-in is gone offers the same sign-in, then opens.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Workbench, repoRoot } from './workbench';

describe('UI: signing in to IAM Identity Center', { timeout: 240_000 }, () => {
  let wb: Workbench;
  before(async () => {
    wb = await Workbench.open({ settings: { 'awsRoleSwitcher.awsCliPath': join(repoRoot, 'test', 'fakeSts', 'fake-aws-sso-login.mjs') } });
  });
  after(async () => {
    await wb?.close();
  });

  it('picking an SSO profile with no session offers to sign in', async () => {
    await wb.waitStatus(/AWS: none/);
    await wb.statusItem().click();
    await wb.quickInput().waitFor({ state: 'visible' });
    await wb.typeInQuickInput('demo-sso');
    const rows = await wb.pickRows();
    assert.ok(
      rows.some((r) => /demo-sso.*777777777777.*not signed in/.test(r)),
      rows.join(' | '),
    );
    await wb.page.keyboard.press('Enter');
    const toast = wb.page.locator('.notification-toast', { hasText: 'Sign in to IAM Identity Center' });
    await toast.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(
      await toast.innerText(),
      /Could not assume "demo-sso": No IAM Identity Center session is cached for this profile\. Sign in to IAM Identity Center \(aws sso login --profile demo-sso\)\?/,
    );
    assert.match(await wb.statusText(), /AWS: none/);
    await wb.screenshot('sso-sign-in.png');
  });

  it('Sign In runs aws sso login in a terminal, then assumes the profile', async () => {
    await wb.page.locator('.notification-toast .monaco-button', { hasText: 'Sign In' }).click();
    await wb.page.waitForFunction(() => /DEMO-CODE/.test((document.querySelector('.xterm-rows') as HTMLElement | null)?.innerText ?? ''), undefined, {
      timeout: 30_000,
    });
    // The VS Code server is a remote window (the browser is elsewhere), and the CLI is ≥ 2.22:
    // the device code flow is asked for. The command line is the terminal's first: scrolled up to,
    // as a person would (VS Code 1.13x draws only the rows on screen). (The terminal wraps long lines.)
    const box = await wb.page.locator('.terminal-wrapper.active .xterm-rows, .xterm-rows').last().boundingBox();
    assert.ok(box !== null, 'the terminal is on screen');
    await wb.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await wb.page.mouse.wheel(0, -2000);
    await wb.page.waitForFunction(() => /sso login --profile/.test((document.querySelector('.xterm-rows') as HTMLElement | null)?.innerText ?? ''));
    assert.match((await wb.terminalText()).replace(/\n/g, ''), /sso login --profile demo-sso --use-device-code +\(AWS CLI 2\.99\.0\)/);
    await wb.page.mouse.wheel(0, 2000); // and back down, where the terminal's last line is
    assert.match(await wb.waitStatus(/demo-sso \(/, 30_000), /demo-sso \(777777777777 PowerUser\)/);
    assert.equal(wb.sts.callsOf('GetRoleCredentials').filter((c) => c.error === undefined).length, 1);
  });

  it('the sign-in terminal stays until a key closes it, so the keyboard stays where the person left it', async () => {
    // A terminal that closed by itself hid the panel, and VS Code then focused the editor: a command
    // palette opened in the meantime closed (the "importing again" failure of issue 22, item 17).
    const signInTerminal = wb.page.locator('.terminal-wrapper.active .xterm-rows');
    await wb.page.waitForFunction(
      () =>
        /Signed in\.\s*Press any key to close this terminal\./.test(
          (document.querySelector('.terminal-wrapper.active .xterm-rows') as HTMLElement | null)?.innerText ?? '',
        ),
      undefined,
      { timeout: 30_000 },
    );
    await wb.page.locator('.terminal-wrapper.active .terminal-widget-container').click();
    await wb.page.keyboard.press('Enter');
    await signInTerminal.waitFor({ state: 'detached', timeout: 15_000 });
  });

  it('a new terminal acts as the permission set role', async () => {
    await wb.runCommand('Terminal: Create New Terminal');
    await wb.page.waitForFunction(() => /\$/.test((document.querySelector('.xterm-rows') as HTMLElement | null)?.innerText ?? ''), undefined, {
      timeout: 30_000,
    });
    await wb.page.keyboard.type(`/usr/bin/aws sts get-caller-identity --endpoint-url ${wb.sts.url} --query Arn --output text\n`);
    await wb.page.waitForFunction(
      () => /AWSReservedSSO_PowerUser/.test((document.querySelector('.xterm-rows') as HTMLElement | null)?.innerText ?? ''),
      undefined,
      { timeout: 30_000 },
    );
    assert.match(await wb.terminalText(), /arn:aws:sts::777777777777:assumed-role\/AWSReservedSSO_PowerUser_[0-9a-f]+\/demo-user/);
  });

  it('a terminal pinned to the profile after the sign-in is gone: Sign In, then the terminal opens', async () => {
    await wb.runCommand('AWS: Sign Out'); // so only the pinned terminal's own session can answer as the role
    await wb.waitStatus(/AWS: none/);
    rmSync(join(wb.home, '.aws', 'sso', 'cache'), { recursive: true, force: true });
    await wb.runCommand('AWS: Open Terminal for Profile');
    await wb.typeInQuickInput('demo-sso');
    await wb.pickRows();
    await wb.page.keyboard.press('Enter');
    const toast = wb.page.locator('.notification-toast', { hasText: 'Could not open a terminal for "demo-sso"' });
    await toast.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(
      await toast.innerText(),
      /No IAM Identity Center session is cached for this profile\. Sign in to IAM Identity Center \(aws sso login --profile demo-sso\)\?/,
    );
    await toast.locator('.monaco-button', { hasText: 'Sign In' }).click();
    const anyTerminal = (re: RegExp): Promise<unknown> =>
      wb.page.waitForFunction(
        (src) => Array.from(document.querySelectorAll('.xterm-rows')).some((e) => new RegExp(src).test((e as HTMLElement).innerText)),
        re.source,
        { timeout: 30_000 },
      );
    await anyTerminal(/DEMO-CODE/);
    await wb.page
      .locator('.terminal-tabs-entry, .single-terminal-tab, .terminal-tab', { hasText: 'AWS: demo-sso' })
      .first()
      .waitFor({ state: 'visible', timeout: 30_000 });
    await wb.waitForActiveTerminal(/\$/);
    assert.doesNotMatch(await wb.terminalText(), /AWSReservedSSO/, 'a fresh terminal');
    const identityCalls = wb.sts.callsOf('GetCallerIdentity').length;
    await wb.page.keyboard.type(`/usr/bin/aws sts get-caller-identity --endpoint-url ${wb.sts.url} --query Arn --output text\n`);
    await wb.waitForActiveTerminal(/AWSReservedSSO_PowerUser_[0-9a-f]+\/demo-user/);
    assert.equal(wb.sts.callsOf('GetCallerIdentity').length, identityCalls + 1);
    assert.equal(wb.sts.callsOf('GetRoleCredentials').filter((c) => c.error === undefined).length, 2, 'the pinned terminal has a session of its own');
  });

  it('AWS: Sign In to IAM Identity Center… lists the SSO profiles and signs in again on request', async () => {
    const cache = join(wb.home, '.aws', 'sso', 'cache');
    const before = readdirSync(cache)
      .map((f) => readFileSync(join(cache, f), 'utf8'))
      .join('');
    await wb.runCommand('AWS: Sign In to IAM Identity Center');
    await wb.page.waitForFunction(() => /Sign In to IAM Identity Center/.test(document.querySelector('.quick-input-title')?.textContent ?? ''));
    const rows = await wb.pickRows();
    assert.ok(
      rows.some((r) => /demo-sso.*signed in until \d/.test(r)),
      rows.join(' | '),
    );
    assert.ok(!rows.some((r) => /demo-base|demo-admin-mfa/.test(r)), `only SSO profiles: ${rows.join(' | ')}`);
    await wb.typeInQuickInput('demo-sso');
    await wb.pickRows();
    await wb.page.keyboard.press('Enter');
    // Waits for what this sign-in causes: a new token in the cache (an earlier test left "Signed in." on screen).
    const cached = () =>
      readdirSync(cache)
        .map((f) => readFileSync(join(cache, f), 'utf8'))
        .join('');
    const deadline = Date.now() + 30_000;
    while (cached() === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const after = cached();
    assert.notEqual(after, before, 'a new token was cached');
    // The earlier sign-in's finished terminal gave way to this one.
    const signInTabs = wb.page.locator('.terminal-tabs-entry', { hasText: 'AWS sign-in' });
    await wb.page.waitForFunction(() => document.querySelectorAll('.terminal-tabs-entry').length > 0);
    assert.equal(await signInTabs.count(), 1, (await wb.page.locator('.terminal-tabs-entry').allInnerTexts()).join(' | '));
  });
});
