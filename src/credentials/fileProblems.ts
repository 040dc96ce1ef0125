/**
 * The problems of one shared file as the editor shows them while the person types: the loader's
 * diagnostics (the same messages and hints the log and the picker give), the chain problems the
 * resolver finds for each profile the file defines, and a few checks that only make sense in an
 * editor (upper-case names other tools miss, a misspelt setting, mfa_serial where nothing reads it).
 * Each problem has a place (0-based line and columns) and, where one is clear, a fix.
 */
import { Diagnostic } from '../config/parser';
import { Outline, OutlineSection, OutlineSetting, profileOf, sectionAt } from '../config/outline';
import { ProfileSet, get } from '../config/profiles';
import { didYouMean, sectionKindOf, settingInfo } from '../config/settingsCatalog';
import { chainError, missingSource } from './chain';
import { missingSsoSession } from './kinds/sso';
import { holdsSettingsOnly } from './profileInfo';
import { Text, formatText, text } from './types';
import { STEP_ITEMS, Steps, runAll } from '../config/steps';

export type FileKind = 'config' | 'credentials';

export type Fix =
  /** Rename the setting on the problem's line. */
  | { readonly kind: 'rename-setting'; readonly to: string }
  /** Replace the header's text between the brackets. */
  | { readonly kind: 'rename-header'; readonly to: string }
  /** Add a section at the end of the config file. */
  | { readonly kind: 'add-section'; readonly header: string; readonly body: readonly string[] }
  /**
   * The setting the rename would make exists already in the section: give it this line's value
   * (the range is its value on `line`) and remove this line — never a second line of one name.
   */
  | { readonly kind: 'set-existing'; readonly name: string; readonly line: number; readonly start: number; readonly end: number; readonly value: string }
  /** Remove a whole line (an earlier duplicate of a setting). */
  | { readonly kind: 'delete-line'; readonly line: number };

export interface FileProblem {
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly severity: 'error' | 'warning' | 'information';
  readonly message: Text;
  readonly hint?: Text;
  readonly fix?: Fix;
  /** For the Problems panel's code column: where the problem comes from. */
  readonly code: 'syntax' | 'chain' | 'upper-case' | 'unknown-setting' | 'unused-mfa-serial' | 'duplicate';
}

export interface FileProblemsInput {
  readonly outline: Outline;
  readonly kind: FileKind;
  /** The file as the loader shows it (`~/.aws/config`): its diagnostics are matched by this. */
  readonly shownPath: string;
  /** The profiles as the engine reads them with this buffer in place of the file. */
  readonly set: ProfileSet;
  /** The text's lines, for ranges of problems the outline has no piece for. */
  readonly lines: readonly string[];
}

function settingRange(s: OutlineSetting): { start: number; end: number } {
  return { start: s.nameStart, end: Math.max(s.valueEnd, s.nameEnd) };
}

function lineRange(line: string | undefined): { start: number; end: number } {
  const l = line ?? '';
  const start = l.length - l.trimStart().length;
  return { start, end: Math.max(start, l.trimEnd().length) };
}

