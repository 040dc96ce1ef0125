/**
 * Differential test against the real AWS CLI v2 (/usr/bin/aws, Debian's awscli): for realistic and
 * tricky files, every profile's keys as the engine resolves them equal what the CLI resolves,
 * except for the differences listed in KNOWN — and each listed difference must really occur.
 *
 * All keys are read in one call through the CLI's own config loader (the `awscli.botocore`
 * package that /usr/bin/aws runs); `aws configure list-profiles` and `aws configure get` spot
 * checks tie that loader to the commands a person types.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/loader';
import { parseSubProperties } from '../../src/config/parser';
import { resolveChain } from '../../src/credentials/chain';

type Flat = Record<string, Record<string, string>>;

interface Case {
  name: string;
  config: string;
  credentials?: string;
}

const CASES: Case[] = [
  {
    name: 'SSO-generated config with sub-properties and services',
    config: `[default]
region = us-east-1
output = json

[sso-session corp]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = eu-west-1
sso_registration_scopes = sso:account:access

[profile dev-admin]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = AdministratorAccess
region = eu-west-1
s3 =
  max_concurrent_requests = 20
  addressing_style = path

[profile ci]
role_arn = arn:aws:iam::222222222222:role/CI
source_profile = default
duration_seconds = 3600
services = local

[services local]
sts =
  endpoint_url = http://localhost:4566
`,
    credentials: `[default]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
`,
  },
  {
    name: 'credentials file wins per key; case-insensitive keys; CRLF; names with dots',
    config: '[profile team.prod]\r\nRegion = eu-central-1\r\nOutput = text\r\n[profile x]\r\nregion=us-east-2\r\n',
    credentials: '[team.prod]\r\nregion = eu-north-1\r\nAWS_ACCESS_KEY_ID = AKIAEXAMPLE2\r\n',
  },
  {
    name: 'comments, blank lines, equals signs and continuation lines in values',
    config: `# a comment
; another
[profile a]

name = value=with=equals
adjacent = value;notacomment
continued = first
  second
  third
[profile b] ; comment after a header
region = ap-southeast-2
`,
  },
  {
    name: 'inline comments after whitespace',
    config: '[profile c]\nregion = eu-west-1 # trailing comment\noutput = json ; trailing comment\n',
  },
  {
    name: 'sections the spec ignores',
    config: '[foo]\nregion = us-east-1\n[profile ok]\nregion = us-west-1\n[profile bad!name]\nregion = x\n',
    credentials: '[profile nope]\nregion = y\n',
  },
  {
    // Pasted from a web page: a no-break space after the ARN, an ideographic space before a Region.
    name: 'Unicode white space around values is trimmed, inside values kept; U+FEFF is kept',
    config:
      '[profile pasted]\nrole_arn = arn:aws:iam::123456789012:role/Dev\u00a0\nsource_profile = base\nregion =\u3000eu-west-1\u2003\n' +
      'note = a\u00a0b\u00a0\nbom = x\ufeff\n[profile base]\nregion = us-east-1\n',
    credentials: '[base]\naws_access_key_id = AKIAEXAMPLE3\u00a0\naws_secret_access_key = secret\n',
  },
  {
    // Python's universal newlines: a carriage return alone ends a line (classic Mac files), \r\n is one line end.
    name: 'carriage returns alone end lines; a value starting with U+FEFF keeps it',
    config: '[profile mac]\rregion = eu-west-1\routput = json\r[profile mixed]\r\nregion = us-east-2\r[profile bom]\nregion = \ufeffeu-north-1\n',
    credentials: '[mac]\raws_access_key_id = AKIAEXAMPLE4\raws_secret_access_key = secret\r',
  },
];

/** Differences between the cross-SDK spec (this engine) and AWS CLI 2.9, with the reason. */
const KNOWN: Array<{ case: string; profile: string; key: string; engine: string | undefined; cli: string | undefined; reason: string }> = [
  {
    case: 'inline comments after whitespace',
    profile: 'c',
    key: 'region',
    engine: 'eu-west-1',
    cli: 'eu-west-1 # trailing comment',
    reason: "botocore's configparser has no inline comments; the spec strips ' #…' and ' ;…'",
  },
  {
    case: 'inline comments after whitespace',
    profile: 'c',
    key: 'output',
    engine: 'json',
    cli: 'json ; trailing comment',
    reason: 'same, for a semicolon comment',
  },
  {
    case: 'sections the spec ignores',
    profile: 'bad!name',
    key: 'region',
    engine: undefined,
    cli: 'x',
    reason: 'the spec allows only [A-Za-z0-9_\\-/.%@:+] in profile names; botocore accepts any shlex word',
  },
  {
    case: 'sections the spec ignores',
    profile: 'profile nope',
    key: 'region',
    engine: undefined,
    cli: 'y',
    reason: 'in the credentials file the spec ignores [profile x]; botocore takes it as a profile literally named "profile x"',
  },
];

const AWS = '/usr/bin/aws';
const PY = '/usr/bin/python3';

