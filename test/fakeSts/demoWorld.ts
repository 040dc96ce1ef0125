/**
 * The demo AWS "world" shared by the playground, the extension-host tests and the UI tests:
 * a fake STS that knows these users, roles and MFA devices, and the config files that use them.
 * Nothing here is a real account; every key is made up.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeSts, FakeStsOptions, makeJwt } from './server';

export const DEMO = {
  user: {
    accessKeyId: 'AKIADEMOUSER00000001',
    secretAccessKey: 'demo/Secret/Key/For/The/Playground/000000',
    userArn: 'arn:aws:iam::111111111111:user/demo-user',
  },
  mfaSerial: 'arn:aws:iam::111111111111:mfa/demo-user',
  mfaSecret: 'demo-mfa-seed',
  roles: {
    dev: 'arn:aws:iam::222222222222:role/Developer',
    admin: 'arn:aws:iam::333333333333:role/Admin',
    prodReadOnly: 'arn:aws:iam::444444444444:role/ProdReadOnly',
    vendor: 'arn:aws:iam::555555555555:role/VendorAudit',
    ci: 'arn:aws:iam::666666666666:role/CiDeploy',
  },
  externalId: 'demo-external-id',
  webIdentityIssuer: 'https://token.demo.example.com',
  /** IAM Identity Center: the session `aws sso login` signs in to, and the account it opens. */
  sso: { session: 'demo-sso', startUrl: 'https://d-9000000000.awsapps.com/start', region: 'eu-west-1', accountId: '777777777777', roleName: 'PowerUser' },
} as const;

export function demoStsOptions(extra: Partial<FakeStsOptions> = {}): FakeStsOptions {
  return {
    keys: [DEMO.user],
    roles: [
      { arn: DEMO.roles.dev, maxSessionDuration: 43200 },
      { arn: DEMO.roles.admin, mfaSerial: DEMO.mfaSerial, maxSessionDuration: 43200 },
      { arn: DEMO.roles.prodReadOnly, trusted: [DEMO.roles.admin] },
      { arn: DEMO.roles.vendor, externalId: DEMO.externalId },
      { arn: DEMO.roles.ci, webIdentityIssuers: [DEMO.webIdentityIssuer] },
    ],
    mfaDevices: [{ serial: DEMO.mfaSerial, secret: DEMO.mfaSecret }],
    // What the demo IAM Identity Center portal lists (the import writes a profile per role).
    ssoAccounts: [
      { accountId: DEMO.sso.accountId, accountName: 'Demo Sandbox', roles: [DEMO.sso.roleName, 'ReadOnly'] },
      { accountId: '888888888888', accountName: 'Demo Data Platform', roles: ['DataEngineer'] },
      { accountId: '999999999999', accountName: 'Demo Production', roles: ['ReadOnly', 'BreakGlass'] },
    ],
    ssoPageSize: 2,
    ...extra,
  };
}

export function createDemoSts(extra: Partial<FakeStsOptions> = {}): FakeSts {
  return new FakeSts(demoStsOptions(extra));
}

