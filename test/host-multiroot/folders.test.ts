/**
 * A multi-root workspace: folder "api" names demo-vendor in its own .vscode/settings.json, folder
 * "web" names nothing, folder "ops" names a production profile (not assumed by itself), and the
 * window's role is demo-dev. As a person would: with a file of "api"
 * in the editor, a new terminal and a task act as demo-vendor; with a file of "web", as demo-dev.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { FAKE_STS, api, readWhenDone, stateWhere, tmpFile, waitFor } from '../host/helpers';

function folder(name: string): vscode.WorkspaceFolder {
  const f = vscode.workspace.workspaceFolders?.find((w) => w.name === name);
  assert.ok(f !== undefined, `folder ${name} is open`);
  return f;
}

/** VS Code scopes environment collections by the folder of the last active editor. */
async function editIn(f: vscode.WorkspaceFolder): Promise<void> {
  const file = vscode.Uri.joinPath(f.uri, 'notes.txt');
  await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(`a file in ${f.name}\n`));
  await vscode.window.showTextDocument(file);
}

const cli = (out: string): string =>
  `/usr/bin/aws sts get-caller-identity --endpoint-url ${FAKE_STS} --query Arn --output text > ${out} 2>&1; echo __DONE__ >> ${out}`;

async function arnFromTask(f: vscode.WorkspaceFolder): Promise<string> {
  await editIn(f);
  const out = tmpFile(`${f.name}-task.txt`);
  const task = new vscode.Task(
    { type: 'shell', id: `ars-${f.name}` },
    f,
    `ars-${f.name}`,
    'ars-test',
    new vscode.ShellExecution(cli(out), { cwd: f.uri.fsPath }),
  );
  task.presentationOptions = { reveal: vscode.TaskRevealKind.Never };
  await vscode.tasks.executeTask(task);
  return (await readWhenDone(out)).split('\n')[0] ?? '';
}

async function arnFromTerminal(f: vscode.WorkspaceFolder): Promise<string> {
  await editIn(f);
  const out = tmpFile(`${f.name}-terminal.txt`);
  const t = vscode.window.createTerminal({ name: `in-${f.name}`, cwd: f.uri, shellPath: '/bin/bash' });
  t.sendText(cli(out));
  const arn = (await readWhenDone(out)).split('\n')[0] ?? '';
  t.dispose();
  return arn;
}

describe('multi-root: a profile per folder', function () {
  this.timeout(120_000);

  it('the folder that names a profile gets a session of its own on open', async () => {
    const a = await api();
    const entry = await waitFor(() => a.getState().folders.find((f) => f.folder === 'api' && f.status === 'active'), 'the api folder session');
    assert.equal(entry.profile, 'demo-vendor');
    assert.deepEqual(
      a
        .getState()
        .folders.filter((f) => f.status !== 'none')
        .map((f) => f.folder),
      ['api'],
      'only the folders that name a profile, and no production one by itself',
    );
  });

  it('a folder whose settings name a production profile is not assumed by itself', async () => {
    const a = await api();
    const ops = await waitFor(() => a.getState().folders.find((f) => f.folder === 'ops'), 'the ops folder to be known');
    assert.equal(ops.profile, 'demo-prod-chain');
    assert.equal(ops.status, 'none');
    const calls = (await (await fetch(`${FAKE_STS}/__fake/calls`)).json()) as Array<{ action: string; roleArn?: string }>;
    assert.deepEqual(
      calls.filter((c) => c.action === 'AssumeRole' && /ProdReadOnly|Admin/.test(JSON.stringify(c))),
      [],
      'no AssumeRole toward production',
    );
  });

  it("terminals and tasks of each folder act as its role, while the window's role is another", async () => {
    assert.equal(await vscode.commands.executeCommand<boolean>('awsRoleSwitcher.switchProfile', 'demo-dev'), true);
    await stateWhere((s) => s.status === 'active' && s.profile === 'demo-dev', 'demo-dev active');
    const windowArn = (await api()).getState().arn ?? '';
    assert.match(await arnFromTerminal(folder('api')), /^arn:aws:sts::555555555555:assumed-role\/VendorAudit\//);
    assert.match(await arnFromTask(folder('api')), /^arn:aws:sts::555555555555:assumed-role\/VendorAudit\//);
    assert.equal(await arnFromTerminal(folder('web')), windowArn);
    assert.equal(await arnFromTask(folder('web')), windowArn);
  });

  it("Sign Out ends the folders' sessions too; the next profile of the window brings them back", async () => {
    await vscode.commands.executeCommand('awsRoleSwitcher.signOut');
    await stateWhere((s) => s.status === 'none' && s.folders.length === 0, 'signed out, folders included');
    assert.doesNotMatch(await arnFromTask(folder('api')), /VendorAudit/, 'no credentials of the folder after Sign Out');
    assert.equal(await vscode.commands.executeCommand<boolean>('awsRoleSwitcher.switchProfile', 'demo-dev'), true);
    await stateWhere((s) => s.folders.some((f) => f.folder === 'api' && f.status === 'active'), 'the api folder session back');
    assert.match(await arnFromTask(folder('api')), /^arn:aws:sts::555555555555:assumed-role\/VendorAudit\//);
  });
});
