/**
 * The AWS config files as a language, in a real VS Code: problems of the unsaved buffer as it is
 * typed, their quick fixes, completion, hovers, go to definition and the profile lenses, on the
 * demo config the extension reads (its profiles span the config and the credentials file).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { HOME, api, tmpFile, waitFor } from './helpers';

const CONFIG = path.join(HOME, '.aws', 'config');

function problemsOf(uri: vscode.Uri, code?: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'AWS config' && (code === undefined || d.code === code));
}

async function append(doc: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.insert(doc.uri, doc.lineAt(doc.lineCount - 1).range.end, text);
  assert.ok(await vscode.workspace.applyEdit(edit));
}

function lineOf(doc: vscode.TextDocument, starts: string): number {
  for (let i = 0; i < doc.lineCount; i++) if (doc.lineAt(i).text.startsWith(starts)) return i;
  throw new Error(`no line starting with ${starts}`);
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n')
    .replace(/\\(.)/g, '$1'); // markdown escapes, read as a person sees them
}

describe('the AWS config files as a language', function () {
  this.timeout(60_000);
  let doc: vscode.TextDocument;

  before(async () => {
    await (await api()).whenReady();
    doc = await vscode.workspace.openTextDocument(CONFIG);
    await vscode.window.showTextDocument(doc);
  });

  after(async () => {
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('~/.aws/config opens as an AWS Config file, with no problems in the demo profiles', async () => {
    assert.equal(doc.languageId, 'aws-config');
    // The first reading is on its way; an empty list now could be "not yet", so wait a moment for one.
    await new Promise((r) => setTimeout(r, 1000));
    assert.deepEqual(
      problemsOf(doc.uri).map((d) => d.message),
      [],
    );
  });

  it('a misspelt setting, typed and not saved, is a problem at once, and its quick fix corrects it', async () => {
    await append(doc, '\n[profile typed]\nregoin = eu-west-1\nOutput = json\nrole_arn = arn:aws:iam::111111111111:role/Typed\nsource_profile = demo-bsae\n');
    assert.equal(doc.isDirty, true);
    const [typo] = await waitFor(
      () => (problemsOf(doc.uri, 'unknown-setting').length > 0 ? problemsOf(doc.uri, 'unknown-setting') : undefined),
      'the misspelling',
    );
    assert.ok(typo);
    assert.equal(typo.range.start.line, lineOf(doc, 'regoin'));
    assert.match(typo.message, /did you mean "region"/);
    const upper = problemsOf(doc.uri, 'upper-case')[0];
    assert.match(upper?.message ?? '', /"Output" has upper case/);
    const missing = problemsOf(doc.uri, 'chain')[0];
    assert.equal(missing?.severity, vscode.DiagnosticSeverity.Error);
    assert.match(missing?.message ?? '', /Its source_profile names "demo-bsae", which does not exist/);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      typo.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a) => a.title === 'Change to "region"');
    assert.ok(fix?.edit, `quick fixes offered: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(doc.lineAt(typo.range.start.line).text, 'region = eu-west-1');
    await waitFor(() => problemsOf(doc.uri, 'unknown-setting').length === 0 || undefined, 'the problem to go');
  });

  it("a misspelt setting whose right name the section has: the fix leaves one line of it, and two are an error in the AWS CLI's terms", async () => {
    await append(doc, '\n[profile twice]\nregion = us-east-1\nregoin = us-east-2\n');
    const typo = await waitFor(
      () => problemsOf(doc.uri, 'unknown-setting').find((d) => d.range.start.line === lineOf(doc, 'regoin = us-east-2')),
      'the misspelling',
    );
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      typo.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a) => a.title.startsWith('Change to "region": give line'));
    assert.ok(fix?.edit, `quick fixes offered: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(!actions.some((a) => a.title === 'Change to "region"'), 'no plain rename, which would make a second region line');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const header = lineOf(doc, '[profile twice]');
    assert.deepEqual([doc.lineAt(header + 1).text, doc.lineAt(header + 2).text], ['region = us-east-2', '']);
    // Typed twice by hand: an error that says what the AWS CLI does with the file.
    await append(doc, 'region = eu-west-3\n');
    const dup = await waitFor(() => problemsOf(doc.uri, 'duplicate')[0], 'the duplicate');
    assert.equal(dup.severity, vscode.DiagnosticSeverity.Error);
    assert.match(dup.message, /region is set twice in \[profile twice\] \(also on line \d+\): the AWS CLI and boto3 then refuse the whole file/);
    const edit = new vscode.WorkspaceEdit();
    edit.delete(doc.uri, new vscode.Range(header - 1, doc.lineAt(header - 1).text.length, doc.lineCount - 1, 0));
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor(() => problemsOf(doc.uri, 'duplicate').length === 0 || undefined, 'the duplicate to go');
  });

  it('the missing source profile: a quick fix creates it', async () => {
    const missing = await waitFor(() => problemsOf(doc.uri, 'chain')[0], 'the missing profile');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      missing.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const create = actions.find((a) => a.title === 'Create [profile demo-bsae]');
    assert.ok(create?.edit, `quick fixes offered: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(create.edit));
    assert.ok(doc.getText().includes('\n[profile demo-bsae]\naws_access_key_id = \n'));
  });

  it('completes source_profile with the profiles of both files, and a setting name with what the section lacks', async () => {
    const line = lineOf(doc, 'source_profile = demo-bsae');
    const values = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      doc.uri,
      new vscode.Position(line, 'source_profile = '.length),
    );
    const labels = values.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('demo-base') && labels.includes('demo-admin-mfa'), labels.join(', '));
    // The value is one word, dashes and all: taking an item replaces the whole of it.
    const range = values.items[0]?.range;
    assert.ok(range !== undefined && !(range instanceof vscode.Range));
    assert.equal(range.replacing.start.character, 'source_profile = '.length);
    assert.equal(range.replacing.end.character, 'source_profile = demo-bsae'.length);
    const names = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      doc.uri,
      new vscode.Position(line + 1, 0),
    );
    const keys = names.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(keys.includes('mfa_serial') && keys.includes('external_id'), keys.slice(0, 20).join(', '));
    assert.ok(!keys.includes('role_arn'), 'role_arn is already in the section');
    const region = lineOf(doc, 'region = eu-west-1');
    const regions = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      doc.uri,
      new vscode.Position(region, 'region = '.length),
    );
    assert.ok(regions.items.some((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'eu-central-1'));
  });

  it('completes the values a setting takes, and the sub-settings of a service under [services]', async () => {
    const labelsAt = async (line: number, character: number): Promise<string[]> =>
      (
        await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(line, character))
      ).items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    await append(doc, '\n[profile values]\ncredential_source = \n');
    const source = lineOf(doc, 'credential_source = ');
    assert.deepEqual((await labelsAt(source, 'credential_source = '.length)).sort(), ['Ec2InstanceMetadata', 'EcsContainer', 'Environment']);
    // In the demo's [services demo-sts], under `sts =`: the service's settings.
    const sts = lineOf(doc, '  endpoint_url');
    assert.deepEqual(await labelsAt(sts, 2), ['endpoint_url']);
    // A new service name at the start of a line of [services demo-sts].
    const services = lineOf(doc, '[services demo-sts]');
    const names = await labelsAt(services + 1, 0);
    assert.ok(names.includes('dynamodb') && !names.includes('sso_oidc'), names.join(', ')); // sso_oidc is there already
  });

  it('hovering a profile shows its chain, step by step, without a secret', async () => {
    const line = lineOf(doc, '[profile demo-prod-chain]');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, 12));
    const text = hoverText(hovers);
    assert.match(text, /demo-prod-chain/);
    assert.match(text, /1\. `demo-base` — long-term access keys/);
    assert.match(text, /2\. `demo-admin-mfa` — assume role arn:aws:iam::\d+:role\/\S+ with an MFA code from/);
    assert.match(text, /3\. `demo-prod-chain` — assume role/);
    const creds = fs.readFileSync(path.join(HOME, '.aws', 'credentials'), 'utf8');
    const secret = /aws_secret_access_key = (\S+)/.exec(creds)?.[1] ?? 'none';
    const keyId = /aws_access_key_id = (\S+)/.exec(creds)?.[1] ?? 'none';
    assert.ok(!text.includes(secret) && !text.includes(keyId));
    const key = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(lineOf(doc, 'mfa_serial'), 2));
    assert.match(hoverText(key), /MFA device/);
  });

  it('goes from a source_profile to the section of the profile', async () => {
    const line = lineOf(doc, 'source_profile = demo-admin-mfa');
    const locs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeDefinitionProvider', doc.uri, new vscode.Position(line, 20));
    assert.equal(locs.length, 1);
    assert.equal(locs[0]?.uri.fsPath, CONFIG);
    assert.equal(doc.lineAt(locs[0]?.range.start.line ?? 0).text, '[profile demo-admin-mfa]');
  });

  it('puts Assume, Open Console, Copy Exports and Open Terminal above each usable profile', async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
    const dev = lenses.filter((l) => l.range.start.line === lineOf(doc, '[profile demo-dev]'));
    assert.deepEqual(
      dev.map((l) => [l.command?.title, l.command?.command, l.command?.arguments]),
      [
        ['$(play) Assume', 'awsRoleSwitcher.switchProfile', ['demo-dev']],
        ['Open Console', 'awsRoleSwitcher.openConsole', ['demo-dev']],
        ['Copy Exports', 'awsRoleSwitcher.copyShellExports', [undefined, 'demo-dev']],
        ['Open Terminal', 'awsRoleSwitcher.openTerminal', ['demo-dev']],
      ],
    );
    // [default] holds settings only, and the typed profile's source is empty: no lenses.
    assert.equal(lenses.filter((l) => l.range.start.line === lineOf(doc, '[default]')).length, 0);
  });

  it('a file named by its path elsewhere gets the language by name and its own problems', async () => {
    const file = tmpFile('x');
    const aws = path.join(path.dirname(file), '.aws');
    fs.mkdirSync(aws);
    fs.writeFileSync(path.join(aws, 'credentials'), '[profile base]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = x\n');
    const other = await vscode.workspace.openTextDocument(path.join(aws, 'credentials'));
    assert.equal(other.languageId, 'aws-config');
    const [p] = await waitFor(() => (problemsOf(other.uri).length > 0 ? problemsOf(other.uri) : undefined), 'the credentials-file problem');
    assert.match(p?.message ?? '', /must not start with "profile"/);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      other.uri,
      p?.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    assert.ok(actions.some((a) => a.title === 'Change to [base]'));
  });

  it("a repository's .aws/config with a 2,000-profile loop: every profile's problem, and the extension host answers throughout", async () => {
    const repo = path.dirname(tmpFile('x'));
    fs.mkdirSync(path.join(repo, '.aws'));
    let text = '';
    for (let i = 0; i < 2000; i++) text += `[profile p${i}]\nrole_arn = arn:aws:iam::111111111111:role/R\nsource_profile = p${(i + 1) % 2000}\n`;
    fs.writeFileSync(path.join(repo, '.aws', 'config'), text);
    // A wedge detector, not a speed target: the gap between ticks of a 10 ms timer while the file is checked.
    let last = Date.now();
    let longestGap = 0;
    const tick = setInterval(() => {
      const now = Date.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 10);
    try {
      const hostile = await vscode.workspace.openTextDocument(path.join(repo, '.aws', 'config'));
      assert.equal(hostile.languageId, 'aws-config');
      const loops = await waitFor(() => {
        const ps = problemsOf(hostile.uri, 'chain');
        return ps.length === 2000 ? ps : undefined;
      }, '2,000 loop problems');
      assert.match(loops[0]?.message ?? '', /^The source_profile settings form a loop: p0 → p1 → .* → … \(1993 more\) → p0\./);
      assert.ok(
        loops.every((d) => d.message.length < 300),
        'each in one short line',
      );
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', hostile.uri);
      assert.equal(lenses.length, 0, 'no profile of a loop is usable');
    } finally {
      clearInterval(tick);
    }
    assert.ok(longestGap < 5000, `the extension host was held ${longestGap} ms at a time (before: 22-142 s)`);
  });

  it('a file over 10 MB is not checked as you type, and says so', async () => {
    const repo = path.dirname(tmpFile('x'));
    fs.mkdirSync(path.join(repo, '.aws'));
    const line = '[profile p]\nregion = eu-west-1\n';
    fs.writeFileSync(path.join(repo, '.aws', 'config'), line.repeat(Math.ceil((10 * 1024 * 1024 + 1) / line.length)));
    const big = await vscode.workspace.openTextDocument(path.join(repo, '.aws', 'config'));
    const [note] = await waitFor(() => (problemsOf(big.uri).length > 0 ? problemsOf(big.uri) : undefined), 'the note');
    assert.equal(note?.code, 'too-large');
    assert.equal(note?.severity, vscode.DiagnosticSeverity.Information);
    assert.match(note?.message ?? '', /larger than 10 MB: AWS Role Switcher does not check it as you type/);
  });
});