/** Writes ~/.aws/config, ~/.aws/credentials and a web identity token under `home`. */
export function writeDemoAwsFiles(home: string, stsUrl: string): { config: string; credentials: string; token: string } {
  const aws = join(home, '.aws');
  mkdirSync(aws, { recursive: true });
  const token = join(aws, 'demo-web-identity.jwt');
  writeFileSync(
    token,
    makeJwt({
      iss: DEMO.webIdentityIssuer,
      sub: 'repo:demo/app:ref:refs/heads/main',
      aud: 'sts.amazonaws.com',
      exp: Math.floor(Date.now() / 1000) + 7 * 24 * 3600,
    }),
  );
  const config = join(aws, 'config');
  writeFileSync(
    config,
    `# Demo profiles for AWS Role Switcher. Every STS call goes to a local fake STS,
# reached through a standard [services] section (so is the IAM Identity Center portal).
[services demo-sts]
sts =
  endpoint_url = ${stsUrl}
sso =
  endpoint_url = ${stsUrl}
sso_oidc =
  endpoint_url = ${stsUrl}
signin =
  endpoint_url = ${stsUrl}

[sso-session ${DEMO.sso.session}]
sso_start_url = ${DEMO.sso.startUrl}
sso_region = ${DEMO.sso.region}
sso_registration_scopes = sso:account:access

[default]
region = us-east-1
services = demo-sts

[profile demo-base]
region = us-east-1
services = demo-sts

[profile demo-dev]
role_arn = ${DEMO.roles.dev}
source_profile = demo-base
region = eu-west-1
services = demo-sts

[profile demo-admin-mfa]
role_arn = ${DEMO.roles.admin}
source_profile = demo-base
mfa_serial = ${DEMO.mfaSerial}
region = us-west-2
services = demo-sts

[profile demo-prod-chain]
role_arn = ${DEMO.roles.prodReadOnly}
source_profile = demo-admin-mfa
region = eu-central-1
services = demo-sts

[profile demo-vendor]
role_arn = ${DEMO.roles.vendor}
source_profile = demo-base
external_id = ${DEMO.externalId}
services = demo-sts

[profile demo-sso]
sso_session = ${DEMO.sso.session}
sso_account_id = ${DEMO.sso.accountId}
sso_role_name = ${DEMO.sso.roleName}
region = eu-north-1
services = demo-sts

[profile demo-ci-web-identity]
role_arn = ${DEMO.roles.ci}
web_identity_token_file = ${token}
role_session_name = ci-demo
region = us-east-2
services = demo-sts
`,
  );
  const credentials = join(aws, 'credentials');
  writeFileSync(credentials, `[demo-base]\naws_access_key_id = ${DEMO.user.accessKeyId}\naws_secret_access_key = ${DEMO.user.secretAccessKey}\n`, {
    mode: 0o600,
  });
  return { config, credentials, token };
}

/**
 * An `aws login` profile (`demo-login`) and a role over it (`demo-login-role`), signed in as
 * `aws login` leaves them: the profiles appended to the demo config, the session in the login cache.
 */
export function writeDemoLoginSession(home: string, sts: FakeSts): void {
  const principal = sts.signIn.principalArn;
  appendFileSync(
    join(home, '.aws', 'config'),
    `\n[profile demo-login]\nlogin_session = ${principal}\nregion = eu-west-1\nservices = demo-sts\n` +
      `\n[profile demo-login-role]\nrole_arn = arn:aws:iam::222222222222:role/Developer\nsource_profile = demo-login\nregion = eu-west-1\nservices = demo-sts\n`,
  );
  const dir = join(home, '.aws', 'login', 'cache');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(join(dir, `${createHash('sha256').update(principal, 'utf8').digest('hex')}.json`), sts.signIn.cachedSession(principal), { mode: 0o600 });
}

/**
 * What points every AWS client of a shell at the fake without a line per profile: the
 * `AWS_ENDPOINT_URL_<SERVICE>` variables (the extension, AWS CLI ≥ 2.13, botocore ≥ 1.31, the JS
 * and Go SDKs) and, for Debian's AWS CLI 2.9, which ignores them, a botocore data path whose
 * endpoint rule sets send STS and IAM Identity Center calls to the fake (an `--endpoint-url`
 * still wins). Written under `dir`; the playground gives it to its VS Code, so profiles the import
 * writes, and a plain `aws sts get-caller-identity` in its terminals, reach the fake as written.
 */
export function demoEndpointEnvironment(dir: string, stsUrl: string): Record<string, string> {
  for (const service of ['sts/2011-06-15', 'sso/2019-06-10', 'sso-oidc/2019-06-10']) {
    mkdirSync(join(dir, service), { recursive: true });
    writeFileSync(
      join(dir, service, 'endpoint-rule-set-1.json'),
      JSON.stringify({
        version: '1.0',
        parameters: {
          Region: { builtIn: 'AWS::Region', required: false, type: 'String' },
          Endpoint: { builtIn: 'SDK::Endpoint', required: false, type: 'String' },
        },
        rules: [
          { conditions: [{ fn: 'isSet', argv: [{ ref: 'Endpoint' }] }], endpoint: { url: { ref: 'Endpoint' } }, type: 'endpoint' },
          { conditions: [], endpoint: { url: stsUrl }, type: 'endpoint' },
        ],
      }),
    );
  }
  return {
    AWS_ENDPOINT_URL_STS: stsUrl,
    AWS_ENDPOINT_URL_SSO: stsUrl,
    AWS_ENDPOINT_URL_SSO_OIDC: stsUrl,
    AWS_DATA_PATH: dir,
  };
}
