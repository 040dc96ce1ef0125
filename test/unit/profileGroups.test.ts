import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeProfile } from '../../src/credentials/profileInfo';
import { accountGroups } from '../../src/vscode/picker/profileGroups';
import { profilesFrom } from './helpers';

const set = profilesFrom(
  `[default]
region = us-east-1
[profile dev]
role_arn = arn:aws:iam::222222222222:role/Developer
source_profile = base
region = eu-west-1
[profile dev-admin]
role_arn = arn:aws:iam::222222222222:role/Admin
source_profile = base
account_alias = acme-dev
[profile prod]
sso_session = corp
sso_account_id = 333333333333
sso_role_name = ReadOnly
sso_account_name = Acme Production
[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1
[profile tool]
credential_process = /bin/true
[profile broken]
role_arn = arn:aws:iam::444444444444:role/X
`,
  '[base]\naws_access_key_id = AKIA\naws_secret_access_key = s\n',
);
const infos = [...set.profiles.keys()].sort().map((n) => describeProfile(set, n));
const shape = (filter?: string) => accountGroups(set, infos, filter).map((g) => [g.key, g.accountName, g.profiles.map((p) => p.name)]);

describe('the Profiles view tree', () => {
  it('groups by account, named where a profile names it; then profiles with no known account; then problems; settings-only left out', () => {
    assert.deepEqual(shape(), [
      ['account:333333333333', 'Acme Production', ['prod']],
      ['account:222222222222', 'acme-dev', ['dev', 'dev-admin']],
      ['other', undefined, ['base', 'tool']],
      ['problems', undefined, ['broken']],
    ]);
  });

  it('filters by name, account id or name, role, Region and kind, case-insensitively', () => {
    assert.deepEqual(shape('ADMIN'), [['account:222222222222', 'acme-dev', ['dev-admin']]]);
    assert.deepEqual(shape('acme prod'), [['account:333333333333', 'Acme Production', ['prod']]]);
    assert.deepEqual(shape('eu-west-1'), [['account:222222222222', 'acme-dev', ['dev']]]);
    assert.deepEqual(shape('process'), [['other', undefined, ['tool']]]);
    assert.deepEqual(shape('nothing like it'), []);
  });

  it('5,000 profiles in 50 accounts: a filter keeps the matching profile of each account', () => {
    const big = profilesFrom(
      Array.from(
        { length: 5000 },
        (_, i) => `[profile p${i}]\nrole_arn = arn:aws:iam::${String(100000000000 + (i % 50))}:role/R${i}\nsource_profile = base\n`,
      ).join(''),
      '[base]\naws_access_key_id = AKIA\naws_secret_access_key = s\n',
    );
    const all = [...big.profiles.keys()].map((n) => describeProfile(big, n));
    const groups = accountGroups(big, all, 'p4999');
    assert.deepEqual(
      groups.map((g) => g.profiles.map((p) => p.name)),
      [['p4999']],
    );
    assert.equal(accountGroups(big, all).length, 51); // and base, whose keys name no account
  });
});
