/**
 * Where things are in one shared file, by line and column, for the editor: section headers,
 * settings, sub-settings and their values. The parser says what is valid and what each profile
 * holds; this says where on screen each piece is, so a problem, a completion or a hover lands on
 * the right characters. Lines and columns are 0-based (the editor's), unlike the diagnostics'.
 */
import { STEP_ITEMS, Steps, runAll } from './steps';

export interface OutlineSetting {
  readonly line: number;
  /** The name as written (upper case kept); `name` is the name the tools read. */
  readonly written: string;
  readonly name: string;
  readonly nameStart: number;
  readonly nameEnd: number;
  /** The value without its comment and surrounding white space ('' for a sub-setting block). */
  readonly value: string;
  readonly valueStart: number;
  readonly valueEnd: number;
  /** For a sub-setting (`  endpoint_url = …` under `s3 =`), the setting it belongs to. */
  readonly parent?: string;
}

export interface OutlineSection {
  readonly line: number;
  /** The last line that belongs to the section (before the next header). */
  end: number;
  /** The header text between the brackets, comment removed, trimmed: `profile dev`. */
  readonly header: string;
  /** `profile`, `sso-session`, `services`, … or undefined for `[default]`, `[dev]`. */
  readonly prefix: string | undefined;
  readonly name: string;
  readonly nameStart: number;
  readonly nameEnd: number;
  readonly settings: OutlineSetting[];
}

export interface Outline {
  readonly sections: OutlineSection[];
  /** Settings before the first header (the tools ignore them). */
  readonly orphans: OutlineSetting[];
}

/** Space or tab (the format's own white space). */
function isBlank(c: string | undefined): boolean {
  return c === ' ' || c === '\t';
}

/** Where the value ends: before a comment (`#` or `;` after white space, as the parser reads it) and trailing blanks. */
function valueEnd(line: string, from: number): number {
  let end = line.length;
  // Only a '#' or ';' can start a comment: look for those, not at every character.
  for (let i = line.indexOf('#', from), j = line.indexOf(';', from); i >= 0 || j >= 0;) {
    const at = i < 0 ? j : j < 0 ? i : Math.min(i, j);
    if (at > 0 && /\s/.test(line[at - 1] ?? '')) {
      end = at;
      break;
    }
    if (at === i) i = line.indexOf('#', at + 1);
    else j = line.indexOf(';', at + 1);
  }
  while (end > from && /\s/.test(line[end - 1] ?? '')) end--;
  return end;
}

function settingOf(line: string, lineNo: number, parent: string | undefined): OutlineSetting | undefined {
  const eq = line.indexOf('=');
  if (eq < 0) return undefined;
  let ns = 0;
  while (ns < eq && isBlank(line[ns])) ns++;
  let ne = eq;
  while (ne > ns && isBlank(line[ne - 1])) ne--;
  if (ne === ns) return undefined;
  let vs = eq + 1;
  while (vs < line.length && isBlank(line[vs])) vs++;
  const ve = valueEnd(line, vs);
  const written = line.slice(ns, ne);
  return {
    line: lineNo,
    written,
    name: written.toLowerCase(),
    nameStart: ns,
    nameEnd: ne,
    value: line.slice(vs, Math.max(vs, ve)),
    valueStart: vs,
    valueEnd: Math.max(vs, ve),
    ...(parent !== undefined ? { parent } : {}),
  };
}

