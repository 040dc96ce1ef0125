/**
 * From parsed files to profiles: section-name rules, `[profile default]` over `[default]`,
 * credentials-file values over config-file values, `[sso-session]` and `[services]` sections.
 */
import { STEP_ITEMS, Steps, runAll } from './steps';
import { Diagnostic, RawFile, RawProperty, RawSection, isName, parseSubProperties, sectionProperties, trimWs } from './parser';
import { SectionPropertyMap } from './sectionSettings';

export type FileKind = 'config' | 'credentials';

/** Where a value came from, for messages such as `~/.aws/config:12`. */
export interface Origin {
  readonly file: string;
  readonly line: number;
}

export interface Property {
  readonly key: string;
  readonly value: string;
  /** Where it was written, as shown to the user (`~/.aws/config`), and the 1-based line. */
  readonly file: string;
  readonly line: number;
}

export interface Section {
  readonly name: string;
  readonly origin: Origin;
  readonly properties: ReadonlyMap<string, Property>;
  /** The credentials file that added to this section, if one did (botocore ranks its keys higher). */
  readonly credentialsFile?: string;
}

export interface ProfileSet {
  readonly profiles: Map<string, Section>;
  readonly ssoSessions: Map<string, Section>;
  /** Every other prefixed section of the config file, by prefix: `services` → name → section. */
  readonly otherSections: Map<string, Map<string, Section>>;
  readonly diagnostics: Diagnostic[];
}

export function emptyProfileSet(): ProfileSet {
  return { profiles: new Map(), ssoSessions: new Map(), otherSections: new Map(), diagnostics: [] };
}

interface SectionKey {
  readonly prefix: string | undefined;
  readonly name: string;
}

function parseSectionKey(header: string): SectionKey {
  const s = trimWs(header);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x20 || c === 0x09) return { prefix: s.slice(0, i), name: trimWs(s.slice(i + 1)) };
  }
  return { prefix: undefined, name: s };
}

function warn(diags: Diagnostic[], file: string, line: number, message: string, hint?: string): void {
  diags.push(hint === undefined ? { file, line, severity: 'warning', message } : { file, line, severity: 'warning', message, hint });
}

function targetFor(set: ProfileSet, key: SectionKey): Map<string, Section> {
  if (key.prefix === undefined || key.prefix === 'profile') return set.profiles;
  if (key.prefix === 'sso-session') return set.ssoSessions;
  let m = set.otherSections.get(key.prefix);
  if (m === undefined) {
    m = new Map();
    set.otherSections.set(key.prefix, m);
  }
  return m;
}

/** Checks a section header against the rules of its file kind; returns why it is ignored, if it is. */
function validate(key: SectionKey, kind: FileKind): { message: string; hint: string } | undefined {
  if (kind === 'config' && key.prefix !== undefined && isName(key.name)) return undefined; // the usual case
  const shown = key.prefix === undefined ? `[${key.name}]` : `[${key.prefix} ${key.name}]`;
  if (kind === 'config') {
    if (key.prefix !== undefined) {
      if (!isName(key.name)) {
        return {
          message: `Section ${shown} ignored: "${key.name}" is not a valid name`,
          hint: 'Names may use letters, digits and - / . % @ _ : + only.',
        };
      }
      return undefined;
    }
    if (key.name === 'default') return undefined;
    return {
      message: `Section ${shown} ignored: in the config file, profiles other than [default] need the "profile" prefix`,
      hint: `Write it as [profile ${key.name}] (the credentials file is the one without the prefix).`,
    };
  }
  if (key.prefix === 'profile') {
    return {
      message: `Section ${shown} ignored: profiles in the credentials file must not start with "profile"`,
      hint: `Write it as [${key.name}] (the "profile" prefix belongs in the config file).`,
    };
  }
  if (key.prefix !== undefined) {
    return {
      message: `Section ${shown} ignored: only profiles belong in the credentials file`,
      hint: 'Move this section to the config file.',
    };
  }
  if (!isName(key.name)) {
    return {
      message: `Section ${shown} ignored: "${key.name}" is not a valid profile name`,
      hint: 'Names may use letters, digits and - / . % @ _ : + only.',
    };
  }
  return undefined;
}

/**
 * Merges a parsed section into `target`. The parser's property objects are the final ones: the
 * first section of a name adopts the parsed map as it is when every key is valid (no copying).
 * The profile set therefore owns the parsed file's maps.
 */
