/** The config watcher on a real file system: edits, saves by rename, deletes, bursts. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, renameSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigWatcher } from '../../src/config/watcher';
import { waitFor } from './helpers';

describe('config watcher', () => {
  it('one event per burst, for edits, save-by-rename and delete; none for other files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ars-watch-'));
    const file = join(dir, 'config');
    writeFileSync(file, '[default]\n');
    let events = 0;
    const w = new ConfigWatcher([file, join(dir, 'credentials')], () => events++, { debounceMs: 80, pollMs: 100 });
    try {
      await new Promise((r) => setTimeout(r, 150));
      for (let i = 0; i < 5; i++) writeFileSync(file, `[default]\nregion = r${i}\n`);
      await waitFor(() => events >= 1, 'an event after the edits');
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(events, 1, 'a burst of five writes is one event');

      writeFileSync(join(dir, 'config.tmp'), '[default]\nregion = renamed\n');
      renameSync(join(dir, 'config.tmp'), file);
      await waitFor(() => events >= 2, 'an event after an atomic replace');

      await new Promise((r) => setTimeout(r, 300));
      const before = events;
      writeFileSync(join(dir, 'unrelated.txt'), 'x');
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(events, before, 'other files in the folder do not count');

      rmSync(file);
      await waitFor(() => events > before, 'an event after a delete');
    } finally {
      w.dispose();
    }
  });

  it('an edit seen by both the folder watch and the stat poll is one event, not two', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ars-watch-'));
    const file = join(dir, 'config');
    writeFileSync(file, '[default]\n');
    let events = 0;
    // The folder watch reports within milliseconds; the poll sees the same edit up to 200 ms later.
    const w = new ConfigWatcher([file], () => events++, { debounceMs: 20, pollMs: 200 });
    try {
      await new Promise((r) => setTimeout(r, 300));
      writeFileSync(file, '[default]\nregion = eu-west-1\n');
      await waitFor(() => events >= 1, 'an event after the edit');
      await new Promise((r) => setTimeout(r, 600));
      assert.equal(events, 1, 'the poll does not report again what was reported');
    } finally {
      w.dispose();
    }
  });

  it('sees a file appear in a folder that did not exist yet', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'ars-watch-')), '.aws');
    let events = 0;
    const w = new ConfigWatcher([join(dir, 'config')], () => events++, { debounceMs: 50, pollMs: 100 });
    try {
      await new Promise((r) => setTimeout(r, 300)); // the watcher's first look finds nothing
      mkdirSync(dir);
      writeFileSync(join(dir, 'config'), '[default]\n');
      await waitFor(() => events >= 1, 'an event when the file appears');
    } finally {
      w.dispose();
    }
  });
});
