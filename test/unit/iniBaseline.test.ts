/**
 * Why the product does not parse with the `ini` package: this measures a thin `ini` adapter on the
 * cross-SDK suite (the numbers are quoted in the README's design notes). The product's parser must
 * pass every case; `ini` is kept as this dev-only baseline.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as ini from 'ini';
import { fixture } from './fixtures';

interface ParserCase {
  name: string;
  input: { configFile?: string; credentialsFile?: string };
  output: { config: { profiles: Record<string, Record<string, string>> } } | { errorContaining: string };
}

function viaIni(input: ParserCase['input']): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  const add = (text: string | undefined, kind: 'config' | 'credentials'): void => {
    const parsed = ini.parse(text ?? '') as Record<string, unknown>;
    for (const [section, props] of Object.entries(parsed)) {
      if (typeof props !== 'object' || props === null) continue;
      const name = kind === 'config' ? (section === 'default' ? 'default' : section.startsWith('profile ') ? section.slice(8).trim() : undefined) : section;
      if (name === undefined) continue;
      const target = (out[name] ??= {});
      for (const [k, v] of Object.entries(props as Record<string, unknown>)) if (typeof v === 'string') target[k.toLowerCase()] = v;
    }
  };
  add(input.configFile, 'config');
  add(input.credentialsFile, 'credentials');
  return out;
}

describe('baseline: a thin `ini` adapter on the cross-SDK parser suite', () => {
  it('passes about half the valid cases and detects no error case', () => {
    const cases = fixture<{ tests: ParserCase[] }>('conformance', 'profile-parser-tests.json').tests;
    let valid = 0;
    let validPassed = 0;
    let errors = 0;
    let errorsDetected = 0;
    for (const c of cases) {
      if ('errorContaining' in c.output) {
        errors++;
        try {
          viaIni(c.input);
        } catch {
          errorsDetected++;
        }
        continue;
      }
      valid++;
      try {
        assert.deepEqual(viaIni(c.input), c.output.config.profiles);
        validPassed++;
      } catch {
        /* counted as a miss */
      }
    }
    console.log(`ini baseline: ${validPassed}/${valid} valid cases, ${errorsDetected}/${errors} error cases detected`);
    assert.equal(valid, 55);
    assert.equal(errors, 10);
    assert.equal(errorsDetected, 0);
    assert.ok(validPassed < 40, `ini passes ${validPassed}/55`);
  });
});
