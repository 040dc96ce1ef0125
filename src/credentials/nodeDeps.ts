/** Node implementations of the file I/O the providers need (processes: nodeProcess.ts, HTTP: nodeHttp.ts). */
import { constants } from 'node:fs';
import { mkdir, open, rm, stat } from 'node:fs/promises';
import * as os from 'node:os';
import { dirname } from 'node:path';
import { writeFileThroughLinks } from './nodeFileWrite';

/** Config files: far above any real one (the engine is benchmarked at 1 MB, tested to 10 MB). */
export const MAX_CONFIG_BYTES = 64 * 1024 * 1024;
/** Cache entries, tokens and token files: a few KB when real. */
export const MAX_CACHE_BYTES = 1024 * 1024;

/**
 * Reads a regular file of at most `maxBytes`. Anything else is refused at once: a FIFO (opened
 * non-blocking, so no writer is waited for), a device, a folder, or a file larger than the cap
 * (also one that grows past it while read).
 */
export async function readBoundedFile(path: string, maxBytes: number): Promise<Uint8Array> {
  const fh = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw Object.assign(new Error(`${path} is not a regular file`), { code: 'EINVAL' });
    if (st.size > maxBytes) throw Object.assign(new Error(`${path} is larger than ${maxBytes} bytes`), { code: 'EFBIG' });
    const buf = Buffer.alloc(Math.min(st.size, maxBytes) + 1);
    let n = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, n, buf.length - n, n);
      if (bytesRead === 0) break;
      n += bytesRead;
      if (n === buf.length) {
        if (n > maxBytes) throw Object.assign(new Error(`${path} is larger than ${maxBytes} bytes`), { code: 'EFBIG' });
        break;
      }
    }
    return buf.subarray(0, n);
  } finally {
    await fh.close();
  }
}

export const nodeReadFile = (path: string): Promise<Uint8Array> => readBoundedFile(path, MAX_CONFIG_BYTES);
export const nodeReadCacheFile = (path: string): Promise<Uint8Array> => readBoundedFile(path, MAX_CACHE_BYTES);
export const nodeReadCacheText = async (path: string): Promise<string> => new TextDecoder().decode(await nodeReadCacheFile(path));

/**
 * Replaces a cache file (owner-only when new): through links, written beside its target, then
 * renamed over it, so a reader (the AWS CLI) never sees half a file.
 */
export function nodeWriteTextPrivate(path: string, text: string): Promise<void> {
  return writeFileThroughLinks(path, text, { newFileMode: 0o600, secret: true });
}

/** A lock older than this was left by a window that died while renewing; it is taken over. */
export const STALE_LOCK_MS = 30_000;

/**
 * Takes a lock file beside the file it guards (created exclusively, owner-only), so that two VS Code
 * windows do not renew one IAM Identity Center token at once. Undefined: another holds it. Where no
 * lock can be made (a read-only folder), the caller goes on without one.
 */
export async function nodeTryLock(path: string): Promise<(() => Promise<void>) | undefined> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      const fh = await open(path, 'wx', 0o600);
      await fh.writeFile(String(process.pid));
      await fh.close();
      return () => rm(path, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return () => Promise.resolve();
      const st = await stat(path).catch(() => undefined);
      if (st !== undefined && Date.now() - st.mtimeMs < STALE_LOCK_MS) return undefined;
      await rm(path, { force: true });
    }
  }
  return undefined;
}

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
