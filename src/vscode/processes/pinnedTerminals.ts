/**
 * Terminals pinned to one profile ("AWS: <profile>"), whatever role the window has.
 *
 * VS Code's environment collections apply to every terminal (and this VS Code build ignores
 * `strictEnv` for extension terminals), so a pinned terminal cannot simply be given other values:
 * the window's role would be laid over them. Instead its shell is a small POSIX wrapper that
 * unsets every AWS variable the window put there, exports the terminal's own (passed as ARS_PIN_*,
 * which no collection touches), and then execs the user's shell. The wrapper holds no secrets.
 * Each pinned terminal has its own session; with endpoint delivery its own endpoint registration,
 * so it stays fresh for as long as it is open.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Registration } from '../../delivery/credentialsServer';
import { SessionManager, assumeInOwnSession } from '../../credentials/session';
import { ProfileVariableMode, environmentFor } from '../../delivery/processEnvironment';
import { wrapperScript } from '../../delivery/pinnedShell';

export const PIN_ID = 'ARS_PIN_ID';

/** The pinned session a terminal belongs to; undefined for any other terminal. */
export function pinIdOf(t: vscode.Terminal): string | undefined {
  const id = (t.creationOptions as vscode.TerminalOptions).env?.[PIN_ID];
  return typeof id === 'string' ? id : undefined;
}

interface Pinned {
  readonly profile: string;
  readonly name: string;
  readonly session: SessionManager;
  readonly registration: Registration | undefined;
}

export class PinnedTerminals implements vscode.Disposable {
  private readonly pinned = new Map<string, Pinned>();
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  /** A pinned terminal opened or closed. */
  readonly onDidChange = this.changeEmitter.event;
  private seq = 0;
  private readonly disposables: vscode.Disposable[] = [];
  private wrapper: string | undefined;

  constructor(
    private readonly o: {
      storageDir: string;
      newSession: () => SessionManager;
      register: (session: SessionManager) => Registration | undefined;
      mode: () => ProfileVariableMode;
      log: (msg: string) => void;
    },
  ) {
    this.disposables.push(
      vscode.window.onDidCloseTerminal((t) => {
        const id = pinIdOf(t);
        if (id !== undefined) this.release(id);
      }),
    );
  }

  private wrapperPath(): string {
    if (this.wrapper !== undefined) return this.wrapper;
    fs.mkdirSync(this.o.storageDir, { recursive: true });
    const p = path.join(this.o.storageDir, 'pinned-shell.sh');
    fs.writeFileSync(p, wrapperScript(), { mode: 0o700 });
    fs.chmodSync(p, 0o700);
    this.wrapper = p;
    return p;
  }

  /** Assumes `profile` in a session of its own; the options of a terminal pinned to it. */
  async optionsFor(profile: string): Promise<vscode.TerminalOptions> {
    if (process.platform === 'win32') throw new Error(vscode.l10n.t('Pinned terminals need a POSIX shell (Linux, macOS, WSL, remote).'));
    const session = await assumeInOwnSession(this.o.newSession, profile, { interactive: true });
    const id = `pin-${++this.seq}`;
    const registration = this.o.register(session);
    const name = `AWS: ${profile}`;
    this.pinned.set(id, { profile, name, session, registration });
    this.changeEmitter.fire();
    const env: Record<string, string> = { [PIN_ID]: id, ARS_PIN_SHELL: vscode.env.shell || process.env['SHELL'] || '/bin/sh' };
    const vars = environmentFor(session.snapshot(), this.o.mode(), registration);
    for (const [k, v] of vars) if (v !== '') env[`ARS_PIN_${k}`] = v;
    this.o.log(`opened a terminal pinned to ${profile}${registration !== undefined ? ' (credentials endpoint, always fresh)' : ''}`);
    // Transient: VS Code would otherwise store the launch configuration, env and keys included, to
    // revive the terminal after a reload.
    return { name, iconPath: new vscode.ThemeIcon('cloud'), shellPath: this.wrapperPath(), env, isTransient: true };
  }

  /** The pinned terminals open now, oldest first. */
  list(): Array<{ readonly id: string; readonly profile: string; readonly name: string }> {
    return [...this.pinned].map(([id, p]) => ({ id, profile: p.profile, name: p.name }));
  }

  /** The terminal of a pinned session, if it is still open. */
  terminalOf(id: string): vscode.Terminal | undefined {
    return vscode.window.terminals.find((t) => pinIdOf(t) === id);
  }

  /** Sign Out: every pinned terminal's session ends (its endpoint serves nothing; it renews nothing). */
  signOut(): void {
    for (const p of this.pinned.values()) p.session.signOut();
    if (this.pinned.size > 0) this.o.log(`signed out of ${this.pinned.size} pinned terminal session(s)`);
  }

  /** The config files changed: pinned sessions rebuild their chains at their next refresh. */
  configChanged(): void {
    for (const p of this.pinned.values()) p.session.configChanged();
  }

  private release(id: string): void {
    const p = this.pinned.get(id);
    if (p === undefined) return;
    this.pinned.delete(id);
    p.registration?.dispose();
    p.session.dispose();
    this.changeEmitter.fire();
  }

  dispose(): void {
    for (const id of [...this.pinned.keys()]) this.release(id);
    for (const d of this.disposables) d.dispose();
    this.changeEmitter.dispose();
  }
}
