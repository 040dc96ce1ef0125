/**
 * The shared AWS CLI cache and the settings that shape a session: the CLI's key holds RoleArn,
 * RoleSessionName, ExternalId, SerialNumber and DurationSeconds only, so a profile that narrows
 * its session (policy, policy_arns, source_identity) must neither take the wider session cached
 * for its role nor leave its own for another profile.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildChain } from '../../src/credentials/build';
import { Deps } from '../../src/credentials/deps';
import { RoleCacheArgs } from '../../src/credentials/providers/assumeRole';
import { StsApi } from '../../src/credentials/sts';
import { Credentials } from '../../src/credentials/types';
import { profilesFrom } from './helpers';

const WIDE: Credentials = { accessKeyId: 'ASIAWIDECACHED000000', secretAccessKey: 's', sessionToken: 't', expiration: new Date(Date.now() + 3600_000) };

function world(extra: string) {
  const loads: RoleCacheArgs[] = [];
  const stores: RoleCacheArgs[] = [];
  const inputs: Array<Record<string, unknown>> = [];
  const sts = {
    assumeRole: async (_s: Credentials, input: Record<string, unknown>) => {
      inputs.push(input);
      return { accessKeyId: 'ASIANARROWFRESH00000', secretAccessKey: 's', sessionToken: 't', expiration: new Date(Date.now() + 3600_000) };
    },
  } as unknown as StsApi;
  const deps = {
    env: {},
    now: Date.now,
    sts,
    readFile: async () => new Uint8Array(),
    runProcess: async () => ({ code: 0, stdout: '', stderr: '' }),
    http: async () => ({ status: 500, body: '', headers: {} }),
    tokenProvider: async () => '123456',
    ssoCacheDir: '/nonexistent',
    writeTextPrivate: async () => undefined,
    roleCache: {
      load: async (a: RoleCacheArgs) => (loads.push(a), WIDE),
      store: async (a: RoleCacheArgs) => void stores.push(a),
      loadSso: async () => undefined,
      storeSso: async () => undefined,
    },
    settings: { expiryWindowMs: 300_000 },
  } as unknown as Deps;
  const set = profilesFrom(
    `[profile base]\naws_access_key_id = AKIABASE000000000000\naws_secret_access_key = s\nregion = us-east-1\n` +
      `[profile r]\nrole_arn = arn:aws:iam::111111111111:role/Admin\nsource_profile = base\nmfa_serial = arn:aws:iam::111111111111:mfa/me\n${extra}\n`,
  );
  return { retrieve: () => buildChain(set, 'r', deps).provider.retrieve({ interactive: true }), loads, stores, inputs };
}

describe('the shared AWS CLI cache and the settings that shape a session', () => {
  it('an MFA role with no narrowing setting takes the session the CLI cached (control)', async () => {
    const w = world('');
    assert.equal((await w.retrieve()).accessKeyId, WIDE.accessKeyId);
    assert.equal(w.inputs.length, 0);
  });

  for (const [setting, line, field] of [
    ['policy', 'policy = {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}', 'policy'],
    ['policy_arns', 'policy_arns = arn:aws:iam::aws:policy/ReadOnlyAccess', 'policyArns'],
    ['source_identity', 'source_identity = alice', 'sourceIdentity'],
  ] as const) {
    it(`a profile with ${setting} neither reads nor writes the shared cache, and STS gets the ${setting}`, async () => {
      const w = world(line);
      const c = await w.retrieve();
      assert.equal(c.accessKeyId, 'ASIANARROWFRESH00000', 'its own session, not the wider cached one');
      assert.deepEqual([w.loads.length, w.stores.length], [0, 0]);
      assert.equal(w.inputs.length, 1);
      assert.ok(w.inputs[0]?.[field] !== undefined, `AssumeRole carried ${field}`);
    });
  }
});
