/** File I/O for the providers: owner-only replacement, and the lock windows renew a shared token under. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STALE_LOCK_MS, nodeTryLock, nodeWriteTextPrivate } from '../../src/credentials/nodeDeps';

describe('node file I/O', () => {
  it('replaces a file, readable by its owner only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ars-io-'));
    const f = join(dir, 'sub', 'x.json');
    await nodeWriteTextPrivate(f, 'one');
    await nodeWriteTextPrivate(f, 'two');
    assert.equal(readFileSync(f, 'utf8'), 'two');
    assert.equal(statSync(f).mode & 0o777, 0o600);
  });

  it('a lock is held by one taker at a time, and released', async () => {
    const lock = join(mkdtempSync(join(tmpdir(), 'ars-lock-')), 'x.json.lock');
    const release = await nodeTryLock(lock);
    assert.ok(release);
    assert.equal(statSync(lock).mode & 0o777, 0o600);
    assert.equal(await nodeTryLock(lock), undefined, 'held');
    await release();
    assert.equal(existsSync(lock), false);
    const again = await nodeTryLock(lock);
    assert.ok(again, 'free again');
    await again();
  });

  it('a lock left by a window that died (older than 30 s) is taken over', async () => {
    const lock = join(mkdtempSync(join(tmpdir(), 'ars-lock-')), 'x.json.lock');
    writeFileSync(lock, '99999');
    const old = (Date.now() - STALE_LOCK_MS - 5_000) / 1000;
    utimesSync(lock, old, old);
    const release = await nodeTryLock(lock);
    assert.ok(release);
    assert.equal(readFileSync(lock, 'utf8'), String(process.pid));
    await release();
  });
});
