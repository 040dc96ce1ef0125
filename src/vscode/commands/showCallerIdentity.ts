import * as vscode from 'vscode';
import { Command, offerSwitchProfile } from './command';

/** AWS: Show Caller Identity — asks STS who the active credentials are. */
export const showCallerIdentity: Command = {
  id: 'awsRoleSwitcher.showCallerIdentity',
  run: async (edge) => {
    const c = edge.session.credentials();
    const chain = edge.session.builtChain();
    if (c === undefined || chain === undefined) {
      offerSwitchProfile();
      return undefined;
    }
    const id = await edge.engine.stsApi().getCallerIdentity(c, chain.target);
    edge.log.info(`caller identity: ${id.arn} (account ${id.account})`);
    void vscode.window.showInformationMessage(vscode.l10n.t('AWS caller identity: {0} (account {1})', id.arn, id.account));
    return { arn: id.arn, account: id.account, userId: id.userId };
  },
};
