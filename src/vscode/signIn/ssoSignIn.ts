/**
 * Signing in to IAM Identity Center: runs `aws sso login --profile P` (the AWS CLI's own flow,
 * whose token cache the extension reads) in a terminal the person sees — the CLI opens the
 * browser or prints the URL and code there. Resolves true when the CLI succeeded, so the caller
 * can retry what needed the sign-in.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import * as vscode from 'vscode';
import { findAwsCliV2, ssoLoginArgs } from '../../credentials/signIn/awsCli';
import { nodeRunProcess } from '../../credentials/nodeProcess';
import { Log } from '../log';

const isExecutable = (p: string): Promise<boolean> =>
  access(p, constants.X_OK).then(
    () => true,
    () => false,
  );

export class SsoSignIn {
  /** One sign-in per profile at a time: a second request joins the first. */
  private readonly running = new Map<string, Promise<boolean>>();
  /** Sign-in terminals whose CLI has ended, left open for the person to read. */
  private readonly finished = new Set<vscode.Terminal>();

  constructor(
    private readonly log: Log,
    private readonly cliPath: () => string,
  ) {}

  signIn(profile: string): Promise<boolean> {
    return this.once(profile, 'profile');
  }

  /** `aws sso login --sso-session S`: the sign-in of a session no profile uses yet (the import). */
  signInSession(session: string): Promise<boolean> {
    return this.once(session, 'sso-session');
  }

  private once(target: string, as: 'profile' | 'sso-session'): Promise<boolean> {
    const key = `${as}:${target}`;
    const existing = this.running.get(key);
    if (existing !== undefined) return existing;
    const p = this.run(target, as).finally(() => this.running.delete(key));
    this.running.set(key, p);
    return p;
  }

  private run(profile: string, as: 'profile' | 'sso-session'): Promise<boolean> {
    const configured = this.cliPath();
    const write = new vscode.EventEmitter<string>();
    const close = new vscode.EventEmitter<number | void>();
    const out = (s: string): void => write.fire(s.replace(/\r?\n/g, '\r\n'));
    let child: ChildProcess | undefined;
    let finished = false;
    let terminal: vscode.Terminal | undefined;
    return new Promise<boolean>((resolve) => {
      const finish = (ok: boolean, message: string): void => {
        if (finished) return;
        finished = true;
        resolve(ok);
        // The terminal stays until the person closes it, as a task's does: closing it by itself moved
        // the keyboard (VS Code hides the panel when its last terminal closes, and hiding the panel
        // focuses the editor), which closed whatever the person had opened since (the command palette, a picker).
        const colour = ok ? 32 : 31;
        out(`\n\x1b[${colour}m${message}\x1b[0m\n${vscode.l10n.t('Press any key to close this terminal.')}\n`);
        if (terminal !== undefined) this.finished.add(terminal);
      };
      const pty: vscode.Pseudoterminal = {
        onDidWrite: write.event,
        onDidClose: close.event,
        open: () => {
          out(`\x1b[2mLooking for AWS CLI v2 ("${configured}")…\x1b[0m\n`);
          (async () => {
            const found = await findAwsCliV2(configured, {
              runProcess: nodeRunProcess,
              isExecutable,
              env: process.env,
              platform: process.platform === 'win32' ? 'windows' : 'posix',
            });
            if (finished) return; // closed while looking
            if (!found.ok) {
              this.log.error(`sign-in for ${profile}: ${found.message}`);
              finish(false, found.message);
              return;
            }
            const cli = found.path;
            const args = ssoLoginArgs(profile, found.version, vscode.env.remoteName !== undefined, as);
            if (found.skipped.length > 0) out(`\x1b[2mPassed over AWS CLI v1: ${found.skipped.join(', ')}\x1b[0m\n`);
            out(`\x1b[1m${cli} ${args.join(' ')}\x1b[0m  \x1b[2m(AWS CLI ${found.version})\x1b[0m\n\n`);
            this.log.info(`signing in: ${cli} ${args.join(' ')} (AWS CLI ${found.version})`);
            child = spawn(cli, args, { env: { ...process.env, PYTHONUNBUFFERED: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
            child.stdout?.on('data', (b: Buffer) => out(b.toString('utf8')));
            child.stderr?.on('data', (b: Buffer) => out(b.toString('utf8')));
            child.on('error', (e: NodeJS.ErrnoException) => {
              const what = vscode.l10n.t('Could not run "{0}": {1}.', cli, e.message);
              this.log.error(`sign-in for ${profile}: ${what}`);
              finish(false, what);
            });
            child.on('close', (code, signal) => {
              if (code === 0) {
                this.log.info(`signed in for ${profile}`);
                finish(true, vscode.l10n.t('Signed in.'));
              } else {
                const how = signal !== null ? `was stopped (${signal})` : `failed (exit code ${code ?? '?'})`;
                this.log.warn(`sign-in for ${profile}: aws sso login ${how}`);
                finish(false, `aws sso login ${how}.`);
              }
            });
          })().catch((e: unknown) => {
            // Nothing above should throw; if it does, the terminal says so instead of hanging.
            const what = vscode.l10n.t('Could not start the sign-in: {0}.', e instanceof Error ? e.message : String(e));
            this.log.error(`sign-in for ${profile}: ${what}`);
            finish(false, what);
          });
        },
        handleInput: (data) => {
          if (finished) close.fire();
          else if (data === '\x03') child?.kill('SIGINT');
          else child?.stdin?.write(data.replace(/\r/g, '\n'));
        },
        close: () => {
          if (terminal !== undefined) this.finished.delete(terminal);
          if (!finished) {
            child?.kill();
            finished = true;
            resolve(false);
          }
          write.dispose();
          close.dispose();
        },
      };
      terminal = vscode.window.createTerminal({
        name: vscode.l10n.t('AWS sign-in: {0}', profile),
        pty,
        iconPath: new vscode.ThemeIcon('key'),
        isTransient: true,
      });
      // Shown, not focused: VS Code focuses a terminal once it is ready, which on a busy machine is
      // seconds later, and that closed whatever the person had open by then (the import's list of
      // roles, the command palette). What needs an answer after the sign-in has focus of its own.
      terminal.show(true);
      // Earlier sign-ins' finished terminals give way to this one (the panel stays: this one is in it).
      for (const done of this.finished) done.dispose();
      this.finished.clear();
    });
  }
}
