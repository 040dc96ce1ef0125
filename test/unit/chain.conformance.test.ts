import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolveChain, ChainSpec } from '../../src/credentials/chain';
import { Section } from '../../src/config/profiles';
import { CredentialsError } from '../../src/credentials/types';
import { fixture } from './fixtures';

interface Case {
  docs: string;
  input: { profiles: Record<string, Record<string, string>>; selected_profile: string; sso_sessions?: Record<string, Record<string, string>> };
  output: { ProfileChain: unknown[] } | { Error: string };
}

function sections(plain: Record<string, Record<string, string>>): Map<string, Section> {
  const m = new Map<string, Section>();
  for (const [name, props] of Object.entries(plain)) {
    const properties = new Map(Object.entries(props).map(([k, v]) => [k, { key: k, value: v, file: 'test', line: 1 }]));
    m.set(name, { name, origin: { file: 'test', line: 1 }, properties });
  }
  return m;
}

/** The suite's representation of a chain. */
function toOutput(chain: ChainSpec): unknown[] {
  const b = chain.base;
  const out: unknown[] = [];
  switch (b.kind) {
    case 'static':
      out.push({
        AccessKey: {
          access_key_id: b.accessKeyId,
          secret_access_key: b.secretAccessKey,
          ...(b.sessionToken !== undefined ? { session_token: b.sessionToken } : {}),
          ...(b.accountId !== undefined ? { account_id: b.accountId } : {}),
        },
      });
      break;
    case 'credential-source':
      out.push({ NamedSource: b.source });
      break;
    case 'web-identity':
      out.push({
        WebIdentityToken: {
          role_arn: b.roleArn,
          web_identity_token_file: b.tokenFile,
          ...(b.sessionName !== undefined ? { role_session_name: b.sessionName } : {}),
        },
      });
      break;
    case 'sso':
      out.push({
        Sso: {
          sso_region: b.ssoRegion,
          sso_start_url: b.ssoStartUrl,
          ...(b.ssoSession !== undefined ? { sso_session: b.ssoSession } : {}),
          ...(b.ssoAccountId !== undefined ? { sso_account_id: b.ssoAccountId } : {}),
          ...(b.ssoRoleName !== undefined ? { sso_role_name: b.ssoRoleName } : {}),
        },
      });
      break;
    case 'process':
      out.push({ CredentialProcess: { command: b.command, ...(b.accountId !== undefined ? { account_id: b.accountId } : {}) } });
      break;
  }
  for (const r of chain.roles) {
    out.push({
      AssumeRole: {
        role_arn: r.roleArn,
        ...(r.externalId !== undefined ? { external_id: r.externalId } : {}),
        ...(r.sessionName !== undefined ? { role_session_name: r.sessionName } : {}),
      },
    });
  }
  return out;
}

/**
 * The suite's error texts are the Rust SDK's words; ours say the same cause in the product's voice
 * (sentence case, the profile named once, by the error's profile): upstream text → our text (and profile).
 */
const SAME_CAUSE: ReadonlyArray<readonly [string, RegExp, string?]> = [
  ['No profiles were defined', /^No profiles are defined\.$/],
  ['`role_arn` was missing', /^The setting role_arn is missing \(web_identity_token_file is set\)\.$/],
  ['`sso_region` can only be specified', /^The setting sso_region is set both here and in \[sso-session [^\]]+\], to different values\.$/],
  ['could not find source profile B referenced from A', /^Its source_profile names "B", which does not exist\.$/, 'A'],
  ['if `sso_account_id` is set', /^The setting sso_role_name is missing \(sso_account_id is set\)\.$/],
  ['if `sso_role_name` is set', /^The setting sso_account_id is missing \(sso_role_name is set\)\.$/],
  ['profile `A` did not contain credential information', /^No credentials are set\.$/, 'A'],
  ['profile `B` did not contain credential information', /^No credentials are set\.$/, 'B'],
  ['profile contained both source_profile and credential_source', /^Both source_profile and credential_source are set; only one may be\.$/],
  ['profile formed an infinite loop', /^The source_profile settings form a loop: .+ → .+\.$/],
  ['profile missing aws_access_key_id', /^The setting aws_access_key_id is missing \(aws_secret_access_key is set\)\.$/],
  ['profile missing aws_secret_access_key', /^The setting aws_secret_access_key is missing \(aws_access_key_id is set\)\.$/],
  ['profile must contain `source_profile`', /^The setting role_arn needs source_profile or credential_source to say what assumes the role\.$/],
  ['sso-session named `oops` (referenced by profile `A`) was not found', /^Its sso_session names \[sso-session oops\], which does not exist\.$/, 'A'],
];

describe('assume-role-tests.json (cross-SDK conformance)', () => {
  const cases = fixture<Case[]>('conformance', 'assume-role-tests.json');
  it('holds all 28 cases', () => assert.equal(cases.length, 28));
  const seen = new Map<string, number>();
  for (const c of cases) {
    const n = (seen.get(c.docs) ?? 0) + 1;
    seen.set(c.docs, n);
    it(n > 1 ? `${c.docs} (#${n})` : c.docs, () => {
      const run = (): ChainSpec => resolveChain(sections(c.input.profiles), sections(c.input.sso_sessions ?? {}), c.input.selected_profile);
      if ('Error' in c.output) {
        const want = c.output.Error;
        assert.throws(run, (e: unknown) => {
          assert.ok(e instanceof CredentialsError, 'a CredentialsError');
          assert.equal(e.code, 'Config');
          const ours = SAME_CAUSE.find(([theirs]) => want.includes(theirs));
          assert.ok(ours !== undefined, `a cause for ${JSON.stringify(want)}`);
          assert.match(e.message, ours[1], `the same cause as ${JSON.stringify(want)}`);
          if (ours[2] !== undefined) assert.equal(e.profile, ours[2], `about profile ${ours[2]}`);
          assert.ok(e.profile !== undefined && e.hint !== undefined, 'names the profile and says what to do');
          return true;
        });
        return;
      }
      assert.deepEqual(toOutput(run()), c.output.ProfileChain);
    });
  }

  it('names the loop in a cycle error', () => {
    const p = sections({
      A: { role_arn: 'arn:a', source_profile: 'B' },
      B: { role_arn: 'arn:b', source_profile: 'C' },
      C: { role_arn: 'arn:c', source_profile: 'B' },
    });
    assert.throws(() => resolveChain(p, new Map(), 'A'), /B → C → B/);
  });

  it('keys from the credentials file win over credential_process; keys beside it in the config file do not (as the AWS CLI)', () => {
    const keys = { aws_access_key_id: 'AKIAKEYS', aws_secret_access_key: 's', credential_process: '/bin/proc' };
    const p = sections({ fromConfig: keys, fromCredentials: keys });
    const fromCredentials = p.get('fromCredentials') as Section;
    p.set('fromCredentials', {
      ...fromCredentials,
      credentialsFile: 'credentials',
      properties: new Map([...fromCredentials.properties].map(([k, v]) => [k, { ...v, file: k === 'credential_process' ? 'config' : 'credentials' }])),
    });
    assert.equal(resolveChain(p, new Map(), 'fromCredentials').base.kind, 'static');
    assert.equal(resolveChain(p, new Map(), 'fromConfig').base.kind, 'process');
  });
});
