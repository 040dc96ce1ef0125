/**
 * What a new snapshot of the window session changes: the log (and what it redacts), the status
 * bar, the processes (global and folder collections), the sign-in offer when a renewal needs one,
 * other extensions, and the public state's listeners.
 */
import * as vscode from 'vscode';
import { SessionManager, SessionSnapshot } from '../../credentials/session';
import { isoTime } from '../../delivery/processEnvironment';
import { PublicState, publicState } from '../otherExtensions/api';
import { CredentialsAuthProvider } from '../otherExtensions/authProvider';
import { ErrorReporter } from '../errorReporter';
import { FolderSessions } from './folderSessions';
import { Log } from '../log';
import { ProcessDelivery } from '../processes/processDelivery';
import { StatusBar } from './statusBar';

export interface SnapshotFanoutDeps {
  readonly log: Log;
  readonly status: StatusBar;
  readonly delivery: ProcessDelivery;
  readonly folders: () => FolderSessions;
  readonly errors: ErrorReporter;
  readonly session: () => SessionManager;
  readonly auth: () => CredentialsAuthProvider;
  /** The active profile changed from `before`, or none is active any more. */
  readonly profileChanged: (profile: string | undefined, before: string | undefined) => void;
}

export class SnapshotFanout implements vscode.Disposable {
  private last: SessionSnapshot = { status: 'none', steps: [] };
  private readonly emitter = new vscode.EventEmitter<PublicState>();
  readonly onDidChangeState = this.emitter.event;

  constructor(private readonly d: SnapshotFanoutDeps) {}

  get snapshot(): SessionSnapshot {
    return this.last;
  }

  state(): PublicState {
    return publicState(this.last, this.d.folders().list(), this.d.delivery.state());
  }

  /** Something other than the session changed the public state (folders, delivery). */
  stateChanged(): void {
    this.emitter.fire(this.state());
  }

  /** What processes get changed for a reason other than the session: write it again. */
  reapplyDelivery(): void {
    const folders = this.d.folders();
    if (this.d.delivery.effectiveChanged()) folders.restart();
    if (this.d.delivery.apply(this.last)) folders.reapply();
    this.stateChanged();
  }

  update(s: SessionSnapshot): void {
    const { log } = this.d;
    const prev = this.last;
    this.last = s;
    const c = s.credentials;
    log.setSecrets([c?.secretAccessKey, c?.sessionToken, c?.accessKeyId]);
    this.d.status.update(s);
    // Folder collections must stay after the global one (see FolderSessions).
    if (this.d.delivery.apply(s)) this.d.folders().reapply();
    if (c !== undefined && c.accessKeyId !== prev.credentials?.accessKeyId) {
      const expires = s.expiration !== undefined ? `, expire ${isoTime(s.expiration) || 'at an unreadable time'}` : '';
      log.info(`credentials for ${s.profile ?? '?'}: ${s.arn ?? 'identity unknown'}${expires} (access key ${c.accessKeyId})`);
    }
    if (s.error !== undefined && s.error !== prev.error && s.error.code !== 'Cancelled') {
      const retry = () => this.d.session().refresh({ interactive: true });
      if (s.error.code === 'NeedsLogin')
        this.d.errors.offerSignIn(
          s.error,
          s.profile !== undefined ? vscode.l10n.t('Could not renew "{0}"', s.profile) : vscode.l10n.t('Could not renew the credentials'),
          retry,
        );
      else log.warn(`refresh failed: ${s.error.describe()}`);
    }
    if (s.status !== prev.status) log.info(`session ${s.profile ?? ''}: ${prev.status} → ${s.status}`);
    if (s.profile !== prev.profile) {
      this.d.profileChanged(s.profile, prev.profile);
      // For the walkthrough's "Switch to a profile" step, and for when clauses.
      void vscode.commands.executeCommand('setContext', 'awsRoleSwitcher.profileActive', s.profile !== undefined);
    }
    this.d.auth().windowChanged(s);
    this.stateChanged();
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
