/** Node implementations of the I/O the providers need (files, processes, HTTP). */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import { dirname } from 'node:path';
import * as http from 'node:http';
import * as https from 'node:https';
import { HttpRequest } from './providers/containers';
import { RunProcess } from './providers/process';

export const nodeReadFile = (path: string): Promise<Uint8Array> => readFile(path);

/**
 * Replaces a file readable by its owner only: written beside it, then renamed over it, so a reader
 * (the AWS CLI) never sees half a file.
 */
export async function nodeWriteTextPrivate(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, text, { mode: 0o600 });
    await chmod(tmp, 0o600);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

export const nodeRunProcess: RunProcess = (argv, { timeoutMs }) =>
  new Promise((resolve) => {
    const [file, ...args] = argv;
    execFile(file as string, args, { timeout: timeoutMs, maxBuffer: 1024 * 1024, windowsHide: true, shell: false }, (err, stdout, stderr) => {
      const e = err as (NodeJS.ErrnoException & { killed?: boolean; signal?: string | null }) | null;
      if (e !== null && typeof e.code === 'string') {
        resolve({ exitCode: null, signal: null, stdout: '', stderr: String(stderr), timedOut: false, spawnError: e.code });
        return;
      }
      resolve({
        exitCode: e === null ? 0 : typeof e.code === 'number' ? e.code : null,
        signal: e?.signal ?? null,
        stdout: String(stdout),
        stderr: String(stderr),
        timedOut: e?.killed === true && e.signal === 'SIGTERM',
      });
    });
  });

export const nodeHttp: HttpRequest = (url, { method, headers, body, timeoutMs }) =>
  new Promise((resolve, reject) => {
    const u = new URL(url);
    const lib = u.protocol === 'https:' ? https : http;
    const req = lib.request(u, { method, headers, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });

let cachedUserName: { value: string | undefined } | undefined;

/** The OS user name (for default session names), read once. */
export function nodeUserName(): string | undefined {
  if (cachedUserName === undefined) {
    let value: string | undefined;
    try {
      value = os.userInfo().username;
    } catch {
      value = process.env['USER'] ?? process.env['USERNAME'];
    }
    cachedUserName = { value };
  }
  return cachedUserName.value;
}
