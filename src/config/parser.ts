/**
 * Line-level parser for AWS shared config and credentials files, following the cross-SDK
 * profile-file specification (the one behind `profile-parser-tests.json`).
 *
 * Unlike the SDKs, a malformed line does not fail the whole file: it becomes a diagnostic with its
 * line number, and parsing goes on, so every other profile stays usable.
 *
 * Two passes, one code path: `parseProfileFile` checks every line and finds every section;
 * `sectionProperties` builds one section's settings when something first reads them. Both run
 * `scanBody`.
 */
import { STEP_ITEMS, Steps, runAll } from './steps';

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

/**
 * A section as the first pass leaves it: its header, where its lines are, and whether a key is
 * invalid. Its properties are built from those lines by `sectionProperties`, when first asked for.
 */
export interface RawSection {
  /** The text between the brackets, comments stripped and trimmed: `profile foo`, `default`. */
  readonly header: string;
  readonly line: number;
  /**
   * The section's lines, as (piece, start offset, end offset, line number of the first line)
   * quadruples: one per occurrence of the header (a repeated header continues the first section).
   */
  bodies: number[];
  /** True when some key has a character the spec does not allow in names. */
  hasInvalidKey: boolean;
}

/**
 * How the text passed to the parser holds the file: as a JavaScript string, or as the file's UTF-8
 * bytes one per character (a Latin-1 decoding, which is three times cheaper than decoding UTF-8
 * and keeps the string one byte per character). Every syntax character of the format is ASCII
 * and a UTF-8 multi-byte sequence holds no ASCII byte, so both forms parse the same; in the byte
 * form the strings the parser hands out are decoded from UTF-8 when they hold a non-ASCII byte.
 */
export type TextForm = 'string' | 'utf8-bytes';

/**
 * A piece of a file's text. A file may be handed to the parser in pieces, each starting at a line
 * that starts with '[' (so no section crosses pieces): a string of 1 MB costs Node 3.3 ms to make
 * (V8's large-object space), sixteen of 64 KB next to nothing (see the loader).
 */
export interface Piece {
  readonly path: string;
  readonly text: string;
  readonly form: TextForm;
}

