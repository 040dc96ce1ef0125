const VALID = /^[\w+=,.@-]{2,64}$/;

export function isValidSessionName(name: string): boolean {
  return VALID.test(name);
}

/**
 * A RoleSessionName derived from the user name, as CloudTrail shows it: `alice` → `alice`,
 * `Jane Doe` → `Jane-Doe`; always 2…64 characters of `[\w+=,.@-]`.
 */
export function defaultSessionName(userName: string | undefined): string {
  let s = (userName ?? '')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^\w+=,.@-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (s.length === 0) s = 'aws-role-switcher';
  if (s.length < 2) s = `${s}-user`;
  return s.slice(0, 64);
}
