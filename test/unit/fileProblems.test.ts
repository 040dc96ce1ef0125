import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { outline } from '../../src/config/outline';
import { FileKind, FileProblem, fileProblems } from '../../src/credentials/fileProblems';
import { formatText } from '../../src/credentials/types';
import { profilesFrom } from './helpers';

function problems(config: string, credentials = '', kind: FileKind = 'config'): Array<FileProblem & { text: string; at: string }> {
  const set = profilesFrom(config, credentials);
  const mine = kind === 'config' ? config : credentials;
  const lines = mine.split('\n');
  return fileProblems({ outline: outline(mine), kind, shownPath: kind === 'config' ? '~/.aws/config' : '~/.aws/credentials', set, lines }).map((p) => ({
    ...p,
    text: formatText(p.message),
    at: (lines[p.line] ?? '').slice(p.start, p.end),
  }));
}

describe('problems of a shared file, as the editor shows them', () => {
  it('an upper-case setting name: a warning on the name, with a fix to lower-case it', () => {
    const [p] = problems('[profile dev]\nRegion = eu-west-1\naws_access_key_id = AKIA\naws_secret_access_key = s\n');
    assert.equal(p?.code, 'upper-case');
    assert.equal(p?.at, 'Region');
    assert.match(p?.text ?? '', /AWS SDK for JavaScript/);
    assert.deepEqual(p?.fix, { kind: 'rename-setting', to: 'region' });
  });

  it('a misspelt setting: did you mean, with a fix', () => {
    const [p] = problems('[profile dev]\nregoin = eu-west-1\n');
    assert.equal(p?.code, 'unknown-setting');
    assert.match(p?.text ?? '', /did you mean "region"/);
    assert.deepEqual(p?.fix, { kind: 'rename-setting', to: 'region' });
  });

  it("[profile x] in the credentials file: the loader's message on the header name, with a fix that drops the prefix", () => {
    const ps = problems('', '[profile base]\naws_access_key_id = AKIA\naws_secret_access_key = s\n', 'credentials');
    const p = ps.find((x) => x.code === 'syntax');
    assert.match(p?.text ?? '', /must not start with "profile"/);
    assert.equal(p?.at, 'base');
    assert.deepEqual(p?.fix, { kind: 'rename-header', to: 'base' });
  });

  it('[x] in the config file: a fix that adds the prefix', () => {
    const p = problems('[dev]\nregion = eu-west-1\n').find((x) => x.code === 'syntax');
    assert.deepEqual(p?.fix, { kind: 'rename-header', to: 'profile dev' });
  });

  it('a source_profile that does not exist: an error on its value, with a fix that creates the profile', () => {
    const [p] = problems('[profile dev]\nrole_arn = arn:aws:iam::111111111111:role/Dev\nsource_profile = bsae\n');
    assert.equal(p?.code, 'chain');
    assert.equal(p?.at, 'bsae');
    assert.equal(p?.severity, 'error');
    assert.deepEqual(p?.fix, { kind: 'add-section', header: 'profile bsae', body: ['aws_access_key_id = ', 'aws_secret_access_key = '] });
  });

  it("a cycle of source_profile: the resolver's message on the setting it names", () => {
    const ps = problems(
      '[profile a]\nrole_arn = arn:aws:iam::111111111111:role/A\nsource_profile = b\n[profile b]\nrole_arn = arn:aws:iam::111111111111:role/B\nsource_profile = a\n',
    );
    assert.equal(ps.length, 2);
    for (const p of ps) assert.equal(p.code, 'chain');
    assert.match(ps[0]?.text ?? '', /a/);
  });

  it('role_arn with no source, and an sso_session with no section', () => {
    const ps = problems(
      '[profile r]\nrole_arn = arn:aws:iam::111111111111:role/R\n[profile s]\nsso_session = corp\nsso_account_id = 111111111111\nsso_role_name = Admin\n',
    );
    assert.equal(ps.length, 2);
    assert.equal(ps[0]?.line, 1); // on role_arn, which needs the source
    assert.match(ps[1]?.text ?? '', /Its sso_session names \[sso-session corp\], which does not exist\./);
    assert.equal(ps[1]?.fix?.kind, 'add-section');
  });

  it('a profile that uses a broken one says so on its source_profile', () => {
    const ps = problems('[profile base]\naws_access_key_id = AKIA\n[profile dev]\nrole_arn = arn:aws:iam::111111111111:role/Dev\nsource_profile = base\n');
    const dev = ps.find((p) => p.line === 4);
    assert.match(dev?.text ?? '', /^Profile "base", which it chains from, cannot be used: The setting aws_secret_access_key is missing/);
    assert.equal(dev?.at, 'source_profile = base');
  });

  it('mfa_serial in a profile that assumes no role: information, not an error', () => {
    const [p] = problems('[profile base]\naws_access_key_id = AKIA\naws_secret_access_key = s\nmfa_serial = arn:aws:iam::111111111111:mfa/me\n');
    assert.equal(p?.code, 'unused-mfa-serial');
    assert.equal(p?.severity, 'information');
  });

  it("a [default] with settings only, another tool's settings and a valid file: no problems", () => {
    assert.deepEqual(
      problems(
        '[default]\nregion = us-east-1\noutput = json\nazure_tenant_id = x\n[profile ok]\nrole_arn = arn:aws:iam::111111111111:role/Ok\nsource_profile = default\n',
        '[default]\naws_access_key_id = AKIA\naws_secret_access_key = s\n',
      ),
      [],
    );
  });

  it('a syntax problem keeps its line and message from the loader', () => {
    const [p] = problems('[profile dev]\nthis line has no equals\n');
    assert.equal(p?.code, 'syntax');
    assert.equal(p?.line, 1);
    assert.match(p?.text ?? '', /Expected an '=' sign defining a property/);
  });

  it('never puts a secret in a message', () => {
    const ps = problems('[profile dev]\nAWS_SECRET_ACCESS_KEY = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n');
    for (const p of ps) assert.doesNotMatch(p.text + formatText(p.hint ?? ''), /wJalrXUtnFEMI/);
  });
});
