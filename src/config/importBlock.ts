/**
 * Profiles written by the IAM Identity Center import, as a block of the config file between two
 * marker comments, one block per sso-session. Re-running the import rewrites that block only: a
 * person's own lines are never changed or moved, and a name a person already uses elsewhere in the
 * file is left to them (skipped, and said). A block a person removed is simply written again at
 * the end; a block's own edits are replaced (its first line says so).
 *
 * Everything written comes from outside (the portal's names, what the person typed): a value that
 * could end its line, start a comment or a section is cleaned (account names) or refused (role
 * names, Regions, sso-session names), so the file keeps exactly the lines planned here. Markers
 * that are not one well-formed pair (an END deleted by hand, a BEGIN repeated) stop the import
 * with the line to look at: nothing outside a provable block is ever removed.
 */
import { outline, profileOf } from './outline';
import { isName } from './parser';
import { isRegionName } from './regions';

export interface ImportedRole {
  readonly accountId: string;
  readonly accountName: string;
  readonly roleName: string;
}

export interface ImportPlan {
  /** The whole new file. */
  readonly text: string;
  readonly added: string[];
  readonly kept: string[];
  readonly removed: string[];
  /** Names the person already uses outside the block, not written (each once). */
  readonly skipped: string[];
  /** Roles not written because another role of the list took the name (`account/role → name`). */
  readonly dropped: string[];
  /** Roles not written because the portal's names cannot be a setting (`account/role`). */
  readonly refused: string[];
}

/** The markers of the file cannot be rewritten safely; `line` (1-based) is the one to look at. */
export class ImportBlockError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'ImportBlockError';
  }
}

export const DEFAULT_NAME_TEMPLATE = '{account_name}-{role_name}';

const PHRASE = 'profiles imported from IAM Identity Center (sso-session';
const begin = (session: string) => `# BEGIN ${PHRASE} ${session}) by AWS Role Switcher; the import rewrites this block, edit outside it`;
const end = (session: string) => `# END ${PHRASE} ${session})`;
/** A marker line of any session, as written or with its comment character or spacing changed by hand. */
const MARKER = new RegExp(`^[#;]\\s*(BEGIN|END) ${PHRASE.replace(/[()]/g, '\\$&')} ([^)\\s]*)\\)`);

/** IAM role and permission-set names: `[\w+=,.@-]`, 1–64 characters. */
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const ACCOUNT_ID = /^\d{12}$/;

/**
 * A portal's display text as one value: no line breaks or other control characters, no comment
 * after white space (the SDKs would cut the value there), no white space at either end.
 */
