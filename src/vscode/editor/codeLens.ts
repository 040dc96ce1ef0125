/**
 * Above each profile that can be used: Assume (or, for the window's profile, Active · Refresh),
 * Open Console, Copy Exports and Open Terminal. The titles name actions only, never a value.
 */
import * as vscode from 'vscode';
import { OutlineSection, profileOf } from '../../config/outline';
import { STEP_ITEMS, Steps } from '../../config/steps';
import { chainError } from '../../credentials/chain';
import { holdsSettingsOnly } from '../../credentials/profileInfo';
import { SharedFile, SharedFiles, sliced } from './sharedFiles';
import { CommandId } from '../commands/ids';

/** The profiles of the file that can be used: the chain resolves (what the picker calls usable); none once cancelled. */
function* usableProfiles(file: SharedFile, token: vscode.CancellationToken | undefined): Steps<Array<{ section: OutlineSection; name: string }>> {
  const out: Array<{ section: OutlineSection; name: string }> = [];
  let n = 0;
  for (const section of file.outline.sections) {
    if (++n % (STEP_ITEMS / 8) === 0) {
      yield;
      if (token?.isCancellationRequested === true) return [];
    }
    const name = profileOf(section, file.kind);
    if (name === undefined || !file.set.profiles.has(name)) continue;
    if (holdsSettingsOnly(file.set.profiles.get(name)) || chainError(file.set.profiles, file.set.ssoSessions, name) !== undefined) continue;
    out.push({ section, name });
  }
  return out;
}

export class ProfileLenses implements vscode.CodeLensProvider {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.emitter.event;

  constructor(
    private readonly shared: SharedFiles,
    private readonly activeProfile: () => string | undefined,
  ) {}

  /** The window's profile or the files changed. */
  changed(): void {
    this.emitter.fire();
  }

  async provideCodeLenses(doc: vscode.TextDocument, token?: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    const file = await this.shared.read(doc);
    // In slices: a file of 100,000 profiles must not hold the extension host.
    const usable = await sliced(usableProfiles(file, token));
    const active = this.activeProfile();
    const lenses: vscode.CodeLens[] = [];
    for (const { section, name } of usable) {
      const range = new vscode.Range(section.line, 0, section.line, 0);
      const lens = (title: string, command: CommandId, args: unknown[], tooltip: string) =>
        lenses.push(new vscode.CodeLens(range, { title, command, arguments: args, tooltip }));
      if (name === active)
        lens(`$(check) ${vscode.l10n.t('Active · Refresh')}`, 'awsRoleSwitcher.refresh', [], vscode.l10n.t('Get new credentials for {0}', name));
      else lens(`$(play) ${vscode.l10n.t('Assume')}`, 'awsRoleSwitcher.switchProfile', [name], vscode.l10n.t('Use {0} in this window', name));
      lens(vscode.l10n.t('Open Console'), 'awsRoleSwitcher.openConsole', [name], vscode.l10n.t('Sign in to the AWS console as {0}', name));
      lens(vscode.l10n.t('Copy Exports'), 'awsRoleSwitcher.copyShellExports', [undefined, name], vscode.l10n.t('Copy shell exports of {0}', name));
      lens(vscode.l10n.t('Open Terminal'), 'awsRoleSwitcher.openTerminal', [name], vscode.l10n.t('A terminal pinned to {0}', name));
    }
    return lenses;
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
