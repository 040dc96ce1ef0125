import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { planImport, profileNameFor } from '../../src/config/importBlock';
import { profilesFrom } from './helpers';

const roles = [
  { accountId: '111111111111', accountName: 'Acme Dev', roleName: 'AdministratorAccess' },
  { accountId: '111111111111', accountName: 'Acme Dev', roleName: 'ReadOnly' },
  { accountId: '222222222222', accountName: 'acme-prod', roleName: 'ReadOnly' },
];

const MINE = `# my own notes
[default]
region = eu-west-1

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1

[profile acme-prod-ReadOnly]
# mine, hand-written
sso_session = corp
sso_account_id = 222222222222
sso_role_name = ReadOnly
`;

describe('profiles imported from IAM Identity Center', () => {
  it('names profiles from the template, with what names cannot hold made into dashes', () => {
    assert.equal(profileNameFor('{account_name}-{role_name}', roles[0]!, 'corp'), 'Acme-Dev-AdministratorAccess');
    assert.equal(profileNameFor('{sso_session}.{account_id}.{role_name}', roles[1]!, 'corp'), 'corp.111111111111.ReadOnly');
    assert.equal(profileNameFor('{account_name} / {role_name}', { accountId: '1', accountName: 'Dév (EU)', roleName: 'R' }, 's'), 'D-v-EU-/-R');
  });

  it("adds a marked block at the end; never touches or reorders the person's lines; skips a name they use", () => {
    const plan = planImport(MINE, 'corp', roles, { region: 'eu-west-1' });
    assert.ok(plan.text.startsWith(MINE), 'every line of the file stays, in order');
    assert.deepEqual(plan.added, ['Acme-Dev-AdministratorAccess', 'Acme-Dev-ReadOnly']);
    assert.deepEqual(plan.skipped, ['acme-prod-ReadOnly']);
    const set = profilesFrom(plan.text);
    assert.equal(set.diagnostics.length, 0, set.diagnostics.map((d) => d.message).join('; '));
    const p = set.profiles.get('Acme-Dev-ReadOnly');
    assert.deepEqual(
      ['sso_session', 'sso_account_id', 'sso_role_name', 'sso_account_name', 'region'].map((k) => p?.properties.get(k)?.value),
      ['corp', '111111111111', 'ReadOnly', 'Acme Dev', 'eu-west-1'],
    );
  });

  it('re-running rewrites only its own block, in place, and says what it added and removed', () => {
    const first = planImport(MINE, 'corp', roles);
    const edited = first.text.replace('# my own notes', '# my own notes, edited') + '\n[profile later]\nregion = us-east-1\n';
    const second = planImport(edited, 'corp', [roles[1]!, { accountId: '333333333333', accountName: 'New', roleName: 'Dev' }]);
    assert.deepEqual(second.added, ['New-Dev']);
    assert.deepEqual(second.kept, ['Acme-Dev-ReadOnly']);
    assert.deepEqual(second.removed, ['Acme-Dev-AdministratorAccess']);
    assert.ok(second.text.startsWith('# my own notes, edited\n'));
    assert.ok(second.text.endsWith('[profile later]\nregion = us-east-1\n'), 'the block stays where it was, above later lines');
    assert.equal((second.text.match(/# BEGIN profiles imported/g) ?? []).length, 1);
    // And a third run with the same answer changes nothing.
    assert.equal(planImport(second.text, 'corp', [roles[1]!, { accountId: '333333333333', accountName: 'New', roleName: 'Dev' }]).text, second.text);
  });

  it('keeps CRLF files CRLF and starts an empty file cleanly', () => {
    const crlf = planImport(MINE.replace(/\n/g, '\r\n'), 'corp', roles);
    assert.ok(!/[^\r]\n/.test(crlf.text));
    const empty = planImport('', 'corp', roles.slice(0, 1));
    assert.match(empty.text, /^# BEGIN .*\n\[profile Acme-Dev-AdministratorAccess\]\n/);
  });

  it('an account name that would read as a comment or a second line is written as one value', () => {
    const plan = planImport('', 's', [{ accountId: '111111111111', accountName: 'Team #1 ; EU\n[profile x]', roleName: 'Dev' }]);
    const set = profilesFrom(plan.text);
    assert.deepEqual([...set.profiles.keys()], ['Team-1-EU-profile-x-Dev']);
    assert.equal(set.profiles.get('Team-1-EU-profile-x-Dev')?.properties.get('sso_account_name')?.value, 'Team 1 EU [profile x]');
  });

  it('two accounts with the same name keep apart by account ID', () => {
    const plan = planImport('', 's', [
      { accountId: '111111111111', accountName: 'Sandbox', roleName: 'Dev' },
      { accountId: '222222222222', accountName: 'Sandbox', roleName: 'Dev' },
    ]);
    assert.deepEqual(plan.added, ['Sandbox-Dev', 'Sandbox-Dev-222222222222']);
  });
});
