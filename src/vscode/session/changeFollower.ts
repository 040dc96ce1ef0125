/**
 * What the window does once activation has returned, and again whenever one of its inputs changes:
 * the config files are read (again), the settings change, the shell's start-up files may have
 * changed. Each reaction reaches the parts that depend on that input, in the order they need.
 */
import type { SessionManager } from '../../credentials/session';
import type { ConfigFiles } from '../editor/configFiles';
import type { FolderSessions } from './folderSessions';
import type { Log } from '../log';
import type { OutsideProfile } from '../processes/outsideProfile';
import type { PinnedTerminals } from '../processes/pinnedTerminals';
import type { ProcessDelivery } from '../processes/processDelivery';
import type { ProfilePicker } from '../picker/profilePicker';
import type { ProfilesHome } from '../view/profilesHome';
import type { SnapshotFanout } from './snapshotFanout';
import type { Switcher } from './switcher';

export interface ChangeFollowerDeps {
  readonly files: ConfigFiles;
  readonly delivery: ProcessDelivery;
  readonly session: SessionManager;
  readonly folders: FolderSessions;
  readonly pinned: PinnedTerminals;
  readonly picker: ProfilePicker;
  readonly outside: OutsideProfile;
  readonly fanout: () => SnapshotFanout;
  readonly switcher: Switcher;
  readonly log: Log;
  readonly home: () => ProfilesHome | undefined;
  /** The profile the settings name (`awsRoleSwitcher.profile`), restored at start. */
  readonly settingsProfile: () => string;
  /** Reads the settings again. */
  readonly reloadSettings: () => void;
  readonly disposed: () => boolean;
  /** Runs work off the current task (default: `setTimeout(f, 0)`). */
  readonly defer?: (f: () => void) => void;
}

export class ChangeFollower {
  private formatsReady = false;

  constructor(private readonly d: ChangeFollowerDeps) {}

  /** After activation returned: the files, the folders, the session the settings or the last window had. */
  async start(): Promise<void> {
    const d = this.d;
    await d.delivery.resync(); // records the delivery the folder sessions start with below
    this.probeShell();
    const cfg = await d.files.loaded();
    if (d.disposed()) return;
    d.log.info(
      `AWS Role Switcher ready: ${cfg?.profiles.size ?? 0} profiles from ${cfg?.locations.config.path ?? '?'} and ${cfg?.locations.credentials.path ?? '?'}`,
    );
    this.prepareSoon();
    d.home()?.filesChanged();
    d.folders.sync();
    await d.switcher.restore(d.settingsProfile());
  }

  settingsChanged(): void {
    const d = this.d;
    d.reloadSettings();
    d.home()?.stateChanged(); // the production list marks rows
    void d.delivery.resync().then((changed) => {
      d.session.configChanged();
      if (changed) d.folders.restart();
      else d.folders.sync();
    });
  }

  filesReloaded(): void {
    const d = this.d;
    // A [default] profile that gained or lost credentials changes whether the endpoint can be used.
    void d.delivery.resync().then((changed) => {
      d.session.configChanged();
      if (changed) d.folders.restart();
      else d.folders.configChanged();
    });
    d.pinned.configChanged();
    d.home()?.filesChanged();
    this.prepareSoon();
  }

  /** The shell start-up files may have changed since the last look: asked at start and on each switch. */
  probeShell(): void {
    void this.d.outside.probeShell().then((changed) => changed && !this.d.disposed() && this.d.fanout().reapplyDelivery());
  }

  /**
   * Prepares the picker's rows off the current task, so no open pays for them; and, once, the
   * locale's time format: the first `toLocaleTimeString` in a process sets up ICU (~25 ms, measured
   * in Node 20), which otherwise lands on the first switch (the terminals' "until 14:05").
   */
  private prepareSoon(): void {
    const cfg = this.d.files.current;
    (this.d.defer ?? ((f) => setTimeout(f, 0)))(() => {
      if (this.d.disposed()) return;
      if (!this.formatsReady) new Date().toLocaleTimeString();
      this.formatsReady = true;
      if (cfg !== undefined) void this.d.picker.prepare(cfg).catch(() => undefined);
    });
  }
}
