/**
 * Terminals opened under another identity. A terminal keeps the environment it started with: after
 * a switch it still acts as the old role (keys delivery) or is refused credentials (endpoint
 * delivery), and after Sign Out it still holds the role's keys — VS Code's only sign is a small ⚠
 * on its tab. VS Code relaunches a terminal nobody has typed in by itself
 * (`terminal.integrated.environmentChangesRelaunch`); for the others, this says how many, where
 * the person looks, and offers to relaunch them.
 */
import * as vscode from 'vscode';
import { pinIdOf } from './pinnedTerminals';

export interface StaleTerminalsDeps {
  /** The window's profile now. */
  readonly profile: () => string | undefined;
}

export class StaleTerminals implements vscode.Disposable {
  /** The window's profile when each terminal started. Terminals older than the extension are not known. */
  private readonly startedAs = new Map<vscode.Terminal, string | undefined>();
  private readonly disposables: vscode.Disposable[];
  /**
   * The window's first profile (restored as it opens) is not a change the person made: terminals
   * VS Code revived got the environment saved with them, and saying otherwise would be noise.
   */
  private first = true;

  constructor(private readonly d: StaleTerminalsDeps) {
    this.disposables = [
      vscode.window.onDidOpenTerminal((t) => this.startedAs.set(t, this.d.profile())),
      vscode.window.onDidCloseTerminal((t) => this.startedAs.delete(t)),
    ];
  }

  /** Terminals of the person's (not pinned to a profile, not the extension's own) still running as another identity. */
  stale(now: string | undefined): vscode.Terminal[] {
    const autoRelaunch = vscode.workspace.getConfiguration('terminal.integrated').get<boolean>('environmentChangesRelaunch', true);
    return [...this.startedAs]
      .filter(([t, as]) => as !== now && t.exitStatus === undefined && isShell(t) && (!autoRelaunch || t.state.isInteractedWith))
      .map(([t]) => t);
  }

  /** The window went from `before` to `now` (a switch, or Sign Out when `now` is undefined). */
  async windowChanged(before: string | undefined, now: string | undefined): Promise<void> {
    const first = this.first;
    this.first = false;
    if (first && before === undefined) return;
    const stale = this.stale(now);
    if (stale.length === 0) return;
    const n = stale.length;
    const was = before !== undefined ? `"${before}"` : vscode.l10n.t('no profile');
    const message =
      now === undefined
        ? n === 1
          ? vscode.l10n.t('1 open terminal was started as {0} and still has its credentials after Sign Out.', was)
          : vscode.l10n.t('{0} open terminals were started as {1} and still have its credentials after Sign Out.', n, was)
        : n === 1
          ? vscode.l10n.t('1 open terminal was started as {0}, not as "{1}".', was, now)
          : vscode.l10n.t('{0} open terminals were started as {1}, not as "{2}".', n, was, now);
    const relaunch = n === 1 ? vscode.l10n.t('Relaunch It') : vscode.l10n.t('Relaunch Them');
    // A relaunched shell starts afresh: what ran in it (its history on screen, its variables) is gone.
    if ((await vscode.window.showWarningMessage(message, relaunch)) !== relaunch) return;
    let last: vscode.Terminal | undefined;
    for (const t of stale) {
      if (t.exitStatus !== undefined) continue;
      // A new shell where the old one was (its options, its current folder), then the old one goes:
      // the panel keeps a terminal, so it does not close and take the keyboard with it.
      const o = t.creationOptions as vscode.TerminalOptions;
      // A path, not a Uri: in a remote window a file: Uri names the local machine.
      const cwd = t.shellIntegration?.cwd?.fsPath ?? (typeof o.cwd === 'string' ? o.cwd : o.cwd?.fsPath);
      last = vscode.window.createTerminal({ ...o, ...(cwd !== undefined ? { cwd } : {}) });
      t.dispose();
    }
    last?.show();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** A shell the person opened: not an extension's pseudoterminal (the sign-in), not pinned to a profile. */
function isShell(t: vscode.Terminal): boolean {
  return !('pty' in t.creationOptions) && pinIdOf(t) === undefined;
}
