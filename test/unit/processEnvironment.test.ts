import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DELIVERED_VARIABLES,
  IDENTITY_VARIABLES,
  credentialVariables,
  endpointBlocker,
  environmentFor,
  inheritedProfile,
  profileVariableMode,
} from '../../src/delivery/processEnvironment';
import { parseProfileFile } from '../../src/config/parser';
import { buildProfileSet } from '../../src/config/profiles';

const creds = { accessKeyId: 'ASIAX', secretAccessKey: 'sec', sessionToken: 'tok', expiration: new Date('2030-01-01T00:00:00Z') };
const session = { profile: 'dev', credentials: creds, region: 'eu-west-1' };
const endpoint = { url: 'http://127.0.0.1:1234/credentials/abc', token: 't0k' };

describe('what a session puts into a process', () => {
  it('environment delivery (default): the keys, their expiry and the region; the profile variables left unset, so every SDK uses the keys', () => {
    const env = environmentFor(session, 'leave');
    assert.equal(env.has('AWS_PROFILE'), false);
    assert.equal(env.has('AWS_DEFAULT_PROFILE'), false);
    assert.equal(env.get('AWS_ACCESS_KEY_ID'), 'ASIAX');
  });

  it('name mode: the keys and the profile named', () => {
    assert.deepEqual(Object.fromEntries(environmentFor(session, 'name')), {
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
    const env = environmentFor({ profile: 'base', credentials: { accessKeyId: 'AKIA', secretAccessKey: 's' } }, 'leave');
    assert.equal(env.get('AWS_SESSION_TOKEN'), '');
    assert.equal(env.get('AWS_CREDENTIAL_EXPIRATION'), '');
    assert.equal(env.has('AWS_PROFILE'), false, 'leave mode leaves the profile variables alone');
    assert.equal(env.has('AWS_REGION'), false, 'no region, no region variables');
  });

  it('auto names the profile only when terminals would inherit one (the only value the AWS CLI accepts beside keys)', () => {
    assert.equal(profileVariableMode('auto', undefined), 'leave');
    assert.equal(profileVariableMode('auto', 'other'), 'name');
    assert.equal(profileVariableMode('activeProfile', undefined), 'name');
  });

  it("the inherited profile: terminal.integrated.env first (null removes it), then VS Code's environment; empty counts as none", () => {
    assert.equal(inheritedProfile({}, undefined), undefined);
    assert.equal(inheritedProfile({ AWS_PROFILE: 'x' }, undefined), 'x');
    assert.equal(inheritedProfile({ AWS_DEFAULT_PROFILE: 'y' }, {}), 'y');
    assert.equal(inheritedProfile({ AWS_PROFILE: 'x' }, { AWS_PROFILE: null }), undefined);
    assert.equal(inheritedProfile({ AWS_PROFILE: 'x', AWS_DEFAULT_PROFILE: 'y' }, { AWS_PROFILE: null, AWS_DEFAULT_PROFILE: null }), undefined);
    assert.equal(inheritedProfile({}, { AWS_PROFILE: 'z' }), 'z');
    assert.equal(inheritedProfile({ AWS_PROFILE: '' }, undefined), undefined);
  });

  it('the endpoint is blocked by an inherited profile or a [default] with credentials, not by a [default] with settings only', () => {
    const set = (config: string, credentials = '') =>
      buildProfileSet([
        { raw: parseProfileFile(config, '/home/u/.aws/config'), kind: 'config' },
        { raw: parseProfileFile(credentials, '/home/u/.aws/credentials'), kind: 'credentials' },
      ]);
    assert.equal(endpointBlocker(set('[default]\nregion = us-east-1\n'), undefined), undefined);
    assert.equal(endpointBlocker(set('[profile dev]\nregion = us-east-1\n'), undefined), undefined);
    assert.match(endpointBlocker(set('[default]\nregion = us-east-1\n'), 'other') ?? '', /AWS_PROFILE=other/);
    assert.match(
      endpointBlocker(set('[default]\nregion = us-east-1\n', '[default]\naws_access_key_id = A\naws_secret_access_key = S\n'), undefined) ?? '',
      /\[default\] profile \(\/home\/u\/\.aws\/config:1\)/,
    );
    assert.match(endpointBlocker(set('[default]\ncredential_process = /bin/x\n'), undefined) ?? '', /\[default\]/);
  });

  it('endpoint delivery: no keys (inherited ones blanked), the endpoint and its token, no profile named', () => {
    const env = environmentFor(session, 'name', endpoint);
    assert.equal(env.get('AWS_ACCESS_KEY_ID'), '');
    assert.equal(env.get('AWS_SECRET_ACCESS_KEY'), '');
    assert.equal(env.get('AWS_SESSION_TOKEN'), '');
    assert.equal(env.get('AWS_CONTAINER_CREDENTIALS_FULL_URI'), endpoint.url);
    assert.equal(env.get('AWS_CONTAINER_AUTHORIZATION_TOKEN'), endpoint.token);
    assert.equal(env.has('AWS_PROFILE'), false);
    assert.ok(![...env.values()].includes('sec'), 'no secret in endpoint mode');
  });

  it('an expiration that is not a date gives an empty AWS_CREDENTIAL_EXPIRATION, never an exception', () => {
    const bad = { ...creds, expiration: new Date(Number.NaN) };
    assert.equal(environmentFor({ profile: 'dev', credentials: bad }, 'leave').get('AWS_CREDENTIAL_EXPIRATION'), '');
    assert.equal(credentialVariables(bad, undefined).has('AWS_CREDENTIAL_EXPIRATION'), false);
  });

  it('nothing without live credentials or a profile', () => {
    assert.equal(environmentFor({ profile: 'dev' }, 'name').size, 0);
    assert.equal(environmentFor({ credentials: creds }, 'name').size, 0);
  });

  it('every variable a delivery sets is in DELIVERED_VARIABLES, and those are among the identity variables a pinned shell clears', () => {
    const set = new Set<string>();
    for (const mode of ['name', 'leave'] as const) {
      for (const k of environmentFor(session, mode).keys()) set.add(k);
      for (const k of environmentFor(session, mode, endpoint).keys()) set.add(k);
    }
    assert.deepEqual([...set].sort(), [...DELIVERED_VARIABLES].sort());
    for (const v of DELIVERED_VARIABLES) assert.ok((IDENTITY_VARIABLES as readonly string[]).includes(v), v);
  });

  it('shell exports carry the keys, the expiry and the region as a terminal gets it (both variables), never profile variables', () => {
    assert.deepEqual(
      [...credentialVariables(creds, 'eu-west-1').keys()],
      ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CREDENTIAL_EXPIRATION', 'AWS_REGION', 'AWS_DEFAULT_REGION'],
    );
    assert.deepEqual([...credentialVariables({ accessKeyId: 'A', secretAccessKey: 'S' }, undefined).keys()], ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']);
  });
});
