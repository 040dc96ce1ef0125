import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  const item = vscode.window.createStatusBarItem('awsRoleSwitcher.status', vscode.StatusBarAlignment.Left, 100);
  item.name = 'AWS Role Switcher';
  item.text = '$(cloud) AWS: none';
  item.command = 'awsRoleSwitcher.switchProfile';
  item.show();
  context.subscriptions.push(item);
}

export function deactivate(): void {}
