/**
 * Where the profiles live in VS Code besides the status bar: the config files as a language and
 * the Profiles view. One place for what both follow (files, the window's session, settings).
 */
import * as vscode from 'vscode';
import { ConfigFiles } from '../editor/configFiles';
import { ConfigLanguage } from '../editor/configLanguage';
import { ProfilesView, ProfilesViewDeps } from './profilesView';

export class ProfilesHome implements vscode.Disposable {
  readonly language: ConfigLanguage;
  readonly view: ProfilesView;

  private readonly listeners: vscode.Disposable[];

  /** `changes`: events after which the view may show something else (the window's state, pinned terminals). */
  constructor(d: ProfilesViewDeps & { readonly files: ConfigFiles; readonly changes: ReadonlyArray<vscode.Event<unknown>> }) {
    this.language = new ConfigLanguage({ files: d.files, isProduction: d.isProduction, activeProfile: () => d.snapshot().profile });
    this.view = new ProfilesView(d);
    this.listeners = d.changes.map((e) => e(() => this.stateChanged()));
  }

  /** The files were read (again). */
  filesChanged(): void {
    this.language.filesChanged();
    this.view.changed();
  }

  /** The window's profile changed. */
  profileChanged(): void {
    this.language.sessionChanged();
  }

  /** Anything the view shows changed: a snapshot, folders, pinned terminals, settings. */
  stateChanged(): void {
    this.view.changed();
  }

  dispose(): void {
    for (const l of this.listeners) l.dispose();
    this.language.dispose();
    this.view.dispose();
  }
}
