/**
 * Reads the shared files (through an injected reader) and builds the profile set. A file that is
 * missing counts as empty; one that cannot be read is a diagnostic, never an exception.
 */
import { isUtf8 } from 'node:buffer';
import { createHash, Hash } from 'node:crypto';
import { Diagnostic, parseProfileFile, parseProfileFileSteps } from './parser';
import { Env, FileLocations, Platform, displayPath, fileLocations, homeDir } from './locations';
import { FileKind, ProfileSet, Property, Section, buildProfileSetSteps } from './profiles';
import { Steps, runAll } from './steps';

/** Reads a whole file. Rejects with a Node-style error (`code`: ENOENT, EACCES, EISDIR, …). */
export type ReadFile = (path: string) => Promise<Uint8Array>;

export interface LoadOptions {
  readonly env: Env;
  readonly platform: Platform;
  /** The OS's home directory, used when the environment names none. */
  readonly osHome?: string;
  readonly readFile: ReadFile;
  /** Runs the parse in steps (the editor runs it in slices); default: at once. */
  readonly run?: <T>(g: Steps<T>) => Promise<T>;
}

export interface LoadedConfig extends ProfileSet {
  readonly locations: FileLocations;
  readonly home: string | undefined;
  /** Display path (`~/.aws/config`) → absolute path, for "open the file at line N". */
  readonly files: ReadonlyMap<string, string>;
  /**
   * What was read (each file's path and bytes, or why it could not be read): two reads with the
   * same fingerprint give the same profiles, so a watcher's second look at an unchanged file
   * changes nothing downstream.
   */
  readonly fingerprint?: string;
}

function errorCode(e: unknown): string | undefined {
  if (typeof e === 'object' && e !== null && 'code' in e) {
    const c = (e as { code: unknown }).code;
    return typeof c === 'string' ? c : undefined;
  }
  return undefined;
}

/**
 * Reads one file and checks that it is UTF-8 text; problems become diagnostics and an empty text.
 * The text is returned in the parser's byte form (the UTF-8 bytes one per character, see
 * `TextForm`), in pieces (see `latin1Pieces`): the parser decodes only the strings it hands out.
 */
async function readProfileText(
  path: string,
  shown: string,
  fromEnv: string | undefined,
  readFile: ReadFile,
  diagnostics: Diagnostic[],
  seen: Hash,
): Promise<string | string[]> {
  const problem = (message: string, hint: string): string => {
    diagnostics.push({ file: shown, line: 0, severity: 'error', message, hint });
    return '';
  };
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const code = errorCode(e);
    seen.update(`${path}\0!${code ?? ''}\0`);
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      if (fromEnv !== undefined) {
        diagnostics.push({
          file: shown,
          line: 0,
          severity: 'warning',
          message: `File not found (named by ${fromEnv})`,
          hint: `Create the file or correct ${fromEnv}.`,
        });
      }
      return '';
    }
    if (code === 'EACCES' || code === 'EPERM')
      return problem('Cannot read the file: permission denied', `Check the file's owner and mode (for example: chmod 600 ${shown}).`);
    if (code === 'EISDIR')
      return problem(
        'Cannot read the file: it is a directory',
        fromEnv !== undefined ? `Point ${fromEnv} at a file.` : 'Move the directory away and create a file there.',
      );
    if (code === 'EINVAL') return problem('Cannot read the file: it is not a regular file (a pipe or a device)', 'Put a regular file there.');
    if (code === 'EFBIG')
      return problem('Cannot read the file: it is larger than 64 MB', 'AWS config files are small text files; check what was written there.');
    return problem(`Cannot read the file (${code ?? 'unknown error'})`, 'Check that the file exists and is readable.');
  }
  seen.update(`${path}\0${bytes.byteLength}\0`).update(bytes);
  if (bytes.includes(0))
    return problem('Not a text file (it contains NUL bytes)', 'AWS config files are UTF-8 text; restore the file from a backup or recreate it.');
  if (!isUtf8(bytes)) return problem('Not a UTF-8 text file', 'Save the file as UTF-8.');
  return latin1Pieces(bytes);
}