function headerOf(line: string, lineNo: number): OutlineSection {
  const open = line.indexOf('[');
  let close = line.indexOf(']', open + 1);
  const comment = line.slice(open + 1).search(/[#;]/);
  if (comment >= 0 && (close < 0 || open + 1 + comment < close)) close = open + 1 + comment;
  if (close < 0) close = line.length;
  const inner = line.slice(open + 1, close);
  const header = inner.trim();
  const lead = open + 1 + (inner.length - inner.trimStart().length);
  const space = header.search(/[ \t]/);
  const prefix = space > 0 ? header.slice(0, space) : undefined;
  const nameOffset = space > 0 ? space + (header.slice(space).length - header.slice(space).trimStart().length) : 0;
  const name = header.slice(nameOffset);
  return { line: lineNo, end: lineNo, header, prefix, name, nameStart: lead + nameOffset, nameEnd: lead + header.length, settings: [] };
}

/** The outline of a file's text (any line ends; a lone CR ends a line, as the parser reads it). */
export function outline(text: string): Outline {
  return runAll(outlineSteps(text)).outline;
}

/** `outline` in steps (a yield every few thousand lines), with the text's lines, for the editor's sliced reading. */
export function* outlineSteps(text: string): Steps<{ readonly outline: Outline; readonly lines: readonly string[] }> {
  // As text.split(/\r\n|\r|\n/), with yields (a split of 7 MB holds the thread ~40 ms).
  const lines: string[] = [];
  const breaks = /\r\n|\r|\n/g;
  let from = 0;
  for (let m = breaks.exec(text); m !== null; m = breaks.exec(text)) {
    lines.push(text.slice(from, m.index));
    from = m.index + m[0].length;
    if (lines.length % (32 * STEP_ITEMS) === 0) yield;
  }
  lines.push(text.slice(from));
  const sections: OutlineSection[] = [];
  const orphans: OutlineSetting[] = [];
  let current: OutlineSection | undefined;
  let last: OutlineSetting | undefined;
  for (let lineNo = 0; lineNo < lines.length; lineNo++) {
    if (lineNo % (4 * STEP_ITEMS) === 0 && lineNo > 0) yield;
    const raw = lines[lineNo] as string;
    const line = lineNo === 0 && raw.charCodeAt(0) === 0xfeff ? ' ' + raw.slice(1) : raw;
    const trimmed = line.trim();
    if (trimmed.length === 0 || trimmed.startsWith('#') || trimmed.startsWith(';')) continue;
    if (line.startsWith('[') || (!isBlank(line[0]) && trimmed.startsWith('['))) {
      current = headerOf(line, lineNo);
      sections.push(current);
      last = undefined;
      continue;
    }
    if (current !== undefined) current.end = lineNo;
    const indented = isBlank(line[0]);
    if (indented) {
      // A sub-setting under a setting with an empty value; otherwise a continuation line.
      if (last !== undefined && last.parent === undefined && last.value === '') {
        const sub = settingOf(line, lineNo, last.name);
        if (sub !== undefined) current?.settings.push(sub);
      } else if (last?.parent !== undefined) {
        const sub = settingOf(line, lineNo, last.parent);
        if (sub !== undefined) current?.settings.push(sub);
      }
      continue;
    }
    const s = settingOf(line, lineNo, undefined);
    last = s;
    if (s === undefined) continue;
    (current?.settings ?? orphans).push(s);
  }
  // A section runs to the line before the next header (blank and comment lines included).
  for (let i = 0; i < sections.length; i++) {
    const s = sections[i] as OutlineSection;
    const next = sections[i + 1];
    if (next !== undefined) s.end = Math.max(s.line, next.line - 1);
    else s.end = Math.max(s.line, lines.length - 1);
  }
  return { outline: { sections, orphans }, lines };
}

/** The section a line belongs to (its header or a line below it, up to the next header). */
export function sectionAt(o: Outline, line: number): OutlineSection | undefined {
  let found: OutlineSection | undefined;
  for (const s of o.sections) {
    if (s.line > line) break;
    found = s;
  }
  return found;
}

/** The setting on a line, if the line holds one. */
export function settingAt(o: Outline, line: number): OutlineSetting | undefined {
  return sectionAt(o, line)?.settings.find((s) => s.line === line);
}

/** The profile name a section defines in a file of the given kind, or undefined for other sections. */
export function profileOf(section: OutlineSection, kind: 'config' | 'credentials'): string | undefined {
  if (kind === 'credentials') return section.prefix === undefined ? section.name : undefined;
  if (section.prefix === 'profile') return section.name;
  return section.prefix === undefined && section.name === 'default' ? 'default' : undefined;
}
