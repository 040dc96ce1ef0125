import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isProductionProfile } from '../../src/credentials/production';
import { matchesAny } from '../../src/config/nameMatch';
import { profilesFrom } from './helpers';

const SET = profilesFrom(`[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1
[profile Demo-Production-BreakGlass]
sso_session = corp
sso_account_id = 333333333333
sso_role_name = BreakGlass
sso_account_name = Demo Production
[profile ops-admin]
role_arn = arn:aws:iam::333333333333:role/Admin
source_profile = keys
[profile keys]
aws_access_key_id = AKIAEXAMPLE
aws_secret_access_key = s
aws_account_id = 111111111111
[profile billing]
role_arn = arn:aws:iam::444444444444:role/Billing
source_profile = keys
account_alias = acme-finance
[profile dev]
role_arn = arn:aws:iam::555555555555:role/Dev
source_profile = keys
`);

describe('production profiles', () => {
  it('patterns ignore case: *prod* matches the imported Demo-Production-BreakGlass', () => {
    assert.ok(matchesAny('Demo-Production-BreakGlass', ['*prod*']));
    assert.ok(isProductionProfile(SET, ['*prod*'], 'Demo-Production-BreakGlass'));
    assert.ok(isProductionProfile(undefined, ['PROD-*'], 'prod-eu'));
  });

  it("a pattern that matches an account's name makes every profile of that account production, named there or not", () => {
    const patterns = ['Demo Production'];
    assert.ok(isProductionProfile(SET, patterns, 'Demo-Production-BreakGlass'));
    assert.ok(isProductionProfile(SET, patterns, 'ops-admin'), 'a role in the same account, whose own section names no account');
    assert.ok(!isProductionProfile(SET, patterns, 'dev'));
    assert.ok(!isProductionProfile(SET, patterns, 'keys'));
    assert.ok(isProductionProfile(SET, ['acme-fin*'], 'billing'), 'account_alias');
  });

  it("a pattern that matches an account ID does the same (a role's account, an IAM Identity Center account, keys' aws_account_id)", () => {
    assert.deepEqual(
      ['Demo-Production-BreakGlass', 'ops-admin', 'keys', 'billing', 'dev'].filter((p) => isProductionProfile(SET, ['333333333333', '111111111111'], p)),
      ['Demo-Production-BreakGlass', 'ops-admin', 'keys'],
    );
  });

  it('no patterns: nothing is production', () => {
    assert.ok(!isProductionProfile(SET, [], 'Demo-Production-BreakGlass'));
  });
});
