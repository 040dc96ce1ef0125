/**
 * Runs a program the way the providers and the shell probe need it: no shell, no stdin, and always
 * settled by a hard deadline. At the deadline the program's whole process group gets SIGTERM and, if
 * it is still there two seconds later, SIGKILL — a program that ignores SIGTERM cannot keep a refresh
 * "refreshing" forever. A background child that keeps the output pipe open after the program exited
 * does not hold the result up either, and output beyond a cap ends the run instead of filling memory.
 * When the extension is disposed (window reload or close), `endRunningProcesses` ends every program
 * still running the same way: its own process group would otherwise outlive the window.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { ProcessResult, RunProcess } from './providers/process';

/** Standard output beyond this ends the run: credential_process prints one small JSON document. */
export const MAX_STDOUT_BYTES = 1024 * 1024;
/** Of standard error only the end is kept: that is where programs say what went wrong. */
const MAX_STDERR_CHARS = 64 * 1024;
/** After SIGTERM, how long a program has to exit before SIGKILL. */
export const KILL_GRACE_MS = 2_000;
/** After the program exited, how long its output may still take to arrive. */
const DRAIN_MS = 250;

const POSIX = process.platform !== 'win32';

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    // Its own process group (detached): the program and whatever it started.
    if (POSIX && child.pid !== undefined) process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    /* already gone */
  }
}

/** Programs started and not yet ended, with the way to end each (SIGTERM, then SIGKILL). */
const running = new Map<ChildProcess, () => Promise<void>>();

/**
 * Ends every program still running (dispose): SIGTERM to each process group, SIGKILL to those still
 * there after the grace time. Resolves when all are gone or killed.
 */
export async function endRunningProcesses(): Promise<void> {
  await Promise.all([...running.values()].map((end) => end()));
}

/** How many programs are running now (for tests and the log). */
export function runningProcessCount(): number {
  return running.size;
}

export const nodeRunProcess: RunProcess = (argv, { timeoutMs, env, maxStdoutBytes = MAX_STDOUT_BYTES }) =>
  new Promise<ProcessResult>((resolve) => {
    const [file, ...args] = argv;
    let child: ChildProcess;
    try {
      child = spawn(file as string, args, {
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: POSIX,
        windowsHide: true,
        shell: false,
        ...(env !== undefined ? { env } : {}),
      });
    } catch (e) {
      resolve({ exitCode: null, signal: null, stdout: '', stderr: '', timedOut: false, spawnError: (e as NodeJS.ErrnoException).code ?? 'EINVAL' });
      return;
    }
    running.set(child, () => {
      running.delete(child);
      return new Promise<void>((done) => {
        // SIGTERM to the group; SIGKILL to what is left of it (what the program started too) once
        // the program exited, or after the grace time.
        const kill = (): void => {
          clearTimeout(hard);
          signalGroup(child, 'SIGKILL');
          done();
        };
        const hard = setTimeout(kill, KILL_GRACE_MS);
        signalGroup(child, 'SIGTERM');
        if (exited) kill();
        else child.once('exit', kill);
      });
    });
    const out: Buffer[] = [];
    let outBytes = 0;
    let err = '';
    let exitCode: number | null = null;
    let signal: string | null = null;
    let timedOut = false;
    let outputTooLarge = false;
    let spawnError: string | undefined;
    let settled = false;
    let exited = false;
    let drain: NodeJS.Timeout | undefined;
    let kill: NodeJS.Timeout | undefined;

    const finish = (): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      if (drain !== undefined) clearTimeout(drain);
      child.stdout?.destroy();
      child.stderr?.destroy();
      resolve({
        exitCode,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: err,
        timedOut,
        ...(outputTooLarge ? { outputTooLarge } : {}),
        ...(spawnError !== undefined ? { spawnError } : {}),
      });
    };
    const stop = (): void => {
      signalGroup(child, 'SIGTERM');
      if (exited) return;
      kill = setTimeout(() => signalGroup(child, 'SIGKILL'), KILL_GRACE_MS);
      kill.unref();
    };

    const deadline = setTimeout(() => {
      timedOut = true;
      stop();
      finish();
    }, timeoutMs);

    child.stdout?.on('data', (c: Buffer) => {
      if (settled) return;
      outBytes += c.length;
      if (outBytes > maxStdoutBytes) {
        outputTooLarge = true;
        stop();
        finish();
        return;
      }
      out.push(c);
    });
    child.stderr?.on('data', (c: Buffer) => {
      err += c.toString('utf8');
      if (err.length > 2 * MAX_STDERR_CHARS) err = err.slice(-MAX_STDERR_CHARS);
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      running.delete(child);
      spawnError = e.code ?? 'EINVAL';
      finish();
    });
    child.on('exit', (code, sig) => {
      exited = true;
      running.delete(child);
      if (kill !== undefined) clearTimeout(kill);
      exitCode = code;
      signal = sig;
      // What is still in the pipe comes within moments; a background child holding it does not count.
      drain = setTimeout(finish, DRAIN_MS);
    });
    child.on('close', () => {
      if (exited) finish();
    });
  }).then((r) => (r.stderr.length > MAX_STDERR_CHARS ? { ...r, stderr: r.stderr.slice(-MAX_STDERR_CHARS) } : r));
