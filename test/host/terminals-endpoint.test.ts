/**
 * Endpoint delivery and debug sessions inside a real VS Code, against the fake STS:
 * - a loop of AWS CLI calls keeps succeeding across refreshes of 10-second credentials, because
 *   processes fetch credentials from the loopback endpoint instead of holding keys;
 * - the endpoint refuses a wrong token, a missing token and a foreign Host header;
 * - a Node debug session sees the role's variables (and does not when the setting is off).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { request } from 'node:http';
import * as vscode from 'vscode';
import { FAKE_STS, agentTerminalIdentity, api, parseEnv, readWhenDone, stateWhere, tmpFile } from './helpers';

async function fake(path: string, body?: unknown): Promise<string> {
  const res = await fetch(`${FAKE_STS}${path}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });
  return res.text();
}

async function assumeRoleCalls(): Promise<number> {
  const calls = JSON.parse(await fake('/__fake/calls')) as Array<{ action: string; error?: string }>;
  return calls.filter((c) => c.action === 'AssumeRole' && c.error === undefined).length;
}

function httpGet(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

async function runTask(name: string, script: string): Promise<void> {
  const task = new vscode.Task(
    { type: 'shell', id: name },
    vscode.TaskScope.Workspace,
    name,
    'ars-test',
    new vscode.ProcessExecution('/bin/bash', ['-c', script]),
  );
  task.presentationOptions = { reveal: vscode.TaskRevealKind.Never };
  await vscode.tasks.executeTask(task);
}

const settings = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('awsRoleSwitcher');

describe('endpoint delivery', function () {
  this.timeout(180_000);

  before(async () => {
    await api();
    await settings().update('terminal.delivery', 'endpoint', vscode.ConfigurationTarget.Global);
    await settings().update('expiryWindowSeconds', 3, vscode.ConfigurationTarget.Global);
    await fake('/__fake/config', { credentialLifetimeSeconds: 10 });
  });

  after(async () => {
    await fake('/__fake/config', { credentialLifetimeSeconds: null });
    await vscode.commands.executeCommand('awsRoleSwitcher.signOut');
    await settings().update('terminal.delivery', undefined, vscode.ConfigurationTarget.Global);
    await settings().update('expiryWindowSeconds', undefined, vscode.ConfigurationTarget.Global);
  });

  let envOut = '';

  it('a loop of AWS CLI calls keeps succeeding across three refreshes of 10-second credentials', async () => {
    assert.equal(await vscode.commands.executeCommand<boolean>('awsRoleSwitcher.switchProfile', 'demo-dev'), true);
    await stateWhere(
      (s) => s.status === 'active' && s.profile === 'demo-dev' && s.processes.delivery === 'endpoint',
      'demo-dev active, served by the endpoint',
    );
    const before = await assumeRoleCalls();
    envOut = tmpFile('env.txt');
    const out = tmpFile('loop.txt');
    const started = Date.now();
    await runTask(
      'ars-endpoint-loop',
      `env > ${envOut}; echo __DONE__ >> ${envOut}; end=$((SECONDS+32)); n=0; while [ $SECONDS -lt $end ] || [ $n -lt 10 ]; do n=$((n+1)); /usr/bin/aws sts get-caller-identity --endpoint-url ${FAKE_STS} --query Arn --output text >> ${out} 2>&1 || echo FAIL >> ${out}; sleep 1; done; echo __DONE__ >> ${out}`,
    );
    const text = await readWhenDone(out, '__DONE__', 90_000);
    const lines = text.split('\n').filter((l) => l !== '' && l !== '__DONE__');
    assert.ok(Date.now() - started >= 30_000, 'the loop ran for at least 30 s');
    assert.ok(lines.length >= 10, `enough calls: ${lines.length}`);
    const bad = lines.filter((l) => !/^arn:aws:sts::222222222222:assumed-role\/Developer\//.test(l) || /botocore-session/.test(l));
    assert.deepEqual(bad, [], 'every call succeeded as the role');
    const refreshes = (await assumeRoleCalls()) - before;
    assert.ok(refreshes >= 3, `the credentials were refreshed at least three times during the loop (saw ${refreshes})`);
  });

  it('a terminal an extension creates and runs a command in through shell integration (as AI agents do) acts as the session, through the endpoint', async () => {
    const s = await stateWhere((x) => x.profile === 'demo-dev' && x.processes.delivery === 'endpoint', 'demo-dev served by the endpoint');
    assert.equal(await agentTerminalIdentity(), s.arn);
  });

  it('processes got the endpoint, not keys', async () => {
    const env = parseEnv(await readWhenDone(envOut));
    assert.match(env.get('AWS_CONTAINER_CREDENTIALS_FULL_URI') ?? '', /^http:\/\/127\.0\.0\.1:\d+\/credentials\/[0-9a-f]{24}$/);
    assert.ok((env.get('AWS_CONTAINER_AUTHORIZATION_TOKEN') ?? '').length >= 43);
    assert.equal(env.get('AWS_ACCESS_KEY_ID') ?? '', '');
    assert.equal(env.get('AWS_SECRET_ACCESS_KEY') ?? '', '');
  });

  it('the endpoint refuses a wrong token, a missing token and a foreign Host header', async () => {
    const env = parseEnv(await readWhenDone(envOut));
    const url = env.get('AWS_CONTAINER_CREDENTIALS_FULL_URI') ?? '';
    const token = env.get('AWS_CONTAINER_AUTHORIZATION_TOKEN') ?? '';
    assert.equal(await httpGet(url, { Authorization: token }), 200);
    assert.equal(await httpGet(url, { Authorization: `${token.slice(0, -1)}A` === token ? `${token.slice(0, -1)}B` : `${token.slice(0, -1)}A` }), 401);
    assert.equal(await httpGet(url, {}), 401);
    assert.equal(await httpGet(url, { Authorization: token, Host: 'attacker.example' }), 403);
  });

  /** Runs the AWS CLI in an open terminal; its ARN, or its error. */
  async function whoAmI(terminal: vscode.Terminal): Promise<string> {
    const out = tmpFile('whoami.txt');
    terminal.sendText(`/usr/bin/aws sts get-caller-identity --endpoint-url ${FAKE_STS} --query Arn --output text > ${out} 2>&1; echo __DONE__ >> ${out}`);
    return (await readWhenDone(out, '__DONE__', 60_000)).replace('__DONE__', '').trim();
  }

  async function switchTo(profile: string): Promise<string> {
    assert.equal(await vscode.commands.executeCommand<boolean>('awsRoleSwitcher.switchProfile', profile), true);
    const s = await stateWhere((x) => x.status === 'active' && x.profile === profile && x.processes.delivery === 'endpoint', `${profile} active`);
    return s.arn ?? '';
  }

  it('a terminal belongs to the profile it was opened with: after a switch it is refused with a relaunch message, in both directions', async () => {
    const devArn = await switchTo('demo-dev');
    const devTerminal = vscode.window.createTerminal({ name: 'opened-as-dev', shellPath: '/bin/bash' });
    assert.equal(await whoAmI(devTerminal), devArn, 'the dev terminal acts as the dev session');

    // dev → vendor: the dev terminal is refused, never served the vendor role.
    const vendorArn = await switchTo('demo-vendor');
    const vendorTerminal = vscode.window.createTerminal({ name: 'opened-as-vendor', shellPath: '/bin/bash' });
    assert.equal(await whoAmI(vendorTerminal), vendorArn, 'a new terminal acts as the vendor session');
    const refused = await whoAmI(devTerminal);
    assert.doesNotMatch(refused, /555555555555|VendorAudit/, 'the old terminal never gets the new profile');
    assert.match(refused, /started with AWS profile \\?"demo-dev\\?"; VS Code now uses \\?"demo-vendor\\?"\. Relaunch the terminal/, refused);

    // vendor → dev: now the vendor terminal is refused, and the dev terminal works again.
    const devAgainArn = await switchTo('demo-dev');
    assert.match(await whoAmI(vendorTerminal), /started with AWS profile \\?"demo-vendor\\?"; VS Code now uses \\?"demo-dev\\?"/);
    assert.equal(await whoAmI(devTerminal), devAgainArn, 'back on dev, the dev terminal acts as the dev session again');
    devTerminal.dispose();
    vendorTerminal.dispose();
  });

  it('after Sign Out an open terminal is refused with a message that says VS Code signed out', async () => {
    await switchTo('demo-dev');
    const terminal = vscode.window.createTerminal({ name: 'opened-before-sign-out', shellPath: '/bin/bash' });
    assert.match(await whoAmI(terminal), /assumed-role\/Developer\//);
    await vscode.commands.executeCommand('awsRoleSwitcher.signOut');
    await stateWhere((s) => s.profile === undefined, 'signed out');
    const refused = await whoAmI(terminal);
    assert.doesNotMatch(refused, /assumed-role/, 'no credentials after Sign Out');
    assert.match(refused, /started with AWS profile \\?"demo-dev\\?"; VS Code has signed out \(no AWS profile is active\)/, refused);
    terminal.dispose();
  });
});

