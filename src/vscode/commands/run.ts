import * as vscode from 'vscode';
import { CommandId } from './ids';

/** Runs one of the extension's commands (a typed ID: no typo reaches run time). */
export function runCommand<T = unknown>(id: CommandId, ...args: unknown[]): Thenable<T> {
  return vscode.commands.executeCommand<T>(id, ...args);
}
