/**
 * The shared files, read and kept current. The watch starts before the first read: a watch that
 * starts after it takes its first look at a file the read may not have seen (saved while VS Code
 * was starting), and that edit would go unseen until the next one. Reads run one after another, so
 * an older read never overwrites a newer one. A read of the same bytes as the last changes nothing.
 */
import type { LoadedConfig } from './loader';
import type { FileLocations } from './locations';

export interface WatchedConfigDeps {
  /** Where the files are (known before reading them). */
  readonly locations: FileLocations;
  readonly read: () => Promise<LoadedConfig>;
  /** Starts watching; `onChange` once per burst of edits. */
  readonly watch: (paths: readonly string[], onChange: () => void) => { dispose(): void };
  /** After each read; `first` for the first one. */
  readonly onRead: (cfg: LoadedConfig, first: boolean) => void;
  /** A read that failed (the previous files stay current). */
  readonly onError: (e: unknown) => void;
}

export class WatchedConfig {
  private config: LoadedConfig | undefined;
  private watcher: { dispose(): void } | undefined;
  private loading: Promise<void> | undefined;
  private disposed = false;

  constructor(private readonly d: WatchedConfigDeps) {}

  /** The files as last read; undefined before the first read finished. */
  get current(): LoadedConfig | undefined {
    return this.config;
  }

  /** The last read asked for (the first one, if none was asked yet). */
  ready(): Promise<void> {
    return this.loading ?? this.load();
  }

  /** Reads the files (again), after any read still running. */
  load(): Promise<void> {
    if (this.watcher === undefined && !this.disposed) {
      const { config, credentials } = this.d.locations;
      this.watcher = this.d.watch([config.path, credentials.path], () => void this.load());
    }
    const run = async (): Promise<void> => {
      const cfg = await this.d.read();
      if (this.disposed) return;
      const first = this.config === undefined;
      // Unchanged bytes (a save without edits, the watcher's look after our own write and reload):
      // the same profiles, so nothing to redraw, resync or recompute.
      if (!first && cfg.fingerprint !== undefined && cfg.fingerprint === this.config?.fingerprint) return;
      this.config = cfg;
      this.d.onRead(cfg, first);
    };
    const next = (this.loading ?? Promise.resolve()).then(run).catch((e: unknown) => this.d.onError(e));
    this.loading = next;
    return next;
  }

  dispose(): void {
    this.disposed = true;
    this.watcher?.dispose();
  }
}
