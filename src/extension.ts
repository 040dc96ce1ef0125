/** Wiring only: everything else lives in config/ (files), credentials/ (engine), delivery/ (into processes) and vscode/ (edge). */
import * as vscode from 'vscode';
import { endRunningProcesses } from './credentials/nodeProcess';
import { ExtensionApi } from './vscode/otherExtensions/api';
import { Controller } from './vscode/controller';

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const controller = new Controller(context);
  context.subscriptions.push(controller); // VS Code disposes it on deactivation
  controller.start();
  return controller.api;
}

/** VS Code waits for this: a program still running (credential_process) gets SIGTERM, then SIGKILL, before the host goes. */
export function deactivate(): Promise<void> {
  return endRunningProcesses();
}
