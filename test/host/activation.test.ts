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

  it('the manifest VS Code gives holds the command titles in words (a failed command is named by its title)', () => {
    const ext = vscode.extensions.getExtension(ID);
    const commands = (ext?.packageJSON as { contributes: { commands: Array<{ command: string; title: string; category?: string }> } }).contributes.commands;
    const region = commands.find((c) => c.command === 'awsRoleSwitcher.switchRegion');
    assert.equal(`${region?.category ?? ''}: ${region?.title ?? ''}`, 'AWS: Switch Region…');
    for (const c of commands) assert.doesNotMatch(c.title, /^%/, c.command);
  });
});
