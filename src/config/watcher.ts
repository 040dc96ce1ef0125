/**
 * Watches the shared files and emits one change event per burst of edits. It watches the parent
 * folder (so saves by rename, deletes and re-creates are seen) and also polls the file's stat as
 * a fallback (folders that do not exist yet, network file systems). The poll compares with what
 * the files were when the last event went out, so a change the folder watch already reported is
 * not reported again when the poll sees it later.
 */
import { FSWatcher, Stats, statSync, unwatchFile, watch, watchFile } from 'node:fs';
import { basename, dirname } from 'node:path';

export interface WatchOptions {
  readonly debounceMs?: number;
  readonly pollMs?: number;
}

export class ConfigWatcher {
  private readonly watchers: FSWatcher[] = [];
  private readonly polled: string[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  /** Each file's stat signature when the last event went out (or when watching began). */
  private readonly reported = new Map<string, string>();

  constructor(
    private readonly paths: readonly string[],
    private readonly onChange: () => void,
    private readonly o: WatchOptions = {},
  ) {
    const dirs = new Map<string, Set<string>>();
    for (const p of paths) {
      const d = dirname(p);
      const s = dirs.get(d) ?? new Set();
      s.add(basename(p));
      dirs.set(d, s);
    }
    for (const [dir, names] of dirs) {
      try {
        const w = watch(dir, { persistent: false }, (_event, file) => {
          if (file === null || names.has(file.toString())) this.bump();
        });
        w.on('error', () => undefined);
        this.watchers.push(w);
      } catch {
        /* folder missing: the stat poll below covers it */
      }
    }
    this.snapshot();
    for (const p of paths) {
      watchFile(p, { persistent: false, interval: o.pollMs ?? 2000 }, (cur: Stats) => {
        if (signature(cur) !== this.reported.get(p)) this.bump();
      });
      this.polled.push(p);
    }
  }

  private bump(): void {
    if (this.disposed) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.disposed) return;
      this.snapshot();
      this.onChange();
    }, this.o.debounceMs ?? 150);
  }

  private snapshot(): void {
    for (const p of this.paths) {
      let sig = MISSING;
      try {
        sig = signature(statSync(p));
      } catch {
        /* missing or unreadable: MISSING */
      }
      this.reported.set(p, sig);
    }
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    for (const w of this.watchers) w.close();
    for (const p of this.polled) unwatchFile(p);
  }
}

const MISSING = 'missing';

/** What the poll compares: a missing file (watchFile reports zeroed stats) or mtime, size, inode. */
function signature(s: Stats): string {
  if (s.ino === 0 && s.mtimeMs === 0) return MISSING;
  return `${s.mtimeMs}:${s.size}:${s.ino}`;
}
