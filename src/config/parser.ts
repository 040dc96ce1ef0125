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
  /** Where the property starts (the merged profile keeps this very object). */
  readonly file: string;
  readonly line: number;
}

export interface RawSection {
  /** The text between the brackets, comments stripped and trimmed: `profile foo`, `default`. */
  readonly header: string;
  readonly line: number;
  readonly properties: Map<string, RawProperty>;
  /** True when some key has a character the spec does not allow in names (checked while parsing). */
  hasInvalidKey: boolean;
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

const UNICODE_WS = /\s/;

/** 1 for the characters the spec allows in names: A-Z a-z 0-9 _ - / . % @ : + */
const NAME_CHAR = new Uint8Array(128);
for (const ch of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-/.%@:+') NAME_CHAR[ch.charCodeAt(0)] = 1;

/** Any Unicode white space counts before a comment (the spec's rule); only non-ASCII needs the regex. */
function isAnyWs(text: string, i: number, c: number): boolean {
  return c === SPACE || c === TAB || (c < 0x80 ? c >= 0x0a && c <= 0x0d : UNICODE_WS.test(text.charAt(i)));
}

/** True when every character of `name` is one the spec allows in profile and setting names. */
export function isName(name: string): boolean {
  if (name.length === 0) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 0x80 || NAME_CHAR[c] !== 1) return false;
  }
  return true;
}

/** Where the parts of the last scanned `name = value` lie (reused: no allocation per line). */
const scanned = { keyEnd: 0, valueStart: 0, valueEnd: 0, upper: false };

/**
 * Scans `name = value` in text[s, e) (trimmed, non-empty) in one pass: the first '=', a comment
 * (a comment character counts only after white space), upper case in the name. Fills `scanned`.
 */
function scanProperty(text: string, s: number, e: number): 'ok' | 'no-equals' | 'no-name' {
  let eq = -1;
  let cut = e;
  let upper = false;
  let prevWs = false;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3d /* = */) {
      if (eq < 0) eq = i;
    } else if (c === HASH || c === SEMICOLON) {
      if (prevWs) {
        cut = i;
        break;
      }
    } else if (eq < 0 && c >= 0x41 && c <= 0x5a) upper = true;
    prevWs = isAnyWs(text, i, c);
  }
  if (eq < 0) return 'no-equals';
  let ke = eq;
  while (ke > s && isWs(text.charCodeAt(ke - 1))) ke--;
  if (ke === s) return 'no-name';
  while (cut > eq + 1 && isWs(text.charCodeAt(cut - 1))) cut--;
  let vs = eq + 1;
  while (vs < cut && isWs(text.charCodeAt(vs))) vs++;
  scanned.keyEnd = ke;
  scanned.valueStart = vs;
  scanned.valueEnd = cut;
  scanned.upper = upper;
  return 'ok';
}

/** In a section header a comment character always starts a comment. */
function headerCommentCut(text: string, s: number, e: number): number {
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c === HASH || c === SEMICOLON) return i;
  }
  return e;
}

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

  const body = text;
  const n = body.length;
  let pos = body.charCodeAt(0) === 0xfeff ? 1 : 0;
  let lineNo = 0;
  while (pos <= n) {
    let eol = body.indexOf('\n', pos);
    if (eol < 0) eol = n;
    const lineStart = pos;
    let end = eol;
    if (end > lineStart && body.charCodeAt(end - 1) === 0x0d) end--;
    pos = eol + 1;
    lineNo++;
    if (end === lineStart) continue;
    const first = body.charCodeAt(lineStart);
    if (first === HASH || first === SEMICOLON) continue;
    let s = lineStart;
    let e = end;
    while (s < e && isWs(body.charCodeAt(s))) s++;
    while (e > s && isWs(body.charCodeAt(e - 1))) e--;
    if (s === e) continue;

    if (first === OPEN_BRACKET) {
      let ce = headerCommentCut(body, s, e);
      while (ce > s && isWs(body.charCodeAt(ce - 1))) ce--;
      if (body.charCodeAt(ce - 1) !== 0x5d /* ] */ || ce - s < 2) {
        report(lineNo, "Profile definition must end with ']'", 'Close the section header, as in "[profile name]".');
        state = { kind: 'skip' };
        continue;
      }
      const header = trimWs(body.slice(s + 1, ce - 1));
      let section = byHeader.get(header);
      if (section === undefined) {
        section = { header, line: lineNo, properties: new Map(), hasInvalidKey: false };
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
      if (state.subProperties) {
        const problem = scanProperty(body, s, e);
        if (problem !== 'ok') {
          const p = propertyProblem(problem, 'sub-property');
          report(lineNo, p.message, p.hint);
          continue;
        }
      }
      state.property.value += '\n' + body.slice(s, e);
      continue;
    }

    const problem = scanProperty(body, s, e);
    if (problem !== 'ok') {
      const p = propertyProblem(problem, 'property');
      report(lineNo, p.message, p.hint);
      state.property = undefined;
      state.afterBadLine = true;
      continue;
    }
    const ke = scanned.keyEnd;
    const rawKey = body.slice(s, ke);
    if (!state.section.hasInvalidKey && !isName(rawKey)) state.section.hasInvalidKey = true;
    // Keys are case-insensitive (ASCII, as the spec lowercases); non-ASCII keys are invalid anyway.
    const key = scanned.upper ? rawKey.toLowerCase() : rawKey;
    const value = scanned.valueStart < scanned.valueEnd ? body.slice(scanned.valueStart, scanned.valueEnd) : '';
    const prop: RawProperty = { key, value, file: path, line: lineNo };
    state.section.properties.set(key, prop);
    state.property = prop;
    state.subProperties = value.length === 0;
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
