/** What never leaves a log line or a message: the shapes of secrets, and the known secret values. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { redact } from '../../src/credentials/redact';

/** The regex the JWT redaction used to be: the reference its linear replacement must agree with. */
const OLD_JWT = /\beyJ[\w-]+\.[\w-]+\.[\w-]*/g;

describe('redact', () => {
  it('JWTs, key ids, secret keys, long tokens, MFA codes and the known secrets', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
    const out = redact(`token=${jwt} key AKIAIOSFODNN7EXAMPLE secret ${'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'} code 123456 pw hunter22`, ['hunter22']);
    assert.equal(out, 'token=<jwt> key AKIA…MPLE secret <secret> code ****** pw <redacted>');
  });

  it('finds exactly the JWTs the old regex found, on tricky runs', () => {
    const samples = [
      'a-eyJx.y.z b',
      'aeyJx.y.z',
      'eyJ.y.z',
      'eyJx..z',
      'eyJx.y.',
      'p.eyJx.y.z.q.eyJa.b.c',
      'eyJa-eyJb.c.d',
      'x eyJa.b',
      'eyJa.b.c.d.e',
      '"eyJa.b.c"',
      'eyJa-.b-.c-',
      'eyJeyJ.eyJ.eyJ',
    ];
    for (const s of samples) assert.equal(redact(s), s.replace(OLD_JWT, '<jwt>'), s);
  });

  it('a long run of "eyJa-" with no dots (a profile name from workspace settings) is linear: 1 MB well inside the time-out', { timeout: 5_000 }, () => {
    const big = 'eyJa-'.repeat(200_000);
    assert.equal(redact(big).length, big.length);
  });
});
