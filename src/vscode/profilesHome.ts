/**
 * Where the profiles live in VS Code besides the status bar: the config files as a language and
 * the Profiles view. One place for what both follow (files, the window's session, settings).
 */
import * as vscode from 'vscode';
import { ConfigFiles } from './configFiles';
import { ConfigLanguage } from './editor/configLanguage';
import { ProfilesView, ProfilesViewDeps } from './profilesView';

export class ProfilesHome implements vscode.Disposable {
  readonly language: ConfigLanguage;
  readonly view: ProfilesView;

  constructor(d: ProfilesViewDeps & { readonly files: ConfigFiles }) {
    this.language = new ConfigLanguage({ files: d.files, isProduction: d.isProduction, activeProfile: () => d.snapshot().profile });
    this.view = new ProfilesView(d);
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
    this.language.dispose();
    this.view.dispose();
  }
}
