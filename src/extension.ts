/** Wiring only: everything else lives in config/ (files), credentials/ (engine), delivery/ (into processes) and vscode/ (edge). */
import * as vscode from 'vscode';
import { ExtensionApi } from './vscode/api';
import { Controller } from './vscode/controller';

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const controller = new Controller(context);
  context.subscriptions.push(controller); // VS Code disposes it on deactivation
  controller.start();
  return controller.api;
}
