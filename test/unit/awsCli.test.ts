/** Finding the AWS CLI v2 for `aws sso login` when an AWS CLI v1 comes first on PATH. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliVersion, findAwsCliV2, ssoLoginArgs, versionAtLeast } from '../../src/credentials/signIn/awsCli';
import { nodeRunProcess } from '../../src/credentials/nodeProcess';

const isExecutable = (p: string): Promise<boolean> =>
  access(p, constants.X_OK).then(
    () => true,
    () => false,
  );

/** A folder holding an `aws` that prints `version` the way the CLI does (v1 on stderr, as old Pythons did). */
function fakeCli(version: string, stream: 'stdout' | 'stderr' = 'stdout'): string {
  const dir = mkdtempSync(join(tmpdir(), 'ars-cli-'));
  const file = join(dir, 'aws');
  writeFileSync(file, `#!/bin/sh\necho "aws-cli/${version} Python/3.11.7 Linux/6.1 botocore/1.43.11" ${stream === 'stderr' ? '>&2' : ''}\n`);
  chmodSync(file, 0o755);
  return dir;
}

const lookup = (path: string) => ({ runProcess: nodeRunProcess, isExecutable, env: { PATH: path }, platform: 'posix' as const });

describe('finding the AWS CLI v2 for aws sso login', () => {
  it('reads the version the CLI prints', () => {
    assert.equal(cliVersion('aws-cli/2.9.19 Python/3.11.2 Linux/6.1 source/x86_64.debian.12 prompt/off'), '2.9.19');
    assert.equal(cliVersion('aws-cli/1.45.11 Python/3.11.7 Linux/6.18 botocore/1.43.11'), '1.45.11');
    assert.equal(cliVersion('command not found'), undefined);
  });

  it('passes over an AWS CLI v1 earlier on PATH and takes the first v2', async () => {
    const v1 = fakeCli('1.45.11', 'stderr');
    const v2 = fakeCli('2.15.0');
    const later = fakeCli('2.20.0');
    const r = await findAwsCliV2('aws', lookup(['/nonexistent', v1, v2, later].join(':')));
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.path, join(v2, 'aws'));
    assert.equal(r.version, '2.15.0');
    assert.deepEqual(r.skipped, [`${join(v1, 'aws')} (AWS CLI 1.45.11)`]);
  });

  it("this machine: a v1 first on PATH, then Debian's /usr/bin/aws (v2)", { skip: !existsSync('/usr/bin/aws') }, async () => {
    const r = await findAwsCliV2('aws', lookup([fakeCli('1.45.11'), '/usr/bin'].join(':')));
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.path, '/usr/bin/aws');
    assert.match(r.version, /^2\./);
  });

  it('only v1, nothing at all, a configured v1 path, a configured missing path: each says what to do', async () => {
    const v1 = fakeCli('1.45.11');
    const only = await findAwsCliV2('aws', lookup(v1));
    assert.ok(!only.ok);
    assert.match(only.message, /Only AWS CLI v1 was found on PATH .*1\.45\.11.*needs AWS CLI v2.*awsRoleSwitcher\.awsCliPath/);
    const none = await findAwsCliV2('aws', lookup(mkdtempSync(join(tmpdir(), 'ars-empty-'))));
    assert.ok(!none.ok);
    assert.match(none.message, /"aws" was not found on PATH\. Install AWS CLI v2, or set awsRoleSwitcher\.awsCliPath/);
    const configuredV1 = await findAwsCliV2(join(v1, 'aws'), lookup(''));
    assert.ok(!configuredV1.ok);
    assert.match(configuredV1.message, /is AWS CLI 1\.45\.11, which cannot sign in to IAM Identity Center/);
    const missing = await findAwsCliV2('/opt/nowhere/aws', lookup(''));
    assert.ok(!missing.ok);
    assert.match(missing.message, /\/opt\/nowhere\/aws \(awsRoleSwitcher\.awsCliPath\) does not exist or cannot be run/);
  });

  it('a configured v2 path is used as given, whatever PATH holds', async () => {
    const dir = fakeCli('2.31.0');
    const r = await findAwsCliV2(join(dir, 'aws'), lookup(fakeCli('1.0.0')));
    assert.ok(r.ok);
    assert.equal(r.path, join(dir, 'aws'));
  });

  it('asks for the device code flow in remote windows, from AWS CLI 2.22 on (which defaults to a localhost redirect)', () => {
    assert.ok(versionAtLeast('2.22.0', '2.22.0') && versionAtLeast('2.31.4', '2.22.0') && versionAtLeast('10.0', '2.22.0'));
    assert.ok(!versionAtLeast('2.9.19', '2.22.0') && !versionAtLeast('2.21.99', '2.22.0'));
    assert.deepEqual(ssoLoginArgs('dev', '2.31.4', true), ['sso', 'login', '--profile', 'dev', '--use-device-code']);
    assert.deepEqual(ssoLoginArgs('dev', '2.31.4', false), ['sso', 'login', '--profile', 'dev']);
    assert.deepEqual(ssoLoginArgs('dev', '2.9.19', true), ['sso', 'login', '--profile', 'dev'], 'older v2 only has the device flow and no flag');
  });
});
