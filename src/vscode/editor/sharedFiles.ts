/**
 * Which open documents are AWS shared files, and each one read as the engine reads it with the
 * unsaved buffer in place of the file on disk (the other file from its buffer too when it is
 * open), so problems, completion, hovers and lenses follow what the person types, not the last save.
 */
import * as os from 'node:os';
import { basename, dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { loadConfig } from '../../config/loader';
import { platformOf } from '../../config/locations';
import { Outline, outlineSteps } from '../../config/outline';
import { parseProfileFileSteps } from '../../config/parser';
import { ProfileSet, buildProfileSetSteps, emptyProfileSet } from '../../config/profiles';
import { Steps, runSliced } from '../../config/steps';
import { FileKind } from '../../credentials/fileProblems';
import { nodeReadFile } from '../../credentials/nodeDeps';
import { ConfigFiles } from './configFiles';

export const LANGUAGE_ID = 'aws-config';

/**
 * Above this size a document gets no checks, lenses or hovers (its colours stay): a file of a
 * repository is hostile input, and reading 10 MB costs ~300 MB of memory. Real files are far smaller
 * (5,000 profiles: 1 MB).
 */
export const MAX_CHECKED_CHARS = 10 * 1024 * 1024;

/** The work of a reading in slices of this length, so the extension host answers everything else in between. */
const SLICE_MS = 15;

export function sliced<T>(g: Steps<T>): Promise<T> {
  return runSliced(g, { sliceMs: SLICE_MS, now: () => performance.now(), pause: () => new Promise((r) => setImmediate(r)) });
}

export interface SharedFile {
  readonly uri: string;
  readonly version: number;
  readonly kind: FileKind;
  /** The file as the loader names it in its diagnostics (`~/.aws/config`). */
  readonly shownPath: string;
  readonly outline: Outline;
  readonly lines: readonly string[];
  /** The profiles as the engine reads them with this buffer. */
  readonly set: ProfileSet;
  /** Display path → absolute path of the files the set was read from (for go to definition). */
  readonly files: ReadonlyMap<string, string>;
  /** Larger than MAX_CHECKED_CHARS: not read (empty outline and profiles). */
  readonly oversized?: boolean;
}

export class SharedFiles {
  private readonly cache = new Map<string, SharedFile>();

  constructor(private readonly files: ConfigFiles) {}

  /** A document the engine reads (wherever AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE put them) or one of the language. */
  isShared(doc: vscode.TextDocument): boolean {
    // Not the right side of a diff or other virtual documents: their problems are not the file's.
    if (doc.uri.scheme !== 'file' && doc.uri.scheme !== 'untitled') return false;
    return doc.languageId === LANGUAGE_ID || this.isLoadedFile(doc);
  }

  private isLoadedFile(doc: vscode.TextDocument): boolean {
    const loc = this.files.current?.locations;
    return doc.uri.scheme === 'file' && loc !== undefined && (doc.uri.fsPath === loc.config.path || doc.uri.fsPath === loc.credentials.path);
  }

  /** Gives the shared files opened from odd places (AWS_CONFIG_FILE=/work/aws.cfg) the language. */
  async adopt(doc: vscode.TextDocument): Promise<void> {
    if (doc.languageId !== LANGUAGE_ID && this.isLoadedFile(doc) && ['plaintext', 'ini', 'properties'].includes(doc.languageId))
      await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
  }

  kindOf(doc: vscode.TextDocument): FileKind {
    const loc = this.files.current?.locations;
    if (loc !== undefined && doc.uri.fsPath === loc.credentials.path) return 'credentials';
    if (loc !== undefined && doc.uri.fsPath === loc.config.path) return 'config';
    return basename(doc.uri.fsPath) === 'credentials' ? 'credentials' : 'config';
  }

  /** The last reading of the document, even of an older version (for completion and hovers while typing). */
  latest(doc: vscode.TextDocument): SharedFile | undefined {
    return this.cache.get(doc.uri.toString());
  }

  forget(doc: vscode.TextDocument): void {
    this.cache.delete(doc.uri.toString());
  }

  /** The files on disk changed: every reading may be out of date (the other file is part of it). */
  invalidate(): void {
    this.cache.clear();
  }

  /** Reads the document as the engine would; kept until its next version. */
  async read(doc: vscode.TextDocument): Promise<SharedFile> {
    const key = doc.uri.toString();
    const had = this.cache.get(key);
    if (had !== undefined && had.version === doc.version) return had;
    const version = doc.version;
    const kind = this.kindOf(doc);
    // The length without making the string: a 200 MB file is not read at all.
    if (doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end) > MAX_CHECKED_CHARS) {
      const file: SharedFile = {
        uri: key,
        version,
        kind,
        shownPath: doc.uri.fsPath,
        outline: { sections: [], orphans: [] },
        lines: [],
        set: emptyProfileSet(),
        files: new Map(),
        oversized: true,
      };
      this.cache.set(key, file);
      return file;
    }
    const text = doc.getText();
    const cfg = await this.files.loaded();
    let set: ProfileSet;
    let shownPath = doc.uri.fsPath;
    let readFrom: ReadonlyMap<string, string> = new Map([[shownPath, shownPath]]);
    if (this.isLoadedFile(doc) && cfg !== undefined) {
      const open = new Map(vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'file').map((d) => [d.uri.fsPath, d]));
      const loaded = await loadConfig({
        run: sliced,
        env: process.env,
        platform: platformOf(process.platform),
        osHome: os.homedir(),
        readFile: async (p) => {
          const d = p === doc.uri.fsPath ? doc : open.get(p);
          return d !== undefined ? new TextEncoder().encode(d === doc ? text : d.getText()) : nodeReadFile(p);
        },
      });
      set = loaded;
      readFrom = loaded.files;
      shownPath = [...loaded.files].find(([, abs]) => abs === doc.uri.fsPath)?.[0] ?? shownPath;
    } else {
      // A pair of files elsewhere (another home's ~/.aws): the file beside it is read too.
      const otherKind: FileKind = kind === 'config' ? 'credentials' : 'config';
      const other = doc.uri.scheme === 'file' ? join(dirname(doc.uri.fsPath), otherKind) : undefined;
      const otherText =
        other !== undefined
          ? await nodeReadFile(other).then(
              (b) => new TextDecoder().decode(b),
              () => undefined,
            )
          : undefined;
      const files = [{ raw: await sliced(parseProfileFileSteps(text, shownPath)), kind }];
      if (other !== undefined && otherText !== undefined && otherText.length <= MAX_CHECKED_CHARS)
        files.push({ raw: await sliced(parseProfileFileSteps(otherText, other)), kind: otherKind });
      set = await sliced(buildProfileSetSteps(kind === 'config' ? files : files.reverse()));
      readFrom = new Map([[shownPath, shownPath], ...(other !== undefined && otherText !== undefined ? ([[other, other]] as const) : [])]);
    }
    const { outline, lines } = await sliced(outlineSteps(text));
    const file: SharedFile = { uri: key, version, kind, shownPath, outline, lines, set, files: readFrom };
    if (this.cache.get(key) === undefined || (this.cache.get(key)?.version ?? -1) <= version) this.cache.set(key, file);
    return file;
  }
}
