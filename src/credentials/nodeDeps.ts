/** Node implementations of the file I/O the providers need (processes: nodeProcess.ts, HTTP: nodeHttp.ts). */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import { dirname } from 'node:path';

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
