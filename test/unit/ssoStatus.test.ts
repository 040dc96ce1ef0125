/** The picker's IAM Identity Center sign-in state, from the AWS CLI's token cache. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signInKey, ssoSessionStates } from '../../src/credentials/signIn/ssoStatus';
import { describeProfile } from '../../src/credentials/profileInfo';
import { ssoCacheFile } from '../../src/credentials/providers/ssoToken';
import { profilesFrom } from './helpers';

describe('IAM Identity Center sign-in state for the picker', () => {
  it('per sso-session (one read for many profiles): signed in until, renews, not signed in; legacy profiles never renew', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ars-sso-state-'));
    const set = profilesFrom(`[sso-session live]
sso_start_url = https://live.awsapps.com/start
sso_region = eu-west-1
[sso-session stale]
sso_start_url = https://stale.awsapps.com/start
sso_region = eu-west-1
[sso-session never]
sso_start_url = https://never.awsapps.com/start
sso_region = eu-west-1
[profile a]
sso_session = live
sso_account_id = 111111111111
sso_role_name = A
[profile b]
sso_session = live
sso_account_id = 222222222222
sso_role_name = B
[profile above-b]
role_arn = arn:aws:iam::333333333333:role/C
source_profile = b
[profile c]
sso_session = stale
sso_account_id = 111111111111
sso_role_name = A
[profile d]
sso_session = never
sso_account_id = 111111111111
sso_role_name = A
[profile legacy]
sso_start_url = https://legacy.awsapps.com/start
sso_region = eu-west-1
sso_account_id = 111111111111
sso_role_name = A
[profile keys]
aws_access_key_id = AKIAEXAMPLE
aws_secret_access_key = secret
[profile broken]
source_profile = nowhere
role_arn = arn:aws:iam::1:role/x
`);
    const now = Date.parse('2026-11-25T12:00:00Z');
    const renewable = { clientId: 'c', clientSecret: 's', refreshToken: 'r', registrationExpiresAt: '2027-01-01T00:00:00Z' };
    writeFileSync(ssoCacheFile(dir, 'live'), JSON.stringify({ accessToken: 't', expiresAt: '2026-11-25T18:00:00Z' }));
    writeFileSync(ssoCacheFile(dir, 'stale'), JSON.stringify({ accessToken: 't', expiresAt: '2026-11-25T11:00:00Z', ...renewable }));
    writeFileSync(ssoCacheFile(dir, 'https://legacy.awsapps.com/start'), JSON.stringify({ accessToken: 't', expiresAt: '2026-11-25T11:00:00Z', ...renewable }));
    const reads: string[] = [];
    const infos = [...set.profiles.keys()].map((n) => describeProfile(set, n));
    const bySignIn = await ssoSessionStates(
      infos.flatMap((i) => (i.ssoSignIn !== undefined ? [i.ssoSignIn] : [])),
      dir,
      (p) => (reads.push(p), readFile(p, 'utf8')),
      () => now,
    );
    const states = new Map(infos.flatMap((i) => (i.ssoSignIn !== undefined ? [[i.name, bySignIn.get(signInKey(i.ssoSignIn))] as const] : [])));
    assert.deepEqual(Object.fromEntries(states), {
      a: { state: 'signedIn', until: new Date('2026-11-25T18:00:00Z') },
      b: { state: 'signedIn', until: new Date('2026-11-25T18:00:00Z') },
      'above-b': { state: 'signedIn', until: new Date('2026-11-25T18:00:00Z') },
      c: { state: 'renewable' },
      d: { state: 'signedOut' },
      legacy: { state: 'signedOut' },
    });
    assert.equal(reads.length, 4, 'one read per cache file');
    // One state per distinct sign-in, by session name or (legacy) start URL.
    assert.deepEqual([...bySignIn.keys()].sort(), ['https://legacy.awsapps.com/start', 'live', 'never', 'stale'].sort());
    assert.deepEqual(bySignIn.get('https://legacy.awsapps.com/start'), { state: 'signedOut' }, 'legacy sign-ins never renew');
  });
});
