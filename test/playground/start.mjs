// `npm start`: try every feature without an AWS account.
// Builds the VSIX, installs it into a local VS Code (the code-server build, on 127.0.0.1), starts
// the fake STS, writes demo profiles into a sandbox HOME, and prints the URL to open.
//   npm start              run until Ctrl+C
//   npm start -- --smoke   start everything, check it answers, stop (used by the tests)
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { appendFileSync, mkdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, startServer, disposeAll } from '../harness/vscode.mjs';

const smoke = process.argv.includes('--smoke');
const require = createRequire(import.meta.url);
const step = (s) => console.log(`\n▶ ${s}`);
// A step's own output (vsce's file listing and warnings) is shown only when the step fails.
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: repoRoot, encoding: 'utf8' });
  if (r.status !== 0) {
    process.stdout.write(r.stdout ?? '');
    process.stderr.write(r.stderr ?? '');
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status})`);
  }
};

step('building the extension and the demo STS');
run('npx', ['tsc', '-p', '.']);
run('npm', ['run', '--silent', 'package']);
const vsix = join(repoRoot, 'aws-role-switcher.vsix');
if (!existsSync(vsix)) throw new Error('no VSIX was built');

const { createDemoSts, writeDemoAwsFiles, demoEndpointEnvironment, DEMO } = require(join(repoRoot, 'out', 'test', 'fakeSts', 'demoWorld.js'));
// ARS_PLAYGROUND_DIR: elsewhere than .playground/ (the tests' own playground leaves a person's running one alone).
const root = process.env.ARS_PLAYGROUND_DIR || join(repoRoot, '.playground');
rmSync(root, { recursive: true, force: true });
const home = join(root, 'home');
const workspace = join(root, 'workspace');
mkdirSync(workspace, { recursive: true });

step('starting the fake STS (127.0.0.1)');
const sts = createDemoSts();
const stsUrl = await sts.start(Number(process.env.ARS_STS_PORT ?? 0));
writeDemoAwsFiles(home, stsUrl);
// An `aws login` profile, not signed in yet (the fake's sign-in page approves as this principal).
appendFileSync(join(home, '.aws', 'config'), `\n[profile demo-login]\nlogin_session = ${sts.signIn.principalArn}\nregion = eu-west-1\n`);
// The playground's VS Code, its extension host and its terminals reach the fake through the
// environment, so profiles without a [services] line (the import's) work as written. The sign-in
// service at the fake's browser address: the sign-in page opens in the browser, which code-server
// would send through its port proxy for 127.0.0.1.
const endpointEnv = { ...demoEndpointEnvironment(join(root, 'aws-data'), stsUrl), AWS_ENDPOINT_URL_SIGNIN: sts.browserUrl };
writeFileSync(join(workspace, 'README-playground.md'), `# AWS Role Switcher playground

Click **AWS: none** in the status bar and pick a profile. Then open a terminal and run:

    aws sts get-caller-identity

The playground's terminals reach the fake STS at ${stsUrl}: VS Code was started with
\`AWS_ENDPOINT_URL_STS\`, \`AWS_ENDPOINT_URL_SSO\` and \`AWS_ENDPOINT_URL_SSO_OIDC\` (AWS CLI ≥ 2.13, the SDKs)
and \`AWS_DATA_PATH\` (endpoint rules for Debian's AWS CLI 2.9, which ignores those variables).
Hover the status bar and click **Open Console**: the fake's sign-in page says who signed in, where,
and until when.

- \`demo-dev\`: a role assumed with the keys of \`demo-base\`.
- \`demo-admin-mfa\`: a role that needs an MFA code: read it at ${stsUrl}/demo/mfa
- \`demo-prod-chain\`: a chain through the MFA role (one code, then refreshes re-use the MFA session).
- \`demo-vendor\`: a role that needs an ExternalId.
- \`demo-ci-web-identity\`: AssumeRoleWithWebIdentity with a token file.
- \`demo-sso\`: IAM Identity Center, not signed in yet: pick it and press **Sign In** (here a
  stand-in for \`aws sso login\` that approves at once; the real CLI opens your browser).
- **AWS: Import Profiles from IAM Identity Center** writes a profile for each of the demo portal's
  five roles; pick one of them, as written.
- \`demo-login\`: an \`aws login\` profile (console credentials), not signed in yet: pick it and press
  **Sign In**. The fake's sign-in page shows a code to paste into VS Code (VS Code in the browser is a
  remote window; on the desktop the browser comes back by itself).

The profiles live in ${home}/.aws/config (a sandbox HOME; your own ~/.aws is not touched).
`);

step('installing the VSIX into a local VS Code server');
const server = await startServer({
  home,
  installExtensions: [vsix],
  linkRepo: false,
  settings: {
    'workbench.startupEditor': 'readme',
    'awsRoleSwitcher.productionProfiles': ['*prod*'],
    // AWS CLI 2.9 cannot be pointed at a local IAM Identity Center, so sign-in uses a stand-in.
    'awsRoleSwitcher.awsCliPath': join(repoRoot, 'test', 'fakeSts', 'fake-aws-sso-login.mjs'),
    // The fake's federation endpoint, at the address code-server does not rewrite into its port proxy.
    'awsRoleSwitcher.console.federationEndpoint': `${sts.browserUrl}/federation`,
  },
  env: { ARS_FAKE_STS_URL: stsUrl, ...endpointEnv },
});
const url = `${server.url}/?folder=${encodeURIComponent(workspace)}`;

const check = async () => {
  const page = await fetch(url);
  const mfa = await fetch(`${stsUrl}/demo/mfa`);
  if (!page.ok || !mfa.ok) throw new Error(`playground did not answer (${page.status}, ${mfa.status})`);
  const installed = spawnSync(server.node, [server.main, '--extensions-dir', server.extensionsDir, '--list-extensions'], { encoding: 'utf8' });
  if (!/aws-role-switcher\.aws-role-switcher/.test(installed.stdout)) throw new Error(`the VSIX is not installed: ${installed.stdout}${installed.stderr}`);
};

await check();
console.log(`
──────────────────────────────────────────────────────────────
  AWS Role Switcher playground is running.

  Open VS Code:      ${url}
  Demo MFA device:   ${stsUrl}/demo/mfa   (code now: ${sts.currentCode(DEMO.mfaSerial)})
  Sandbox HOME:      ${home}   (your own ~/.aws is not touched)

  Press Ctrl+C to stop.
──────────────────────────────────────────────────────────────`);

if (smoke) {
  console.log('playground smoke check: ok');
  await disposeAll();
  await sts.stop();
  process.exit(0);
}
const stop = async () => {
  await disposeAll();
  await sts.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
