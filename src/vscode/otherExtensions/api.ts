/** What other extensions (and the tests) get from `activate()`: state without secrets. */
import * as vscode from 'vscode';
import { SessionSnapshot } from '../../credentials/session';
import { isoTime } from '../../delivery/processEnvironment';

export interface FolderState {
  readonly folder: string;
  readonly profile: string;
  readonly status: string;
}

export interface PublicState {
  readonly profile: string | undefined;
  readonly status: SessionSnapshot['status'];
  readonly arn: string | undefined;
  readonly accountId: string | undefined;
  readonly region: string | undefined;
  readonly expiration: string | undefined;
  readonly error: string | undefined;
  /** Folders of a multi-root workspace with a profile of their own. */
  readonly folders: FolderState[];
  /** How the session reaches new terminals, tasks and debug sessions now. */
  readonly processes: ProcessesState;
}

export interface ProcessesState {
  /** Keys in the environment, or the loopback credentials endpoint. */
  readonly delivery: 'environment' | 'endpoint';
  /** Whether AWS_PROFILE names the active profile or is left as processes inherit it. */
  readonly profileVariable: 'name' | 'leave';
  /** A profile named from outside (VS Code's environment, the shell start-up files), if any. */
  readonly outsideProfile: string | undefined;
  /** Whether VS Code's terminal revival writes the keys in terminals to its storage when it exits. */
  readonly keysSavedOnExit: boolean;
}

export interface ExtensionApi {
  getState(): PublicState;
  readonly onDidChangeState: vscode.Event<PublicState>;
  /** The diagnostics of the config files, formatted `file:line: message`. */
  getDiagnostics(): string[];
  /** Resolves once the config files were read for the first time (activation does not wait for it). */
  whenReady(): Promise<void>;
}

export function publicState(s: SessionSnapshot, folders: FolderState[], processes: ProcessesState): PublicState {
  return {
    profile: s.profile,
    status: s.status,
    arn: s.arn,
    accountId: s.accountId,
    region: s.region,
    expiration: isoTime(s.expiration) || undefined,
    error: s.error?.describe(),
    folders,
    processes,
  };
}

/** The API over the window's session and files (`fanout` is read late: it is made after the API object). */
export function extensionApi(d: {
  readonly fanout: () => { state(): PublicState; readonly onDidChangeState: vscode.Event<PublicState> };
  readonly files: { diagnostics(): string[]; ready(): Promise<void> };
}): ExtensionApi {
  return {
    getState: () => d.fanout().state(),
    onDidChangeState: (listener, thisArgs, disposables) => d.fanout().onDidChangeState(listener, thisArgs, disposables),
    getDiagnostics: () => d.files.diagnostics(),
    whenReady: () => d.files.ready(),
  };
}
