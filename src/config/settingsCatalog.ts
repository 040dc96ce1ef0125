/**
 * The settings the AWS CLI and SDKs read from the shared files, with what each means in one line,
 * the sections it belongs in, and the values it takes where those are a fixed set. The source is
 * the AWS SDKs and Tools Reference Guide ("Settings reference") and the AWS CLI's configuration
 * page. Used for completion, hovers and the "did you mean" check; never to refuse a setting, since
 * other tools keep their own settings in these files too.
 */

export type SectionKind = 'profile' | 'sso-session' | 'services';

export interface SettingInfo {
  readonly name: string;
  readonly doc: string;
  readonly in: readonly SectionKind[];
  /** The values it takes, when they are a fixed set. */
  readonly values?: readonly string[];
  /** Its value is a block of sub-settings (`s3 =` then indented lines). */
  readonly subSettings?: readonly string[];
  /** It holds a secret: never shown in a hover, a completion or a lens. */
  readonly secret?: boolean;
}

const P: readonly SectionKind[] = ['profile'];
const BOOL = ['true', 'false'];

export const SETTINGS: readonly SettingInfo[] = [
  { name: 'region', in: P, doc: 'The AWS Region requests go to (for example us-east-1).' },
  { name: 'output', in: P, doc: "The AWS CLI's output format.", values: ['json', 'text', 'table', 'yaml', 'yaml-stream', 'off'] },
  { name: 'aws_access_key_id', in: P, doc: 'The access key ID of the credentials (with aws_secret_access_key).' },
  { name: 'aws_secret_access_key', in: P, doc: 'The secret access key that goes with aws_access_key_id.', secret: true },
  { name: 'aws_session_token', in: P, doc: 'The session token of temporary credentials.', secret: true },
  { name: 'aws_account_id', in: P, doc: 'The account the credentials belong to (for account-based endpoints).' },
  { name: 'role_arn', in: P, doc: 'The ARN of the IAM role this profile assumes.' },
  { name: 'source_profile', in: P, doc: 'The profile whose credentials assume role_arn.' },
  {
    name: 'credential_source',
    in: P,
    doc: 'Where the credentials that assume role_arn come from, instead of a source_profile.',
    values: ['Environment', 'Ec2InstanceMetadata', 'EcsContainer'],
  },
  { name: 'role_session_name', in: P, doc: 'The name of the assumed-role session (it shows in CloudTrail).' },
  { name: 'external_id', in: P, doc: "The external ID the role's trust policy asks for." },
  { name: 'mfa_serial', in: P, doc: 'The MFA device (ARN or serial number): a code is asked for when this profile assumes role_arn.' },
  { name: 'duration_seconds', in: P, doc: "How long the assumed role's credentials last, in seconds (900 up to the role's maximum)." },
  { name: 'source_identity', in: P, doc: 'A source identity set on the assumed-role session (it stays through role chaining).' },
  { name: 'policy', in: P, doc: 'A session policy (JSON) that narrows what the assumed role may do.' },
  { name: 'policy_arns', in: P, doc: 'Managed policies (ARNs, comma-separated) that narrow what the assumed role may do.' },
  { name: 'web_identity_token_file', in: P, doc: 'A file with an OIDC token; role_arn is assumed with AssumeRoleWithWebIdentity.' },
  { name: 'credential_process', in: P, doc: 'A command that prints credentials as JSON (Version 1).' },
  {
    name: 'login_session',
    in: P,
    doc: "The console sign-in session `aws login` made (the principal's ARN); its credentials are in ~/.aws/login/cache and renew every 15 minutes.",
  },
  { name: 'sso_session', in: P, doc: 'The [sso-session] section this profile signs in to IAM Identity Center with.' },
  { name: 'sso_account_id', in: P, doc: 'The AWS account of the IAM Identity Center role.' },
  { name: 'sso_role_name', in: P, doc: 'The permission set (role) to use in that account.' },
  { name: 'sso_start_url', in: ['profile', 'sso-session'], doc: 'The AWS access portal URL (in a profile: the legacy form without token renewal).' },
  { name: 'sso_region', in: ['profile', 'sso-session'], doc: 'The Region of the IAM Identity Center instance.' },
  { name: 'sso_registration_scopes', in: ['sso-session'], doc: 'The OAuth scopes to register for (sso:account:access).' },
  { name: 'account_alias', in: P, doc: "A name for the profile's account in AWS Role Switcher's Profiles view (other tools ignore it)." },
  { name: 'sso_account_name', in: P, doc: 'The account name from IAM Identity Center, written by the profile import (other tools ignore it).' },
  { name: 'ca_bundle', in: P, doc: 'A PEM file of CA certificates to verify HTTPS connections with.' },
  { name: 'endpoint_url', in: P, doc: 'An endpoint for every service (see [services] for one service).' },
  { name: 'services', in: P, doc: 'The [services] section with per-service endpoints for this profile.' },
  { name: 'ignore_configured_endpoint_urls', in: P, doc: 'true: ignore endpoint_url and [services] endpoints.', values: BOOL },
  { name: 'use_fips_endpoint', in: P, doc: 'true: use FIPS endpoints.', values: BOOL },
  { name: 'use_dualstack_endpoint', in: P, doc: 'true: use dual-stack (IPv4 and IPv6) endpoints.', values: BOOL },
  { name: 'sts_regional_endpoints', in: P, doc: 'regional: STS calls go to the Region; legacy: some go to sts.amazonaws.com.', values: ['regional', 'legacy'] },
  { name: 'max_attempts', in: P, doc: 'How many times a request is tried, the first attempt included.' },
  { name: 'retry_mode', in: P, doc: 'How failed requests are retried.', values: ['standard', 'adaptive', 'legacy'] },
  {
    name: 'defaults_mode',
    in: P,
    doc: 'Default time-outs and retries for where the code runs.',
    values: ['standard', 'in-region', 'cross-region', 'mobile', 'auto', 'legacy'],
  },
  { name: 'account_id_endpoint_mode', in: P, doc: 'Whether account-based endpoints are used.', values: ['preferred', 'disabled', 'required'] },
  { name: 'auth_scheme_preference', in: P, doc: 'Signing schemes in order of preference (sigv4, sigv4a, …).' },
  { name: 'sigv4a_signing_region_set', in: P, doc: 'The Regions a SigV4a signature is valid for.' },
  { name: 'sdk_ua_app_id', in: P, doc: 'An application ID added to the User-Agent of requests.' },
  { name: 'request_checksum_calculation', in: P, doc: 'When request checksums are computed.', values: ['when_supported', 'when_required'] },
  { name: 'response_checksum_validation', in: P, doc: 'When response checksums are checked.', values: ['when_supported', 'when_required'] },
  { name: 'disable_request_compression', in: P, doc: 'true: never compress requests.', values: BOOL },
  { name: 'request_min_compression_size_bytes', in: P, doc: 'Requests smaller than this are not compressed.' },
  { name: 'metadata_service_timeout', in: P, doc: 'Seconds to wait for the instance metadata service.' },
  { name: 'metadata_service_num_attempts', in: P, doc: 'How many times the instance metadata service is tried.' },
  { name: 'ec2_metadata_service_endpoint', in: P, doc: 'The instance metadata service endpoint.' },
  { name: 'ec2_metadata_service_endpoint_mode', in: P, doc: 'IPv4 or IPv6 for the instance metadata service.', values: ['IPv4', 'IPv6'] },
  { name: 'ec2_metadata_v1_disabled', in: P, doc: 'true: never fall back to IMDSv1.', values: BOOL },
  { name: 'parameter_validation', in: P, doc: 'false: the AWS CLI does not check parameters before sending.', values: BOOL },
  { name: 'tcp_keepalive', in: P, doc: 'true: TCP keep-alive on connections.', values: BOOL },
  { name: 'cli_pager', in: P, doc: "The AWS CLI's pager ('' for none)." },
  { name: 'cli_timestamp_format', in: P, doc: 'How the AWS CLI prints times.', values: ['iso8601', 'wire'] },
  { name: 'cli_binary_format', in: P, doc: 'How the AWS CLI reads binary parameters.', values: ['base64', 'raw-in-base64-out'] },
  { name: 'cli_auto_prompt', in: P, doc: "The AWS CLI's auto-prompt.", values: ['on', 'on-partial', 'off'] },
  { name: 'cli_follow_urlparam', in: P, doc: 'false: the AWS CLI does not fetch http:// and https:// parameters.', values: BOOL },
  { name: 'cli_history', in: P, doc: 'enabled: the AWS CLI keeps a history of commands.', values: ['enabled', 'disabled'] },
  {
    name: 's3',
    in: P,
    doc: 'Amazon S3 settings, as indented sub-settings.',
    subSettings: [
      'addressing_style',
      'use_accelerate_endpoint',
      'use_dualstack_endpoint',
      'payload_signing_enabled',
      'us_east_1_regional_endpoint',
      'use_arn_region',
      'max_concurrent_requests',
      'max_queue_size',
      'multipart_threshold',
      'multipart_chunksize',
      'max_bandwidth',
      'preferred_transfer_client',
      'target_bandwidth',
    ],
  },
  { name: 'api_versions', in: P, doc: 'API versions per service, as indented sub-settings.' },
];

