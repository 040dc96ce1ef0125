import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TextForm, parseProfileFile } from '../../src/config/parser';
import { buildProfileSet, toPlain } from '../../src/config/profiles';
import { fileLocations, selectedProfile } from '../../src/config/locations';
import { fixture } from './fixtures';

interface ParserCase {
  name: string;
  input: { configFile?: string; credentialsFile?: string };
  output: { config: { profiles: Record<string, Record<string, string>>; sso_sessions?: Record<string, Record<string, string>> } } | { errorContaining: string };
}

interface LocationCase {
  name: string;
  environment: Record<string, string>;
  platform: 'linux' | 'windows';
  profile?: string;
  configLocation: string;
  credentialsLocation: string;
}

/** The file as the loader hands it to the parser: its UTF-8 bytes, one per character. */
function asBytes(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

function loadAs(input: ParserCase['input'], form: TextForm) {
  const text = (t: string | undefined) => (form === 'string' ? (t ?? '') : asBytes(t ?? ''));
  return buildProfileSet([
    { raw: parseProfileFile(text(input.configFile), '~/.aws/config', form), kind: 'config' },
    { raw: parseProfileFile(text(input.credentialsFile), '~/.aws/credentials', form), kind: 'credentials' },
  ]);
}

/** Each case is parsed from a string and from UTF-8 bytes (the loader's form); both must agree. */
function load(input: ParserCase['input']) {
  const set = loadAs(input, 'string');
  const fromBytes = loadAs(input, 'utf8-bytes');
  assert.deepEqual(toPlain(fromBytes.profiles), toPlain(set.profiles), 'the byte form gives the same profiles');
  assert.deepEqual(toPlain(fromBytes.ssoSessions), toPlain(set.ssoSessions), 'the byte form gives the same sso-sessions');
  assert.deepEqual(fromBytes.diagnostics, set.diagnostics, 'the byte form gives the same diagnostics');
  return set;
}

describe('profile-parser-tests.json (cross-SDK conformance)', () => {
  const cases = fixture<{ tests: ParserCase[] }>('conformance', 'profile-parser-tests.json').tests;
  it('holds all 65 cases', () => assert.equal(cases.length, 65));
  const seen = new Map<string, number>();
  for (const c of cases) {
    const n = (seen.get(c.name) ?? 0) + 1;
    seen.set(c.name, n);
    it(n > 1 ? `${c.name} (#${n})` : c.name, () => {
      const set = load(c.input);
      const errors = set.diagnostics.filter((d) => d.severity === 'error');
      if ('errorContaining' in c.output) {
        const want = c.output.errorContaining;
        assert.ok(
          errors.some((d) => d.message.includes(want)),
          `expected an error containing ${JSON.stringify(want)}, got ${JSON.stringify(set.diagnostics)}`,
        );
        for (const d of errors) assert.ok(d.line >= 1, 'errors carry a line number');
        return;
      }
      assert.deepEqual(errors, [], 'a valid file has no errors');
      assert.deepEqual(toPlain(set.profiles), c.output.config.profiles);
      assert.deepEqual(toPlain(set.ssoSessions), c.output.config.sso_sessions ?? {});
    });
  }
});

describe('file-location-tests.json (cross-SDK conformance)', () => {
  const cases = fixture<{ tests: LocationCase[] }>('conformance', 'file-location-tests.json').tests;
  it('holds all 9 cases', () => assert.equal(cases.length, 9));
  for (const c of cases) {
    it(`${c.name} [${c.platform}]`, () => {
      const locs = fileLocations(c.environment, c.platform === 'windows' ? 'windows' : 'posix');
      assert.equal(locs.config.path, c.configLocation);
      assert.equal(locs.credentials.path, c.credentialsLocation);
      if (c.profile !== undefined) assert.equal(selectedProfile(c.environment), c.profile);
    });
  }
});
