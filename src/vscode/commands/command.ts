/** What a command needs of the edge, and how commands are registered (one file per command beside this one). */
import * as vscode from 'vscode';
import { CommandId } from './ids';
import { runCommand } from './run';
import { SessionManager, SessionSnapshot } from '../../credentials/session';
import { ConfigFiles } from '../editor/configFiles';
import { Engine } from '../session/engine';
import { ErrorReporter } from '../errorReporter';
import { Log } from '../log';
import { PinnedTerminals } from '../processes/pinnedTerminals';
import { ProfilesView } from '../view/profilesView';
import { ProfilePicker } from '../picker/profilePicker';
import { ExtensionSettings } from '../settings';
import { SsoImport } from '../signIn/ssoImport';
import { LoginSignInFlow } from '../signIn/loginSignIn';
import { SsoSignIn } from '../signIn/ssoSignIn';
import { Switcher } from '../session/switcher';

export interface Edge {
  readonly files: ConfigFiles;
  readonly switcher: Switcher;
  /** The window's session. */
  readonly session: SessionManager;
  readonly engine: Engine;
  readonly log: Log;
  readonly errors: ErrorReporter;
  readonly picker: ProfilePicker;
  readonly pinned: PinnedTerminals;
  readonly signIn: SsoSignIn;
  /** Console sign-in of `aws login` profiles. */
  readonly loginSignIn: LoginSignInFlow;
  readonly settings: () => ExtensionSettings;
  /** The window session's last snapshot. */
  readonly snapshot: () => SessionSnapshot;
  /** The Profiles view (made once the commands are registered). */
  readonly view: () => ProfilesView;
  readonly ssoImport: () => SsoImport;
}

export interface Command {
  readonly id: CommandId;
  run(edge: Edge, ...args: unknown[]): unknown;
}

/** Registers each command; an error it throws is reported, never lost. */
export function registerCommands(edge: Edge, commands: readonly Command[]): vscode.Disposable[] {
  return commands.map((c) =>
    vscode.commands.registerCommand(c.id, async (...args: unknown[]) => {
      try {
        return await c.run(edge, ...args);
      } catch (e) {
        edge.errors.report(e, vscode.l10n.t('Could not run "{0}"', titleOf(c.id)));
        return undefined;
      }
    }),
  );
}

/** A command's title as the palette shows it ("AWS: Copy Credentials as Shell Exports"); the manifest VS Code gives is translated. */
function titleOf(id: string): string {
  const manifest = vscode.extensions.getExtension('aws-role-switcher.aws-role-switcher')?.packageJSON as
    { contributes?: { commands?: ReadonlyArray<{ command?: unknown; title?: unknown; category?: unknown }> } } | undefined;
  const c = manifest?.contributes?.commands?.find((x) => x.command === id);
  if (typeof c?.title !== 'string' || c.title.startsWith('%')) return id;
  return typeof c.category === 'string' && !c.category.startsWith('%') ? `${c.category}: ${c.title}` : c.title;
}

export const stringArg = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** A profile name, given as a string (keybindings, lenses, other extensions) or as a Profiles view row. */
export function profileArg(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && v !== null && 'profileName' in v) return stringArg((v as { profileName: unknown }).profileName);
  return undefined;
}

/** For commands that need an active profile: says there is none, with a way to pick one. */
export function offerSwitchProfile(): void {
  const pick = vscode.l10n.t('Switch Profile');
  void vscode.window
    .showInformationMessage(vscode.l10n.t('No AWS profile is active.'), pick)
    .then((x) => x === pick && runCommand('awsRoleSwitcher.switchProfile'));
}