const BY_NAME = new Map(SETTINGS.map((s) => [s.name, s]));

export function settingInfo(name: string): SettingInfo | undefined {
  return BY_NAME.get(name.toLowerCase());
}

const BY_KIND = new Map<SectionKind, SettingInfo[]>(
  (['profile', 'sso-session', 'services'] as const).map((k) => [k, SETTINGS.filter((s) => s.in.includes(k))]),
);

/** The settings of a section kind. */
export function settingsFor(kind: SectionKind): SettingInfo[] {
  return [...(BY_KIND.get(kind) ?? [])];
}

/** Service identifiers offered in a [services] section (any identifier the SDKs know works). */
export const SERVICE_IDS: readonly string[] = [
  'sts',
  's3',
  'sso',
  'sso_oidc',
  'iam',
  'ec2',
  'lambda',
  'dynamodb',
  'sqs',
  'sns',
  'cloudformation',
  'cloudwatch',
  'logs',
  'kms',
  'secretsmanager',
  'ssm',
  'ecr',
  'ecs',
  'eks',
  'rds',
  'route_53',
  'kinesis',
  'events',
  'bedrock_runtime',
];

/** The sub-settings of a service under [services]. */
export const SERVICE_SUB_SETTINGS: readonly SettingInfo[] = [{ name: 'endpoint_url', in: ['services'], doc: 'The endpoint for this service.' }];

