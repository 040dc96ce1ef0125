/**
 * Does the user's shell start-up (~/.bashrc, ~/.zshrc, config.fish…) export AWS_PROFILE? It runs
 * after VS Code built a terminal's environment, so a profile it names would win over the role's keys
 * in the AWS SDK for JavaScript — another identity. Asked the way VS Code itself resolves a shell's
 * environment: the shell, interactive, prints the variable and exits.
 */
import { nodeRunProcess } from '../credentials/nodeProcess';

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

/** On the providers' runner: a hard deadline, the shell's whole process group stopped after it. */
export const nodeRunShell: RunShell = async (argv, env, timeoutMs) => {
  const r = await nodeRunProcess(argv, { timeoutMs, env, maxStdoutBytes: 65_536 });
  return r.timedOut || r.spawnError !== undefined ? undefined : r.stdout;
};
