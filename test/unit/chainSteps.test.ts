import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chainSteps } from '../../src/credentials/chainSteps';
import { formatText } from '../../src/credentials/types';
import { profilesFrom } from './helpers';

const set = profilesFrom(
  `[profile admin]
role_arn = arn:aws:iam::111111111111:role/Admin
source_profile = base
mfa_serial = arn:aws:iam::000000000000:mfa/me
[profile prod]
role_arn = arn:aws:iam::222222222222:role/Deploy
source_profile = admin
external_id = secret-ish
[profile tool]
credential_process = /opt/bin/get-creds --account 1 --token abc
[profile sso]
sso_session = corp
sso_account_id = 333333333333
sso_role_name = ReadOnly
[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1
[profile broken]
role_arn = arn:aws:iam::111111111111:role/X
`,
  '[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n',
);

const words = (name: string): string[] => {
  const r = chainSteps(set, name);
  if ('error' in r) return [`error: ${r.error.message}`];
  return r.steps.map((s) => `${s.profile}: ${formatText(s.what)}`);
};

describe('a chain as steps to read', () => {
  it('base first, each role with its MFA device and external ID, never a key or the external ID itself', () => {
    assert.deepEqual(words('prod'), [
      'base: long-term access keys',
      'admin: assume role arn:aws:iam::111111111111:role/Admin with an MFA code from arn:aws:iam::000000000000:mfa/me',
      'prod: assume role arn:aws:iam::222222222222:role/Deploy with an external ID',
    ]);
    assert.doesNotMatch(words('prod').join('\n'), /AKIA|wJalr|secret-ish/);
  });

  it('a credential process shows its program only, not its arguments', () => {
    assert.deepEqual(words('tool'), ['tool: runs credential_process (/opt/bin/get-creds)']);
  });

  it('IAM Identity Center: role, account and portal', () => {
    assert.deepEqual(words('sso'), ['sso: IAM Identity Center: role ReadOnly in account 333333333333, signed in at https://corp.awsapps.com/start']);
  });

  it("a profile that cannot be used gives the resolver's error", () => {
    assert.match(words('broken')[0] ?? '', /^error: .*source_profile/);
  });
});
