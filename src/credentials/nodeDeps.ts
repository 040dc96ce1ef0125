/** Node implementations of the file I/O the providers need (processes: nodeProcess.ts, HTTP: nodeHttp.ts). */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
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