function mergeSection(target: Map<string, Section>, name: string, rawFile: RawFile, raw: RawSection, diags: Diagnostic[], kind: FileKind): void {
  const file = rawFile.path;
  const existing = target.get(name);
  if (existing === undefined && !raw.hasInvalidKey) {
    const origin = { file, line: raw.line };
    const properties = new SectionPropertyMap(rawFile, raw);
    target.set(name, kind === 'credentials' ? { name, origin, properties, credentialsFile: file } : { name, origin, properties });
    return;
  }
  const credentialsFile =
    kind === 'credentials' ? { credentialsFile: file } : existing?.credentialsFile !== undefined ? { credentialsFile: existing.credentialsFile } : {};
  // A profile in both files, or a section with invalid keys: build it now.
  const properties = new Map<string, Property>(existing?.properties ?? []);
  for (const prop of sectionProperties(rawFile, raw, new Map<string, RawProperty>()).values()) {
    if (!isName(prop.key)) {
      warn(
        diags,
        file,
        prop.line,
        `Setting "${prop.key}" in [${raw.header}] ignored: not a valid setting name`,
        'Setting names may use letters, digits and - / . % @ _ : + only.',
      );
      continue;
    }
    properties.set(prop.key, prop);
  }
  target.set(name, { name, origin: existing?.origin ?? { file, line: raw.line }, properties, ...credentialsFile });
}

/** Merges one parsed file into `set` (config files first, then credentials files). */
export function mergeFile(set: ProfileSet, raw: RawFile, kind: FileKind): void {
  runAll(mergeFileSteps(set, raw, kind));
}

function* mergeFileSteps(set: ProfileSet, raw: RawFile, kind: FileKind): Steps<void> {
  for (const d of raw.diagnostics) set.diagnostics.push(d); // not push(...): a spread overflows the stack at ~125,000
  // Two lists side by side, not a list of pairs: no array per section.
  const keys: SectionKey[] = [];
  const sections: RawSection[] = [];
  let hasPrefixedDefault = false;
  let n = 0;
  for (const section of raw.sections) {
    if (++n % STEP_ITEMS === 0) yield;
    const key = parseSectionKey(section.header);
    const problem = validate(key, kind);
    if (problem !== undefined) {
      warn(set.diagnostics, raw.path, section.line, problem.message, problem.hint);
      continue;
    }
    if (key.prefix === 'profile' && key.name === 'default') hasPrefixedDefault = true;
    keys.push(key);
    sections.push(section);
  }
  for (let i = 0; i < keys.length; i++) {
    if (i % STEP_ITEMS === STEP_ITEMS - 1) yield;
    const key = keys[i] as SectionKey;
    const section = sections[i] as RawSection;
    if (hasPrefixedDefault && key.prefix === undefined && key.name === 'default') {
      warn(
        set.diagnostics,
        raw.path,
        section.line,
        'Section [default] ignored: [profile default] in the same file takes priority',
        'Keep one of the two sections.',
      );
      continue;
    }
    mergeSection(targetFor(set, key), key.name, raw, section, set.diagnostics, kind);
  }
}

export function buildProfileSet(files: ReadonlyArray<{ raw: RawFile; kind: FileKind }>): ProfileSet {
  return runAll(buildProfileSetSteps(files));
}

/** `buildProfileSet` in steps, for the editor's sliced reading. */
export function* buildProfileSetSteps(files: ReadonlyArray<{ raw: RawFile; kind: FileKind }>): Steps<ProfileSet> {
  const set = emptyProfileSet();
  const ordered = [...files.filter((f) => f.kind === 'config'), ...files.filter((f) => f.kind === 'credentials')];
  for (const f of ordered) yield* mergeFileSteps(set, f.raw, f.kind);
  return set;
}

/** The plain `{name: {key: value}}` view the conformance suites use. */
export function toPlain(sections: Map<string, Section>): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const [name, section] of sections) {
    const props: Record<string, string> = {};
    for (const [k, p] of section.properties) props[k] = p.value;
    out[name] = props;
  }
  return out;
}

/** Value of `key` in a section, or undefined. */
export function get(section: Section | undefined, key: string): string | undefined {
  return section?.properties.get(key)?.value;
}

/** A sub-property such as `[services x]` → `sts =` → `endpoint_url = …`. */
export function getSub(section: Section | undefined, key: string, subKey: string): string | undefined {
  const v = get(section, key);
  if (v === undefined) return undefined;
  return parseSubProperties(v).get(subKey.toLowerCase());
}
