/**
 * Adding an `aws login` profile to the config file, as `aws login` does: `login_session` and
 * `region` under `[profile NAME]`. A new section is appended; an existing one is completed only when
 * it holds no other credentials (CLI 2.32.32 refuses to touch those): its login_session line is
 * replaced, region added when it has none. Nothing else in the file changes.
 */
import { outline } from '../../config/outline';
import { isName } from '../../config/parser';
import { CREDENTIAL_KEYS } from '../kinds';

export type LoginProfilePlan = { readonly text: string; readonly added: boolean } | { readonly refused: string };

/** One line of value: no line break can add a line to the file. */
const oneLine = (v: string): boolean => !/[\r\n]/.test(v) && v.trim() === v && v !== '';

export function planLoginProfile(text: string, name: string, session: string, region: string): LoginProfilePlan {
  if (!isName(name) || name.length > 128) return { refused: `"${name}" cannot be a profile name: letters, digits and - / . % @ _ : + only.` };
  if (!oneLine(session) || !oneLine(region)) return { refused: 'The session or the Region is not one line.' };
  const header = name === 'default' ? 'default' : `profile ${name}`;
  const o = outline(text);
  const matches = o.sections.filter((s) => (name === 'default' ? s.prefix === undefined && s.name === 'default' : s.prefix === 'profile' && s.name === name));
  if (matches.length > 1) return { refused: `[${header}] is in the config file more than once; fix that first.` };
  const section = matches[0];
  if (section === undefined) {
    const sep = text === '' || text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n';
    return { text: `${text}${sep}[${header}]\nlogin_session = ${session}\nregion = ${region}\n`, added: true };
  }
  const others = section.settings.filter((s) => s.parent === undefined && s.name !== 'login_session' && CREDENTIAL_KEYS.includes(s.name));
  if (others.length > 0)
    return { refused: `Profile "${name}" already holds other credentials (${others.map((s) => s.name).join(', ')}); choose another name.` };
  const lines = text.split('\n');
  const existing = section.settings.find((s) => s.parent === undefined && s.name === 'login_session');
  const hasRegion = section.settings.some((s) => s.parent === undefined && s.name === 'region');
  if (existing !== undefined) lines[existing.line] = `login_session = ${session}`;
  const insert = [...(existing === undefined ? [`login_session = ${session}`] : []), ...(hasRegion ? [] : [`region = ${region}`])];
  lines.splice(section.line + 1, 0, ...insert);
  return { text: lines.join('\n'), added: false };
}
