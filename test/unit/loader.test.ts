/** Reading the files: missing, unreadable, a directory, binary — each a diagnostic, never a crash. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatDiagnostic, latin1Pieces, loadConfig } from '../../src/config/loader';

const GOOD = '[profile ok]\nregion = eu-west-1\n';

async function load(env: Record<string, string>, readFileImpl = (p: string) => readFile(p)) {
  return loadConfig({ env, platform: 'posix', readFile: readFileImpl });
}

describe('loading the shared files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ars-load-'));
  writeFileSync(join(dir, 'good'), GOOD);

  it('the same bytes read again have the same fingerprint; an edit, a move between files or a new reason to fail changes it', async () => {
    const env = { HOME: dir, AWS_CONFIG_FILE: join(dir, 'fp-config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'fp-credentials') };
    writeFileSync(env.AWS_CONFIG_FILE, GOOD);
    writeFileSync(env.AWS_SHARED_CREDENTIALS_FILE, '');
    const first = await load(env);
    assert.match(first.fingerprint ?? '', /^[0-9a-f]{40}$/);
    assert.equal((await load(env)).fingerprint, first.fingerprint, 'read again unchanged');
    writeFileSync(env.AWS_CONFIG_FILE, GOOD.replace('eu-west-1', 'eu-west-2'));
    const edited = await load(env);
    assert.notEqual(edited.fingerprint, first.fingerprint, 'a value edited in place');
    writeFileSync(env.AWS_CONFIG_FILE, '');
    writeFileSync(env.AWS_SHARED_CREDENTIALS_FILE, GOOD);
    assert.notEqual((await load(env)).fingerprint, first.fingerprint, 'the same text in the other file');
    const missing = await load({ ...env, AWS_CONFIG_FILE: join(dir, 'fp-none') });
    const denied = await load({ ...env, AWS_CONFIG_FILE: join(dir, 'fp-none') }, (p) =>
      p.endsWith('fp-none') ? Promise.reject(Object.assign(new Error('denied'), { code: 'EACCES' })) : readFile(p),
    );
    assert.notEqual(missing.fingerprint, denied.fingerprint, 'missing and unreadable say different things');
  });

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

describe('a large file, read in pieces', () => {
  it('is cut only before section headers; the pieces put together are the file', () => {
    const text = '[a]\nx = 1\n  [not a header]\n[b]\r\ny = 2\r\n[c]';
    const pieces = latin1Pieces(Buffer.from(text), 1);
    assert.deepEqual(pieces, ['[a]\nx = 1\n  [not a header]\n', '[b]\r\ny = 2\r\n', '[c]']);
    assert.equal(pieces.join(''), text);
    assert.deepEqual(latin1Pieces(Buffer.from('x = 1\n'.repeat(30_000))).length, 1, 'no header, one piece');
  });

  it('a 1 MB config: profiles, values, lines and problems across the pieces are those of the whole file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ars-large-'));
    const config = join(dir, 'config');
    const lines: string[] = [];
    for (let i = 0; i < 12_000; i++) {
      lines.push(`[profile p${i}]`, `region = r${i}`, i % 1000 === 0 ? 'this line is broken' : `output = json`, `note = é${i}`, '');
    }
    lines.push('[profile p5]', 'extra = again');
    writeFileSync(config, lines.join('\n'));
    const cfg = await load({ HOME: dir, AWS_CONFIG_FILE: config });
    assert.ok(latin1Pieces(Buffer.from(lines.join('\n'))).length > 10, 'read in pieces');
    assert.equal(cfg.profiles.size, 12_000);
    for (const i of [0, 1, 4321, 11_999]) {
      const p = cfg.profiles.get(`p${i}`);
      assert.equal(p?.origin.line, i * 5 + 1);
      assert.equal(p?.properties.get('region')?.value, `r${i}`);
      assert.equal(p?.properties.get('region')?.line, i * 5 + 2);
      assert.equal(p?.properties.get('note')?.value, `é${i}`);
    }
    assert.equal(cfg.profiles.get('p5')?.properties.get('extra')?.line, 12_000 * 5 + 2, 'a header repeated in another piece continues the section');
    const broken = cfg.diagnostics.filter((d) => d.message.startsWith("Expected an '=' sign"));
    assert.deepEqual(
      broken.map((d) => d.line),
      Array.from({ length: 12 }, (_, k) => k * 1000 * 5 + 3),
    );
  });
});
