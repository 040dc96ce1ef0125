/**
 * Defence in depth for logs and messages: whatever slips into a string, these shapes never leave
 * it — access key ids are shortened to `ASIA…WXYZ`, secret keys, session tokens, JWTs and
 * 6-digit MFA codes are replaced.
 */
const PATTERNS: Array<[RegExp, (m: string) => string]> = [
  [/\b(?:AKIA|ASIA|AROA|AIDA)[A-Z2-7]{12,}\b/g, (m) => `${m.slice(0, 4)}…${m.slice(-4)}`],
  [/[A-Za-z0-9+/=]{100,}/g, () => '<token>'],
  [/(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{40}(?![A-Za-z0-9+/=])/g, () => '<secret>'],
  [/(?<![\d.:-])\d{6}(?![\d.:-])/g, () => '******'],
];

/** A run of the characters a JWT is made of; each run is looked at once. */
const JWT_RUN = /[\w.-]+/g;

/**
 * `eyJ…` `.` `…` `.` `…` (the regex /\beyJ[\w-]+\.[\w-]+\.[\w-]*‍/ would say it) replaced by `<jwt>`,
 * in linear time: that regex backtracked from every `eyJ` of a long run without dots, so a profile
 * name of "eyJa-" repeated (200 KB, from workspace settings, which are logged) took 7.5 s.
 */
function redactJwts(text: string): string {
  return text.replace(JWT_RUN, (run) => {
    if (!run.includes('eyJ')) return run;
    const parts = run.split('.');
    let out = '';
    let k = 0;
    while (k < parts.length) {
      const seg = parts[k] as string;
      let at = -1;
      if (k + 2 < parts.length && (parts[k + 1] as string).length > 0) {
        // The first eyJ at a word boundary (the run's or a segment's start, or after '-') with a character after it.
        for (let i = seg.indexOf('eyJ'); i >= 0; i = seg.indexOf('eyJ', i + 1)) {
          if ((i === 0 || seg.charAt(i - 1) === '-') && i + 3 < seg.length) {
            at = i;
            break;
          }
        }
      }
      if (at < 0) {
        out += (k > 0 ? '.' : '') + seg;
        k++;
        continue;
      }
      out += `${k > 0 ? '.' : ''}${seg.slice(0, at)}<jwt>`;
      k += 3; // this segment's tail, the next one, and the third ([\w-]*) are the token
    }
    return out;
  });
}

export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('<redacted>');
  out = redactJwts(out);
  for (const [re, f] of PATTERNS) out = out.replace(re, f);
  return out;
}
