/**
 * The one way the extension replaces a file of the person's (`~/.aws/config`, the AWS CLI's and
 * IAM Identity Center's caches):
 * - through symbolic links to their final target (stow, chezmoi and home-manager link dotfiles;
 *   replacing the link would leave the dotfile behind, unchanged);
 * - folders that are missing are made owner-only (0700), a new file owner-only (0600), an
 *   existing file keeps its mode (a file of secrets, its owner's bits only);
 * - written beside the target and renamed over it, so a reader never sees half a file;
 * - with `expect`, the target is read again just before the rename and nothing is written when
 *   it changed since the caller read it (another program's write is never lost).
 */
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, open, readFile, readlink, rename, rm, stat } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';

/** The file changed between the caller's read and the write; nothing was written. */
export class ChangedMeanwhileError extends Error {
  constructor(readonly path: string) {
    super(`${path} changed while this change was prepared; nothing was written.`);
    this.name = 'ChangedMeanwhileError';
  }
}

/** Links followed before giving up (Linux's own limit, MAXSYMLINKS, is 40). */
const MAX_LINKS = 40;

/** The file a path finally names, following links (also a link whose target does not exist yet). */
export async function linkTarget(path: string): Promise<string> {
  let p = resolve(path);
  for (let i = 0; i < MAX_LINKS; i++) {
    const st = await lstat(p).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return undefined;
      throw e;
    });
    if (st === undefined || !st.isSymbolicLink()) return p;
    const to = await readlink(p);
    p = isAbsolute(to) ? to : resolve(dirname(p), to);
  }
  throw Object.assign(new Error(`${path}: too many levels of symbolic links`), { code: 'ELOOP' });
}

/** A file's text, or '' when it does not exist. */
export async function readOrEmpty(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw e;
  }
}

export interface WriteOptions {
  /** The mode of a new file (an existing one keeps its own). Default 0600. */
  readonly newFileMode?: number;
  /** The text the caller planned from ('' for a missing file): checked just before the rename. */
  readonly expect?: string;
  /** A file of secrets (a cache of tokens or keys): its mode keeps the owner's bits only, as the AWS CLI writes them. */
  readonly secret?: boolean;
}

export async function writeFileThroughLinks(path: string, text: string, o: WriteOptions = {}): Promise<void> {
  const target = await linkTarget(path);
  await mkdir(dirname(target), { recursive: true, mode: 0o700 });
  const existing = await stat(target).catch(() => undefined);
  if (existing !== undefined && !existing.isFile()) throw new Error(`${path} is not a regular file; nothing was written.`);
  const kept = existing !== undefined ? existing.mode & 0o7777 : (o.newFileMode ?? 0o600);
  const mode = o.secret === true ? kept & 0o700 : kept;
  const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const fh = await open(tmp, 'wx', 0o600);
    try {
      await fh.writeFile(text);
      await fh.chmod(mode);
      await fh.sync();
    } finally {
      await fh.close();
    }
    if (o.expect !== undefined && (await readOrEmpty(target)) !== o.expect) throw new ChangedMeanwhileError(path);
    await rename(tmp, target);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
