/**
 * Defence in depth for logs and messages. Two nets: the secret values this extension host has held
 * (knownSecrets), found in any encoding a program may have used — URL-encoded, JSON-escaped, split
 * across lines, base64url, glued to a word or cut short; and the shapes of secrets, for the ones it
 * never held (a credential_process's own keys in its error output) — access key ids shortened to
 * `ASIA…WXYZ`, secret keys, session and IAM Identity Center tokens, JWTs and MFA codes replaced.
 */
import { KnownSecrets, WINDOW, canonical, knownSecrets } from './knownSecrets';

/** A run of base64 / base64url characters (padding only at its end), with the escapes URLs and JSON put on `/ + =`. */
const RUN = /(?:[A-Za-z0-9+/_-]|%2[BbFf]|\\\/)+(?:=|%3[Dd]){0,2}/g;
const ESCAPE = /%2[BbFf]|%3[Dd]|\\\//g;
const ESCAPES: Record<string, string> = { '%2B': '+', '%2F': '/', '%3D': '=', '\\/': '/' };

/** An IAM Identity Center access token: `aoa…:…` (the tail after the colon is part of it). */
const SSO_TOKEN = /\baoa[A-Za-z0-9+/=_-]{16,}:[A-Za-z0-9+/=_-]+/g;
const KEY_ID = /\b(?:AKIA|ASIA|AROA|AIDA)[A-Z2-7]{12,}\b/g;
/**
 * Six digits standing alone: an MFA code, also before a full stop or after a colon ("code:123456.");
 * not a part of a time (12:34:56), a version (1.123456), a longer number or a word (hex ids).
 */
const MFA_CODE = /(?<![\w-]|\d[.:])\d{6}(?![\w-]|[.:]\d)/g;

const mixed = (s: string): boolean => /[a-z]/.test(s) && /[A-Z]/.test(s) && /\d/.test(s);

/** A secret access key: 40 base64 characters of both cases (a SHA-1 in hex, such as a cache file's name, is not one). */
const isSecretKey = (s: string): boolean => s.length === 40 && /^[A-Za-z0-9+/]+$/.test(s) && /[a-z]/.test(s) && /[A-Z]/.test(s);

function shapeOfRun(run: string): string {
  const decoded = run.replace(ESCAPE, (e) => ESCAPES[e.toUpperCase()] ?? ESCAPES[e] ?? e);
  const padding = /=*$/.exec(decoded)?.[0] ?? '';
  const body = decoded.slice(0, decoded.length - padding.length);
  // A long random run (a token): mixed case and digits, which a long kebab-case name is not.
  if (decoded.length >= 100 && mixed(body)) return '<token>';
  if (isSecretKey(body)) return `<secret>${padding}`;
  // A secret key next to a '-' or '_' (which base64 does not use): `name-<key>`.
  if (/[-_]/.test(body)) {
    const parts = body.split(/([-_])/);
    if (parts.some(isSecretKey)) return parts.map((p) => (isSecretKey(p) ? '<secret>' : p)).join('') + padding;
  }
  return run;
}

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

const HEX = /^[0-9A-Fa-f]{2}$/;
const UNICODE_ESCAPES: Record<string, string> = { '\\u002f': '/', '\\u002b': '+', '\\u003d': '=' };

/**
 * The text as the secret's own characters: escapes decoded, line breaks (real or `\n`) and the
 * indentation after them dropped, base64url folded into base64. `from`/`to` map each character back.
 */
