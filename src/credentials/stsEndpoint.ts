/**
 * Where STS (and IAM Identity Center portal and OIDC) calls go and which region signs them, as the SDKs
 * and the AWS CLI resolve it:
 * `AWS_ENDPOINT_URL_STS`, `AWS_ENDPOINT_URL`, the profile's `[services]` section, the profile's
 * `endpoint_url` (all four switched off by `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` /
 * `ignore_configured_endpoint_urls`), then the regional STS endpoint; `sts_regional_endpoints =
 * legacy` (or `AWS_STS_REGIONAL_ENDPOINTS`) sends the legacy regions to the global endpoint.
 */
import { Env } from '../config/locations';
import { ProfileSet, Section, get, getSub } from '../config/profiles';

export interface StsTarget {
  readonly region: string;
  /** A configured endpoint; undefined: the SDK's own resolution for the region. */
  readonly endpoint?: string;
  readonly useFipsEndpoint?: boolean;
  readonly useDualstackEndpoint?: boolean;
  /** How the endpoint was chosen, for the log and the tooltip. */
  readonly via: string;
}

const LEGACY_GLOBAL_REGIONS = new Set([
  'ap-northeast-1',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'aws-global',
  'ca-central-1',
  'eu-central-1',
  'eu-north-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
]);

function truthy(v: string | undefined): boolean {
  return v !== undefined && v.trim().toLowerCase() === 'true';
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

/** The region a profile's calls use: override, profile `region`, `AWS_REGION`, `AWS_DEFAULT_REGION`, else us-east-1. */
export function resolveRegion(profile: Section | undefined, env: Env, override?: string): { region: string; via: string } {
  const o = nonEmpty(override);
  if (o !== undefined) return { region: o, via: 'setting awsRoleSwitcher.region' };
  const r = nonEmpty(get(profile, 'region'));
  if (r !== undefined) return { region: r, via: `region in profile ${profile?.name ?? ''}` };
  const e = nonEmpty(env['AWS_REGION']) ?? nonEmpty(env['AWS_DEFAULT_REGION']);
  if (e !== undefined) return { region: e, via: env['AWS_REGION'] !== undefined ? 'AWS_REGION' : 'AWS_DEFAULT_REGION' };
  return { region: 'us-east-1', via: 'default region' };
}

/**
 * An endpoint configured for a service, by the cross-SDK "service-specific endpoints" rules:
 * `AWS_ENDPOINT_URL_<SERVICE>`, `AWS_ENDPOINT_URL`, the profile's `[services]` section, the
 * profile's `endpoint_url`; none when `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` /
 * `ignore_configured_endpoint_urls` is true.
 */
export function configuredEndpoint(
  set: Pick<ProfileSet, 'otherSections'>,
  profile: Section | undefined,
  env: Env,
  /** The service's id as the SDKs write it in AWS_ENDPOINT_URL_<ID> and [services]: sts, sso, sso_oidc, signin. */
  service: string,
): { url: string; via: string } | undefined {
  const ignore =
    env['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'] !== undefined
      ? truthy(env['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'])
      : truthy(get(profile, 'ignore_configured_endpoint_urls'));
  if (ignore) return undefined;
  const variable = `AWS_ENDPOINT_URL_${service.toUpperCase()}`;
  const candidates: Array<[string | undefined, string]> = [
    [nonEmpty(env[variable]), variable],
    [nonEmpty(env['AWS_ENDPOINT_URL']), 'AWS_ENDPOINT_URL'],
  ];
  const servicesName = get(profile, 'services');
  if (servicesName !== undefined) {
    const services = set.otherSections.get('services')?.get(servicesName);
    candidates.push([nonEmpty(getSub(services, service, 'endpoint_url')), `[services ${servicesName}] ${service} endpoint_url`]);
  }
  candidates.push([nonEmpty(get(profile, 'endpoint_url')), `endpoint_url in profile ${profile?.name ?? ''}`]);
  for (const [url, via] of candidates) if (url !== undefined) return { url, via };
  return undefined;
}

export function resolveStsTarget(set: Pick<ProfileSet, 'otherSections'>, profile: Section | undefined, env: Env, regionOverride?: string): StsTarget {
  const { region } = resolveRegion(profile, env, regionOverride);
  const fips = truthy(env['AWS_USE_FIPS_ENDPOINT']) || truthy(get(profile, 'use_fips_endpoint'));
  const dual = truthy(env['AWS_USE_DUALSTACK_ENDPOINT']) || truthy(get(profile, 'use_dualstack_endpoint'));
  const flags = { ...(fips ? { useFipsEndpoint: true } : {}), ...(dual ? { useDualstackEndpoint: true } : {}) };
  const configured = configuredEndpoint(set, profile, env, 'sts');
  if (configured !== undefined) return { region, endpoint: configured.url, via: configured.via, ...flags };
  const mode = (nonEmpty(env['AWS_STS_REGIONAL_ENDPOINTS']) ?? nonEmpty(get(profile, 'sts_regional_endpoints')) ?? 'regional').toLowerCase();
  if (mode === 'legacy' && LEGACY_GLOBAL_REGIONS.has(region) && !fips && !dual) {
    return { region: 'us-east-1', endpoint: 'https://sts.amazonaws.com', via: 'sts_regional_endpoints = legacy (global endpoint)' };
  }
  return { region, via: `regional STS endpoint for ${region}`, ...flags };
}
