/**
 * Profiles written by the IAM Identity Center import, as a block of the config file between two
 * marker comments, one block per sso-session. Re-running the import rewrites that block only: a
 * person's own lines are never changed or moved, and a name a person already uses elsewhere in the
 * file is left to them (skipped, and said). A block a person removed is simply written again at
 * the end; a block's own edits are replaced (its first line says so).
 */
import { outline, profileOf } from './outline';
import { isName } from './parser';

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
  /** Names the person already uses outside the block, not written. */
  readonly skipped: string[];
}

export const DEFAULT_NAME_TEMPLATE = '{account_name}-{role_name}';

const begin = (session: string) =>
  `# BEGIN profiles imported from IAM Identity Center (sso-session ${session}) by AWS Role Switcher; the import rewrites this block, edit outside it`;
const end = (session: string) => `# END profiles imported from IAM Identity Center (sso-session ${session})`;

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

/** The new config text with the session's block written (in place, or at the end). */
export function planImport(
  text: string,
  session: string,
  roles: readonly ImportedRole[],
  o: { readonly template?: string; readonly region?: string } = {},
): ImportPlan {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.length === 0 ? [] : text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const startAt = lines.findIndex((l) => l.trim() === begin(session));
  const endAt = startAt < 0 ? -1 : lines.findIndex((l, i) => i > startAt && l.trim() === end(session));
  const hasBlock = startAt >= 0 && endAt > startAt;
  const inside = hasBlock ? lines.slice(startAt + 1, endAt) : [];
  const outside = hasBlock ? [...lines.slice(0, startAt), ...lines.slice(endAt + 1)] : lines;

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
  const skipped: string[] = [];
  for (const role of roles) {
    let name = profileNameFor(template, role, session);
    // Two roles the template names alike (accounts with the same name) keep apart by account ID.
    if (written.has(name)) name = profileNameFor(`${template}-{account_id}`, role, session);
    if (written.has(name)) continue;
    if (theirs.has(name)) {
      skipped.push(name);
      continue;
    }
    written.add(name);
    block.push(
      `[profile ${name}]`,
      `sso_session = ${session}`,
      `sso_account_id = ${role.accountId}`,
      `sso_role_name = ${role.roleName}`,
      // One line, and no '#' or ';' after a space (the rest would read as a comment).
      `sso_account_name = ${role.accountName
        .replace(/[\r\n]+/g, ' ')
        .replace(/(\s)[#;]+/g, '$1')
        .replace(/\s{2,}/g, ' ')}`,
      ...(o.region !== undefined ? [`region = ${o.region}`] : []),
      '',
    );
  }
  if (block[block.length - 1] === '') block.pop();
  block.push(end(session));

  let out: string[];
  if (hasBlock) out = [...lines.slice(0, startAt), ...block, ...lines.slice(endAt + 1)];
  else out = [...lines, ...(lines.length > 0 && lines[lines.length - 1]?.trim() !== '' ? [''] : []), ...block];
  return {
    text: out.join(eol) + eol,
    added: [...written].filter((n) => !before.has(n)),
    kept: [...written].filter((n) => before.has(n)),
    removed: [...before].filter((n) => !written.has(n)),
    skipped,
  };
}
