/** What never leaves a log line or a message: the shapes of secrets, and the known secret values. */
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KnownSecrets } from '../../src/credentials/knownSecrets';
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

describe('redact by shape (secrets this window never held)', () => {
  const none = new KnownSecrets();
  const key = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
  const r = (s: string): string => redact(s, [], none);

  it('a secret key followed by "=" or after a name with "-"', () => {
    assert.equal(r(`secret=${key}=`), 'secret=<secret>=');
    assert.equal(r(`AWS_SECRET_ACCESS_KEY=${key}`), 'AWS_SECRET_ACCESS_KEY=<secret>');
    assert.equal(r(`x-${key} y`), 'x-<secret> y');
  });

  it('a secret key URL-encoded (%2F) or JSON-escaped (\\/)', () => {
    assert.equal(r(`k=${encodeURIComponent(key)}&x=1`), 'k=<secret>&x=1');
    assert.equal(r(`{"k":"${key.replace(/\//g, '\\/')}"}`), '{"k":"<secret>"}');
  });

  it('a long base64url token and an IAM Identity Center token with its ":" tail', () => {
    const b64url = 'Ab3_-'.repeat(25);
    assert.equal(r(`token ${b64url} end`), 'token <token> end');
    const sso = `aoaAAAAAGc3jmMnqPlaRmKcb2E1dAxFTz:MGUCMQDjV8ZZ9Ni5kq0jJvFnnZ+KcjWzQ`;
    assert.equal(r(`cached ${sso} end`), 'cached <token> end');
  });

  it('an MFA code before a full stop or after a colon, but not times, versions or longer numbers', () => {
    assert.equal(r('code 123456.'), 'code ******.');
    assert.equal(r('code:123456'), 'code:******');
    assert.equal(r('at 12:34:56, v1.123456, account 123456789012, 2026-11-27'), 'at 12:34:56, v1.123456, account 123456789012, 2026-11-27');
  });

  it('a SHA-1 in hex (an SSO cache file name) is not a secret key', () => {
    const path = '~/.aws/sso/cache/d033e22ae348aeb5660fc2140aec35850c4da997.json';
    assert.equal(r(path), path);
  });

  it('a long kebab-case name is not a token', () => {
    const name = 'my-team-'.repeat(20);
    assert.equal(r(name), name);
  });
});

describe('redact by value (what this window held), in every encoding', () => {
  // Shapes the patterns would not catch: 37 characters, and a client secret with '-' and '_'.
  const secret = 'Zq9/xT+4kLm2Np7Rs0Uv3Wy6Ab8Cd1Ef5Gh9Jk';
  const clientSecret = 'secret-kq_3PZ-8vLw2NcRtYb7Hs1Df5Gj9Km4Qx';
  const known = new KnownSecrets();
  known.add(secret, clientSecret, '654321', 'hunter2x');
  const r = (s: string): string => redact(s, [], known);

  it('exact, glued to a word, followed by "=", URL-encoded, JSON-escaped, as base64url', () => {
    assert.equal(r(`s=${secret}`), 's=<redacted>');
    assert.equal(r(`key${secret}x`), 'key<redacted>x');
    assert.equal(r(`${secret}=`), '<redacted>=');
    assert.equal(r(`q=${encodeURIComponent(secret)}&a=1`), 'q=<redacted>&a=1');
    assert.equal(r(`{"s":"${secret.replace(/\//g, '\\/')}"}`), '{"s":"<redacted>"}');
    assert.equal(r(`{"s":"${secret.replace(/\//g, '\\u002f')}"}`), '{"s":"<redacted>"}');
    assert.equal(r(`b ${secret.replace(/\+/g, '-').replace(/\//g, '_')} e`), 'b <redacted> e');
  });

  it('split across lines, or cut by a length limit', () => {
    assert.equal(r(`a ${secret.slice(0, 20)}\n    ${secret.slice(20)} b`), 'a <redacted> b');
    assert.equal(r(`a ${secret.slice(0, 20)}\\n${secret.slice(20)} b`), 'a <redacted> b');
    assert.equal(r(`…${secret.slice(-20)} failed`), '…<redacted> failed');
    assert.equal(r(`failed: ${secret.slice(0, 18)}…`), 'failed: <redacted>…');
  });

  it('the IAM Identity Center client secret, a short password, and an MFA code it was given', () => {
    assert.equal(r(`clientSecret=${clientSecret}`), 'clientSecret=<redacted>');
    assert.equal(r('pw=hunter2x;'), 'pw=<redacted>;');
    assert.equal(r('code 654321 used, 6543210 is not it'), 'code ****** used, 6543210 is not it');
  });

  it('keeps the text around it whole, and leaves texts without secrets alone', () => {
    const plain = 'Profile "dev" in ~/.aws/config:3 — role_arn arn:aws:iam::123456789012:role/Dev';
    assert.equal(r(plain), plain);
  });

  it('is linear on a megabyte with secrets known', { timeout: 5_000 }, () => {
    const big = 'abcdefghij'.repeat(100_000);
    assert.equal(r(big).length, big.length);
  });

  it('keeps the most recent 64 values', () => {
    const k = new KnownSecrets();
    const values = Array.from({ length: 70 }, (_, i) => createHash('sha256').update(String(i)).digest('hex').slice(0, 32));
    for (const v of values) k.add(v);
    assert.equal(k.size, 64);
    assert.equal(redact(`old ${values[0]}`, [], k), `old ${values[0]}`);
    assert.equal(redact(`new ${values[69]}`, [], k), 'new <redacted>');
  });
});
