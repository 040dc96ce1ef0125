/**
 * The problems of the open shared files in the Problems panel, as the person types (each buffer
 * read again a moment after the last keystroke), and the quick fixes for those that have one.
 */
import * as vscode from 'vscode';
import { FileProblem, Fix, fileProblemsSteps } from '../../credentials/fileProblems';
import { formatText } from '../../credentials/types';
import { translate } from '../words';
import { MAX_CHECKED_CHARS, SharedFile, SharedFiles, sliced } from './sharedFiles';

/**
 * Quiet time after a keystroke before the buffer is read again; longer for very large files, whose
 * reading takes ~150 ms at 5,000 profiles on a loaded 2-core machine, so it waits for a real pause.
 */
const SETTLE_MS = 250;
const SETTLE_LARGE_MS = 1000;
const LARGE_LINES = 5000;

const SEVERITY: Record<FileProblem['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

function wording(p: FileProblem): string {
  const message = formatText(p.message, translate);
  if (p.hint === undefined) return message;
  return `${message}${/[.?!]$/.test(message) ? '' : '.'} ${formatText(p.hint, translate)}`;
}

export class FileProblemsView implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('aws-config');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /**
   * The fix of each diagnostic shown, by document and place: the diagnostics a code action request
   * carries are not always the objects set here, so they are matched by range and code.
   */
  private readonly fixes = new Map<string, Map<string, { fix: Fix; file: SharedFile }>>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly shared: SharedFiles) {
    this.disposables.push(
      this.collection,
      vscode.workspace.onDidOpenTextDocument((d) => void this.opened(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.soon(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.collection.delete(d.uri);
        this.fixes.delete(d.uri.toString());
        this.shared.forget(d);
      }),
      vscode.languages.registerCodeActionsProvider(
        [
          { language: 'aws-config', scheme: 'file' },
          { language: 'aws-config', scheme: 'untitled' },
        ],
        this,
        { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
      ),
    );
    for (const d of vscode.workspace.textDocuments) void this.opened(d);
  }

  /** The config files changed on disk: every open shared file is read again. */
  refreshAll(): void {
    this.shared.invalidate();
    for (const d of vscode.workspace.textDocuments) if (this.shared.isShared(d)) this.soon(d, 0);
  }

  private async opened(doc: vscode.TextDocument): Promise<void> {
    await this.shared.adopt(doc);
    if (this.shared.isShared(doc)) this.soon(doc, 0);
  }

  private soon(doc: vscode.TextDocument, delay = doc.lineCount > LARGE_LINES ? SETTLE_LARGE_MS : SETTLE_MS): void {
    if (!this.shared.isShared(doc)) return;
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.update(doc);
      }, delay),
    );
  }

  private async update(doc: vscode.TextDocument): Promise<void> {
    if (doc.isClosed) return;
    const file = await this.shared.read(doc);
    if (doc.isClosed || file.version !== doc.version) return; // a newer keystroke has its own update coming
    if (file.oversized === true) {
      const d = new vscode.Diagnostic(
        new vscode.Range(0, 0, 0, 0),
        vscode.l10n.t(
          'This file is larger than {0} MB: AWS Role Switcher does not check it as you type (no problems, lenses or hovers).',
          String(MAX_CHECKED_CHARS / 1048576),
        ),
        vscode.DiagnosticSeverity.Information,
      );
      d.source = 'AWS config';
      d.code = 'too-large';
      this.fixes.delete(doc.uri.toString());
      this.collection.set(doc.uri, [d]);
      return;
    }
    const problems = await sliced(fileProblemsSteps(file));
    if (doc.isClosed || file.version !== doc.version) return;
    const fixes = new Map<string, { fix: Fix; file: SharedFile }>();
    const diagnostics = problems.map((p) => {
      const d = new vscode.Diagnostic(new vscode.Range(p.line, p.start, p.line, p.end), wording(p), SEVERITY[p.severity]);
      d.source = 'AWS config';
      d.code = p.code;
      if (p.fix !== undefined) fixes.set(fixKey(d), { fix: p.fix, file });
      return d;
    });
    this.fixes.set(doc.uri.toString(), fixes);
    this.collection.set(doc.uri, diagnostics);
  }

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      const f = this.fixes.get(doc.uri.toString())?.get(fixKey(d));
      if (f === undefined) continue;
      const action = quickFix(doc, d, f.fix, f.file);
      if (action !== undefined) actions.push(action);
    }
    return actions;
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }
}

