/**
 * A section's settings are kept as a list (an index is added past 16 of them); read through the
 * `ReadonlyMap` interface they must answer exactly as a Map built from the same lines would.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseProfileFile } from '../../src/config/parser';
import { Section, buildProfileSet } from '../../src/config/profiles';
import { random } from './helpers';

/** What a Map makes of `key = value` lines: a repeated key keeps its first place and takes the last value. */
function reference(lines: ReadonlyArray<[string, string]>): Map<string, string> {
  const m = new Map<string, string>();
  for (const [k, v] of lines) m.set(k, v);
  return m;
}

function asMap(section: Section | undefined): { entries: Array<[string, string]>; keys: string[]; each: Array<[string, string]>; size: number } {
  assert.ok(section !== undefined);
  const p = section.properties;
  const each: Array<[string, string]> = [];
  p.forEach((v, k) => each.push([k, v.value]));
  return { entries: [...p].map(([k, v]) => [k, v.value]), keys: [...p.keys()], each, size: p.size };
}

describe('a section read as a map', () => {
  it('small and large sections with repeated keys answer as a Map would: order, last value wins, get, has, size', () => {
    const rnd = random(11);
    for (const count of [0, 1, 5, 16, 17, 40, 300]) {
      const lines: Array<[string, string]> = [];
      for (let i = 0; i < count; i++) lines.push([`k${Math.floor(rnd() * Math.max(1, count * 0.7))}`, `v${i}`]);
      const text = `[profile p]\n${lines.map(([k, v]) => `${k} = ${v}`).join('\n')}\n`;
      const set = buildProfileSet([{ raw: parseProfileFile(text, '~/.aws/config'), kind: 'config' }]);
      const want = reference(lines);
      const got = asMap(set.profiles.get('p'));
      assert.deepEqual(got.entries, [...want], `${count} lines: entries in Map order`);
      assert.deepEqual(got.keys, [...want.keys()]);
      assert.deepEqual(got.each, [...want]);
      assert.equal(got.size, want.size);
      const props = set.profiles.get('p')?.properties;
      for (const [k, v] of want) {
        assert.equal(props?.get(k)?.value, v, `${count} lines: ${k}`);
        assert.equal(props?.has(k), true);
      }
      assert.equal(props?.get('absent'), undefined);
      assert.equal(props?.has('absent'), false);
    }
  });

  it('a header repeated later in the file continues the section; its keys replace in place', () => {
    const text = '[profile p]\nregion = a\noutput = json\n[profile q]\nregion = q\n[profile p]\nregion = b\nrole_arn = r\n';
    const set = buildProfileSet([{ raw: parseProfileFile(text, '~/.aws/config'), kind: 'config' }]);
    assert.deepEqual(asMap(set.profiles.get('p')).entries, [
      ['region', 'b'],
      ['output', 'json'],
      ['role_arn', 'r'],
    ]);
    assert.equal(set.profiles.get('p')?.properties.get('region')?.line, 7);
  });

  it('a profile in both files: the credentials file adds to it and wins, and is named as where it came from', () => {
    const set = buildProfileSet([
      { raw: parseProfileFile('[profile p]\nregion = a\naws_access_key_id = CONFIG\n', '~/.aws/config'), kind: 'config' },
      { raw: parseProfileFile('[p]\naws_access_key_id = CREDS\n', '~/.aws/credentials'), kind: 'credentials' },
    ]);
    const p = set.profiles.get('p');
    assert.deepEqual(asMap(p).entries, [
      ['region', 'a'],
      ['aws_access_key_id', 'CREDS'],
    ]);
    assert.equal(p?.credentialsFile, '~/.aws/credentials');
    assert.deepEqual(p?.origin, { file: '~/.aws/config', line: 1 });
  });

  it('reading one section does not disturb another built in between', () => {
    const text = '[profile a]\nx = 1\ny = 2\n[profile b]\nx = 3\n';
    const set = buildProfileSet([{ raw: parseProfileFile(text, '~/.aws/config'), kind: 'config' }]);
    const a = set.profiles.get('a')?.properties;
    const b = set.profiles.get('b')?.properties;
    assert.equal(b?.get('x')?.value, '3');
    assert.equal(a?.get('y')?.value, '2');
    assert.equal(b?.size, 1);
    assert.equal(a?.size, 2);
  });
});
