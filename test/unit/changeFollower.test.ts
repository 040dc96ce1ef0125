import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ChangeFollower, ChangeFollowerDeps } from '../../src/vscode/session/changeFollower';

/** Fakes that write what was asked of them, in order, to `calls`. */
function world(o: { resyncChanges?: boolean; disposed?: () => boolean; shellChanged?: boolean } = {}) {
  const calls: string[] = [];
  const deferred: Array<() => void> = [];
  const cfg = { profiles: new Map([['dev', {}]]), locations: { config: { path: '/h/.aws/config' }, credentials: { path: '/h/.aws/credentials' } } };
  const say =
    (name: string) =>
    (...args: unknown[]): void => {
      calls.push(args.length > 0 ? `${name} ${args.join(' ')}` : name);
    };
  const d = {
    files: { loaded: async () => (calls.push('files.loaded'), cfg), current: cfg },
    delivery: { resync: async () => (calls.push('delivery.resync'), o.resyncChanges === true) },
    session: { configChanged: say('session.configChanged') },
    folders: { sync: say('folders.sync'), restart: say('folders.restart'), configChanged: say('folders.configChanged') },
    pinned: { configChanged: say('pinned.configChanged') },
    picker: { prepare: async (set: unknown) => void calls.push(`picker.prepare ${set === cfg ? 'current' : 'other'}`) },
    outside: { probeShell: async () => (calls.push('outside.probeShell'), o.shellChanged === true) },
    fanout: () => ({ reapplyDelivery: say('fanout.reapplyDelivery') }),
    switcher: { restore: async (p: string) => void calls.push(`switcher.restore ${p}`) },
    log: { info: (m: string) => void calls.push(`log ${m}`) },
    home: () => ({ filesChanged: say('home.filesChanged'), stateChanged: say('home.stateChanged') }),
    settingsProfile: () => 'dev',
    reloadSettings: say('reloadSettings'),
    disposed: o.disposed ?? (() => false),
    defer: (f: () => void) => void deferred.push(f),
  } as unknown as ChangeFollowerDeps;
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 10; i++) await Promise.resolve();
  };
  return { calls, deferred, follower: new ChangeFollower(d), settle };
}

describe('the window follows its files, settings and shell', () => {
  it('start: the delivery is recorded before the files are read; then the view, the folders and the profile the settings name; the picker is prepared off the task', async () => {
    const w = world();
    await w.follower.start();
    assert.deepEqual(w.calls, [
      'delivery.resync',
      'outside.probeShell',
      'files.loaded',
      'log AWS Role Switcher ready: 1 profiles from /h/.aws/config and /h/.aws/credentials',
      'home.filesChanged',
      'folders.sync',
      'switcher.restore dev',
    ]);
    assert.equal(w.deferred.length, 1, 'the picker is prepared later, not during start');
    w.deferred[0]?.();
    await w.settle();
    assert.equal(w.calls.at(-1), 'picker.prepare current');
  });

  it('start after the window closed restores nothing', async () => {
    let disposed = false;
    const w = world({ disposed: () => disposed });
    const started = w.follower.start();
    disposed = true;
    await started;
    assert.ok(!w.calls.some((c) => c.startsWith('switcher.restore')));
    assert.equal(w.deferred.length, 0);
  });

  it('files read again: folder sessions follow the files, or restart when the delivery changed; pinned terminals and the view follow', async () => {
    const same = world();
    same.follower.filesReloaded();
    await same.settle();
    assert.deepEqual(same.calls, ['delivery.resync', 'pinned.configChanged', 'home.filesChanged', 'session.configChanged', 'folders.configChanged']);
    const changed = world({ resyncChanges: true });
    changed.follower.filesReloaded();
    await changed.settle();
    assert.ok(changed.calls.includes('folders.restart') && !changed.calls.includes('folders.configChanged'));
  });

  it('settings changed: read again first, then the view, the session and the folders', async () => {
    const w = world();
    w.follower.settingsChanged();
    await w.settle();
    assert.deepEqual(w.calls, ['reloadSettings', 'home.stateChanged', 'delivery.resync', 'session.configChanged', 'folders.sync']);
  });

  it('a changed shell start-up file re-applies what processes get', async () => {
    const w = world({ shellChanged: true });
    w.follower.probeShell();
    await w.settle();
    assert.deepEqual(w.calls, ['outside.probeShell', 'fanout.reapplyDelivery']);
    const quiet = world();
    quiet.follower.probeShell();
    await quiet.settle();
    assert.deepEqual(quiet.calls, ['outside.probeShell']);
  });
});
