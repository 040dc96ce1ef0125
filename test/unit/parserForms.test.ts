/**
 * The loader hands the parser a file's UTF-8 bytes one per character (`utf8-bytes`), which is
 * cheaper than decoding UTF-8 first. For any input, that form must give exactly what parsing the
 * decoded string gives: the same profiles, values, lines and diagnostics. Random files from
 * tricky pieces (non-ASCII names, values and comments, Unicode white space before a comment,
 * continuations, sub-properties, bad lines, BOM, CRLF), with a fixed seed.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { latin1Pieces } from '../../src/config/loader';
import { TextForm, parseProfileFile, trimValue } from '../../src/config/parser';
import { ProfileSet, Section, buildProfileSet } from '../../src/config/profiles';
import { random } from './helpers';

const PIECES = [
  '[profile a]',
  '[default]',
  '[profile b]',
  '[a]',
  '[profile a',
  '[ profile  c ] # x',
  '[sso-session s]',
  '[services x]',
  '[profile été]',
  '[profile 😀]',
  'key = v',
  'Key=V',
  'ÉX = 1',
  'k',
  'k = v\u00a0',
  'k =\u3000v w\u2003',
  'k = \u00a0',
  '=v',
  ' k = v',
  '\tcont',
  '  sub = 1',
  '  bad',
  '  été',
  's3 =',
  's3 = ;c',
  'x = a # c',
  'x = a#c',
  'x = a ;c',
  'x =#c',
  'bad!key = 1',
  'ké = 1',
  ' é = x',
  'y = \u00a0#c',
  'y = a\u3000;c',
  'v = a\u2028;c',
  'v = a\u0085#c',
  'k = 😀 # c',
  'x = —',
  '',
  '   ',
  '# c — ü',
  '; c',
  'region = us-east-1',
  'aws_access_key_id = AKIA',
  'k=\x0b#c',
  'k = v \t',
  '\r',
  'k = \ufeffv',
  '[profile \ufeffx]',
];

function plain(sections: ReadonlyMap<string, Section>): unknown {
  return [...sections].map(([name, s]) => [name, s.origin, [...s.properties].map(([k, p]) => [k, p.value, p.file, p.line])]);
}

function snapshot(set: ProfileSet): unknown {
  return {
    profiles: plain(set.profiles),
    ssoSessions: plain(set.ssoSessions),
    other: [...set.otherSections].map(([prefix, m]) => [prefix, plain(m)]),
    diagnostics: set.diagnostics,
  };
}

/** `pieces`: the bytes cut before every line that starts with '[' after the first byte (the smallest pieces the loader can make). */
function parseBoth(config: string, credentials: string, form: TextForm | 'utf8-pieces'): ProfileSet {
  const text = (t: string): string | string[] =>
    form === 'string' ? t : form === 'utf8-pieces' ? latin1Pieces(Buffer.from(t, 'utf8'), 1) : Buffer.from(t, 'utf8').toString('latin1');
  const as: TextForm = form === 'string' ? 'string' : 'utf8-bytes';
  return buildProfileSet([
    { raw: parseProfileFile(text(config), '~/.aws/config', as), kind: 'config' },
    { raw: parseProfileFile(text(credentials), '~/.aws/credentials', as), kind: 'credentials' },
  ]);
}

describe('parser text forms', () => {
  it('UTF-8 bytes, whole or in pieces, and the decoded string give the same result on 3,000 random files', () => {
    const next = random(20261125);
    const pick = (n: number) => Math.floor(next() * n);
    const file = () => {
      const lines: string[] = [];
      for (let i = pick(16); i > 0; i--) lines.push(PIECES[pick(PIECES.length)] ?? '');
      const eol = next();
      return (next() < 0.2 ? '\ufeff' : '') + lines.join(eol < 0.2 ? '\r\n' : eol < 0.3 ? '\r' : '\n') + (next() < 0.5 ? '\n' : '');
    };
    for (let i = 0; i < 3000; i++) {
      const config = file();
      const credentials = file();
      const expected = snapshot(parseBoth(config, credentials, 'string'));
      const actual = snapshot(parseBoth(config, credentials, 'utf8-bytes'));
      assert.deepEqual(actual, expected, `case ${i}: ${JSON.stringify({ config, credentials })}`);
      const inPieces = snapshot(parseBoth(config, credentials, 'utf8-pieces'));
      assert.deepEqual(inPieces, expected, `case ${i} in pieces: ${JSON.stringify({ config, credentials })}`);
    }
  });

  it('reading a profile twice gives the same settings (built once, on first read)', () => {
    const set = parseBoth('[profile a]\nregion = eu-west-1\ns3 =\n  addressing_style = path\n', '', 'utf8-bytes');
    const a = set.profiles.get('a');
    assert.ok(a);
    const first = a.properties.get('region');
    assert.equal(first?.value, 'eu-west-1');
    assert.equal(a.properties.get('region'), first);
    assert.deepEqual([...a.properties.keys()], ['region', 's3']);
    assert.equal(a.properties.get('s3')?.value, '\naddressing_style = path');
  });
});

describe('values', () => {
  it('Unicode white space around a value is trimmed, as botocore and the JS SDK do; inside it is kept', () => {
    for (const form of ['string', 'utf8-bytes'] as const) {
      const text = '[profile p]\nrole_arn = arn:aws:iam::1:role/Dev\u00a0\nregion =\u3000eu-west-1\u2003\nnote = a\u00a0b\nbom = x\ufeff\nlead = \ufeffx\n';
      const file = parseProfileFile(form === 'string' ? text : Buffer.from(text, 'utf8').toString('latin1'), 'config', form);
      const set = buildProfileSet([{ raw: file, kind: 'config' }]);
      const p = set.profiles.get('p');
      assert.equal(p?.properties.get('role_arn')?.value, 'arn:aws:iam::1:role/Dev', form);
      assert.equal(p?.properties.get('region')?.value, 'eu-west-1', form);
      assert.equal(p?.properties.get('note')?.value, 'a\u00a0b', form);
      assert.equal(p?.properties.get('bom')?.value, 'x\ufeff', `${form}: Python keeps U+FEFF, so the CLI does`);
      assert.equal(p?.properties.get('lead')?.value, '\ufeffx', `${form}: also at the start of a value (a UTF-8 decoder drops it there unless told not to)`);
    }
  });

  it('an all-ASCII value is returned as it is', () => {
    const v = 'arn:aws:iam::1:role/Dev';
    assert.equal(trimValue(v), v);
    assert.equal(trimValue('\u00a0\u0085x\u3000'), 'x');
  });
});

describe('limits', () => {
  it('a file of 200,000 bad lines keeps the first 1,000 problems and counts the rest, and merging it does not overflow', () => {
    const text = `[profile p]\n${'no equals sign here\n'.repeat(200_000)}`;
    const file = parseProfileFile(text, 'config');
    assert.equal(file.diagnostics.length, 1_001);
    assert.match(file.diagnostics.at(-1)?.message ?? '', /^199,000 more problems in this file are not listed/);
    const set = buildProfileSet([{ raw: file, kind: 'config' }]);
    assert.equal(set.diagnostics.length, 1_001);
    assert.ok(set.profiles.has('p'));
  });
});
