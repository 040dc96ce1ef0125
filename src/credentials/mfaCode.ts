/** What an MFA code looks like (a TOTP device's six digits), and what is wrong with a value that is not one yet. */

export type MfaCodeProblem = { readonly kind: 'notDigits' } | { readonly kind: 'tooShort'; readonly missing: number } | { readonly kind: 'tooLong' };

export function isMfaCode(value: string): boolean {
  return /^\d{6}$/.test(value);
}

/** Why the (trimmed) value is not a code; undefined when it is one, or still empty. */
export function mfaCodeProblem(value: string): MfaCodeProblem | undefined {
  const v = value.trim();
  if (v === '') return undefined;
  if (!/^\d*$/.test(v)) return { kind: 'notDigits' };
  if (v.length < 6) return { kind: 'tooShort', missing: 6 - v.length };
  if (v.length > 6) return { kind: 'tooLong' };
  return undefined;
}
