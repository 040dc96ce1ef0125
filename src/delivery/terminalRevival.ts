/**
 * VS Code revives terminals across restarts: when it exits (by default, when the last window
 * closes or the app quits) it serialises every non-transient terminal — with the full environment
 * its process was started with — into its workspace storage (`terminal.integrated.bufferState` in
 * `state.vscdb`), and restarts the process from it. With keys delivery that environment holds the
 * AWS keys, so they would reach a file that is not the user's to expect them in. VS Code for the
 * Web never does this (it does not persist terminals on shutdown); pinned terminals are transient.
 */
import { Delivery } from './processEnvironment';

export interface RevivalSettings {
  /** `terminal.integrated.enablePersistentSessions` (default true). */
  readonly enablePersistentSessions: boolean | undefined;
  /** `terminal.integrated.persistentSessionReviveProcess`: onExit (default), onExitAndWindowClose, never. */
  readonly persistentSessionReviveProcess: string | undefined;
  /** VS Code for the Web (the browser), where terminals are not persisted on shutdown. */
  readonly web: boolean;
}

/** Whether the environment of terminals, with the keys in it, is written to VS Code's storage when it exits. */
export function keysSavedOnExit(delivery: Delivery, r: RevivalSettings): boolean {
  if (delivery !== 'environment' || r.web) return false;
  return r.enablePersistentSessions !== false && (r.persistentSessionReviveProcess ?? 'onExit') !== 'never';
}
