/**
 * Does the user's shell start-up (~/.bashrc, ~/.zshrc, config.fish…) export AWS_PROFILE? It runs
 * after VS Code built a terminal's environment, so a profile it names would win over the role's keys
 * in the AWS SDK for JavaScript — another identity. Asked the way VS Code itself resolves a shell's
 * environment: the shell, interactive, prints the variable and exits.
 */
import { spawn } from 'node:child_process';

/** Runs argv with env, no stdin; resolves with stdout, or undefined on failure or time-out. */
export type RunShell = (argv: readonly string[], env: Readonly<Record<string, string>>, timeoutMs: number) => Promise<string | undefined>;

const MARK = '__ARS_AWS_PROFILE';
/** Between markers, so whatever the start-up files print around it is ignored. */
const PRINT = `printf '\\n${MARK}<%s>\\n' "$AWS_PROFILE"`;
const SHELLS = new Set(['bash', 'zsh', 'fish', 'ksh', 'mksh', 'sh', 'dash']);

/** The command that asks `shellPath`, or undefined for shells it cannot ask (PowerShell, cmd). */
export function probeArgv(shellPath: string, platform: NodeJS.Platform): string[] | undefined {
  const name = shellPath.split(/[\\/]/).pop() ?? '';
  if (!SHELLS.has(name)) return undefined;
  // VS Code starts login shells on macOS and non-login shells elsewhere.
  return [shellPath, ...(platform === 'darwin' ? ['-l'] : []), '-i', '-c', PRINT];
}

/** The profile the shell's start-up files export (undefined: none, or the shell could not be asked). */
export async function shellSetsProfile(
  shellPath: string,
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform,
  run: RunShell,
  timeoutMs = 10_000,
): Promise<string | undefined> {
  const argv = probeArgv(shellPath, platform);
  if (argv === undefined) return undefined;
  // Without the variables VS Code would pass on, only what the start-up files set comes back.
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && k !== 'AWS_PROFILE' && k !== 'AWS_DEFAULT_PROFILE') clean[k] = v;
  // As in a VS Code terminal, so `[ "$TERM_PROGRAM" = vscode ] || export AWS_PROFILE=…` counts as no export.
  clean['TERM_PROGRAM'] = 'vscode';
  const out = await run(argv, clean, timeoutMs);
  if (out === undefined) return undefined;
  const all = [...out.matchAll(new RegExp(`${MARK}<([^>\\n]*)>`, 'g'))];
  const value = all.at(-1)?.[1];
  return value !== undefined && value !== '' ? value : undefined;
}

export const nodeRunShell: RunShell = (argv, env, timeoutMs) =>
  new Promise((resolve) => {
    const [file, ...args] = argv;
    let out = '';
    let done = false;
    const finish = (v: string | undefined): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(v);
    };
    const child = spawn(file as string, args, { env, stdio: ['ignore', 'pipe', 'ignore'], detached: process.platform !== 'win32' });
    const timer = setTimeout(() => {
      // The whole process group: start-up files may have started children of their own.
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
      finish(undefined);
    }, timeoutMs);
    child.stdout.on('data', (c: Buffer) => {
      if (out.length < 65_536) out += c.toString('utf8');
    });
    child.on('error', () => finish(undefined));
    child.on('close', () => finish(out));
  });
