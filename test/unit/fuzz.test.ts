/**
 * Seeded fuzzing of the parser, the loader and what runs on every state change (describeProfile,
 * resolveChain, redact): random files built from tricky pieces, random bytes, and mutations of the
 * conformance fixtures' files. Whatever the input: no exception other than a CredentialsError, the
 * byte and string forms agree on valid UTF-8, diagnostics stay bounded and point at real lines.
 * A few seconds in `npm test`; `npm run fuzz` runs it long (ARS_FUZZ_CASES, ARS_FUZZ_SEED).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_DIAGNOSTICS_PER_FILE, parseProfileFile } from '../../src/config/parser';
import { buildProfileSet } from '../../src/config/profiles';
import { loadConfig } from '../../src/config/loader';
import { resolveChain } from '../../src/credentials/chain';
import { describeProfile } from '../../src/credentials/profileInfo';
import { redact } from '../../src/credentials/redact';
import { CredentialsError } from '../../src/credentials/types';
import { random } from './helpers';

const CASES = Number(process.env['ARS_FUZZ_CASES'] ?? 5000);
const SEED = Number(process.env['ARS_FUZZ_SEED'] ?? 20261127);

const HEADERS = [
  '[default]',
  '[profile a]',
  '[profile b]',
  '[profile c]',
  '[sso-session s]',
  '[services x]',
  '[profile a',
  '[]',
  '[ profile  b ]',
  '[profile é😀]',
  '[profile a] ; c',
];
const KEYS = [
  'role_arn',
  'source_profile',
  'credential_source',
  'credential_process',
  'sso_session',
  'sso_start_url',
  'sso_region',
  'sso_account_id',
  'sso_role_name',
  'mfa_serial',
  'duration_seconds',
  'region',
  'endpoint_url',
  'services',
  'sts',
  'aws_access_key_id',
  'aws_secret_access_key',
  'aws_session_token',
  'web_identity_token_file',
  'external_id',
  'Region',
  'bad!key',
  '',
];
const VALUES = [
  'arn:aws:iam::123456789012:role/Dev',
  'arn:aws:iam::1:role/X',
  'a',
  'b',
  'c',
  's',
  'x',
  'Environment',
  'Ec2InstanceMetadata',
  'EcsContainer',
  'eu-west-1',
  '3600',
  '-1',
  '1e400',
  'http://127.0.0.1:9',
  '/bin/echo {"Version":1}',
  '"unterminated',
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  '\u00a0v\u3000',
  '\ufeffx',
  'eyJa-'.repeat(20),
  '',
  '# c',
  'a ; c',
];
const EOLS = ['\n', '\r\n', '\r'];

function file(next: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const eol = pick(EOLS);
  const lines: string[] = [];
  for (let i = Math.floor(next() * 30); i > 0; i--) {
    const r = next();
    if (r < 0.15) lines.push(pick(HEADERS));
    else if (r < 0.75) lines.push(`${pick(KEYS)}${pick([' = ', '=', ' =', ' '])}${pick(VALUES)}`);
    else if (r < 0.85) lines.push(`${pick(['  ', '\t'])}${pick(KEYS)} = ${pick(VALUES)}`);
    else if (r < 0.9) lines.push(pick(['', '   ', '# comment', '; c', '\u0000', '\ud800']));
    else {
      // Random characters, ASCII and beyond.
      let s = '';
      for (let k = Math.floor(next() * 20); k > 0; k--) s += String.fromCharCode(next() < 0.8 ? 32 + Math.floor(next() * 95) : Math.floor(next() * 0xffff));
      lines.push(s);
    }
  }
  return (next() < 0.1 ? '\ufeff' : '') + lines.join(eol) + (next() < 0.5 ? eol : '');
}

function mutate(text: string, next: () => number): string {
  let s = text;
  for (let m = 1 + Math.floor(next() * 4); m > 0; m--) {
    const at = Math.floor(next() * (s.length + 1));
    const r = next();
    if (r < 0.3) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(next() * 10));
    else if (r < 0.6) s = s.slice(0, at) + String.fromCharCode(Math.floor(next() * 128)) + s.slice(at);
    else if (r < 0.8) s = s.slice(0, at) + s.slice(Math.floor(next() * s.length)).slice(0, 40) + s.slice(at);
    else s = s.slice(0, at);
  }
  return s;
}

/** The files' UTF-8 bytes as the loader hands them to the parser (one character per byte). */
const bytesOf = (s: string): string => Buffer.from(s, 'utf8').toString('latin1');
const isValidUtf16 = (s: string): boolean => Buffer.from(s, 'utf8').toString('utf8') === s;