describe('debug sessions', function () {
  this.timeout(120_000);

  before(async () => {
    assert.equal(await vscode.commands.executeCommand<boolean>('awsRoleSwitcher.switchProfile', 'demo-dev'), true);
    await stateWhere((s) => s.status === 'active' && s.profile === 'demo-dev', 'demo-dev active');
  });

  after(async () => {
    await settings().update('debug.injectCredentials', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('awsRoleSwitcher.signOut');
  });

  async function debugEnv(): Promise<Map<string, string>> {
    const program = tmpFile('program.js');
    const out = `${program}.out`;
    fs.writeFileSync(
      program,
      `require('fs').writeFileSync(${JSON.stringify(out)}, Object.entries(process.env).map(([k, v]) => k + '=' + v).join('\\n') + '\\n__DONE__\\n');\n`,
    );
    const ok = await vscode.debug.startDebugging(vscode.workspace.workspaceFolders?.[0], {
      type: 'node',
      request: 'launch',
      name: 'ars-debug',
      program,
      console: 'internalConsole',
      env: { FROM_LAUNCH_JSON: 'kept' },
    });
    assert.equal(ok, true, 'the debug session started');
    return parseEnv(await readWhenDone(out, '__DONE__', 60_000));
  }

  it('a Node debug session sees the role', async () => {
    const env = await debugEnv();
    assert.match(env.get('AWS_ACCESS_KEY_ID') ?? '', /^ASIA/);
    assert.ok((env.get('AWS_SESSION_TOKEN') ?? '').length > 100);
    assert.equal(env.get('AWS_REGION'), 'eu-west-1');
    assert.equal(env.get('FROM_LAUNCH_JSON'), 'kept', "the launch configuration's own env is kept");
  });

  it('awsRoleSwitcher.debug.injectCredentials = false leaves debug sessions alone', async () => {
    await settings().update('debug.injectCredentials', false, vscode.ConfigurationTarget.Global);
    const env = await debugEnv();
    assert.equal(env.get('AWS_ACCESS_KEY_ID'), undefined);
  });
});

describe('terminals pinned to a profile', function () {
  this.timeout(120_000);
  const rc = `${process.env['HOME'] ?? ''}/.bashrc`;
  let savedRc = '';

  before(async () => {
    savedRc = fs.existsSync(rc) ? fs.readFileSync(rc, 'utf8') : '';
    fs.writeFileSync(rc, 'PS1="$ "\n');
    assert.equal(await vscode.commands.executeCommand<boolean>('awsRoleSwitcher.switchProfile', 'demo-dev'), true);
    await stateWhere((s) => s.status === 'active' && s.profile === 'demo-dev', 'demo-dev active');
  });

  after(async () => {
    fs.writeFileSync(rc, savedRc);
    for (const t of vscode.window.terminals) t.dispose();
    await vscode.commands.executeCommand('awsRoleSwitcher.signOut');
  });

  async function cliIn(terminal: vscode.Terminal): Promise<string[]> {
    const out = tmpFile('pinned.txt');
    terminal.sendText(
      `/usr/bin/aws sts get-caller-identity --endpoint-url ${FAKE_STS} --query Arn --output text > ${out} 2>&1; echo "\${AWS_PROFILE-unset} \${AWS_REGION-unset}" >> ${out}; echo __DONE__ >> ${out}`,
    );
    return (await readWhenDone(out)).split('\n');
  }

  it('AWS: Open Terminal for Profile pins a terminal to its profile while another role is active elsewhere', async () => {
    const name = await vscode.commands.executeCommand<string>('awsRoleSwitcher.openTerminal', 'demo-vendor');
    assert.equal(name, 'AWS: demo-vendor');
    const pinned = vscode.window.terminals.find((t) => t.name === 'AWS: demo-vendor');
    assert.ok(pinned !== undefined, 'the pinned terminal is open');
    assert.equal((pinned.creationOptions as vscode.TerminalOptions).isTransient, true, 'never stored for revival: its env holds keys');
    const [arn, vars] = await cliIn(pinned);
    assert.match(arn ?? '', /^arn:aws:sts::555555555555:assumed-role\/VendorAudit\//);
    assert.equal(vars, 'unset us-east-1', 'AWS_PROFILE unset: every SDK uses the pinned keys');
    assert.equal((await api()).getState().profile, 'demo-dev', 'the window role did not change');

    const plain = vscode.window.createTerminal({ name: 'plain', shellPath: '/bin/bash' });
    const [plainArn] = await cliIn(plain);
    assert.equal(plainArn, (await api()).getState().arn, 'other terminals keep the window role');
  });

  it("with endpoint delivery, Sign Out ends the pinned terminal's session: its next call gets no credentials", async () => {
    await settings().update('terminal.delivery', 'endpoint', vscode.ConfigurationTarget.Global);
    try {
      await stateWhere((s) => s.status === 'active' && s.processes.delivery === 'endpoint', 'endpoint delivery');
      await vscode.commands.executeCommand<string>('awsRoleSwitcher.openTerminal', 'demo-vendor');
      const pinned = vscode.window.terminals.filter((t) => t.name === 'AWS: demo-vendor').at(-1);
      assert.ok(pinned !== undefined);
      const [arn] = await cliIn(pinned);
      assert.match(arn ?? '', /assumed-role\/VendorAudit\//);
      await vscode.commands.executeCommand('awsRoleSwitcher.signOut');
      await stateWhere((s) => s.status === 'none', 'signed out');
      const [after] = await cliIn(pinned);
      assert.doesNotMatch(after ?? '', /VendorAudit/, 'the pinned terminal acts as nothing after Sign Out');
    } finally {
      await settings().update('terminal.delivery', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
