/** The providers VS Code asks of the extension: terminal profiles, other extensions' sessions, debug configurations. */
import * as vscode from 'vscode';
import { AUTH_PROVIDER_ID, CredentialsAuthProvider } from '../otherExtensions/authProvider';
import { Edge } from '../commands/command';
import { terminalProfileProvider } from '../commands/openTerminal';
import { DebugInjector } from './debug';
import { readSettings } from '../settings';

export function registerProviders(edge: Edge, auth: CredentialsAuthProvider, variables: () => Map<string, string>): vscode.Disposable[] {
  return [
    vscode.window.registerTerminalProfileProvider('awsRoleSwitcher.terminal', terminalProfileProvider(edge)),
    auth,
    vscode.authentication.registerAuthenticationProvider(AUTH_PROVIDER_ID, 'AWS Role Switcher', auth),
    vscode.debug.registerDebugConfigurationProvider('*', new DebugInjector(variables, (folder) => readSettings(folder).debugInjection)),
  ];
}