function fixKey(d: vscode.Diagnostic): string {
  const r = d.range;
  return `${r.start.line}:${r.start.character}:${r.end.character}:${typeof d.code === 'string' ? d.code : ''}`;
}

/** A line with its line break (the last line: with the break before it). */
function wholeLine(doc: vscode.TextDocument, n: number): vscode.Range {
  if (n + 1 < doc.lineCount) return new vscode.Range(n, 0, n + 1, 0);
  return n > 0 ? new vscode.Range(n - 1, doc.lineAt(n - 1).text.length, n, doc.lineAt(n).text.length) : doc.lineAt(n).range;
}

function quickFix(doc: vscode.TextDocument, d: vscode.Diagnostic, fix: Fix, file: SharedFile): vscode.CodeAction | undefined {
  const edit = new vscode.WorkspaceEdit();
  const line = doc.lineAt(d.range.start.line);
  let title: string;
  switch (fix.kind) {
    case 'rename-setting': {
      const setting = file.outline.sections.flatMap((s) => s.settings).find((s) => s.line === d.range.start.line);
      if (setting === undefined) return undefined;
      edit.replace(doc.uri, new vscode.Range(setting.line, setting.nameStart, setting.line, setting.nameEnd), fix.to);
      title = vscode.l10n.t('Change to "{0}"', fix.to);
      break;
    }
    case 'rename-header': {
      const open = line.text.indexOf('[');
      const close = line.text.indexOf(']', open + 1);
      if (open < 0) return undefined;
      edit.replace(doc.uri, new vscode.Range(line.lineNumber, open + 1, line.lineNumber, close < 0 ? line.text.length : close), fix.to);
      if (close < 0) edit.insert(doc.uri, line.range.end, ']');
      title = vscode.l10n.t('Change to [{0}]', fix.to);
      break;
    }
    case 'add-section': {
      const header = file.kind === 'credentials' ? fix.header.replace(/^profile /, '') : fix.header;
      if (file.kind === 'credentials' && header.startsWith('sso-session ')) return undefined;
      const end = doc.lineAt(doc.lineCount - 1);
      const before = end.text.length > 0 ? '\n\n' : doc.lineCount > 1 && doc.lineAt(doc.lineCount - 2).text.length > 0 ? '\n' : '';
      edit.insert(doc.uri, end.range.end, `${before}[${header}]\n${fix.body.join('\n')}\n`);
      title = vscode.l10n.t('Create [{0}]', header);
      break;
    }
    case 'set-existing': {
      // The existing setting takes this value; this line goes (a rename would make a second one).
      edit.replace(doc.uri, new vscode.Range(fix.line, fix.start, fix.line, fix.end), fix.value);
      edit.delete(doc.uri, wholeLine(doc, line.lineNumber));
      title = vscode.l10n.t('Change to "{0}": give line {1} this value and remove this line', fix.name, String(fix.line + 1));
      break;
    }
    case 'delete-line': {
      edit.delete(doc.uri, wholeLine(doc, fix.line));
      title = vscode.l10n.t('Remove line {0} (keep this value, which the SDKs use now)', String(fix.line + 1));
      break;
    }
  }
  const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  action.edit = edit;
  action.diagnostics = [d];
  action.isPreferred = fix.kind !== 'add-section' && fix.kind !== 'delete-line';
  return action;
}
