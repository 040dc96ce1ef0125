/**
 * Completion in the shared files: the settings a section kind takes (those not there yet), the
 * sub-settings of `s3 =` and of a service under [services], and values — profile names after
 * source_profile, sso-session names, Regions, and the fixed values of settings such as
 * credential_source. Never a value of the files themselves other than names.
 */
import * as vscode from 'vscode';
import { outline, sectionAt } from '../../config/outline';
import { AWS_REGIONS } from '../../config/regions';
import { SERVICE_IDS, SERVICE_SUB_SETTINGS, SettingInfo, sectionKindOf, settingInfo, settingsFor } from '../../config/settingsCatalog';
import { SharedFiles } from './sharedFiles';

export class SettingsCompletion implements vscode.CompletionItemProvider {
  constructor(private readonly shared: SharedFiles) {}

  async provideCompletionItems(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.CompletionItem[]> {
    const lineText = doc.lineAt(pos.line).text;
    const before = lineText.slice(0, pos.character);
    if (/^\s*[#;]/.test(before)) return [];
    const kind = this.shared.kindOf(doc);
    if (/^\s*\[[^\]]*$/.test(before)) return kind === 'config' ? headers(before) : [];
    // Only the lines around the cursor matter for where it is; the set may be a keystroke old.
    const o = outline(doc.getText());
    const section = sectionAt(o, pos.line);
    const sectionKind = sectionKindOf(section?.prefix);
    if (section === undefined || sectionKind === undefined) return [];
    const eq = before.indexOf('=');
    const indented = /^[ \t]/.test(lineText);
    if (eq >= 0) {
      const name = before.slice(0, eq).trim().toLowerCase();
      const file = this.shared.latest(doc) ?? (await this.shared.read(doc));
      const items = valuesFor(
        name,
        file.set.profiles.keys(),
        file.set.ssoSessions.keys(),
        file.set.otherSections.get('services')?.keys(),
        section.name,
        sectionKind,
      );
      // The whole value is the word (profile names hold '-', '.', '@'…), not VS Code's default word.
      let start = eq + 1;
      while (start < pos.character && /[ \t]/.test(lineText[start] ?? '')) start++;
      const rest = /^[^\s#;]*/.exec(lineText.slice(pos.character))?.[0].length ?? 0;
      const range = {
        inserting: new vscode.Range(pos.line, start, pos.line, pos.character),
        replacing: new vscode.Range(pos.line, start, pos.line, pos.character + rest),
      };
      for (const item of items) item.range = range;
      return items;
    }
    const present = new Set(section.settings.filter((s) => s.line !== pos.line).map((s) => s.name));
    if (indented) {
      // Under which setting? The nearest non-indented setting above.
      const parent = [...section.settings].reverse().find((s) => s.line < pos.line && s.parent === undefined);
      if (parent === undefined || parent.value !== '') return [];
      if (sectionKind === 'services') return SERVICE_SUB_SETTINGS.map((s) => settingItem(s));
      return (settingInfo(parent.name)?.subSettings ?? []).map((n) => settingItem({ name: n, doc: '', in: ['profile'] }));
    }
    if (sectionKind === 'services') {
      return SERVICE_IDS.filter((id) => !present.has(id)).map((id) => {
        const item = new vscode.CompletionItem(id, vscode.CompletionItemKind.Module);
        item.insertText = new vscode.SnippetString(`${id} =\n  endpoint_url = \${1:http://localhost:4566}`);
        return item;
      });
    }
    return settingsFor(sectionKind)
      .filter((s) => !present.has(s.name))
      .map((s) => settingItem(s));
  }
}

function settingItem(s: SettingInfo): vscode.CompletionItem {
  const item = new vscode.CompletionItem(s.name, vscode.CompletionItemKind.Property);
  if (s.doc !== '') item.documentation = s.doc;
  item.insertText = s.subSettings !== undefined ? new vscode.SnippetString(`${s.name} =\n  $0`) : `${s.name} = `;
  // Straight on to the value's completion.
  if (s.subSettings === undefined) item.command = { title: '', command: 'editor.action.triggerSuggest' };
  return item;
}

function headers(before: string): vscode.CompletionItem[] {
  const typed = before.slice(before.indexOf('[') + 1);
  if (typed.includes(' ')) return [];
  return ['profile', 'sso-session', 'services'].map((p) => {
    const item = new vscode.CompletionItem(p, vscode.CompletionItemKind.Keyword);
    item.insertText = new vscode.SnippetString(`${p} \${1:name}]`);
    return item;
  });
}

function valuesFor(
  name: string,
  profiles: Iterable<string>,
  ssoSessions: Iterable<string>,
  services: Iterable<string> | undefined,
  self: string,
  kind: string,
): vscode.CompletionItem[] {
  const simple = (values: Iterable<string>, k: vscode.CompletionItemKind, detail?: (v: string) => string | undefined) =>
    [...values].map((v) => {
      const item = new vscode.CompletionItem(v, k);
      const d = detail?.(v);
      if (d !== undefined) item.detail = d;
      return item;
    });
  if (kind !== 'profile' && kind !== 'sso-session') return [];
  switch (name) {
    case 'source_profile':
      // A profile may name itself (its own keys assume its role), so it stays offered, last.
      return simple(
        [...profiles].filter((p) => !p.startsWith('$')).sort((a, b) => (a === self ? 1 : b === self ? -1 : a.localeCompare(b))),
        vscode.CompletionItemKind.Reference,
      );
    case 'sso_session':
      return simple(ssoSessions, vscode.CompletionItemKind.Reference);
    case 'services':
      return simple(services ?? [], vscode.CompletionItemKind.Reference);
    case 'region':
    case 'sso_region':
      return AWS_REGIONS.map(([id, label], i) => {
        const item = new vscode.CompletionItem({ label: id, description: label }, vscode.CompletionItemKind.EnumMember);
        item.sortText = String(i).padStart(3, '0');
        item.filterText = `${id} ${label}`;
        item.insertText = id;
        return item;
      });
    default:
      return simple(settingInfo(name)?.values ?? [], vscode.CompletionItemKind.EnumMember);
  }
}
