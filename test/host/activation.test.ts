import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const ID = 'aws-role-switcher.aws-role-switcher';

describe('activation', () => {
  it('activates in a real VS Code and registers its commands', async () => {
    const ext = vscode.extensions.getExtension(ID);
    assert.ok(ext, 'extension is installed');
    await ext.activate();
    assert.equal(ext.isActive, true);
    const commands = await vscode.commands.getCommands(true);
    const ours = (ext.packageJSON as { contributes: { commands: Array<{ command: string }> } }).contributes.commands.map((c) => c.command);
    for (const c of ours) assert.ok(commands.includes(c), `${c} is registered`);
  });
});
