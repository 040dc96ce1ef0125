/**
 * The credential kinds as one ordered list: each kind once, in the AWS CLI's precedence when a
 * profile has the settings of several, and the chain, the hover and the picker read each kind's
 * module (no switch over kinds elsewhere that a new kind could slip past).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { resolveChain } from '../../src/credentials/chain';
import { chainSteps } from '../../src/credentials/chainSteps';
import { CREDENTIAL_KEYS, PRECEDENCE } from '../../src/credentials/kinds';
import { describeProfile, holdsSettingsOnly } from '../../src/credentials/profileInfo';
import { formatText } from '../../src/credentials/types';
import { repoRoot } from './fixtures';
import { profilesFrom } from './helpers';

const KEYS = 'aws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = s\n';
const PROCESS = 'credential_process = /bin/echo {}\n';
const SSO = 'sso_session = corp\nsso_account_id = 111111111111\nsso_role_name = Admin\n';
const WEB = 'role_arn = arn:aws:iam::222222222222:role/Ci\nweb_identity_token_file = /tmp/token\n';
const SESSION = '[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n';

describe('credential kinds', () => {
  it('each kind once, static keys last (they say what is missing when nothing else matched)', () => {
    assert.equal(new Set(PRECEDENCE).size, PRECEDENCE.length);
    assert.deepEqual([...PRECEDENCE].sort(), ['credential-source', 'login', 'process', 'sso', 'static', 'web-identity']);
    assert.equal(PRECEDENCE.at(-1), 'static');
  });

  for (const [what, config, credentials, kind] of [
    ['web identity over IAM Identity Center, a process and keys', `[profile p]\n${WEB}${SSO}${PROCESS}${KEYS}${SESSION}`, '', 'web-identity'],
    ['IAM Identity Center over a process and keys', `[profile p]\n${SSO}${PROCESS}${KEYS}${SESSION}`, '', 'sso'],
    ['a process over keys in the config file', `[profile p]\n${PROCESS}${KEYS}`, '', 'process'],
    ['keys in the credentials file over a process (botocore)', `[profile p]\n${PROCESS}`, `[p]\n${KEYS}`, 'static'],
    [
      'credential_source names the source of a role',
      '[profile p]\nrole_arn = arn:aws:iam::1:role/R\ncredential_source = Environment\n',
      '',
      'credential-source',
    ],
  ] as const) {
    it(`precedence as the AWS CLI's: ${what}`, () => {
      const set = profilesFrom(config, credentials);
      assert.equal(resolveChain(set.profiles, set.ssoSessions, 'p').base.kind, kind);
      // The hover's first step and the picker's facts come from the same kind's module.
      const steps = chainSteps(set, 'p');
      assert.ok('steps' in steps);
      assert.notEqual(formatText(steps.steps[0]?.what ?? ''), '');
      assert.notEqual(describeProfile(set, 'p').kind, 'invalid');
    });
  }

  it("a section with none of the kinds' settings (nor a role) holds settings only", () => {
    const set = profilesFrom(`[profile settings]\nregion = eu-west-1\noutput = json\n${CREDENTIAL_KEYS.map((k, i) => `[profile k${i}]\n${k} = x\n`).join('')}`);
    assert.equal(holdsSettingsOnly(set.profiles.get('settings')), true);
    CREDENTIAL_KEYS.forEach((k, i) => assert.equal(holdsSettingsOnly(set.profiles.get(`k${i}`)), false, k));
  });

  it('outside kinds/, the engine has no switch over kinds: a new kind is its module and a line in the list', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((n) => {
        const p = join(dir, n);
        return statSync(p).isDirectory() ? (n === 'kinds' ? [] : files(p)) : p.endsWith('.ts') ? [p] : [];
      });
    const ids = PRECEDENCE.map((k) => `'${k}'`).join('|');
    const switches = files(join(repoRoot, 'src', 'credentials'))
      .concat(files(join(repoRoot, 'src', 'delivery')))
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .map((line, i) => [line, i] as const)
          .filter(([line]) => new RegExp(`(case |kind === |kind !== )(${ids})`).test(line))
          .map(([line, i]) => `${relative(repoRoot, f)}:${i + 1}: ${line.trim()}`),
      );
    assert.deepEqual(switches, []);
  });
});
