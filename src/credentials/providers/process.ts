/**
 * `credential_process`: runs a command (no shell; split the way the AWS CLI splits it) and reads
 * JSON `{"Version": 1, "AccessKeyId", "SecretAccessKey", "SessionToken"?, "Expiration"?}` from its
 * standard output. Errors include the command's standard error, never its standard output (which
 * may hold secrets).
 */
import { CredentialProvider, Credentials, CredentialsError, Text, text } from '../types';
import { redact } from '../redact';

export interface ProcessResult {
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  /** Standard output went past the cap; the program was stopped. */
  readonly outputTooLarge?: boolean;
  /** Set when the program could not be started (ENOENT, EACCES). */
  readonly spawnError?: string;
}

export interface RunOptions {
  /** A hard deadline: the run settles by then, and the program is stopped. */
  readonly timeoutMs: number;
  /** The environment (default: this process's). */
  readonly env?: Readonly<Record<string, string>>;
  readonly maxStdoutBytes?: number;
}

export type RunProcess = (argv: readonly string[], options: RunOptions) => Promise<ProcessResult>;

/** An RFC 3339 time with its zone, the form every SDK writes (`2030-01-01T00:00:00Z`). */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:?\d{2})$/;

/** The time, or undefined when it is not an RFC 3339 time with a zone, or out of range. */
export function parseIsoTime(s: string): Date | undefined {
  if (!ISO_TIME.test(s)) return undefined;
  const d = new Date(s.replace(' ', 'T'));
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/**
 * POSIX shell-like word splitting (what Python's `shlex.split` does, which the AWS CLI uses):
 * single quotes are literal, double quotes allow `\"` `\\` `\$` `` \` `` escapes, a backslash
 * outside quotes escapes the next character. No expansion of any kind.
 */
export function splitCommand(command: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < command.length; i++) {
    const c = command[i] as string;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else cur += c;
      continue;
    }
    if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && i + 1 < command.length && '"\\$`\n'.includes(command[i + 1] as string)) cur += command[++i];
      else cur += c;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n') {
      if (inWord) out.push(cur);
      cur = '';
      inWord = false;
      continue;
    }
    inWord = true;
    if (c === "'" || c === '"') quote = c;
    else if (c === '\\' && i + 1 < command.length) cur += command[++i];
    else cur += c;
  }
  if (quote !== undefined) throw new Error(`unterminated ${quote === '"' ? 'double' : 'single'} quote`);
  if (inWord) out.push(cur);
  return out;
}

/** credential_process prints one small JSON document; more than this is a mistake. */
const MAX_OUTPUT = 1024 * 1024;

function tail(s: string, max = 500): string {
  const t = s.trim();
  return t.length > max ? `…${t.slice(-max)}` : t;
}

export class ProcessProvider implements CredentialProvider {
  readonly description: string;
  private readonly argv: string[];

  constructor(
    private readonly profile: string,
    command: string,
    private readonly run: RunProcess,
    private readonly timeoutMs = 60_000,
    private readonly accountId?: string,
  ) {
    try {
      this.argv = splitCommand(command);
    } catch (e) {
      throw new CredentialsError(text`The credential_process command cannot be split into words: ${(e as Error).message}.`, {
        code: 'Config',
        profile,
        hint: 'Check the quotes in credential_process.',
      });
    }
    if (this.argv.length === 0)
      throw new CredentialsError('The setting credential_process is empty.', { code: 'Config', profile, hint: 'Name the program to run.' });
    this.description = `credential_process ${this.argv[0] ?? ''} (profile ${profile})`;
  }

  async retrieve(): Promise<Credentials> {
    const program = this.argv[0] as string;
    const fail = (message: Text, hint: Text): CredentialsError => new CredentialsError(message, { code: 'Process', profile: this.profile, hint });
    const r = await this.run(this.argv, { timeoutMs: this.timeoutMs, maxStdoutBytes: MAX_OUTPUT });
    if (r.spawnError !== undefined)
      throw fail(
        text`credential_process could not start ${program}: ${r.spawnError}.`,
        'Check the program path in credential_process (no shell is used: give a full path or a program on PATH).',
      );
    if (r.timedOut)
      throw fail(
        text`credential_process ${program} did not finish within ${Math.round(this.timeoutMs / 1000)} s and was stopped.`,
        'Check that it does not wait for input: it is given none.',
      );
    if (r.outputTooLarge === true)
      throw fail(
        text`credential_process ${program} printed more than ${Math.round(MAX_OUTPUT / 1024)} KiB on standard output and was stopped.`,
        'It must print only the JSON document on standard output; messages belong on standard error.',
      );
    if (r.exitCode !== 0) {
      // Redacted whole, then cut: a cut could leave part of a secret no pattern recognises.
      const err = tail(redact(r.stderr));
      throw fail(
        text`credential_process ${program} exited with ${r.exitCode ?? r.signal ?? 'an error'}${err ? `: ${err}` : ''}.`,
        'Run the command in a terminal to see what it needs.',
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(r.stdout);
    } catch {
      throw fail(
        text`credential_process ${program} did not print valid JSON.`,
        'It must print {"Version": 1, "AccessKeyId": …, "SecretAccessKey": …} on standard output.',
      );
    }
    const o = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
    if (o['Version'] !== 1)
      throw fail(
        text`credential_process ${program} printed Version ${JSON.stringify(o['Version'] ?? null)}; only Version 1 is supported.`,
        'Fix the program output.',
      );
    const akid = o['AccessKeyId'];
    const secret = o['SecretAccessKey'];
    if (typeof akid !== 'string' || akid === '' || typeof secret !== 'string' || secret === '') {
      throw fail(text`credential_process ${program} printed no AccessKeyId or SecretAccessKey.`, 'Fix the program output.');
    }
    const token = o['SessionToken'];
    const exp = o['Expiration'];
    let expiration: Date | undefined;
    if (exp !== undefined && exp !== null) {
      expiration = typeof exp === 'string' ? parseIsoTime(exp) : undefined;
      if (expiration === undefined)
        throw fail(
          text`credential_process ${program} printed an Expiration (${JSON.stringify(exp).slice(0, 40)}) that is not an ISO 8601 time with a zone.`,
          'Print it like 2030-01-01T00:00:00Z.',
        );
    }
    const account = typeof o['AccountId'] === 'string' ? o['AccountId'] : this.accountId;
    return {
      accessKeyId: akid,
      secretAccessKey: secret,
      ...(typeof token === 'string' && token !== '' ? { sessionToken: token } : {}),
      ...(expiration !== undefined ? { expiration } : {}),
      ...(account !== undefined ? { accountId: account } : {}),
    };
  }
}
