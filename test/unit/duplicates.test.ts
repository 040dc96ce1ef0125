/**
 * What the AWS CLI refuses a whole file for (Python's strict configparser) while the SDKs read it:
 * a setting twice in a section, a header twice in one file. The editor flags both as errors in the
 * CLI's terms, and no quick fix makes one. Checked against /usr/bin/aws itself.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { outline } from '../../src/config/outline';
import { Fix, FileProblem, fileProblems } from '../../src/credentials/fileProblems';
import { formatText } from '../../src/credentials/types';
import { profilesFrom } from './helpers';

function problems(config: string): FileProblem[] {
  const lines = config.split('\n');
  return fileProblems({ outline: outline(config), kind: 'config', shownPath: '~/.aws/config', set: profilesFrom(config), lines });
}

/** The quick fix's edit on the text, as the editor applies it (problems.ts). */
function apply(config: string, p: FileProblem, fix: Fix): string {
  const lines = config.split('\n');
  switch (fix.kind) {
    case 'rename-setting': {
      const l = lines[p.line] ?? '';
      lines[p.line] = l.slice(0, p.start) + fix.to + l.slice(p.start + (l.slice(p.start).match(/^[^\s=]+/)?.[0].length ?? 0));
      return lines.join('\n');
    }
    case 'set-existing': {
      const l = lines[fix.line] ?? '';
      lines[fix.line] = l.slice(0, fix.start) + fix.value + l.slice(fix.end);
      lines.splice(p.line, 1);
      return lines.join('\n');
    }
    case 'delete-line':
      lines.splice(fix.line, 1);
      return lines.join('\n');
    default:
      throw new Error(`not applied here: ${fix.kind}`);
  }
}

/** `/usr/bin/aws configure get region --profile p` on a config file: its answer, or the CLI's refusal. */
function cliRegion(config: string, profile: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'ars-dup-'));
  writeFileSync(join(dir, 'config'), config);
  writeFileSync(join(dir, 'credentials'), '');
  const env = { PATH: '/usr/bin:/bin', HOME: dir, AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') };
  return new Promise((resolve) =>
    execFile('/usr/bin/aws', ['configure', 'get', 'region', '--profile', profile], { env, timeout: 60_000 }, (_e, out, err) => resolve((out + err).trim())),
  );
}

const REGOIN = '[profile dev]\nregion = us-east-1\nregoin = us-east-2\noutput = json\n';

describe('duplicates: what the AWS CLI refuses a whole file for', () => {
  it('a misspelt setting whose right name the section has: the fix gives that line this value and removes this one; the CLI reads the result', async () => {
    const p = problems(REGOIN).find((x) => x.code === 'unknown-setting');
    assert.ok(p?.fix !== undefined);
    assert.equal(p.fix.kind, 'set-existing', 'not a rename that would leave two region lines');
    const fixed = apply(REGOIN, p, p.fix);
    assert.equal(fixed, '[profile dev]\nregion = us-east-2\noutput = json\n');
    assert.equal(await cliRegion(fixed, 'dev'), 'us-east-2');
    assert.deepEqual(problems(fixed), []);
    // What the old fix did, for the record: a plain rename, which the CLI refuses for every profile.
    const renamed = apply(REGOIN, p, { kind: 'rename-setting', to: 'region' });
    assert.match(await cliRegion(renamed, 'dev'), /Unable to parse config file/);
    assert.ok(
      problems(renamed).some((x) => x.code === 'duplicate' && x.severity === 'error'),
      'and the editor now says so',
    );
  });

  it('an upper-case name whose lower-case form the section has: flagged as the duplicate the CLI sees, and fixed without one', async () => {
    const text = '[profile dev]\nregion = us-east-1\nRegion = eu-west-1\n';
    assert.match(await cliRegion(text, 'dev'), /Unable to parse config file/);
    const ps = problems(text);
    const dup = ps.find((x) => x.code === 'duplicate');
    assert.equal(dup?.severity, 'error');
    assert.match(formatText(dup?.message ?? ''), /region is set twice in \[profile dev\] \(also on line 2\): the AWS CLI and boto3 then refuse the whole file/);
    const upper = ps.find((x) => x.code === 'upper-case');
    assert.equal(upper?.fix?.kind, 'set-existing');
    const fixed = apply(text, upper as FileProblem, upper?.fix as Fix);
    assert.equal(await cliRegion(fixed, 'dev'), 'eu-west-1');
  });

  it('a setting twice: an error on the second, with a fix that removes the first (the SDKs use the last)', async () => {
    const text = '[default]\nregion = us-east-1\noutput = json\nregion = eu-west-1\n';
    assert.match(await cliRegion(text, 'default'), /Unable to parse config file/);
    const [p] = problems(text);
    assert.equal(p?.code, 'duplicate');
    assert.equal(p?.line, 3);
    assert.deepEqual(p?.fix, { kind: 'delete-line', line: 1 });
    const fixed = apply(text, p as FileProblem, p?.fix as Fix);
    assert.equal(await cliRegion(fixed, 'default'), 'eu-west-1');
    assert.equal(profilesFrom(fixed).profiles.get('default')?.properties.get('region')?.value, 'eu-west-1', 'the value the SDKs used before');
  });

  it('a header twice in one file (also with a comment after it): an error in the CLI terms; a header in both files is fine', async () => {
    const text = '[default]\nregion = us-east-1\n[profile dev]\nregion = us-east-2\n[default] # again\noutput = json\n';
    assert.match(await cliRegion(text, 'dev'), /Unable to parse config file/);
    const p = problems(text).find((x) => x.code === 'duplicate');
    assert.equal(p?.line, 4);
    assert.match(formatText(p?.message ?? ''), /\[default\] is in this file twice \(also on line 1\)/);
    // Sub-settings repeat freely (they are one value to configparser), and two spellings of a header are two sections.
    const fine = '[profile dev]\ns3 =\n  a = 1\n  a = 2\nregion = us-east-2\n[profile  dev]\noutput = json\n';
    assert.deepEqual(
      problems(fine).filter((x) => x.code === 'duplicate'),
      [],
    );
    assert.doesNotMatch(await cliRegion(fine, 'dev'), /Unable to parse/);
  });
});
