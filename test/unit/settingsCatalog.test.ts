import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { didYouMean, sectionKindOf, settingInfo, settingsFor } from '../../src/config/settingsCatalog';

describe('catalogue of settings', () => {
  it('suggests the setting a misspelt name most likely means', () => {
    assert.equal(didYouMean('regoin', 'profile'), 'region');
    assert.equal(didYouMean('souce_profile', 'profile'), 'source_profile');
    assert.equal(didYouMean('mfa_seral', 'profile'), 'mfa_serial');
    assert.equal(didYouMean('sso_start_ulr', 'sso-session'), 'sso_start_url');
  });

  it("suggests nothing for known names or for another tool's settings", () => {
    assert.equal(didYouMean('region', 'profile'), undefined);
    assert.equal(didYouMean('azure_tenant_id', 'profile'), undefined);
    assert.equal(didYouMean('granted_sso_start_url', 'profile'), undefined);
    assert.equal(didYouMean('x', 'profile'), undefined);
  });

  it('lists settings by section kind, with fixed values where there are some', () => {
    assert.ok(settingsFor('profile').some((s) => s.name === 'role_arn'));
    assert.ok(!settingsFor('sso-session').some((s) => s.name === 'role_arn'));
    assert.deepEqual(settingInfo('credential_source')?.values, ['Environment', 'Ec2InstanceMetadata', 'EcsContainer']);
    assert.equal(settingInfo('AWS_SECRET_ACCESS_KEY')?.secret, true);
    assert.equal(sectionKindOf(undefined), 'profile');
    assert.equal(sectionKindOf('sso-session'), 'sso-session');
    assert.equal(sectionKindOf('plugins'), undefined);
  });
});
