/** Wiring only: everything else lives in config/ (files), credentials/ (engine) and vscode/ (edge). */
import * as vscode from 'vscode';
import { Controller, ExtensionApi } from './vscode/controller';

let controller: Controller | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<ExtensionApi> {
  controller = new Controller(context);
  context.subscriptions.push(controller);
  await controller.start();
  return controller.api;
}

export function deactivate(): void {
  controller?.dispose();
  controller = undefined;
}
