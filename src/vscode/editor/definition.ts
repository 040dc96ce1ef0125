/** Go to definition in the shared files: from a source_profile to the profile, from an sso_session to its section. */
import * as vscode from 'vscode';
import { sectionAt } from '../../config/outline';
import { Origin } from '../../config/profiles';
import { SharedFile, SharedFiles } from './sharedFiles';

export class SharedFileDefinitions implements vscode.DefinitionProvider {
  constructor(private readonly shared: SharedFiles) {}

  async provideDefinition(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.Location | undefined> {
    const file = await this.shared.read(doc);
    const s = sectionAt(file.outline, pos.line)?.settings.find((x) => x.line === pos.line && x.parent === undefined);
    if (s === undefined || pos.character < s.valueStart || pos.character > s.valueEnd || s.value === '') return undefined;
    if (s.name === 'source_profile') return locate(file, file.set.profiles.get(s.value)?.origin);
    if (s.name === 'sso_session') return locate(file, file.set.ssoSessions.get(s.value)?.origin);
    if (s.name === 'services') return locate(file, file.set.otherSections.get('services')?.get(s.value)?.origin);
    return undefined;
  }
}

function locate(file: SharedFile, origin: Origin | undefined): vscode.Location | undefined {
  if (origin === undefined || origin.line < 1) return undefined;
  const path = file.files.get(origin.file);
  if (path === undefined) return undefined;
  return new vscode.Location(vscode.Uri.file(path), new vscode.Position(origin.line - 1, 0));
}
