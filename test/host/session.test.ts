/**
 * Inside a real VS Code (extension host), against the fake STS (SigV4 verified) and the real AWS
 * CLI: assuming a role puts it into terminals (even when the shell rc exports AWS_PROFILE), shell
 * tasks and process tasks; signing out takes it away; bad config is a diagnostic; the log has no
 * secrets.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { findFile } from '../files';
import { FAKE_STS, HOME, agentTerminalIdentity, api, closeAllTerminals, parseEnv, readWhenDone, stateWhere, tmpFile, waitFor } from './helpers';

const DEV_ARN = /^arn:aws:sts::222222222222:assumed-role\/Developer\/[\w+=,.@-]+$/;

describe('assuming a role in a real VS Code', function () {
  this.timeout(120_000);

  before(async () => {
    assert.ok(FAKE_STS.startsWith('http://127.0.0.1:'), 'the harness runs a fake STS');
    // A shell start-up file that fights us, as many real ones do.
    fs.writeFileSync(path.join(HOME, '.bashrc'), 'export AWS_PROFILE=demo-base\nexport AWS_SESSION_TOKEN=stale-token-from-rc\n');
    await api();
  });

  after(async () => {
    fs.writeFileSync(path.join(HOME, '.bashrc'), '');
    await vscode.commands.executeCommand('awsRoleSwitcher.signOut');
    await closeAllTerminals();
  });

  it('starts with no profile active', async () => {
    const s = (await api()).getState();
    assert.equal(s.status, 'none');
    assert.equal(s.profile, undefined);
  });

  it('Switch Profile with a profile name assumes the role (fake STS verified the signature)', async () => {
    const ok = await vscode.commands.executeCommand<boolean>('awsRoleSwitcher.switchProfile', 'demo-dev');
    assert.equal(ok, true);
    const s = await stateWhere((x) => x.status === 'active', 'an active session');
    assert.equal(s.profile, 'demo-dev');
    assert.match(s.arn ?? '', DEV_ARN);
    assert.equal(s.accountId, '222222222222');
    assert.equal(s.region, 'eu-west-1');
    assert.ok(s.expiration !== undefined && Date.parse(s.expiration) > Date.now() + 30 * 60_000);
    const id = await vscode.commands.executeCommand<{ arn: string }>('awsRoleSwitcher.showCallerIdentity');
    assert.equal(id.arn, s.arn);
    // VS Code for the Web (code-server here) does not persist terminals on exit; the desktop does (unit-tested).
    assert.equal(vscode.env.uiKind, vscode.UIKind.Web);
    assert.equal(s.processes.keysSavedOnExit, false, 'keys delivery in the browser: nothing is saved on exit');
  });

  it('Copy Credentials as Shell Exports with a shell it cannot write for: refused before another profile is assumed', async () => {
    const assumed = async (): Promise<number> => {
      const calls = (await (await fetch(`${FAKE_STS}/__fake/calls`)).json()) as Array<{ action: string }>;
      return calls.filter((c) => c.action === 'AssumeRole').length;
    };
    const before = await assumed();
    const r = await vscode.commands.executeCommand('awsRoleSwitcher.copyShellExports', 'tcsh', 'demo-vendor');
    assert.equal(r, undefined);
    assert.equal(await assumed(), before, 'demo-vendor was not assumed for a shell it cannot write for');
  });

  it('a terminal with shell integration runs the AWS CLI as the role, despite AWS_PROFILE in ~/.bashrc', async () => {
    // The switch made the extension ask bash what its start-up files export.
    const s = await stateWhere((x) => x.processes.outsideProfile === 'demo-base', 'the extension to see AWS_PROFILE in ~/.bashrc');
    assert.equal(s.processes.profileVariable, 'name', 'a profile from the shell start-up files makes the extension name the active one after them');
    const out = tmpFile('terminal.txt');
    const term = vscode.window.createTerminal({ name: 'ars-test', shellPath: '/bin/bash' });
    term.sendText(
      `/usr/bin/aws sts get-caller-identity --endpoint-url ${FAKE_STS} --query Arn --output text > ${out} 2>&1; echo "PROFILE=$AWS_PROFILE TOKEN_IS_RC=$([ "$AWS_SESSION_TOKEN" = stale-token-from-rc ] && echo yes || echo no)" >> ${out}; echo __DONE__ >> ${out}`,
    );
    const text = await readWhenDone(out);
    const [arn, vars] = text.split('\n');
    assert.match(arn ?? '', DEV_ARN, text);
    // Exactly our session (botocore assuming demo-dev by itself would name its own session).
    assert.equal(arn, (await api()).getState().arn);
    assert.equal(vars, 'PROFILE=demo-dev TOKEN_IS_RC=no', 'the rc exports were overridden after shell start-up');
    term.dispose();
  });

  it('a shell task and a process task carry the role', async () => {
    const shellOut = tmpFile('shell-task.txt');
    const procOut = tmpFile('process-task.txt');
    const run = async (execution: vscode.ShellExecution | vscode.ProcessExecution, name: string): Promise<void> => {
      const task = new vscode.Task({ type: 'shell', id: name }, vscode.TaskScope.Workspace, name, 'ars-test', execution);
      task.presentationOptions = { reveal: vscode.TaskRevealKind.Never };
      await vscode.tasks.executeTask(task);
    };
    await run(
      new vscode.ShellExecution(
        `/usr/bin/aws sts get-caller-identity --endpoint-url ${FAKE_STS} --query Arn --output text > ${shellOut} 2>&1; echo __DONE__ >> ${shellOut}`,
      ),
      'ars-shell',
    );
    await run(new vscode.ProcessExecution('/bin/sh', ['-c', `env > ${procOut}; echo __DONE__ >> ${procOut}`]), 'ars-process');
    assert.equal((await readWhenDone(shellOut)).split('\n')[0], (await api()).getState().arn, 'exactly our session');
    const env = parseEnv(await readWhenDone(procOut));
    assert.match(env.get('AWS_ACCESS_KEY_ID') ?? '', /^ASIA/);
    assert.ok((env.get('AWS_SESSION_TOKEN') ?? '').length > 100);
    assert.equal(env.get('AWS_REGION'), 'eu-west-1');
    assert.equal(env.get('AWS_DEFAULT_REGION'), 'eu-west-1');
    assert.ok(!Number.isNaN(Date.parse(env.get('AWS_CREDENTIAL_EXPIRATION') ?? '')));
  });

  it("other extensions: nothing without the person's consent, and a switch is announced to every extension", async () => {
    // Without a grant (VS Code's consent dialog; the UI test "credentials for other extensions" clicks
    // it), a silent request gets nothing: the provider's own extension is no exception.
    assert.equal(await vscode.authentication.getSession('aws-role-switcher', [], { silent: true }), undefined);
    const changed = new Promise<void>((resolve) => {
      const d = vscode.authentication.onDidChangeSessions((e) => {
        if (e.provider.id !== 'aws-role-switcher') return;
        d.dispose();
        resolve();
      });
    });
    await vscode.commands.executeCommand('awsRoleSwitcher.switchProfile', 'demo-vendor');
    await stateWhere((s) => s.profile === 'demo-vendor' && s.status === 'active', 'demo-vendor active');
    await changed;
    await vscode.commands.executeCommand('awsRoleSwitcher.switchProfile', 'demo-dev');
    await stateWhere((s) => s.profile === 'demo-dev' && s.status === 'active', 'demo-dev active again');
  });

  it('a terminal an extension creates and runs a command in through shell integration (as AI agents do) acts as the session', async () => {
    const s = await stateWhere((x) => x.profile === 'demo-dev' && x.status === 'active', 'demo-dev active');
    assert.equal(await agentTerminalIdentity(), s.arn);
  });

  it('the log records the switch but no key, secret or token', async () => {
    const procOut = tmpFile('env.txt');
    const task = new vscode.Task(
      { type: 'shell', id: 'ars-env' },
      vscode.TaskScope.Workspace,
      'ars-env',
      'ars-test',
      new vscode.ProcessExecution('/bin/sh', ['-c', `env > ${procOut}; echo __DONE__ >> ${procOut}`]),
    );
    task.presentationOptions = { reveal: vscode.TaskRevealKind.Never };
    await vscode.tasks.executeTask(task);
    const env = parseEnv(await readWhenDone(procOut));
    const secrets = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'].map((k) => env.get(k) ?? '');
    assert.ok(secrets.every((s) => s.length >= 16));
    await vscode.commands.executeCommand('awsRoleSwitcher.showCallerIdentity');
    const logRoot = process.env['VSCODE_AGENT_FOLDER'] ?? '';
    const log = await waitFor(() => findFile(logRoot, 'AWS Role Switcher.log'), 'the log file');
    const text = await waitFor(() => {
      const t = fs.readFileSync(log, 'utf8');
      return /caller identity: arn:aws:sts::222222222222/.test(t) ? t : undefined;
    }, 'the log to mention the caller identity');
    assert.match(text, /assuming demo-dev/);
    for (const s of secrets) assert.ok(!text.includes(s), 'no secret in the log');
    assert.ok(!/\bASIA[A-Z2-7]{16}\b/.test(text), 'no full access key id in the log');
  });

  it('Sign Out takes the role away from new terminals', async () => {
    await vscode.commands.executeCommand('awsRoleSwitcher.signOut');
    await stateWhere((s) => s.status === 'none', 'signed out');
    const out = tmpFile('after.txt');
    const task = new vscode.Task(
      { type: 'shell', id: 'ars-after' },
      vscode.TaskScope.Workspace,
      'ars-after',
      'ars-test',
      new vscode.ProcessExecution('/bin/sh', ['-c', `env > ${out}; echo __DONE__ >> ${out}`]),
    );
    task.presentationOptions = { reveal: vscode.TaskRevealKind.Never };
    await vscode.tasks.executeTask(task);
    const env = parseEnv(await readWhenDone(out));
    assert.equal(env.get('AWS_ACCESS_KEY_ID'), undefined);
    assert.equal(env.get('AWS_SECRET_ACCESS_KEY'), undefined);
  });

  it('a malformed line is a diagnostic with file and line; every other profile stays usable', async () => {
    const config = path.join(HOME, '.aws', 'config');
    const original = fs.readFileSync(config, 'utf8');
    try {
      fs.writeFileSync(config, original.replace('[profile demo-vendor]', '[profile demo-vendor]\nthis line has no equals sign'));
      const a = await api();
      const diag = await waitFor(() => a.getDiagnostics().find((d) => d.includes("Expected an '=' sign")), 'the diagnostic after the edit');
      assert.match(diag, /^~\/\.aws\/config:\d+: Expected an '=' sign defining a property/);
      assert.equal(await vscode.commands.executeCommand<boolean>('awsRoleSwitcher.switchProfile', 'demo-vendor'), true);
      await stateWhere((s) => s.profile === 'demo-vendor' && s.status === 'active', 'demo-vendor active');
    } finally {
      fs.writeFileSync(config, original);
      await vscode.commands.executeCommand('awsRoleSwitcher.signOut');
    }
    const a = await api();
    await waitFor(() => (a.getDiagnostics().some((d) => d.includes("Expected an '='")) ? undefined : true), 'the diagnostic to clear');
  });

  it('a failed switch keeps the session that was active', async () => {
    assert.equal(await vscode.commands.executeCommand<boolean>('awsRoleSwitcher.switchProfile', 'demo-dev'), true);
    const before = await stateWhere((s) => s.profile === 'demo-dev' && s.status === 'active', 'demo-dev active');
    assert.equal(await vscode.commands.executeCommand<boolean>('awsRoleSwitcher.switchProfile', 'no-such-profile'), false);
    const after = (await api()).getState();
    assert.equal(after.profile, 'demo-dev');
    assert.equal(after.arn, before.arn);
  });
});
