/**
 * Line-level parser for AWS shared config and credentials files, following the cross-SDK
 * profile-file specification (the one behind `profile-parser-tests.json`).
 *
 * Unlike the SDKs, a malformed line does not fail the whole file: it becomes a diagnostic with its
 * line number, and parsing goes on, so every other profile stays usable.
 */

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  /** Path of the file as shown to the user (may start with `~`). */
  readonly file: string;
  /** 1-based line number; 0 when the diagnostic is about the whole file. */
  readonly line: number;
  readonly severity: Severity;
  /** What happened, in the spec's words where the spec has words for it. */
  readonly message: string;
  /** What to do about it. */
  readonly hint?: string;
}

export interface RawProperty {
  readonly key: string;
  value: string;
  readonly line: number;
}

export interface RawSection {
  /** The text between the brackets, comments stripped and trimmed: `profile foo`, `default`. */
  readonly header: string;
  readonly line: number;
  readonly properties: Map<string, RawProperty>;
}

export interface RawFile {
  readonly path: string;
  /** Sections in order of first appearance; repeated headers are merged into the first. */
  readonly sections: RawSection[];
  readonly diagnostics: Diagnostic[];
}

const SPACE = 0x20;
const TAB = 0x09;
const HASH = 0x23;
const SEMICOLON = 0x3b;
const OPEN_BRACKET = 0x5b;

function isWs(code: number): boolean {
  return code === SPACE || code === TAB;
}

/** Trims only spaces and tabs, as the spec requires (not all Unicode white space). */
export function trimWs(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isWs(s.charCodeAt(start))) start++;
  while (end > start && isWs(s.charCodeAt(end - 1))) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

/**
 * Trims the line and cuts a trailing comment. In property lines a comment character only starts a
 * comment when white space precedes it (`value;x` keeps `;x`); in section headers it always does.
 */
function prepareLine(line: string, commentsNeedWhitespace: boolean): string {
  const s = trimWs(line);
  let prevWs = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c === HASH || c === SEMICOLON) && (prevWs || !commentsNeedWhitespace)) {
      return trimWs(s.slice(0, i));
    }
    prevWs = c < 0x80 ? isWs(c) || (c >= 0x0a && c <= 0x0d) : /\s/.test(s[i] ?? '');
  }
  return s;
}

type PropertyParse =
  | { ok: true; key: string; value: string }
  | { ok: false; problem: 'no-equals' | 'no-name' };

function parsePropertyLine(line: string): PropertyParse {
  const s = prepareLine(line, true);
  const eq = s.indexOf('=');
  if (eq < 0) return { ok: false, problem: 'no-equals' };
  const key = trimWs(s.slice(0, eq));
  if (key.length === 0) return { ok: false, problem: 'no-name' };
  return { ok: true, key: key.toLowerCase(), value: trimWs(s.slice(eq + 1)) };
}

function propertyProblem(problem: 'no-equals' | 'no-name', what: 'property' | 'sub-property'): { message: string; hint: string } {
  if (problem === 'no-name') {
    return {
      message: `${what === 'property' ? 'Property' : 'Sub-property'} did not have a name`,
      hint: 'Write it as "name = value".',
    };
  }
  return {
    message: `Expected an '=' sign defining a ${what}`,
    hint: 'Write it as "name = value"; a line that starts with a space or tab continues the line above.',
  };
}

type State =
  | { kind: 'start' }
  /** After a bad section header: lines are skipped until the next header (one diagnostic only). */
  | { kind: 'skip' }
  | { kind: 'section'; section: RawSection; property: RawProperty | undefined; subProperties: boolean; afterBadLine: boolean };

/** Parses one file's text. `path` is used only in diagnostics. */
export function parseProfileFile(text: string, path: string): RawFile {
  const sections: RawSection[] = [];
  const byHeader = new Map<string, RawSection>();
  const diagnostics: Diagnostic[] = [];
  let state: State = { kind: 'start' };
  let reportedOrphans = false;

  const report = (line: number, message: string, hint?: string, severity: Severity = 'error'): void => {
    diagnostics.push(hint === undefined ? { file: path, line, severity, message } : { file: path, line, severity, message, hint });
  };

  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i] as string;
    if (line.length > 0 && line.charCodeAt(line.length - 1) === 0x0d) line = line.slice(0, -1);
    const lineNo = i + 1;
    if (line.length === 0) continue;
    const first = line.charCodeAt(0);
    if (first === HASH || first === SEMICOLON) continue;
    if (trimWs(line).length === 0) continue;

    if (first === OPEN_BRACKET) {
      const prepared = prepareLine(line, false);
      if (prepared.charCodeAt(prepared.length - 1) !== 0x5d /* ] */) {
        report(lineNo, "Profile definition must end with ']'", 'Close the section header, as in "[profile name]".');
        state = { kind: 'skip' };
        continue;
      }
      const header = trimWs(prepared.slice(1, -1));
      let section = byHeader.get(header);
      if (section === undefined) {
        section = { header, line: lineNo, properties: new Map() };
        byHeader.set(header, section);
        sections.push(section);
      }
      state = { kind: 'section', section, property: undefined, subProperties: false, afterBadLine: false };
      continue;
    }

    if (state.kind === 'skip') continue;
    if (state.kind === 'start') {
      if (!reportedOrphans) {
        report(lineNo, 'Expected a profile definition', 'Settings must follow a section header such as "[default]" or "[profile name]".');
        reportedOrphans = true;
      }
      continue;
    }

    if (isWs(first)) {
      // Continuation of the previous property, or a sub-property line.
      if (state.property === undefined) {
        if (!state.afterBadLine) {
          report(lineNo, 'Expected a property definition, found continuation', 'Lines that start with a space or tab continue the property above; remove the indentation.');
        }
        continue;
      }
      const trimmed = trimWs(line);
      if (state.subProperties) {
        const sub = parsePropertyLine(line);
        if (!sub.ok) {
          const p = propertyProblem(sub.problem, 'sub-property');
          report(lineNo, p.message, p.hint);
          continue;
        }
      }
      state.property.value += '\n' + trimmed;
      continue;
    }

    const parsed = parsePropertyLine(line);
    if (!parsed.ok) {
      const p = propertyProblem(parsed.problem, 'property');
      report(lineNo, p.message, p.hint);
      state.property = undefined;
      state.afterBadLine = true;
      continue;
    }
    const prop: RawProperty = { key: parsed.key, value: parsed.value, line: lineNo };
    state.section.properties.set(parsed.key, prop);
    state.property = prop;
    state.subProperties = parsed.value.length === 0;
    state.afterBadLine = false;
  }
  return { path, sections, diagnostics };
}

/**
 * Parses a sub-property block (`"\nname = value\nname2 = value2"`) into a map with lower-cased
 * names. Lines without `=` are skipped (the parser has already reported them).
 */
export function parseSubProperties(value: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of value.split('\n')) {
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = trimWs(line.slice(0, eq)).toLowerCase();
    if (key.length > 0) out.set(key, trimWs(line.slice(eq + 1)));
  }
  return out;
}
