/**
 * Says once (per machine) that with keys delivery VS Code's terminal revival saves the keys in its
 * workspace storage on exit, and offers the two ways out: the credentials endpoint (processes get a
 * URL and a token that die with the window), or no process revival.
 */
import * as vscode from 'vscode';
import { Delivery } from '../../delivery/processEnvironment';
import { keysSavedOnExit } from '../../delivery/terminalRevival';
import { Log } from '../log';

const TOLD = 'terminalRevivalTold';

export class TerminalRevival {
  private told = false;

  constructor(private readonly o: { readonly log: Log; readonly memento: vscode.Memento }) {}

  /** Whether, with `delivery`, the keys in terminals are written to VS Code's storage when it exits. */
  keysSaved(delivery: Delivery): boolean {
    const t = vscode.workspace.getConfiguration('terminal.integrated');
    return keysSavedOnExit(delivery, {
      enablePersistentSessions: t.get<boolean>('enablePersistentSessions'),
      persistentSessionReviveProcess: t.get<string>('persistentSessionReviveProcess'),
      web: vscode.env.uiKind === vscode.UIKind.Web,
    });
  }

  /** Called when keys go into terminals. */
  tell(delivery: Delivery): void {
    if (this.told || !this.keysSaved(delivery)) return;
    this.told = true;
    this.o.log.info(
      'keys delivery: VS Code saves the environment of terminals (the keys included) in its workspace storage when it exits, to revive them (terminal.integrated.persistentSessionReviveProcess)',
    );
    if (this.o.memento.get<boolean>(TOLD) === true) return;
    void this.o.memento.update(TOLD, true);
    const endpoint = vscode.l10n.t('Use the Credentials Endpoint');
    const never = vscode.l10n.t("Don't Revive Terminal Processes");
    void vscode.window
      .showWarningMessage(
        vscode.l10n.t(
          "When VS Code exits it saves each terminal's environment — the AWS keys included — in its workspace storage, to revive the terminals next time. The credentials endpoint gives terminals a URL and a token that end with the window instead; or VS Code can stop reviving terminal processes.",
        ),
        endpoint,
        never,
      )
      .then(async (pick) => {
        if (pick === endpoint) {
          await vscode.workspace.getConfiguration('awsRoleSwitcher').update('terminal.delivery', 'endpoint', vscode.ConfigurationTarget.Global);
          this.o.log.info('awsRoleSwitcher.terminal.delivery set to endpoint');
        } else if (pick === never) {
          await vscode.workspace.getConfiguration('terminal.integrated').update('persistentSessionReviveProcess', 'never', vscode.ConfigurationTarget.Global);
          this.o.log.info('terminal.integrated.persistentSessionReviveProcess set to never');
        }
      });
  }
}
