import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { containerCredentialsUri } from '../../src/credentials/providers/containers';
import { fixture } from './fixtures';

const SAME_CAUSE = new Map([
  [
    'No environment variables were set to configure ECS provider',
    'Neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor AWS_CONTAINER_CREDENTIALS_FULL_URI is set.',
  ],
]);

describe('ecs-tests.json (cross-SDK conformance)', () => {
  const cases = fixture<{ tests: Array<{ docs: string; env: Record<string, string>; result: { Ok: string } | { ErrorContains: string } }> }>(
    'conformance',
    'ecs-tests.json',
  ).tests;
  for (const c of cases) {
    it(c.docs, () => {
      if ('Ok' in c.result) assert.equal(containerCredentialsUri(c.env), c.result.Ok);
      else {
        // The suite's words are the Rust SDK's; ours say the same cause as a sentence.
        const theirs = c.result.ErrorContains;
        const want = SAME_CAUSE.get(theirs) ?? theirs;
        assert.throws(
          () => containerCredentialsUri(c.env),
          (e: unknown) => e instanceof Error && e.message.includes(want),
        );
      }
    });
  }
  it('refuses plain http to a non-loopback host', () => {
    assert.throws(() => containerCredentialsUri({ AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://evil.example.com/creds' }), /https/);
    assert.equal(containerCredentialsUri({ AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:4567/creds' }), 'http://127.0.0.1:4567/creds');
  });
});
