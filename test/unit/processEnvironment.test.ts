import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DELIVERED_VARIABLES, IDENTITY_VARIABLES, credentialVariables, environmentFor } from '../../src/delivery/processEnvironment';

const creds = { accessKeyId: 'ASIAX', secretAccessKey: 'sec', sessionToken: 'tok', expiration: new Date('2030-01-01T00:00:00Z') };
const session = { profile: 'dev', credentials: creds, region: 'eu-west-1' };
const endpoint = { url: 'http://127.0.0.1:1234/credentials/abc', token: 't0k' };

describe('what a session puts into a process', () => {
  it('environment delivery: the keys, their expiry, the region, and the profile named (default mode)', () => {
    assert.deepEqual(Object.fromEntries(environmentFor(session, 'activeProfile')), {
      AWS_ACCESS_KEY_ID: 'ASIAX',
      AWS_SECRET_ACCESS_KEY: 'sec',
      AWS_SESSION_TOKEN: 'tok',
      AWS_CREDENTIAL_EXPIRATION: '2030-01-01T00:00:00.000Z',
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
      AWS_PROFILE: 'dev',
      AWS_DEFAULT_PROFILE: 'dev',
    });
  });

  it('long-term keys blank an inherited session token and expiry instead of leaving them', () => {
    const env = environmentFor({ profile: 'base', credentials: { accessKeyId: 'AKIA', secretAccessKey: 's' } }, 'untouched');
    assert.equal(env.get('AWS_SESSION_TOKEN'), '');
    assert.equal(env.get('AWS_CREDENTIAL_EXPIRATION'), '');
    assert.equal(env.has('AWS_PROFILE'), false, 'untouched leaves the profile variables alone');
    assert.equal(env.has('AWS_REGION'), false, 'no region, no region variables');
  });

  it('empty mode sets the profile variables empty', () => {
    const env = environmentFor(session, 'empty');
    assert.equal(env.get('AWS_PROFILE'), '');
    assert.equal(env.get('AWS_DEFAULT_PROFILE'), '');
  });

  it('endpoint delivery: no keys (inherited ones blanked), the endpoint and its token, no profile named', () => {
    const env = environmentFor(session, 'activeProfile', endpoint);
    assert.equal(env.get('AWS_ACCESS_KEY_ID'), '');
    assert.equal(env.get('AWS_SECRET_ACCESS_KEY'), '');
    assert.equal(env.get('AWS_SESSION_TOKEN'), '');
    assert.equal(env.get('AWS_CONTAINER_CREDENTIALS_FULL_URI'), endpoint.url);
    assert.equal(env.get('AWS_CONTAINER_AUTHORIZATION_TOKEN'), endpoint.token);
    assert.equal(env.has('AWS_PROFILE'), false);
    assert.ok(![...env.values()].includes('sec'), 'no secret in endpoint mode');
  });

  it('nothing without live credentials or a profile', () => {
    assert.equal(environmentFor({ profile: 'dev' }, 'activeProfile').size, 0);
    assert.equal(environmentFor({ credentials: creds }, 'activeProfile').size, 0);
  });

  it('every variable a delivery sets is in DELIVERED_VARIABLES, and those are among the identity variables a pinned shell clears', () => {
    const set = new Set<string>();
    for (const mode of ['activeProfile', 'empty', 'untouched'] as const) {
      for (const k of environmentFor(session, mode).keys()) set.add(k);
      for (const k of environmentFor(session, mode, endpoint).keys()) set.add(k);
    }
    assert.deepEqual([...set].sort(), [...DELIVERED_VARIABLES].sort());
    for (const v of DELIVERED_VARIABLES) assert.ok((IDENTITY_VARIABLES as readonly string[]).includes(v), v);
  });

  it('shell exports carry the keys, the expiry and the region, never profile variables', () => {
    assert.deepEqual(
      [...credentialVariables(creds, 'eu-west-1').keys()],
      ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CREDENTIAL_EXPIRATION', 'AWS_REGION'],
    );
    assert.deepEqual([...credentialVariables({ accessKeyId: 'A', secretAccessKey: 'S' }, undefined).keys()], ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']);
  });
});
