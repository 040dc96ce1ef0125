import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LoadedConfig } from '../../src/config/loader';
import { WatchedConfig } from '../../src/config/watchedConfig';

/** A read the test finishes by hand, so it decides what lands between reading and watching. */
interface PendingRead {
  /** `fingerprint`: what the loader says was read (default: the version). */
  finish: (version: string, fingerprint?: string) => void;
  fail: (e: Error) => void;
}

function world() {
  const calls: string[] = [];
  const reads: PendingRead[] = [];
  let changed: (() => void) | undefined;
  const configOf = (version: string, fingerprint = version): LoadedConfig => ({ profiles: new Map([[version, {}]]), fingerprint }) as unknown as LoadedConfig;
  const files = new WatchedConfig({
    locations: { config: { path: '/h/.aws/config' }, credentials: { path: '/h/.aws/credentials' } },
    read: () => {
      calls.push('read');
      return new Promise<LoadedConfig>((resolve, reject) => reads.push({ finish: (v, f) => resolve(configOf(v, f)), fail: (e) => reject(e) }));
    },
    watch: (paths, onChange) => {
      calls.push(`watch ${paths.join(' ')}`);
      changed = onChange;
      return { dispose: () => void calls.push('unwatch') };
    },
    onRead: (cfg, first) => void calls.push(`onRead ${[...cfg.profiles.keys()].join()}${first ? ' first' : ''}`),
    onError: (e) => void calls.push(`onError ${String(e)}`),
  });
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 10; i++) await Promise.resolve();
  };
  const version = (): string | undefined => [...(files.current?.profiles.keys() ?? [])].join();
  return { calls, reads, files, settle, version, change: () => changed?.() };
}

describe('the config files, read and kept current', () => {
  it('watches both files before the first read, so an edit saved while it reads is read next', async () => {
    const w = world();
    const ready = w.files.ready();
    await w.settle();
    assert.deepEqual(w.calls, ['watch /h/.aws/config /h/.aws/credentials', 'read']);
    w.change(); // saved after the read took the old bytes
    w.reads[0]?.finish('old');
    await ready;
    await w.settle();
    assert.equal(w.reads.length, 2, 'the edit is read');
    w.reads[1]?.finish('new');
    await w.files.ready();
    assert.equal(w.version(), 'new');
    assert.deepEqual(w.calls.slice(2), ['onRead old first', 'read', 'onRead new']);
  });

  it('reads one after another: a slow earlier read never overwrites a later one', async () => {
    const w = world();
    const first = w.files.load();
    const second = w.files.load();
    await w.settle();
    assert.equal(w.reads.length, 1, 'the second read waits for the first');
    w.reads[0]?.finish('v1');
    await first;
    await w.settle();
    w.reads[1]?.finish('v2');
    await second;
    assert.equal(w.version(), 'v2');
    assert.equal(w.calls.filter((c) => c.startsWith('watch')).length, 1, 'one watch');
  });

  it('a read that fails keeps the files last read and says so; later reads still run', async () => {
    const w = world();
    const first = w.files.load();
    await w.settle();
    w.reads[0]?.finish('v1');
    await first;
    const failing = w.files.load();
    await w.settle();
    w.reads[1]?.fail(new Error('EMFILE'));
    await failing;
    assert.equal(w.version(), 'v1');
    assert.ok(w.calls.includes('onError Error: EMFILE'));
    const third = w.files.load();
    await w.settle();
    w.reads[2]?.finish('v3');
    await third;
    assert.equal(w.version(), 'v3');
  });

  it('a read of the same bytes as the last changes nothing: no onRead, the same profile set', async () => {
    const w = world();
    const first = w.files.load();
    await w.settle();
    w.reads[0]?.finish('v1', 'bytes-1');
    await first;
    const before = w.files.current;
    const again = w.files.load(); // the watcher's look after our own write and reload
    await w.settle();
    w.reads[1]?.finish('v1-again', 'bytes-1');
    await again;
    assert.equal(w.files.current, before, 'the same object: caches keyed on it stay valid');
    assert.deepEqual(
      w.calls.filter((c) => c.startsWith('onRead')),
      ['onRead v1 first'],
    );
    const edited = w.files.load();
    await w.settle();
    w.reads[2]?.finish('v2', 'bytes-2');
    await edited;
    assert.equal(w.version(), 'v2');
  });

  it('after dispose the watch is closed and a read still running changes nothing', async () => {
    const w = world();
    const first = w.files.load();
    await w.settle();
    w.files.dispose();
    w.reads[0]?.finish('late');
    await first;
    assert.equal(w.files.current, undefined);
    assert.ok(w.calls.includes('unwatch'));
    assert.ok(!w.calls.some((c) => c.startsWith('onRead')));
  });
});