export interface RawFile {
  readonly path: string;
  readonly form: TextForm;
  readonly pieces: readonly Piece[];
  /** Sections in order of first appearance; repeated headers are merged into the first. */
  readonly sections: RawSection[];
  /** Every problem of the file: the first pass checks every line. */
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

const UNICODE_WS = /\s/;

/**
 * Unicode white space that both botocore (Python's str.strip) and the JS SDK (String.trim) remove
 * around values: a value pasted from a web page often ends in a no-break space. U+FEFF is left
 * alone (Python keeps it), and so are the ASCII controls only Python strips.
 */
const VALUE_WS_KEEP = '\ufeff';

/** Trims Unicode white space around a value; the common all-ASCII value costs two comparisons. */
export function trimValue(v: string): string {
  const n = v.length;
  if (n === 0 || (v.charCodeAt(0) < 0x80 && v.charCodeAt(n - 1) < 0x80)) return v;
  let start = 0;
  let end = n;
  while (start < end && isValueWs(v.charAt(start))) start++;
  while (end > start && isValueWs(v.charAt(end - 1))) end--;
  return start === 0 && end === n ? v : v.slice(start, end);
}

function isValueWs(ch: string): boolean {
  return ch !== VALUE_WS_KEEP && (ch === '\u0085' || UNICODE_WS.test(ch));
}

/** 1 for the characters the spec allows in names: A-Z a-z 0-9 _ - / . % @ : + */
const NAME_CHAR = new Uint8Array(128);
for (const ch of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-/.%@:+') NAME_CHAR[ch.charCodeAt(0)] = 1;

// ignoreBOM: a U+FEFF at the start of a value is part of it (the file's own BOM is skipped by the parser).
const utf8Decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** Decodes a string that holds UTF-8 bytes one per character. */
function decodeBytes(s: string): string {
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return utf8Decoder.decode(bytes);
}

const NON_ASCII = /[\u0080-\uffff]/;

/** A string cut from the text, as the user wrote it (decoded when the text is in byte form). */
function textOf(file: Piece, s: string): string {
  return file.form === 'utf8-bytes' && NON_ASCII.test(s) ? decodeBytes(s) : s;
}

/**
 * Any Unicode white space counts before a comment (the spec's rule); only non-ASCII needs the
 * regex. `i` is the last code unit (or, in byte form, the last byte) of the character.
 */
function isAnyWs(file: Piece, i: number, c: number): boolean {
  if (c === SPACE || c === TAB) return true;
  if (c < 0x80) return c >= 0x0a && c <= 0x0d;
  if (file.form === 'string') return UNICODE_WS.test(file.text.charAt(i));
  // Byte form: step back over continuation bytes (10xxxxxx) to the lead byte.
  let j = i;
  while (j > 0 && i - j < 3 && (file.text.charCodeAt(j) & 0xc0) === 0x80) j--;
  return UNICODE_WS.test(decodeBytes(file.text.slice(j, i + 1)));
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

/** 1 for a lower-case name character, 2 for an upper-case one, 0 for anything else (ASCII only). */
const KEY_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) if (NAME_CHAR[c] === 1) KEY_CLASS[c] = c >= 0x41 && c <= 0x5a ? 2 : 1;

/**
 * Keys repeat in every section (`region`, `sso_session`…): the last key seen for a small hash of
 * (length, first, last character) is reused when the text matches, so the common key costs
 * neither a new string nor a new hash computation in the section's map.
 */
const KEY_CACHE_SIZE = 256;
const KEY_CACHE = new Array<string | undefined>(KEY_CACHE_SIZE);

/** Where the parts of the last scanned `name = value` lie (reused: no allocation per line). */
const scanned = { keyEnd: 0, valueStart: 0, valueEnd: 0, upper: false };

/**
 * Scans `name = value` in text[s, e) (trimmed, non-empty) in one pass: the first '=', a comment
 * (a comment character counts only after white space), upper case in the name. Fills `scanned`.
 */
function scanProperty(file: Piece, s: number, e: number): 'ok' | 'no-equals' | 'no-name' {
  const text = file.text;
  let eq = -1;
  let cut = e;
  let upper = false;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3d /* = */) {
      if (eq < 0) eq = i;
    } else if (c === HASH || c === SEMICOLON) {
      if (i > s && isAnyWs(file, i - 1, text.charCodeAt(i - 1))) {
        cut = i;
        break;
      }
    } else if (eq < 0 && c >= 0x41 && c <= 0x5a) upper = true;
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

type Report = (line: number, message: string, hint?: string) => void;

/** Where `scanBody` puts the properties it builds: a later line with the same key replaces the earlier one in place. */
export interface PropertySink {
  set(key: string, property: RawProperty): void;
}

/** The number of the last line `scanBody` read (reused: no allocation per call). */
const cursor = { line: 0 };

/**
 * Reads the lines of one section body, text[from, to), the first of them numbered `firstLine`,
 * up to the next section header. With `out` it builds the properties into it; without, it only
 * checks the lines, reporting problems and marking `section.hasInvalidKey`. Both passes go through
 * this one function, so what the first pass accepts is exactly what the second builds.
 * Returns the offset where it stopped (a header line's start, or `to`); `cursor.line` is the
 * number of the last line read.
 */
function scanBody(file: Piece, from: number, to: number, firstLine: number, section: RawSection, out: PropertySink | undefined, report: Report): number {
  const text = file.text;
  const n = text.length;
  let pos = from;
  let lineNo = firstLine - 1;
  let property: RawProperty | undefined;
  let hasProperty = false;
  let subProperties = false;
  let afterBadLine = false;
  while (pos < to) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = n;
    const lineStart = pos;
    let end = eol;
    if (end > lineStart && text.charCodeAt(end - 1) === 0x0d) end--;
    if (end === lineStart) {
      pos = eol + 1;
      lineNo++;
      continue;
    }
    const first = text.charCodeAt(lineStart);
    if (first === OPEN_BRACKET) break;
    pos = eol + 1;
    lineNo++;
    if (first === HASH || first === SEMICOLON) continue;

    if (first < 0x80 && KEY_CLASS[first] !== 0) {
      // Fast path for the usual `name = value` line: a name of valid characters, then spaces or
      // tabs, then '='. Anything else takes the general path below.
      let i = lineStart;
      let upper = false;
      let c = first;
      do {
        const cls = c < 0x80 ? KEY_CLASS[c] : 0;
        if (cls === 0) break;
        if (cls === 2) upper = true;
        c = ++i < end ? text.charCodeAt(i) : -1;
      } while (i < end);
      const ke = i;
      while (c === SPACE || c === TAB) c = ++i < end ? text.charCodeAt(i) : -1;
      if (c === 0x3d /* = */) {
        let vs = i + 1;
        while (vs < end && isWs(text.charCodeAt(vs))) vs++;
        hasProperty = true;
        afterBadLine = false;
        if (out === undefined) {
          // Checking only: is the value empty (a sub-property block follows)?
          const v = vs < end ? text.charCodeAt(vs) : -1;
          subProperties = v === -1 || ((v === HASH || v === SEMICOLON) && vs > i + 1);
          continue;
        }
        // A comment starts at '#' or ';' after white space (any Unicode white space, per the spec).
        let cut = end;
        let high = 0;
        for (let j = vs; j < end; j++) {
          const v = text.charCodeAt(j);
          high |= v;
          if ((v === HASH || v === SEMICOLON) && isAnyWs(file, j - 1, text.charCodeAt(j - 1))) {
            cut = j;
            break;
          }
        }
        while (cut > vs && isWs(text.charCodeAt(cut - 1))) cut--;
        let key: string;
        if (upper) key = text.slice(lineStart, ke).toLowerCase();
        else {
          const len = ke - lineStart;
          const slot = (len * 31 + first * 7 + text.charCodeAt(ke - 1)) & (KEY_CACHE_SIZE - 1);
          const cached = KEY_CACHE[slot];
          if (cached !== undefined && cached.length === len && text.startsWith(cached, lineStart)) key = cached;
          else {
            key = text.slice(lineStart, ke);
            KEY_CACHE[slot] = key;
          }
        }
        let value = vs < cut ? text.slice(vs, cut) : '';
        if (high >= 0x80) value = trimValue(textOf(file, value));
        property = { key, value, file: file.path, line: lineNo };
        out.set(key, property);
        subProperties = value.length === 0;
        continue;
      }
    }

    let s = lineStart;
    let e = end;
    while (s < e && isWs(text.charCodeAt(s))) s++;
    while (e > s && isWs(text.charCodeAt(e - 1))) e--;
    if (s === e) continue;

    if (isWs(first)) {
      // Continuation of the previous property, or a sub-property line.
      if (!hasProperty) {
        if (!afterBadLine) {
          report(
            lineNo,
            'Expected a property definition, found continuation',
            'Lines that start with a space or tab continue the property above; remove the indentation.',
          );
        }
        continue;
      }
      if (subProperties) {
        const problem = scanProperty(file, s, e);
        if (problem !== 'ok') {
          const p = propertyProblem(problem, 'sub-property');
          report(lineNo, p.message, p.hint);
          continue;
        }
      }
      if (property !== undefined) property.value += '\n' + textOf(file, text.slice(s, e));
      continue;
    }

    const problem = scanProperty(file, s, e);
    if (problem !== 'ok') {
      const p = propertyProblem(problem, 'property');
      report(lineNo, p.message, p.hint);
      property = undefined;
      hasProperty = false;
      afterBadLine = true;
      continue;
    }
    const rawKey = textOf(file, text.slice(s, scanned.keyEnd));
    if (!section.hasInvalidKey && !isName(rawKey)) section.hasInvalidKey = true;
    // Keys are case-insensitive (ASCII, as the spec lowercases); non-ASCII keys are invalid anyway.
    const key = scanned.upper ? rawKey.toLowerCase() : rawKey;
    hasProperty = true;
    const value = scanned.valueStart >= scanned.valueEnd ? '' : trimValue(textOf(file, text.slice(scanned.valueStart, scanned.valueEnd)));
    subProperties = value.length === 0;
    afterBadLine = false;
    if (out !== undefined) {
      property = { key, value, file: file.path, line: lineNo };
      out.set(key, property);
    }
  }
  cursor.line = lineNo;
  return pos < to ? pos : to;
}

const ignore: Report = () => undefined;

/**
 * Parses one file's text. `path` is used only in diagnostics. This first pass checks every line
 * and finds every section; the properties of a section are built when first asked for
 * (`sectionProperties`), from the same text by the same code.
 */
/**
 * A carriage return alone ends a line, as in Python's universal newlines, which the AWS CLI reads
 * the files with (a file saved with classic Mac line ends had 0 profiles here, all of them there).
 * Replaced by '\n', the text keeps its length, so offsets and line numbers stay right.
 */
function lineEndsAsNewlines(text: string): string {
  const cr = text.indexOf('\r');
  if (cr < 0) return text;
  return /\r(?!\n)/.test(text) ? text.replace(/\r(?!\n)/g, '\n') : text;
}

/** A new section's bodies until its first one is read (never written to). */
const NO_BODIES: number[] = [];

/** Diagnostics kept per file; the rest are counted in one more. */
export const MAX_DIAGNOSTICS_PER_FILE = 1_000;

export function parseProfileFile(text: string | readonly string[], path: string, form: TextForm = 'string'): RawFile {
  return runAll(parseProfileFileSteps(text, path, form));
}

/** `parseProfileFile` in steps (a yield every STEP_ITEMS sections or stray lines), for the editor's sliced reading. */
export function* parseProfileFileSteps(text: string | readonly string[], path: string, form: TextForm = 'string'): Steps<RawFile> {
  const sections: RawSection[] = [];
  const byHeader = new Map<string, RawSection>();
  const diagnostics: Diagnostic[] = [];
  let skipping = false;
  let reportedOrphans = false;
  let dropped = 0;
  const report: Report = (line, message, hint) => {
    // A file of nothing but bad lines must not make a diagnostic per line (200,000 of them overflowed a spread).
    if (diagnostics.length >= MAX_DIAGNOSTICS_PER_FILE) {
      dropped++;
      return;
    }
    diagnostics.push(hint === undefined ? { file: path, line, severity: 'error', message } : { file: path, line, severity: 'error', message, hint });
  };

  const pieces = (typeof text === 'string' ? [text] : text).map((t): Piece => ({ path, text: lineEndsAsNewlines(t), form }));
  let lineNo = 0;
  for (let p = 0; p < pieces.length; p++) {
    const piece = pieces[p] as Piece;
    const text = piece.text;
    const n = text.length;
    // Only the last piece's end is the file's end: the others end with their last line's '\n'.
    const last = p === pieces.length - 1;
    const stop = last ? n + 1 : n;
    let pos = p > 0 ? 0 : form === 'string' ? (text.charCodeAt(0) === 0xfeff ? 1 : 0) : text.startsWith('\xef\xbb\xbf') ? 3 : 0;
    let untilYield = STEP_ITEMS;
    while (pos < stop) {
      if (--untilYield === 0) {
        untilYield = STEP_ITEMS;
        yield;
      }
      let eol = text.indexOf('\n', pos);
      if (eol < 0) eol = n;
      const lineStart = pos;
      let end = eol;
      if (end > lineStart && text.charCodeAt(end - 1) === 0x0d) end--;
      pos = eol + 1;
      lineNo++;
      if (end === lineStart) continue;
      const first = text.charCodeAt(lineStart);
      if (first === HASH || first === SEMICOLON) continue;
      let s = lineStart;
      let e = end;
      while (s < e && isWs(text.charCodeAt(s))) s++;
      while (e > s && isWs(text.charCodeAt(e - 1))) e--;
      if (s === e) continue;

      if (first === OPEN_BRACKET) {
        let ce = headerCommentCut(text, s, e);
        while (ce > s && isWs(text.charCodeAt(ce - 1))) ce--;
        if (text.charCodeAt(ce - 1) !== 0x5d /* ] */ || ce - s < 2) {
          report(lineNo, "Profile definition must end with ']'", 'Close the section header, as in "[profile name]".');
          skipping = true;
          continue;
        }
        skipping = false;
        const header = textOf(piece, trimWs(text.slice(s + 1, ce - 1)));
        let section = byHeader.get(header);
        if (section === undefined) {
          section = { header, line: lineNo, bodies: NO_BODIES, hasInvalidKey: false };
          byHeader.set(header, section);
          sections.push(section);
        }
        const bodyStart = pos;
        pos = scanBody(piece, pos, stop, lineNo + 1, section, undefined, report);
        // Sized to fit: the usual section has one body (a pushed-to array would reserve ~17 slots).
        if (section.bodies === NO_BODIES) section.bodies = [p, bodyStart, pos, lineNo + 1];
        else section.bodies.push(p, bodyStart, pos, lineNo + 1);
        lineNo = cursor.line;
        continue;
      }
      if (skipping) continue;
      if (!reportedOrphans) {
        report(lineNo, 'Expected a profile definition', 'Settings must follow a section header such as "[default]" or "[profile name]".');
        reportedOrphans = true;
      }
    }
  }
  if (dropped > 0) {
    diagnostics.push({
      file: path,
      line: 0,
      severity: 'error',
      message: `${dropped.toLocaleString('en-US')} more problems in this file are not listed (only the first ${MAX_DIAGNOSTICS_PER_FILE.toLocaleString('en-US')} are)`,
      hint: 'Fix the ones listed first; is this really an AWS config file?',
    });
  }
  return { path, form, pieces, sections, diagnostics };
}

/** Builds a section's properties from its lines into `out` (problems were reported by the first pass). */
export function sectionProperties<T extends PropertySink>(file: RawFile, section: RawSection, out: T): T {
  const b = section.bodies;
  for (let i = 0; i + 3 < b.length; i += 4) scanBody(file.pieces[b[i] ?? 0] as Piece, b[i + 1] ?? 0, b[i + 2] ?? 0, b[i + 3] ?? 1, section, out, ignore);
  return out;
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
    if (key.length > 0) out.set(key, trimValue(trimWs(line.slice(eq + 1))));
  }
  return out;
}
