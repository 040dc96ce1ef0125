import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_CACHE_BYTES, nodeReadCacheText, nodeWriteTextPrivate, readBoundedFile } from '../../src/credentials/nodeDeps';
import { ChangedMeanwhileError, writeFileThroughLinks } from '../../src/credentials/nodeFileWrite';
import { CliRoleCache } from '../../src/delivery/cliCache';

const home = () => mkdtempSync(join(tmpdir(), 'ars-files-'));

describe('what the extension writes into ~/.aws', () => {
  it('a symlinked config file (stow, chezmoi, home-manager): the dotfile gets the text, the link stays a link, the mode stays', async () => {
    const h = home();
    mkdirSync(join(h, 'dotfiles', 'aws'), { recursive: true });
    mkdirSync(join(h, '.aws'));
    writeFileSync(join(h, 'dotfiles', 'aws', 'config'), '[default]\n', { mode: 0o640 });
    // Two links, relative ones, as stow makes them.
    symlinkSync('../dotfiles/aws/config', join(h, '.aws', 'config.real'));
    symlinkSync('config.real', join(h, '.aws', 'config'));
    await writeFileThroughLinks(join(h, '.aws', 'config'), '[default]\nregion = eu-west-1\n', { expect: '[default]\n' });
    assert.ok(lstatSync(join(h, '.aws', 'config')).isSymbolicLink());
    assert.ok(lstatSync(join(h, '.aws', 'config.real')).isSymbolicLink());
    assert.equal(readFileSync(join(h, 'dotfiles', 'aws', 'config'), 'utf8'), '[default]\nregion = eu-west-1\n');
    assert.equal(statSync(join(h, 'dotfiles', 'aws', 'config')).mode & 0o777, 0o640);
    assert.deepEqual(readdirSync(join(h, 'dotfiles', 'aws')), ['config'], 'no temporary file left');
  });

  it('a link to a dotfile that does not exist yet: the dotfile is created, owner-only', async () => {
    const h = home();
    mkdirSync(join(h, '.aws'));
    symlinkSync(join(h, 'dotfiles', 'config'), join(h, '.aws', 'config'));
    await writeFileThroughLinks(join(h, '.aws', 'config'), '[default]\n', { expect: '' });
    assert.equal(readFileSync(join(h, 'dotfiles', 'config'), 'utf8'), '[default]\n');
    assert.equal(statSync(join(h, 'dotfiles')).mode & 0o777, 0o700);
    assert.equal(statSync(join(h, 'dotfiles', 'config')).mode & 0o777, 0o600);
    assert.ok(lstatSync(join(h, '.aws', 'config')).isSymbolicLink());
  });

  it('a first-time user without ~/.aws: the folder is made owner-only, the file owner-only', async () => {
    const h = home();
    await writeFileThroughLinks(join(h, '.aws', 'config'), '[sso-session corp]\n', { expect: '' });
    assert.equal(statSync(join(h, '.aws')).mode & 0o777, 0o700);
    assert.equal(statSync(join(h, '.aws', 'config')).mode & 0o777, 0o600);
    await nodeWriteTextPrivate(join(h, '.aws', 'cli', 'cache', 'k.json'), '{}');
    assert.equal(statSync(join(h, '.aws', 'cli', 'cache')).mode & 0o777, 0o700);
    assert.equal(statSync(join(h, '.aws', 'cli', 'cache', 'k.json')).mode & 0o777, 0o600);
  });

  it('a write that lands after the caller read the file is not lost: nothing is written', async () => {
    const h = home();
    const p = join(h, 'config');
    writeFileSync(p, '[default]\n');
    const planned = readFileSync(p, 'utf8');
    writeFileSync(p, '[default]\n[profile added-by-hand]\n');
    await assert.rejects(writeFileThroughLinks(p, planned + '[profile imported]\n', { expect: planned }), ChangedMeanwhileError);
    assert.equal(readFileSync(p, 'utf8'), '[default]\n[profile added-by-hand]\n');
    assert.deepEqual(readdirSync(h), ['config'], 'no temporary file left');
  });

  it('a cache path that is a link to a dotfile: written through it', async () => {
    const h = home();
    writeFileSync(join(h, 'target.json'), '{}', { mode: 0o600 });
    symlinkSync(join(h, 'target.json'), join(h, 'k.json'));
    await nodeWriteTextPrivate(join(h, 'k.json'), '{"a":1}');
    assert.ok(lstatSync(join(h, 'k.json')).isSymbolicLink());
    assert.equal(readFileSync(join(h, 'target.json'), 'utf8'), '{"a":1}');
  });

  it('a folder where the file should be: refused, nothing replaced', async () => {
    const h = home();
    mkdirSync(join(h, 'config'));
    await assert.rejects(writeFileThroughLinks(join(h, 'config'), 'x'), /not a regular file/);
    assert.ok(statSync(join(h, 'config')).isDirectory());
  });
});

describe('what the extension reads from caches and token files', () => {
  it('a FIFO at a cache path is refused at once (no writer is waited for)', async () => {
    const h = home();
    const fifo = join(h, 'k.json');
    execFileSync('mkfifo', [fifo]);
    const t0 = Date.now();
    await assert.rejects(nodeReadCacheText(fifo), /not a regular file/);
    assert.ok(Date.now() - t0 < 5000);
    // And the role cache, which an MFA role reads before asking for a code, answers "nothing cached".
    const cache = new CliRoleCache({ dir: h, readText: nodeReadCacheText, writeText: async () => undefined, now: Date.now });
    const key = (await import('../../src/delivery/cliCache')).cliCacheKey({ roleArn: 'arn:aws:iam::111111111111:role/R' });
    execFileSync('mkfifo', [join(h, `${key}.json`)]);
    assert.equal(await cache.load({ roleArn: 'arn:aws:iam::111111111111:role/R' }), undefined);
  });

  it('a cache entry larger than 1 MB is refused without reading it whole', async () => {
    const h = home();
    const big = join(h, 'big.json');
    writeFileSync(big, Buffer.alloc(MAX_CACHE_BYTES + 1, 0x20));
    await assert.rejects(nodeReadCacheText(big), (e: NodeJS.ErrnoException) => e.code === 'EFBIG');
    writeFileSync(big, Buffer.alloc(MAX_CACHE_BYTES, 0x20));
    assert.equal((await nodeReadCacheText(big)).length, MAX_CACHE_BYTES);
    assert.deepEqual([...(await readBoundedFile(big, MAX_CACHE_BYTES)).subarray(0, 2)], [0x20, 0x20]);
  });

  it('a folder or a device is refused', async () => {
    await assert.rejects(nodeReadCacheText(home()), (e: NodeJS.ErrnoException) => e.code === 'EINVAL');
    await assert.rejects(nodeReadCacheText('/dev/zero'), (e: NodeJS.ErrnoException) => e.code === 'EINVAL');
  });
});