/** The section kind of a header prefix, for the catalogue. */
export function sectionKindOf(prefix: string | undefined): SectionKind | undefined {
  if (prefix === undefined || prefix === 'profile') return 'profile';
  if (prefix === 'sso-session') return 'sso-session';
  if (prefix === 'services') return 'services';
  return undefined;
}

/**
 * Edit distance where swapping two neighbours counts as one edit (`regoin` is one from `region`),
 * or `limit + 1` as soon as it must exceed `limit` (names from a hostile file cost microseconds,
 * not a matrix each: three rows, and a stop when a whole row is over the limit).
 */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const n = b.length;
  let prev2 = new Int32Array(n + 1);
  let prev = new Int32Array(n + 1);
  let cur = new Int32Array(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1))
        v = Math.min(v, (prev2[j - 2] as number) + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return Math.min(prev[n] as number, limit + 1);
}

/**
 * The known setting a name is most likely a misspelling of (`regoin` → `region`), or undefined
 * when the name is known or close to nothing (then it may well be another tool's setting).
 */
export function didYouMean(name: string, kind: SectionKind): string | undefined {
  const lower = name.toLowerCase();
  if (BY_NAME.has(lower)) return undefined; // the usual case, once per setting of a large file
  const candidates = kind === 'services' ? SERVICE_SUB_SETTINGS : (BY_KIND.get(kind) ?? []);
  if (candidates.some((s) => s.name === lower)) return undefined;
  // One edit for short names, two for longer ones: `regoin`, `souce_profile`, `mfa_seral`.
  const limit = lower.length <= 6 ? 1 : 2;
  let best: { name: string; d: number } | undefined;
  for (const s of candidates) {
    const d = distance(lower, s.name, limit);
    if (best === undefined || d < best.d) best = { name: s.name, d };
  }
  return best !== undefined && best.d <= limit && best.d > 0 ? best.name : undefined;
}
