/**
 * Hovers in the shared files: on a profile's header or a source_profile, the resolved chain and
 * what each step does (or why the profile cannot be used); on an sso_session, the sign-in it
 * names; on a setting's name, what the setting means, in one line. Never a credential value.
 */
import * as vscode from 'vscode';
import { OutlineSetting, profileOf, sectionAt } from '../../config/outline';
import { get } from '../../config/profiles';
import { settingInfo } from '../../config/settingsCatalog';
import { chainSteps } from '../../credentials/chainSteps';
import { describeProfile } from '../../credentials/profileInfo';
import { formatText } from '../../credentials/types';
import { kindLabel, translate } from '../words';
import { SharedFile, SharedFiles } from './sharedFiles';

/** Markdown-escaped text (VS Code's appendText also turns every space into &nbsp;). */
function esc(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

/** A code span; a backtick inside becomes a quote (code spans cannot escape). */
function code(s: string): string {
  return `\`${s.replace(/`/g, "'")}\``;
}

export class SharedFileHover implements vscode.HoverProvider {
  constructor(
    private readonly shared: SharedFiles,
    private readonly isProduction: (profile: string) => boolean,
  ) {}

  async provideHover(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.Hover | undefined> {
    const file = await this.shared.read(doc);
    const section = sectionAt(file.outline, pos.line);
    if (section === undefined) return undefined;
    const c = pos.character;
    if (section.line === pos.line) {
      if (c < section.nameStart || c > section.nameEnd) return undefined;
      const range = new vscode.Range(pos.line, section.nameStart, pos.line, section.nameEnd);
      const profile = profileOf(section, file.kind);
      if (profile !== undefined) return new vscode.Hover(this.chain(file, profile), range);
      if (section.prefix === 'sso-session') return new vscode.Hover(ssoSession(file, section.name), range);
      return undefined;
    }
    const s = section.settings.find((x) => x.line === pos.line);
    if (s === undefined) return undefined;
    if (c >= s.nameStart && c <= s.nameEnd) return settingHover(s, pos.line);
    if (c < s.valueStart || c > s.valueEnd || s.value === '') return undefined;
    const range = new vscode.Range(pos.line, s.valueStart, pos.line, s.valueEnd);
    if (s.name === 'source_profile') return new vscode.Hover(this.chain(file, s.value), range);
    if (s.name === 'sso_session') return new vscode.Hover(ssoSession(file, s.value), range);
    return undefined;
  }

  private chain(file: SharedFile, profile: string): vscode.MarkdownString {
    const md = new vscode.MarkdownString();
    if (!file.set.profiles.has(profile)) {
      md.appendMarkdown(esc(vscode.l10n.t('Profile "{0}" does not exist.', profile)));
      return md;
    }
    const info = describeProfile(file.set, profile);
    const facts = [
      info.kind === 'invalid' && info.settingsOnly ? vscode.l10n.t('settings only (no credentials)') : kindLabel(info.kind),
      info.accountId !== undefined ? vscode.l10n.t('account {0}', info.accountId) : undefined,
      info.region,
      this.isProduction(profile) ? vscode.l10n.t('production') : undefined,
    ].filter((x): x is string => x !== undefined);
    md.appendMarkdown(`**${esc(profile)}** — ${esc(facts.join(' · '))}\n\n`);
    const r = chainSteps(file.set, profile);
    if ('error' in r) {
      if (!info.settingsOnly) md.appendMarkdown(esc(vscode.l10n.t('Cannot be used: {0}', r.error.describe(translate, profile))));
      return md;
    }
    r.steps.forEach((step, i) => {
      md.appendMarkdown(`${i + 1}. ${code(step.profile)} — ${esc(formatText(step.what, translate))}\n`);
    });
    return md;
  }
}

function settingHover(s: OutlineSetting, line: number): vscode.Hover | undefined {
  const info = settingInfo(s.name);
  if (info === undefined) return undefined;
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`${code(info.name)} — ${esc(info.doc)}`);
  if (info.values !== undefined) md.appendMarkdown(`\n\n${esc(vscode.l10n.t('Values: {0}', info.values.join(', ')))}`);
  return new vscode.Hover(md, new vscode.Range(line, s.nameStart, line, s.nameEnd));
}

function ssoSession(file: SharedFile, name: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  const section = file.set.ssoSessions.get(name);
  if (section === undefined) {
    md.appendMarkdown(esc(vscode.l10n.t('There is no [sso-session {0}] section.', name)));
    return md;
  }
  const users = [...file.set.profiles.values()].filter((p) => get(p, 'sso_session') === name).length;
  md.appendMarkdown(`**${esc(`sso-session ${name}`)}** — `);
  md.appendMarkdown(
    esc(
      vscode.l10n.t('IAM Identity Center at {0} ({1}); used by {2} profiles.', get(section, 'sso_start_url') ?? '?', get(section, 'sso_region') ?? '?', users),
    ),
  );
  return md;
}
