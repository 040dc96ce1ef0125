/** The console sign-in URL for the window's session, or undefined (said why) when there is none. */
import * as vscode from 'vscode';
import { nodeUserName } from '../credentials/nodeDeps';
import { nodeHttp } from '../credentials/nodeHttp';
import { ConsoleSignInError, consoleUrlFor } from '../delivery/consoleSignIn';
import { Edge } from './commands/command';

export interface ConsoleLink {
  readonly url: string;
  readonly profile: string;
  readonly arn: string | undefined;
  readonly destination: string;
}

export async function consoleLink(edge: Edge): Promise<ConsoleLink | undefined> {
  const c = edge.session.credentials();
  const chain = edge.session.builtChain();
  const profile = edge.session.profile;
  if (c === undefined || chain === undefined || profile === undefined) {
    const pick = vscode.l10n.t('Switch Profile');
    void vscode.window
      .showInformationMessage(vscode.l10n.t('No AWS profile is active.'), pick)
      .then((x) => x === pick && vscode.commands.executeCommand('awsRoleSwitcher.switchProfile'));
    return undefined;
  }
  const s = edge.settings().console;
  try {
    const r = await consoleUrlFor({
      credentials: c,
      sts: edge.engine.stsApi(),
      target: chain.target,
      http: nodeHttp,
      region: edge.snapshot().region,
      userName: nodeUserName(),
      federationEndpoint: s.federationEndpoint,
      destination: s.destination,
      sessionDurationSeconds: s.sessionDurationSeconds,
    });
    return { ...r, profile };
  } catch (e) {
    if (e instanceof ConsoleSignInError) throw new Error(`${e.message} ${e.hint}`);
    throw e;
  }
}
