/**
 * Above each profile that can be used: Assume (or, for the window's profile, Active · Refresh),
 * Open Console, Copy Exports and Open Terminal. The titles name actions only, never a value.
 */
import * as vscode from 'vscode';
import { profileOf } from '../../config/outline';
import { chainError } from '../../credentials/chain';
import { holdsSettingsOnly } from '../../credentials/profileInfo';
import { SharedFiles } from './sharedFiles';

const LENS_SLICE_MS = 15;

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
    const active = this.activeProfile();
    const lenses: vscode.CodeLens[] = [];
    let sliceStart = performance.now();
    for (const section of file.outline.sections) {
      // In slices: a file of 100,000 profiles must not hold the extension host.
      if (performance.now() - sliceStart > LENS_SLICE_MS) {
        await new Promise((r) => setImmediate(r));
        if (token?.isCancellationRequested === true) return [];
        sliceStart = performance.now();
      }
      const name = profileOf(section, file.kind);
      if (name === undefined || !file.set.profiles.has(name)) continue;
      // Usable means the chain resolves (what the picker calls usable), without describing it all.
      if (holdsSettingsOnly(file.set.profiles.get(name)) || chainError(file.set.profiles, file.set.ssoSessions, name) !== undefined) continue;
      const range = new vscode.Range(section.line, 0, section.line, 0);
      const lens = (title: string, command: string, args: unknown[], tooltip: string) =>
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