function normalise(text: string): { norm: string; from: number[]; to: number[] } {
  let norm = '';
  const from: number[] = [];
  const to: number[] = [];
  const push = (c: string, a: number, b: number): void => {
    norm += c;
    from.push(a);
    to.push(b);
  };
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (c === '%' && HEX.test(text.slice(i + 1, i + 3))) {
      const d = String.fromCharCode(parseInt(text.slice(i + 1, i + 3), 16));
      if (/[A-Za-z0-9+/=_-]/.test(d)) {
        push(canonical(d), i, i + 3);
        i += 3;
        continue;
      }
    }
    if (c === '\\') {
      const u = UNICODE_ESCAPES[text.slice(i, i + 6).toLowerCase()];
      if (u !== undefined) {
        push(u, i, i + 6);
        i += 6;
        continue;
      }
      const n = text.charAt(i + 1);
      if (n === '/') {
        push('/', i, i + 2);
        i += 2;
        continue;
      }
      if (n === 'n' || n === 'r') {
        i += 2;
        while (text.charAt(i) === ' ' || text.charAt(i) === '\t') i++;
        continue;
      }
    }
    if (c === '\n' || c === '\r') {
      i++;
      while (text.charAt(i) === ' ' || text.charAt(i) === '\t') i++;
      continue;
    }
    push(canonical(c), i, i + 1);
    i++;
  }
  return { norm, from, to };
}

/** Replaces every stretch of WINDOW or more characters of a known secret, whatever its encoding. */
function redactWindows(text: string, sets: ReadonlyArray<ReadonlySet<string>>): string {
  const windows = sets.filter((s) => s.size > 0);
  if (windows.length === 0 || text.length < WINDOW) return text;
  const { norm, from, to } = normalise(text);
  const ranges: Array<[number, number]> = [];
  let run = 0; // characters other than spaces in a row ending at i
  for (let i = 0; i < norm.length; i++) {
    run = norm.charAt(i) === ' ' ? 0 : run + 1;
    if (run < WINDOW) continue;
    const start = i - WINDOW + 1;
    const w = norm.slice(start, i + 1);
    if (!windows.some((s) => s.has(w))) continue;
    const last = ranges.at(-1);
    if (last !== undefined && last[1] >= start) last[1] = i + 1;
    else ranges.push([start, i + 1]);
  }
  if (ranges.length === 0) return text;
  let out = '';
  let at = 0;
  for (const [a, b] of ranges) {
    out += `${text.slice(at, from[a])}<redacted>`;
    at = to[b - 1] as number;
  }
  return out + text.slice(at);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whole short values, as written, URL-encoded or JSON-escaped; numbers only as a number of their own. */
function redactShort(text: string, values: readonly string[], numbers: readonly string[]): string {
  let out = text;
  for (const v of values) {
    for (const form of new Set([v, encodeURIComponent(v), JSON.stringify(v).slice(1, -1), v.replace(/\//g, '\\/')])) {
      if (form.length >= 4) out = out.split(form).join('<redacted>');
    }
  }
  for (const n of numbers) out = out.replace(new RegExp(`(?<!\\d)${escapeRegExp(n)}(?!\\d)`, 'g'), '******');
  return out;
}

/**
 * `extra`: more values to treat as known secrets (at least 4 characters); a caller redacting many
 * texts with the same values passes a KnownSecrets, whose windows are then built once, not per text.
 * `known`: the registry to use (tests pass their own).
 */
export function redact(text: string, extra: readonly string[] | KnownSecrets = [], known: KnownSecrets = knownSecrets): string {
  let out = text;
  let local: KnownSecrets;
  if (extra instanceof KnownSecrets) local = extra;
  else {
    local = new KnownSecrets();
    local.add(...extra);
  }
  if (known.size > 0 || local.size > 0) {
    out = redactWindows(out, [known.windows(), local.windows()]);
    out = redactShort(out, [...known.shortValues(), ...local.shortValues()], [...known.numbers(), ...local.numbers()]);
  }
  out = redactJwts(out);
  out = out.replace(SSO_TOKEN, '<token>');
  out = out.replace(KEY_ID, (m) => `${m.slice(0, 4)}…${m.slice(-4)}`);
  out = out.replace(RUN, shapeOfRun);
  out = out.replace(MFA_CODE, '******');
  return out;
}
