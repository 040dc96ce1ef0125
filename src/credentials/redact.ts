/**
 * Defence in depth for logs and messages: whatever slips into a string, these shapes never leave
 * it — access key ids are shortened to `ASIA…WXYZ`, secret keys, session tokens, JWTs and
 * 6-digit MFA codes are replaced.
 */
const PATTERNS: Array<[RegExp, (m: string) => string]> = [
  [/\beyJ[\w-]+\.[\w-]+\.[\w-]*/g, () => '<jwt>'],
  [/\b(?:AKIA|ASIA|AROA|AIDA)[A-Z2-7]{12,}\b/g, (m) => `${m.slice(0, 4)}…${m.slice(-4)}`],
  [/[A-Za-z0-9+/=]{100,}/g, () => '<token>'],
  [/(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{40}(?![A-Za-z0-9+/=])/g, () => '<secret>'],
  [/(?<![\d.:-])\d{6}(?![\d.:-])/g, () => '******'],
];

export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('<redacted>');
  for (const [re, f] of PATTERNS) out = out.replace(re, f);
  return out;
}