/** Pieces of about this size: well under the 128 KB where V8 puts a string in its large-object space. */
const PIECE_BYTES = 64 * 1024;

/**
 * The bytes as Latin-1 strings of about `PIECE_BYTES`, each cut before a line that starts with '['
 * (a section header, where the parser's sections begin). Node makes a string of 128 KB to ~1 MB
 * in V8's large-object space, on fresh memory: 3.3 ms for a 1 MB file here, against 0.1 ms for
 * sixteen pieces of 64 KB (measured with `Buffer.toString('latin1')`, Node 20). A file with no
 * such line stays one piece.
 */
export function latin1Pieces(bytes: Uint8Array, pieceBytes = PIECE_BYTES): string[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const pieces: string[] = [];
  let start = 0;
  while (buf.length - start > pieceBytes) {
    const cut = buf.indexOf('\n[', start + pieceBytes, 'latin1');
    if (cut < 0) break;
    pieces.push(buf.toString('latin1', start, cut + 1));
    start = cut + 1;
  }
  pieces.push(buf.toString('latin1', start, buf.length));
  return pieces;
}

export async function loadConfig(options: LoadOptions): Promise<LoadedConfig> {
  const { env, platform, readFile } = options;
  const run = options.run ?? (<T>(g: Steps<T>): Promise<T> => Promise.resolve(runAll(g)));
  const locations = fileLocations(env, platform, options.osHome);
  const home = homeDir(env, platform, options.osHome);
  const diagnostics: Diagnostic[] = [];
  const files = new Map<string, string>();
  const parsed: Array<{ raw: ReturnType<typeof parseProfileFile>; kind: FileKind }> = [];
  // SHA-1 only tells reads apart (no adversary chooses both): 0.7 ms for 1 MB here.
  const seen = createHash('sha1');
  for (const kind of ['config', 'credentials'] as const) {
    const loc = locations[kind];
    const shown = displayPath(loc.path, home);
    files.set(shown, loc.path);
    const text = await readProfileText(loc.path, shown, loc.fromEnv, readFile, diagnostics, seen);
    parsed.push({ raw: await run(parseProfileFileSteps(text, shown, 'utf8-bytes')), kind });
  }
  const set = await run(buildProfileSetSteps(parsed));
  addEnvironmentWebIdentity(set.profiles, env);
  return { ...set, diagnostics: [...diagnostics, ...set.diagnostics], locations, home, files, fingerprint: seen.digest('hex') };
}

/** The name under which AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN appear (`$` cannot occur in a file's profile names). */
export const ENV_WEB_IDENTITY_PROFILE = '$env:web-identity';

/**
 * `AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN` (+ `AWS_ROLE_SESSION_NAME`) in VS Code's
 * environment (EKS, CI runners) become a profile of their own.
 */
function addEnvironmentWebIdentity(profiles: Map<string, Section>, env: Env): void {
  const tokenFile = env['AWS_WEB_IDENTITY_TOKEN_FILE'];
  const roleArn = env['AWS_ROLE_ARN'];
  if (!tokenFile || !roleArn) return;
  const origin = { file: 'environment', line: 0 };
  const props: Array<[string, string | undefined]> = [
    ['web_identity_token_file', tokenFile],
    ['role_arn', roleArn],
    ['role_session_name', env['AWS_ROLE_SESSION_NAME'] || undefined],
    ['region', env['AWS_REGION'] || env['AWS_DEFAULT_REGION'] || undefined],
  ];
  const properties = new Map<string, Property>();
  for (const [key, value] of props) if (value !== undefined) properties.set(key, { key, value, file: origin.file, line: origin.line });
  profiles.set(ENV_WEB_IDENTITY_PROFILE, { name: ENV_WEB_IDENTITY_PROFILE, origin, properties });
}

/** `file:line: message. hint` — the one-line form used in logs and notifications. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line > 0 ? `${d.file}:${d.line}` : d.file;
  return `${where}: ${d.message}${d.hint !== undefined ? `. ${d.hint}` : ''}`;
}
