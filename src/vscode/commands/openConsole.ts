import * as vscode from 'vscode';
import { consoleLink } from './consoleLink';
import { Command, profileArg } from './command';

/** AWS: Open Console — the AWS Management Console in the browser, signed in as the active session. */
export const openConsole: Command = {
  id: 'awsRoleSwitcher.openConsole',
  run: async (edge, profile) => {
    const link = await consoleLink(edge, profileArg(profile));
    if (link === undefined) return false;
    // The URL signs in whoever holds it: the log names who and where, never the URL.
    edge.log.info(`console: opening ${link.destination} as ${link.arn ?? link.profile}`);
    // A string, not a Uri: a Uri re-encodes the query and breaks the sign-in token.
    return vscode.env.openExternal(link.url as unknown as vscode.Uri);
  },
};