function check(config: string, credentials: string): void {
  const lineCount = (t: string): number => t.split(/\r\n|\r|\n/).length;
  for (const [text, name] of [
    [config, 'config'],
    [credentials, 'credentials'],
  ] as const) {
    const raw = parseProfileFile(text, name, 'string');
    assert.ok(raw.diagnostics.length <= MAX_DIAGNOSTICS_PER_FILE + 1);
    for (const d of raw.diagnostics) assert.ok(d.line >= 0 && d.line <= lineCount(text), `diagnostic line ${d.line} of ${lineCount(text)}`);
    if (isValidUtf16(text)) {
      const a = parseProfileFile(text, name, 'string');
      const b = parseProfileFile(bytesOf(text), name, 'utf8-bytes');
      assert.deepEqual(
        b.sections.map((s) => s.header),
        a.sections.map((s) => s.header),
      );
      assert.deepEqual(b.diagnostics, a.diagnostics);
    }
  }
  const set = buildProfileSet([
    { raw: parseProfileFile(config, '~/.aws/config'), kind: 'config' },
    { raw: parseProfileFile(credentials, '~/.aws/credentials'), kind: 'credentials' },
  ]);
  for (const name of set.profiles.keys()) {
    const info = describeProfile(set, name);
    assert.ok(typeof info.kind === 'string');
    try {
      resolveChain(set.profiles, set.ssoSessions, name);
    } catch (e) {
      if (!(e instanceof CredentialsError)) throw e;
      assert.ok(e.describe().length > 0);
    }
  }
  redact(config);
}

describe(`fuzz (seed ${SEED}, ${CASES} cases)`, () => {
  it('random files from tricky pieces, with every line end: no exception, forms agree, diagnostics bounded', () => {
    const next = random(SEED);
    for (let i = 0; i < CASES; i++) {
      const config = file(next);
      const credentials = file(next);
      try {
        check(config, credentials);
      } catch (e) {
        assert.fail(`case ${i} (seed ${SEED}): ${(e as Error).message}\n${JSON.stringify({ config, credentials })}`);
      }
    }
  });

  it('mutated files and random bytes: no exception', () => {
    const next = random(SEED + 1);
    for (let i = 0; i < CASES; i++) {
      const base = file(next);
      const config =
        next() < 0.7 ? mutate(base, next) : Buffer.from(Array.from({ length: Math.floor(next() * 400) }, () => Math.floor(next() * 256))).toString('latin1');
      try {
        check(config, mutate(file(next), next));
      } catch (e) {
        assert.fail(`case ${i} (seed ${SEED + 1}): ${(e as Error).message}\n${JSON.stringify({ config })}`);
      }
    }
  });

  it('the loader on fuzzed files read as bytes: resolves, never rejects', async () => {
    const next = random(SEED + 2);
    for (let i = 0; i < Math.ceil(CASES / 10); i++) {
      const files: Record<string, Uint8Array> = {
        '/h/.aws/config': Buffer.from(mutate(file(next), next), 'utf8'),
        '/h/.aws/credentials': Buffer.from(file(next), 'utf8'),
      };
      const cfg = await loadConfig({
        env: { HOME: '/h' },
        platform: 'posix',
        readFile: (p) => (files[p] !== undefined ? Promise.resolve(files[p]) : Promise.reject(Object.assign(new Error('missing'), { code: 'ENOENT' }))),
      });
      for (const name of cfg.profiles.keys()) describeProfile(cfg, name);
    }
  });
});