export function oneLineValue(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex -- control characters are what this removes
      .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
      .replace(/(\s)[#;]+/g, '$1')
      .replace(/^[#;]+/, '')
      .replace(/\s{2,}/g, ' ')
      .trim()
  );
}

/**
 * A profile name from the template: `{account_name}`, `{account_id}`, `{role_name}`,
 * `{sso_session}`; characters the files do not allow in names become '-', runs of them one.
 */
export function profileNameFor(template: string, role: ImportedRole, session: string): string {
  const filled = template
    .replace(/\{account_name\}/g, role.accountName)
    .replace(/\{account_id\}/g, role.accountId)
    .replace(/\{role_name\}/g, role.roleName)
    .replace(/\{sso_session\}/g, session);
  const name = filled
    .replace(/[^A-Za-z0-9\-/.%@_:+]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
  return isName(name) ? name : `${role.accountId}-${role.roleName}`.replace(/[^A-Za-z0-9\-/.%@_:+]+/g, '-');
}

interface Block {
  readonly start: number;
  readonly end: number;
}

/**
 * The session's block, if the file has exactly one well-formed pair of its markers with no other
 * marker inside; undefined when it has none; an ImportBlockError for anything else.
 */
export function findBlock(lines: readonly string[], session: string): Block | undefined {
  const begins: number[] = [];
  const ends: number[] = [];
  const others: number[] = [];
  lines.forEach((l, i) => {
    const m = MARKER.exec(l.trim());
    if (m === null) return;
    if (m[2] !== session) others.push(i);
    else (m[1] === 'BEGIN' ? begins : ends).push(i);
  });
  const [b0, b1] = begins;
  const [e0, e1] = ends;
  if (b0 === undefined && e0 === undefined) return undefined;
  const what = `the block of sso-session ${session}`;
  if (b0 !== undefined && b1 !== undefined)
    throw new ImportBlockError(`The config file marks the start of ${what} twice (lines ${b0 + 1} and ${b1 + 1}).`, b1 + 1);
  if (e0 !== undefined && e1 !== undefined)
    throw new ImportBlockError(`The config file marks the end of ${what} twice (lines ${e0 + 1} and ${e1 + 1}).`, e1 + 1);
  if (e0 === undefined) throw new ImportBlockError(`The config file has the start of ${what} on line ${(b0 ?? 0) + 1} but no end line.`, (b0 ?? 0) + 1);
  if (b0 === undefined) throw new ImportBlockError(`The config file has the end of ${what} on line ${e0 + 1} but no start line.`, e0 + 1);
  const [s, e] = [b0, e0];
  if (e < s) throw new ImportBlockError(`The config file has the end of ${what} (line ${e + 1}) before its start (line ${s + 1}).`, e + 1);
  const inside = others.find((i) => i > s && i < e);
  if (inside !== undefined) throw new ImportBlockError(`The config file has another import's marker (line ${inside + 1}) inside ${what}.`, inside + 1);
  return { start: s, end: e };
}

function checkSessionName(name: string): void {
  if (!isName(name)) throw new Error(`"${oneLineValue(name)}" cannot be an sso-session name: letters, digits and - / . % @ _ : + only.`);
}

function checkRegion(region: string): void {
  if (!isRegionName(region)) throw new Error(`"${oneLineValue(region)}" is not an AWS Region name.`);
}

/** The file's own line end: CRLF, a lone CR (classic Mac, which the AWS CLI reads) or LF. */
function lineEndOf(text: string): string {
  const i = text.search(/[\r\n]/);
  if (i < 0 || text[i] === '\n') return '\n';
  return text[i + 1] === '\n' ? '\r\n' : '\r';
}

/** The new config text with the session's block written (in place, or at the end). */
export function planImport(
  text: string,
  session: string,
  roles: readonly ImportedRole[],
  o: { readonly template?: string; readonly region?: string } = {},
): ImportPlan {
  checkSessionName(session);
  if (o.region !== undefined) checkRegion(o.region);
  const eol = lineEndOf(text);
  const lines = text.length === 0 ? [] : text.split(/\r\n|\r|\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const block0 = findBlock(lines, session);
  const inside = block0 !== undefined ? lines.slice(block0.start + 1, block0.end) : [];
  const outside = block0 !== undefined ? [...lines.slice(0, block0.start), ...lines.slice(block0.end + 1)] : lines;

  const theirs = new Set(
    outline(outside.join('\n'))
      .sections.map((s) => profileOf(s, 'config'))
      .filter((n): n is string => n !== undefined),
  );
  const before = new Set(
    outline(inside.join('\n'))
      .sections.map((s) => profileOf(s, 'config'))
      .filter((n): n is string => n !== undefined),
  );

  const template = o.template !== undefined && o.template.trim() !== '' ? o.template : DEFAULT_NAME_TEMPLATE;
  const block: string[] = [begin(session)];
  const written = new Set<string>();
  const skipped = new Set<string>();
  const dropped: string[] = [];
  const refused: string[] = [];
  for (const raw of roles) {
    if (!ACCOUNT_ID.test(raw.accountId) || !ROLE_NAME.test(raw.roleName)) {
      refused.push(`${oneLineValue(raw.accountId)}/${oneLineValue(raw.roleName)}`);
      continue;
    }
    const role = { ...raw, accountName: oneLineValue(raw.accountName) || raw.accountId };
    let name = profileNameFor(template, role, session);
    // Two roles the template names alike (accounts with the same name) keep apart by account ID.
    if (written.has(name)) name = profileNameFor(`${template}-{account_id}`, role, session);
    if (written.has(name)) {
      dropped.push(`${role.accountId}/${role.roleName} → ${name}`);
      continue;
    }
    if (theirs.has(name)) {
      skipped.add(name);
      continue;
    }
    written.add(name);
    block.push(
      `[profile ${name}]`,
      `sso_session = ${session}`,
      `sso_account_id = ${role.accountId}`,
      `sso_role_name = ${role.roleName}`,
      `sso_account_name = ${role.accountName}`,
      ...(o.region !== undefined ? [`region = ${o.region}`] : []),
      '',
    );
  }
  if (block[block.length - 1] === '') block.pop();
  block.push(end(session));

  let out: string[];
  if (block0 !== undefined) out = [...lines.slice(0, block0.start), ...block, ...lines.slice(block0.end + 1)];
  else out = [...lines, ...(lines.length > 0 && lines[lines.length - 1]?.trim() !== '' ? [''] : []), ...block];
  return {
    text: out.join(eol) + eol,
    added: [...written].filter((n) => !before.has(n)),
    kept: [...written].filter((n) => before.has(n)),
    removed: [...before].filter((n) => !written.has(n)),
    skipped: [...skipped],
    dropped,
    refused,
  };
}

/** An AWS access portal URL as one value: https, a host, an optional path, nothing that ends a line or starts a comment. */
export function isPortalUrl(url: string): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are what must not be there
  return /^https:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[^\s#;\u0000-\u001f\u007f-\u009f\u2028\u2029]*)?$/.test(url);
}

/** The config text with a new `[sso-session name]` at the end; every value is checked to be one value. */
export function addSsoSession(text: string, name: string, url: string, region: string): string {
  checkSessionName(name);
  if (!isPortalUrl(url)) throw new Error(`"${oneLineValue(url)}" is not an AWS access portal URL (https://…, one line).`);
  checkRegion(region);
  const eol = lineEndOf(text);
  const endsWithEol = text.endsWith('\n') || text.endsWith('\r');
  const blankBefore = /(\r\n|\r|\n)[ \t]*(\r\n|\r|\n)$/.test(text);
  const gap = text === '' || blankBefore ? '' : endsWithEol ? eol : eol + eol;
  return `${text}${gap}${[`[sso-session ${name}]`, `sso_start_url = ${url}`, `sso_region = ${region}`, 'sso_registration_scopes = sso:account:access'].join(eol)}${eol}`;
}
