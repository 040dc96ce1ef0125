/**
 * The AWS shared files as a language: problems as you type with quick fixes, completion, hovers,
 * go to definition and the profile lenses. Registered for the `aws-config` language, which
 * `~/.aws/config` and `~/.aws/credentials` get by name and the files named by AWS_CONFIG_FILE and
 * AWS_SHARED_CREDENTIALS_FILE get when opened.
 */
import * as vscode from 'vscode';
import { ConfigFiles } from './configFiles';
import { ProfileLenses } from './codeLens';
import { SettingsCompletion } from './completion';
import { SharedFileDefinitions } from './definition';
import { SharedFileHover } from './hover';
import { FileProblemsView } from './problems';
import { LANGUAGE_ID, SharedFiles } from './sharedFiles';

export interface ConfigLanguageDeps {
  readonly files: ConfigFiles;
  readonly isProduction: (profile: string) => boolean;
  readonly activeProfile: () => string | undefined;
}

export class ConfigLanguage implements vscode.Disposable {
  private readonly shared: SharedFiles;
  private readonly problems: FileProblemsView;
  private readonly lenses: ProfileLenses;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(d: ConfigLanguageDeps) {
    this.shared = new SharedFiles(d.files);
    this.problems = new FileProblemsView(this.shared);
    this.lenses = new ProfileLenses(this.shared, d.activeProfile);
    // Files on disk and new ones; not virtual documents such as the import's proposed config.
    const selector: vscode.DocumentSelector = [
      { language: LANGUAGE_ID, scheme: 'file' },
      { language: LANGUAGE_ID, scheme: 'untitled' },
    ];
    this.disposables.push(
      this.problems,
      this.lenses,
      vscode.languages.registerCompletionItemProvider(selector, new SettingsCompletion(this.shared), '=', ' ', '['),
      vscode.languages.registerHoverProvider(selector, new SharedFileHover(this.shared, d.isProduction)),
      vscode.languages.registerDefinitionProvider(selector, new SharedFileDefinitions(this.shared)),
      vscode.languages.registerCodeLensProvider(selector, this.lenses),
    );
  }

  /** The files changed on disk (or were read for the first time). */
  filesChanged(): void {
    this.problems.refreshAll();
    this.lenses.changed();
  }

  /** The window's profile changed (the lenses say which one is active). */
  sessionChanged(): void {
    this.lenses.changed();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
