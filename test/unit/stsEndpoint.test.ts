import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { configuredEndpoint, resolveStsTarget } from '../../src/credentials/stsEndpoint';
import { profilesFrom } from './helpers';

describe('STS endpoint resolution', () => {
  const set = profilesFrom(
    `[services s]\nsts =\n  endpoint_url = http://services.example\n[profile a]\nregion = eu-west-1\nservices = s\nendpoint_url = http://profile.example\n[profile b]\nregion = eu-west-1\nendpoint_url = http://profile.example\n[profile c]\nregion = eu-west-1\nsts_regional_endpoints = legacy\n[profile d]\nregion = eu-west-1\nservices = s\nignore_configured_endpoint_urls = true\n`,
  );
  const t = (p: string, env: Record<string, string> = {}, region?: string) => resolveStsTarget(set, set.profiles.get(p), env, region);
  it('AWS_ENDPOINT_URL_STS beats AWS_ENDPOINT_URL beats [services] beats endpoint_url', () => {
    assert.equal(t('a', { AWS_ENDPOINT_URL_STS: 'http://sts-env', AWS_ENDPOINT_URL: 'http://env' }).endpoint, 'http://sts-env');
    assert.equal(t('a', { AWS_ENDPOINT_URL: 'http://env' }).endpoint, 'http://env');
    assert.equal(t('a').endpoint, 'http://services.example');
    assert.equal(t('b').endpoint, 'http://profile.example');
  });
  it('ignore_configured_endpoint_urls and AWS_IGNORE_CONFIGURED_ENDPOINT_URLS switch them off', () => {
    assert.equal(t('d').endpoint, undefined);
    assert.equal(t('a', { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true', AWS_ENDPOINT_URL_STS: 'http://x' }).endpoint, undefined);
  });
  it('regional by default, global for legacy regions under sts_regional_endpoints = legacy', () => {
    assert.deepEqual([t('b', {}, 'ap-east-1').region, t('d').endpoint], ['ap-east-1', undefined]);
    assert.equal(t('c').endpoint, 'https://sts.amazonaws.com');
    assert.equal(t('c').region, 'us-east-1');
    assert.equal(t('d', { AWS_STS_REGIONAL_ENDPOINTS: 'legacy' }).endpoint, 'https://sts.amazonaws.com', 'AWS_STS_REGIONAL_ENDPOINTS works too');
    assert.equal(t('d', { AWS_STS_REGIONAL_ENDPOINTS: 'legacy' }, 'ap-east-1').endpoint, undefined, 'newer regions stay regional');
  });
  it('the IAM Identity Center portal endpoint follows the same rules with the sso service id', () => {
    const sso = profilesFrom(
      `[services s]\nsso =\n  endpoint_url = http://portal.example\nsts =\n  endpoint_url = http://sts.example\n[profile a]\nservices = s\n[profile b]\nendpoint_url = http://profile.example\n`,
    );
    const e = (p: string, env: Record<string, string> = {}) => configuredEndpoint(sso, sso.profiles.get(p), env, 'sso')?.url;
    assert.equal(e('a'), 'http://portal.example');
    assert.equal(e('a', { AWS_ENDPOINT_URL_SSO: 'http://sso-env', AWS_ENDPOINT_URL_STS: 'http://sts-env' }), 'http://sso-env');
    assert.equal(e('a', { AWS_ENDPOINT_URL: 'http://env' }), 'http://env');
    assert.equal(e('b'), 'http://profile.example');
    assert.equal(e('a', { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }), undefined);
    // SSO OIDC (token renewal): service id "SSO OIDC" → AWS_ENDPOINT_URL_SSO_OIDC and [services] sso_oidc.
    const oidc = profilesFrom(
      `[services s]\nsso_oidc =\n  endpoint_url = http://oidc.example\nsso =\n  endpoint_url = http://portal.example\n[profile a]\nservices = s\n`,
    );
    const o = (env: Record<string, string> = {}) => configuredEndpoint(oidc, oidc.profiles.get('a'), env, 'sso_oidc')?.url;
    assert.equal(o(), 'http://oidc.example');
    assert.equal(o({ AWS_ENDPOINT_URL_SSO_OIDC: 'http://oidc-env', AWS_ENDPOINT_URL_SSO: 'http://sso-env' }), 'http://oidc-env');
    assert.equal(configuredEndpoint(oidc, oidc.profiles.get('a'), {}, 'sso')?.url, 'http://portal.example');
  });
  it('region: setting override, profile, AWS_REGION, AWS_DEFAULT_REGION, us-east-1', () => {
    assert.equal(t('a', {}, 'ca-central-1').region, 'ca-central-1');
    assert.equal(t('a').region, 'eu-west-1');
    assert.equal(resolveStsTarget(set, undefined, { AWS_REGION: 'sa-east-1' }).region, 'sa-east-1');
    assert.equal(resolveStsTarget(set, undefined, { AWS_DEFAULT_REGION: 'ap-south-1' }).region, 'ap-south-1');
    assert.equal(resolveStsTarget(set, undefined, {}).region, 'us-east-1');
  });
});