/** The setting on a line of a section (settings are in line order: a binary search). */
function settingOnLine(section: OutlineSection, line: number): OutlineSetting | undefined {
  const list = section.settings;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = list[mid] as OutlineSetting;
    if (s.line === line) return s;
    if (s.line < line) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

/** Where a loader diagnostic goes, and the fix its header or setting suggests. */
function fromDiagnostic(d: Diagnostic, input: FileProblemsInput): FileProblem {
  const line = Math.max(0, d.line - 1);
  const section = sectionAt(input.outline, line);
  const base = { line, severity: d.severity, message: d.message, ...(d.hint !== undefined ? { hint: d.hint } : {}), code: 'syntax' as const };
  if (d.line === 0) return { ...base, start: 0, end: 0 };
  if (section !== undefined && section.line === line) {
    const fix = headerFix(section, input.kind);
    return { ...base, start: section.nameStart, end: section.nameEnd, ...(fix !== undefined ? { fix } : {}) };
  }
  const setting = section !== undefined ? settingOnLine(section, line) : undefined;
  if (setting !== undefined) return { ...base, ...settingRange(setting) };
  return { ...base, ...lineRange(input.lines[line]) };
}

/** `[profile x]` in the credentials file, `[x]` in the config file: the header the tools want. */
function headerFix(section: OutlineSection, kind: FileKind): Fix | undefined {
  if (kind === 'credentials' && section.prefix === 'profile') return { kind: 'rename-header', to: section.name };
  if (kind === 'config' && section.prefix === undefined && section.name !== 'default' && !section.name.includes(' '))
    return { kind: 'rename-header', to: `profile ${section.name}` };
  return undefined;
}

/** The setting a chain error is about: the first setting of the section its text names. */
function settingNamedIn(message: string, section: OutlineSection): OutlineSetting | undefined {
  let best: { s: OutlineSetting; at: number } | undefined;
  for (const s of section.settings) {
    if (s.parent !== undefined) continue;
    const at = message.search(new RegExp(`(^|[^a-z_])${s.name}([^a-z_]|$)`));
    if (at >= 0 && (best === undefined || at < best.at)) best = { s, at };
  }
  return best?.s;
}

/** Problems of the profiles this file defines, as the resolver finds them. */
function* chainProblems(input: FileProblemsInput, out: FileProblem[]): Steps<void> {
  const { set } = input;
  let n = 0;
  for (const section of input.outline.sections) {
    // More often than the other checks: a failing profile's error is made (a loop's: its names).
    if (++n % (STEP_ITEMS / 64) === 0) yield;
    const name = profileOf(section, input.kind);
    if (name === undefined || !set.profiles.has(name)) continue;
    const source = section.settings.find((s) => s.name === 'source_profile' && s.parent === undefined);
    const ssoSession = section.settings.find((s) => s.name === 'sso_session' && s.parent === undefined);
    /** A setting that names a section the files do not have: an error on its value, with a fix that adds the section. */
    const missing = (setting: OutlineSetting, message: Text, hint: Text, header: string, body: string[]): void => {
      out.push({
        line: setting.line,
        start: setting.valueStart,
        end: setting.valueEnd,
        severity: 'error',
        code: 'chain',
        message,
        hint,
        fix: { kind: 'add-section', header, body },
      });
    };
    if (source !== undefined && source.value !== '' && !set.profiles.has(source.value)) {
      const e = missingSource(source.value, name);
      missing(source, e.text, e.hintText ?? '', source.value === 'default' ? 'default' : `profile ${source.value}`, [
        'aws_access_key_id = ',
        'aws_secret_access_key = ',
      ]);
      continue;
    }
    if (ssoSession !== undefined && ssoSession.value !== '' && !set.ssoSessions.has(ssoSession.value)) {
      const e = missingSsoSession(ssoSession.value, name);
      missing(ssoSession, e.text, e.hintText ?? '', `sso-session ${ssoSession.value}`, [
        'sso_start_url = https://',
        'sso_region = ',
        'sso_registration_scopes = sso:account:access',
      ]);
      continue;
    }
    // Settings only (a [default] with a Region): no chain, no problem. Most others resolve.
    if (holdsSettingsOnly(set.profiles.get(name))) continue;
    const e = chainError(set.profiles, set.ssoSessions, name);
    if (e === undefined) continue;
    const own = e.profile === undefined || e.profile === name;
    const where = own ? settingNamedIn(formatText(e.text), section) : source;
    const range = where !== undefined ? settingRange(where) : { start: section.nameStart, end: section.nameEnd };
    out.push({
      line: where?.line ?? section.line,
      ...range,
      severity: 'error',
      code: 'chain',
      message: own ? e.text : text`Profile "${e.profile ?? '?'}", which it chains from, cannot be used: ${formatText(e.text)}`,
      ...(e.hintText !== undefined ? { hint: e.hintText } : {}),
    });
  }
}

/**
 * The fix that renames `s` to `to`: a plain rename, or — where the section already has `to` — set
 * that one to this value and remove this line (a rename would leave two lines of one name, which
 * the AWS CLI refuses for the whole file). None where either is a block of sub-settings.
 */
function renameFix(named: ReadonlyMap<string, OutlineSetting>, s: OutlineSetting, to: string): { fix?: Fix } {
  const existing = named.get(to);
  if (existing === undefined || existing === s) return { fix: { kind: 'rename-setting', to } };
  if (s.value === '' || existing.value === '') return {};
  return { fix: { kind: 'set-existing', name: to, line: existing.line, start: existing.valueStart, end: existing.valueEnd, value: s.value } };
}

/** A section's top-level settings by name (the first of each). */
function namedIn(section: OutlineSection): ReadonlyMap<string, OutlineSetting> {
  const m = new Map<string, OutlineSetting>();
  for (const s of section.settings) if (s.parent === undefined && !m.has(s.name)) m.set(s.name, s);
  return m;
}

/** The header as Python's configparser (the AWS CLI, boto3) names a section: between the first `[` and the last `]` of the line. */
function parserHeader(line: string | undefined): string | undefined {
  const t = (line ?? '').trim();
  const close = t.lastIndexOf(']');
  return t.startsWith('[') && close > 1 ? t.slice(1, close) : undefined;
}

/**
 * What the AWS CLI and boto3 refuse a whole file for (Python's strict configparser) although the
 * SDKs read it (the last value wins; sections merge): a setting twice in a section, in any case,
 * and a section header twice in one file.
 */
function* duplicateChecks(input: FileProblemsInput, out: FileProblem[]): Steps<void> {
  const refused = 'the AWS CLI and boto3 then refuse the whole file ("Unable to parse config file"), for every profile';
  const headers = new Map<string, OutlineSection>();
  let n = 0;
  for (const section of input.outline.sections) {
    if (++n % STEP_ITEMS === 0) yield;
    const header = parserHeader(input.lines[section.line]);
    const first = header !== undefined ? headers.get(header) : undefined;
    if (header !== undefined && first === undefined) headers.set(header, section);
    if (first !== undefined) {
      out.push({
        line: section.line,
        start: section.nameStart,
        end: section.nameEnd,
        severity: 'error',
        code: 'duplicate',
        message: text`[${header ?? ''}] is in this file twice (also on line ${first.line + 1}): ${refused}. The SDKs merge the two.`,
        hint: text`Move these settings into the [${header ?? ''}] on line ${first.line + 1} and remove this header.`,
      });
    }
    const seen = new Map<string, OutlineSetting>();
    for (const s of section.settings) {
      if (++n % STEP_ITEMS === 0) yield;
      if (s.parent !== undefined) continue;
      const earlier = seen.get(s.name);
      if (earlier === undefined) {
        seen.set(s.name, s);
        continue;
      }
      out.push({
        line: s.line,
        start: s.nameStart,
        end: s.nameEnd,
        severity: 'error',
        code: 'duplicate',
        message: text`The setting ${s.name} is set twice in [${section.header}] (also on line ${earlier.line + 1}): ${refused}. The SDKs use the last value.`,
        hint: 'Keep one of the two lines.',
        fix: { kind: 'delete-line', line: earlier.line },
      });
    }
  }
}

/** The checks only an editor makes: names other tools miss, misspellings, mfa_serial nothing reads. */
function* editorChecks(input: FileProblemsInput, out: FileProblem[]): Steps<void> {
  let n = 0;
  for (const section of input.outline.sections) {
    if (++n % STEP_ITEMS === 0) yield;
    const kind = sectionKindOf(section.prefix);
    if (kind === undefined) continue;
    const profile = profileOf(section, input.kind);
    // Built at the first rename fix of the section, once (not per setting: 300,000 in one section happen).
    let named: ReadonlyMap<string, OutlineSetting> | undefined;
    const namedHere = (): ReadonlyMap<string, OutlineSetting> => (named ??= namedIn(section));
    for (const s of section.settings) {
      if (++n % STEP_ITEMS === 0) yield;
      if (s.written !== s.name) {
        out.push({
          line: s.line,
          start: s.nameStart,
          end: s.nameEnd,
          severity: 'warning',
          code: 'upper-case',
          message: text`"${s.written}" has upper case: the AWS CLI and boto3 read it as "${s.name}", but the AWS SDK for JavaScript (and the AWS Toolkit) and other SDKs look for "${s.name}" and do not find it.`,
          hint: text`Write it as ${s.name}.`,
          ...renameFix(namedHere(), s, s.name),
        });
        continue;
      }
      if (s.parent === undefined && kind !== 'services') {
        const guess = didYouMean(s.name, kind);
        if (guess !== undefined) {
          out.push({
            line: s.line,
            start: s.nameStart,
            end: s.nameEnd,
            severity: 'warning',
            code: 'unknown-setting',
            message: text`No AWS tool reads "${s.name}": did you mean "${guess}"?`,
            ...renameFix(namedHere(), s, guess),
          });
          continue;
        }
        if (kind === 'sso-session' && settingInfo(s.name)?.in.includes('sso-session') === false) {
          out.push({
            line: s.line,
            start: s.nameStart,
            end: s.nameEnd,
            severity: 'warning',
            code: 'unknown-setting',
            message: text`The setting ${s.name} is read from profiles, not from [sso-session] sections.`,
            hint: 'An [sso-session] holds sso_start_url, sso_region and sso_registration_scopes; move the setting to the profiles that use the session.',
          });
        }
      }
    }
    if (profile !== undefined && input.set.profiles.has(profile)) {
      const merged = input.set.profiles.get(profile);
      const mfa = section.settings.find((s) => s.name === 'mfa_serial' && s.parent === undefined);
      if (mfa !== undefined && get(merged, 'role_arn') === undefined) {
        out.push({
          line: mfa.line,
          ...settingRange(mfa),
          severity: 'information',
          code: 'unused-mfa-serial',
          message: text`The setting mfa_serial has no effect in "${profile}": it assumes no role. The AWS CLI, the SDKs and this extension ask for the MFA code of the profile that has the role_arn.`,
          hint: 'Move mfa_serial to the role profiles whose source_profile is this one (aws-vault alone reads it here, for GetSessionToken).',
        });
      }
    }
  }
}

export function fileProblems(input: FileProblemsInput): FileProblem[] {
  return runAll(fileProblemsSteps(input));
}

/** `fileProblems` in steps (a yield every few hundred sections), for the editor's sliced checking. */
export function* fileProblemsSteps(input: FileProblemsInput): Steps<FileProblem[]> {
  const out: FileProblem[] = [];
  for (const d of input.set.diagnostics) if (d.file === input.shownPath) out.push(fromDiagnostic(d, input));
  yield* chainProblems(input, out);
  yield* editorChecks(input, out);
  yield* duplicateChecks(input, out);
  yield;
  return out.sort((a, b) => a.line - b.line || a.start - b.start);
}
