/** Reading the files: missing, unreadable, a directory, binary — each a diagnostic, never a crash. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatDiagnostic, loadConfig } from '../../src/config/loader';

const GOOD = '[profile ok]\nregion = eu-west-1\n';

async function load(env: Record<string, string>, readFileImpl = (p: string) => readFile(p)) {
  return loadConfig({ env, platform: 'posix', readFile: readFileImpl });
}

describe('loading the shared files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ars-load-'));
  writeFileSync(join(dir, 'good'), GOOD);

  it('missing default files are empty and quiet; a missing file named by a variable is a warning', async () => {
    const quiet = await load({ HOME: join(dir, 'nohome') });
    assert.equal(quiet.profiles.size, 0);
    assert.deepEqual(quiet.diagnostics, []);
    const named = await load({ HOME: dir, AWS_CONFIG_FILE: join(dir, 'nope') });
    assert.match(named.diagnostics.map(formatDiagnostic).join('\n'), /nope: File not found \(named by AWS_CONFIG_FILE\)/);
  });

  it('a directory, a binary file and an unreadable file are errors that say so; the other file still loads', async () => {
    mkdirSync(join(dir, 'adir'));
    writeFileSync(join(dir, 'binary'), Buffer.from([0x5b, 0x00, 0xff, 0x00]));
    writeFileSync(join(dir, 'latin1'), Buffer.from([0x5b, 0x61, 0x5d, 0x0a, 0x6b, 0x3d, 0xe9, 0x0a]));
    const asDir = await load({ HOME: dir, AWS_CONFIG_FILE: join(dir, 'adir'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'good') });
    assert.match(formatDiagnostic(asDir.diagnostics[0]!), /adir: Cannot read the file: it is a directory\. Point AWS_CONFIG_FILE at a file\./);
    const binary = await load({ HOME: dir, AWS_CONFIG_FILE: join(dir, 'binary') });
    assert.match(formatDiagnostic(binary.diagnostics[0]!), /Not a text file/);
    const latin1 = await load({ HOME: dir, AWS_CONFIG_FILE: join(dir, 'latin1') });
    assert.match(formatDiagnostic(latin1.diagnostics[0]!), /Not a UTF-8 text file\. Save the file as UTF-8\./);
    const denied = await load({ HOME: dir, AWS_CONFIG_FILE: join(dir, 'good') }, (p) =>
      p.endsWith('good') ? Promise.reject(Object.assign(new Error('denied'), { code: 'EACCES' })) : readFile(p),
    );
    assert.match(formatDiagnostic(denied.diagnostics[0]!), /good: Cannot read the file: permission denied\. Check the file's owner and mode/);
    assert.ok(denied.diagnostics.every((d) => d.line === 0));
  });

  it('a malformed line names file and line and the rest of the file stays usable', async () => {
    writeFileSync(
      join(dir, 'broken'),
      '[profile a]\nregion = us-east-1\nthis is not a setting\nout = json\n[profile b\nregion = x\n[profile c]\nregion = eu-north-1\n',
    );
    const cfg = await load({ HOME: dir, AWS_CONFIG_FILE: join(dir, 'broken') });
    const lines = cfg.diagnostics.map(formatDiagnostic);
    assert.ok(
      lines.some((l) => l.includes(`broken:3: Expected an '=' sign defining a property`)),
      lines.join('\n'),
    );
    assert.ok(
      lines.some((l) => l.includes(`broken:5: Profile definition must end with ']'`)),
      lines.join('\n'),
    );
    assert.equal(cfg.profiles.get('a')?.properties.get('out')?.value, 'json');
    assert.equal(cfg.profiles.get('c')?.properties.get('region')?.value, 'eu-north-1');
    assert.equal(cfg.profiles.has('b'), false);
  });
});

describe('non-ASCII text through the loader', () => {
  it('names, values and comments in any script come out as written; Unicode white space still starts a comment', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ars-utf8-'));
    const config = join(dir, 'config');
    writeFileSync(
      config,
      '\ufeff# équipe — ünïcode\r\n[profile ete]\r\nrole_session_name = José-😀\r\nregion = eu-west-3\u3000# Paris\r\n[profile b]\r\nnote = a\u00a0;b\r\ns3 =\r\n  ké = v\r\n[profile été]\r\n',
    );
    const cfg = await load({ HOME: dir, AWS_CONFIG_FILE: config });
    const ete = cfg.profiles.get('ete');
    assert.equal(ete?.properties.get('role_session_name')?.value, 'José-😀');
    assert.equal(ete?.properties.get('region')?.value, 'eu-west-3', 'the white space before the comment is trimmed, as botocore and the JS SDK trim values');
    assert.equal(ete?.origin.line, 2);
    assert.equal(cfg.profiles.get('b')?.properties.get('note')?.value, 'a');
    assert.equal(cfg.profiles.get('b')?.properties.get('s3')?.value, '\nké = v');
    assert.deepEqual(cfg.diagnostics.map(formatDiagnostic), [
      `~/config:9: Section [profile été] ignored: "été" is not a valid name. Names may use letters, digits and - / . % @ _ : + only.`,
    ]);
  });
});
