/**
 * Multi-root workspaces: a folder whose own `awsRoleSwitcher.profile` setting names a profile gets
 * a session of its own, injected through that folder's scoped environment collection, so
 * terminals and tasks started for that folder carry the folder's role whatever role is active for
 * the window. (VS Code scopes by the folder of the last active editor.)
 *
 * Ordering matters: when VS Code merges an extension's collections, the entry inserted last wins
 * for a variable. The global collection is rewritten on every change, so the folder collections
 * are rewritten after it (`reapply`).
 */
import * as vscode from 'vscode';
import { Registration } from '../../delivery/credentialsServer';
import { SessionManager, SessionSnapshot } from '../../credentials/session';
import { CredentialsError, isCredentialsError } from '../../credentials/types';
import { EnvironmentInjector } from '../processes/environmentCollection';
import { ProfileVariableMode } from '../../delivery/processEnvironment';
import { SECTION } from '../settings';

interface FolderSession {
  readonly profile: string;
  readonly session: SessionManager;
  readonly injector: EnvironmentInjector;
  readonly registration: Registration | undefined;
  snapshot: SessionSnapshot;
}

export interface FolderSessionsOptions {
  readonly collection: vscode.GlobalEnvironmentVariableCollection;
  readonly newSession: (onChange: (s: SessionSnapshot) => void) => SessionManager;
  readonly mode: () => ProfileVariableMode;
  /** A credentials-endpoint registration for the session, in endpoint mode. */
  readonly register: (session: SessionManager) => Registration | undefined;
  readonly log: (msg: string) => void;
  /** A folder's IAM Identity Center profile needs a sign-in; `retry` assumes it again. */
  readonly needsLogin: (e: CredentialsError, what: string, retry: () => Promise<unknown>) => void;
  /** Called when a folder session starts, stops or changes state. */
  readonly onChange: () => void;
  readonly isProduction: (profile: string) => boolean;
  /** Asks before acting in production. */
  readonly confirmProduction: (profile: string) => Promise<boolean>;
  /** Tells that a production profile was not assumed by itself; `assume` runs on request. */
  readonly offerProduction: (profile: string, why: string, assume: () => Promise<unknown>) => void;
}

/** The profile a folder names for itself (a folder-level value only, not inherited). */
export function folderProfile(folder: vscode.WorkspaceFolder): string | undefined {
  const v = vscode.workspace.getConfiguration(SECTION, folder.uri).inspect<string>('profile')?.workspaceFolderValue;
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

export class FolderSessions implements vscode.Disposable {
  private readonly byFolder = new Map<string, FolderSession>();
  /** Signed out: no folder session runs until the window takes a profile again. */
  private suspended = false;

  constructor(private readonly o: FolderSessionsOptions) {}

  /** Sign Out: every folder session ends (its terminals and tasks get no credentials) until `resume`. */
  signOut(): void {
    this.suspended = true;
    if (this.byFolder.size > 0) this.o.log(`signed out of the folder sessions (${[...this.byFolder.values()].map((f) => f.profile).join(', ')})`);
    this.stopAll();
  }

  /** The window took a profile again: folder sessions start again from their settings. */
  resume(): void {
    if (!this.suspended) return;
    this.suspended = false;
    this.sync();
  }

  /** Starts, switches or stops folder sessions to match the folders and their settings. */
  sync(): void {
    if (this.suspended) return;
    const folders = vscode.workspace.workspaceFolders ?? [];
    const wanted = new Map<string, { folder: vscode.WorkspaceFolder; profile: string }>();
    if (folders.length > 1) {
      for (const f of folders) {
        const p = folderProfile(f);
        if (p !== undefined) wanted.set(f.uri.toString(), { folder: f, profile: p });
      }
    }
    for (const [key, fs] of this.byFolder) {
      if (wanted.get(key)?.profile !== fs.profile) this.stop(key);
    }
    for (const [key, w] of wanted) {
      if (!this.byFolder.has(key)) this.start(key, w.folder, w.profile);
    }
  }

  /** Folder name → profile and status, for the tooltip and the API. */
  list(): Array<{ folder: string; profile: string; status: string }> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    return [...this.byFolder].map(([key, fs]) => ({
      folder: folders.find((f) => f.uri.toString() === key)?.name ?? key,
      profile: fs.profile,
      status: fs.snapshot.status,
    }));
  }

  configChanged(): void {
    for (const fs of this.byFolder.values()) fs.session.configChanged();
  }

  /** Rewrites every folder collection (after the global one changed), so they stay last. */
  reapply(): void {
    for (const fs of this.byFolder.values()) this.apply(fs, true);
  }

  /** Delivery changed: start every folder session again with the new delivery. */
  restart(): void {
    this.stopAll();
    this.sync();
  }

  private apply(fs: FolderSession, force: boolean): void {
    fs.injector.apply(fs.snapshot, this.o.mode(), fs.registration, force);
  }

  private start(key: string, folder: vscode.WorkspaceFolder, profile: string): void {
    const injector = new EnvironmentInjector(this.o.collection.getScoped({ workspaceFolder: folder }));
    const ref: { entry?: FolderSession } = {};
    const session = this.o.newSession((s) => {
      const entry = ref.entry;
      if (entry === undefined) return;
      entry.snapshot = s;
      this.apply(entry, false);
      this.o.onChange();
    });
    ref.entry = { profile, session, injector, registration: this.o.register(session), snapshot: { status: 'none', steps: [] } };
    this.byFolder.set(key, ref.entry);
    const entry = ref.entry;
    const assume = (interactive: boolean): Promise<unknown> =>
      session.activate(profile, { interactive }).catch((e: unknown) => {
        if (isCredentialsError(e, 'Cancelled')) return;
        if (isCredentialsError(e, 'NeedsLogin')) {
          // Retry only while this folder still wants this profile.
          this.o.needsLogin(e, vscode.l10n.t('Folder {0} could not assume "{1}"', folder.name, profile), () =>
            this.byFolder.get(key) === entry ? assume(true) : Promise.resolve(),
          );
          return;
        }
        this.o.log(`folder ${folder.name}: could not assume ${profile}: ${e instanceof CredentialsError ? e.describe() : String(e)}`);
      });
    if (this.o.isProduction(profile)) {
      this.o.offerProduction(profile, vscode.l10n.t('The settings of folder {0} name the production profile "{1}".', folder.name, profile), async () => {
        if (this.byFolder.get(key) === entry && (await this.o.confirmProduction(profile))) await assume(true);
      });
      return;
    }
    this.o.log(`folder ${folder.name}: assuming ${profile} (folder setting awsRoleSwitcher.profile)`);
    void assume(false);
  }

  private stop(key: string): void {
    const fs = this.byFolder.get(key);
    if (fs === undefined) return;
    this.byFolder.delete(key);
    fs.session.dispose();
    fs.registration?.dispose();
    fs.injector.clear();
    this.o.onChange();
  }

  private stopAll(): void {
    for (const key of [...this.byFolder.keys()]) this.stop(key);
  }

  dispose(): void {
    this.stopAll();
  }
}