function run(cmd: string, args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { env: { PATH: '/usr/bin:/bin', ...env }, timeout: 60_000 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${cmd} ${args.join(' ')}: ${stderr}`)) : resolve(stdout),
    );
  });
}

const DUMP = `
import json
from awscli.botocore.session import Session
out = {}
for name, props in Session().full_config['profiles'].items():
    flat = {}
    for k, v in props.items():
        if isinstance(v, dict):
            for sk, sv in v.items():
                flat[k + '.' + sk] = sv
        else:
            flat[k] = v
    out[name] = flat
print(json.dumps(out))
`;

async function engineView(env: Record<string, string>): Promise<Flat> {
  const cfg = await loadConfig({ env, platform: 'posix', readFile: (p) => readFile(p) });
  const out: Flat = {};
  for (const [name, section] of cfg.profiles) {
    const flat: Record<string, string> = {};
    for (const [k, p] of section.properties) {
      if (p.value.startsWith('\n')) {
        for (const [sk, sv] of parseSubProperties(p.value)) flat[`${k}.${sk}`] = sv;
      } else flat[k] = p.value;
    }
    out[name] = flat;
  }
  return out;
}

describe('differential: the engine against the AWS CLI v2 (/usr/bin/aws)', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'ars-diff-'));
      writeFileSync(join(dir, 'config'), c.config);
      writeFileSync(join(dir, 'credentials'), c.credentials ?? '');
      const env = { HOME: dir, AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') };
      const [cli, listed] = await Promise.all([run(PY, ['-c', DUMP], env).then((s) => JSON.parse(s) as Flat), run(AWS, ['configure', 'list-profiles'], env)]);
      assert.deepEqual(
        listed
          .trim()
          .split('\n')
          .filter((s) => s !== '')
          .sort(),
        Object.keys(cli).sort(),
        'the loader sees what `aws configure list-profiles` lists',
      );
      const engine = await engineView(env);
      const known = KNOWN.filter((k) => k.case === c.name);
      const seen = new Set<number>();
      const unexpected: string[] = [];
      for (const profile of new Set([...Object.keys(engine), ...Object.keys(cli)])) {
        const e = engine[profile] ?? {};
        const k = cli[profile] ?? {};
        for (const key of new Set([...Object.keys(e), ...Object.keys(k)])) {
          if (e[key] === k[key]) continue;
          const i = known.findIndex((d) => d.profile === profile && d.key === key && d.engine === e[key] && d.cli === k[key]);
          if (i >= 0) seen.add(i);
          else unexpected.push(`[${profile}] ${key}: engine ${JSON.stringify(e[key])}, CLI ${JSON.stringify(k[key])}`);
        }
      }
      assert.deepEqual(unexpected, [], 'differences not in the KNOWN table');
      assert.equal(seen.size, known.length, 'every KNOWN difference still occurs');
      // Spot checks with the command a person types.
      const some = Object.entries(engine)
        .flatMap(([p, props]) =>
          Object.keys(props)
            .filter((key) => !key.includes('.') && !known.some((d) => d.profile === p && d.key === key))
            .slice(0, 1)
            .map((key) => [p, key] as const),
        )
        .slice(0, 2);
      for (const [p, key] of some) {
        const got = (await run(AWS, ['configure', 'get', key, '--profile', p], env)).replace(/\n$/, '');
        assert.equal(got, engine[p]?.[key], `aws configure get ${key} --profile ${p}`);
      }
    });
  }
});

/** Which credentials a profile yields when it names several sources: the CLI's own answer. */
describe('differential: which source wins, the engine against `aws configure export-credentials`', () => {
  const PROCESS_KEY = 'AKIAPROCESS000000000';
  it('keys in the credentials file win over credential_process; keys in the config file do not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ars-diff-'));
    const proc = join(dir, 'proc.sh');
    writeFileSync(proc, `#!/bin/sh\necho '{"Version":1,"AccessKeyId":"${PROCESS_KEY}","SecretAccessKey":"s"}'\n`, { mode: 0o700 });
    writeFileSync(
      join(dir, 'config'),
      `[profile split]\ncredential_process = ${proc}\n[profile both-in-config]\ncredential_process = ${proc}\naws_access_key_id = AKIACONFIGKEYS000000\naws_secret_access_key = x\n[profile process-only]\ncredential_process = ${proc}\n`,
    );
    writeFileSync(
      join(dir, 'credentials'),
      `[split]\naws_access_key_id = AKIACREDFILEKEYS0000\naws_secret_access_key = y\n[credentials-only]\ncredential_process = ${proc}\naws_access_key_id = AKIACREDFILEONLY0000\naws_secret_access_key = y\n`,
    );
    const env = { HOME: dir, AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') };
    const cfg = await loadConfig({ env, platform: 'posix', readFile: (p) => readFile(p) });
    const rows: string[] = [];
    for (const profile of ['split', 'both-in-config', 'process-only', 'credentials-only']) {
      const out = await run(AWS, ['configure', 'export-credentials', '--profile', profile, '--format', 'env-no-export'], env);
      const cli = /AWS_ACCESS_KEY_ID=(\S+)/.exec(out)?.[1];
      const base = resolveChain(cfg.profiles, cfg.ssoSessions, profile).base;
      const engine = base.kind === 'static' ? base.accessKeyId : base.kind === 'process' ? PROCESS_KEY : base.kind;
      rows.push(`${profile}: engine ${engine}, CLI ${cli}`);
      assert.equal(engine, cli, rows.at(-1));
    }
    assert.deepEqual(rows, [
      'split: engine AKIACREDFILEKEYS0000, CLI AKIACREDFILEKEYS0000',
      `both-in-config: engine ${PROCESS_KEY}, CLI ${PROCESS_KEY}`,
      `process-only: engine ${PROCESS_KEY}, CLI ${PROCESS_KEY}`,
      'credentials-only: engine AKIACREDFILEONLY0000, CLI AKIACREDFILEONLY0000',
    ]);
  });
});
