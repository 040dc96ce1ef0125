#!/usr/bin/env node
/**
 * A stand-in for `aws sso login --profile P`, for tests and the playground: AWS CLI 2.9 (Debian's)
 * cannot be pointed at a local IAM Identity Center OIDC service, so this does what a completed
 * device sign-in does. It prints what the CLI prints, waits a moment (the person approving in
 * the browser), takes a token from the fake's `/__fake/sso/token`, and writes it to
 * ~/.aws/sso/cache/<sha1 of the sso-session name>.json as the CLI does. The fake's URL is the
 * `sso` endpoint_url of the profile's [services] section.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
if (args[0] === '--version') {
  process.stdout.write('aws-cli/2.99.0 Python/none Linux/fake exe/stand-in (AWS Role Switcher test stand-in for aws sso login)\n');
  process.exit(0);
}
if (args[0] !== 'sso' || args[1] !== 'login') {
  process.stderr.write('fake aws: only "sso login" is implemented\n');
  process.exit(2);
}
// `--profile P` or `--sso-session S` (then the endpoints come from [default], as the CLI's do).
const asSession = args.includes('--sso-session') ? args[args.indexOf('--sso-session') + 1] : undefined;
const profile = asSession === undefined ? (args[args.indexOf('--profile') + 1] ?? 'default') : 'default';
const configPath = process.env.AWS_CONFIG_FILE || join(homedir(), '.aws', 'config');
const text = readFileSync(configPath, 'utf8');
const section = (header) => {
  const m = new RegExp(`^\\[${header.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\][^\\n]*\\n((?:(?!\\[)[^\\n]*\\n?)*)`, 'm').exec(text);
  return m?.[1] ?? undefined;
};
const value = (body, key) => new RegExp(`^${key}\\s*=\\s*(\\S+)`, 'm').exec(body ?? '')?.[1];
const p = section(profile === 'default' ? 'default' : `profile ${profile}`);
const sessionName = asSession ?? value(p, 'sso_session');
if (p === undefined || sessionName === undefined) {
  process.stderr.write(`\nThe config profile (${profile}) could not be found or has no sso_session\n`);
  process.exit(255);
}
const session = section(`sso-session ${sessionName}`);
const startUrl = value(session, 'sso_start_url');
const region = value(session, 'sso_region');
// As the CLI (≥ 2.13): AWS_ENDPOINT_URL_SSO first, then the profile's [services] section.
const endpoint =
  process.env.AWS_ENDPOINT_URL_SSO || /^sso\s*=\s*\n\s+endpoint_url\s*=\s*(\S+)/m.exec(section(`services ${value(p, 'services')}`) ?? '')?.[1];
if (startUrl === undefined || region === undefined || endpoint === undefined) {
  process.stderr.write('fake aws: the profile needs an sso-session with sso_start_url and sso_region, and AWS_ENDPOINT_URL_SSO or a [services] sso endpoint_url\n');
  process.exit(255);
}
process.stdout.write(
  'Attempting to automatically open the SSO authorization page in your default browser.\n' +
    'If the browser does not open or you wish to use a different device to authorize this request, open the following URL:\n\n' +
    `https://device.sso.${region}.amazonaws.com/\n\nThen enter the code:\n\nDEMO-CODE\n`,
);
await new Promise((r) => setTimeout(r, 1000));
const res = await fetch(`${endpoint.replace(/\/+$/, '')}/__fake/sso/token`, { method: 'POST' });
const token = await res.json();
const dir = join(homedir(), '.aws', 'sso', 'cache');
mkdirSync(dir, { recursive: true });
const file = join(dir, `${createHash('sha1').update(sessionName, 'utf8').digest('hex')}.json`);
// The fields and order `aws sso login` writes: the access token, then the client registration and
// refresh token that SDKs and the CLI renew it with.
writeFileSync(
  file,
  JSON.stringify({
    startUrl,
    region,
    accessToken: token.accessToken,
    expiresAt: token.expiresAt,
    clientId: token.clientId,
    clientSecret: token.clientSecret,
    registrationExpiresAt: token.registrationExpiresAt,
    refreshToken: token.refreshToken,
  }),
  { mode: 0o600 },
);
process.stdout.write(`Successfully logged into Start URL: ${startUrl}\n`);
