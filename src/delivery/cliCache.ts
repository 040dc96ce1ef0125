/**
 * The AWS CLI's own role-session cache (`~/.aws/cli/cache/<key>.json`), so one MFA code serves VS
 * Code and every `aws` command in any shell. Read from the installed CLI's botocore
 * (`BaseAssumeRoleCredentialFetcher._create_cache_key`, `JSONFileCache`):
 * - the key is the SHA-1 of `json.dumps(args, sort_keys=True)` over AssumeRole's arguments as the
 *   profile states them (RoleArn, and RoleSessionName, ExternalId, SerialNumber, DurationSeconds
 *   when the profile sets them), with `:` and `/` made file-safe;
 * - the file is the AssumeRole response as JSON, its Expiration written `2026-11-27T04:00:00UTC`;
 * - the CLI uses a cached session while more than 15 minutes are left.
 * Files are written owner-only and by rename; nothing here ever fails a credential retrieval.
 */
import { createHash } from 'node:crypto';
import { accountOfArn } from '../credentials/arn';
import { RoleCacheArgs, RoleSessionCache } from '../credentials/providers/assumeRole';
import { parseIsoTime } from '../credentials/providers/process';
import { SsoCacheArgs, SsoRoleCache } from '../credentials/providers/sso';
import { cliTime } from '../credentials/providers/ssoToken';
import { Credentials, Now } from '../credentials/types';

/** The CLI's expiry window for cached sessions (CachedCredentialFetcher.DEFAULT_EXPIRY_WINDOW_SECONDS). */
export const CLI_CACHE_WINDOW_MS = 15 * 60 * 1000;

/** A JSON string as Python's json.dumps writes it (ensure_ascii: every non-ASCII code unit as \uXXXX). */
function pyString(s: string): string {
  return JSON.stringify(s).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `json.dumps(args, sort_keys=True)`: keys sorted, ", " and ": " between items. */
function pyDumps(o: Record<string, string | number>): string {
  const keys = Object.keys(o).sort();
  return `{${keys.map((k) => `${pyString(k)}: ${typeof o[k] === 'number' ? String(o[k]) : pyString(o[k] as string)}`).join(', ')}}`;
}

/** The file name (without `.json`) the CLI keys a role's sessions by. */
export function cliCacheKey(a: RoleCacheArgs): string {
  const args: Record<string, string | number> = { RoleArn: a.roleArn };
  if (a.roleSessionName !== undefined) args['RoleSessionName'] = a.roleSessionName;
  if (a.externalId !== undefined) args['ExternalId'] = a.externalId;
  if (a.serialNumber !== undefined) args['SerialNumber'] = a.serialNumber;
  if (a.durationSeconds !== undefined) args['DurationSeconds'] = a.durationSeconds;
  const hash = createHash('sha1').update(pyDumps(args), 'utf8').digest('hex');
  return hash.replace(/[:/\\]/g, '_');
}

/**
 * The file name the CLI keys IAM Identity Center role credentials by (SSOCredentialFetcher): the
 * SHA-1 of the compact sorted JSON of accountId, roleName and sessionName (or startUrl).
 */
export function cliSsoCacheKey(a: SsoCacheArgs): string {
  const args: Record<string, string> = { accountId: a.accountId, roleName: a.roleName };
  if (a.sessionName !== undefined && a.sessionName !== '') args['sessionName'] = a.sessionName;
  else args['startUrl'] = a.startUrl;
  const json = `{${Object.keys(args)
    .sort()
    .map((k) => `${pyString(k)}:${pyString(args[k] as string)}`)
    .join(',')}}`;
  return createHash('sha1').update(json, 'utf8').digest('hex');
}

/** `2026-11-27T04:00:00UTC` (what the CLI writes for role sessions), or an ISO 8601 time with a zone. */
function parseCliTime(s: unknown): Date | undefined {
  return typeof s === 'string' ? parseIsoTime(s.trim().replace(/UTC$/, 'Z')) : undefined;
}

/** The role-session form: JSONFileCache's `strftime('%Y-%m-%dT%H:%M:%S%Z')` of a UTC time. */
function roleCacheTime(d: Date): string {
  return `${d.toISOString().slice(0, 19)}UTC`;
}

export interface CliRoleCacheOptions {
  /** `~/.aws/cli/cache` */
  readonly dir: string;
  readonly readText: (path: string) => Promise<string>;
  /** Replaces a file, owner-only, by rename. */
  readonly writeText: (path: string, text: string) => Promise<void>;
  readonly now: Now;
  readonly log?: (message: string) => void;
}

export class CliRoleCache implements RoleSessionCache, SsoRoleCache {
  /** Files this window wrote or used: Sign Out removes them, so the CLI forgets the sessions too. */
  private readonly touched = new Set<string>();

  constructor(private readonly o: CliRoleCacheOptions & { readonly remove?: (path: string) => Promise<void> }) {}

  /** Removes the cached sessions this window wrote or used (Sign Out). */
  async forgetAll(): Promise<void> {
    const files = [...this.touched];
    this.touched.clear();
    for (const f of files) await this.o.remove?.(f).catch(() => undefined);
  }

  private file(a: RoleCacheArgs): string {
    return `${this.o.dir}/${cliCacheKey(a)}.json`;
  }

  load(a: RoleCacheArgs): Promise<Credentials | undefined> {
    return this.read(this.file(a), a.roleArn);
  }

  loadSso(a: SsoCacheArgs): Promise<Credentials | undefined> {
    return this.read(`${this.o.dir}/${cliSsoCacheKey(a)}.json`, `${a.accountId}/${a.roleName}`);
  }

  async storeSso(a: SsoCacheArgs, c: Credentials): Promise<void> {
    if (c.sessionToken === undefined || c.expiration === undefined) return;
    // As SSOCredentialFetcher writes it; `aws sso logout` removes files of ProviderType "sso".
    const body = {
      ProviderType: 'sso',
      Credentials: {
        AccessKeyId: c.accessKeyId,
        SecretAccessKey: c.secretAccessKey,
        SessionToken: c.sessionToken,
        Expiration: cliTime(c.expiration.getTime()),
      },
    };
    await this.write(`${this.o.dir}/${cliSsoCacheKey(a)}.json`, JSON.stringify(body));
  }

  private async read(path: string, what: string): Promise<Credentials | undefined> {
    let text: string;
    try {
      text = await this.o.readText(path);
    } catch {
      return undefined;
    }
    try {
      const o = JSON.parse(text) as { Credentials?: Record<string, unknown>; AssumedRoleUser?: { Arn?: unknown } };
      const c = o.Credentials ?? {};
      const [akid, secret, token] = [c['AccessKeyId'], c['SecretAccessKey'], c['SessionToken']];
      const expiration = parseCliTime(c['Expiration']);
      if (typeof akid !== 'string' || typeof secret !== 'string' || typeof token !== 'string' || expiration === undefined) return undefined;
      if (expiration.getTime() - this.o.now() <= CLI_CACHE_WINDOW_MS) return undefined;
      this.touched.add(path);
      const arn = typeof o.AssumedRoleUser?.Arn === 'string' ? o.AssumedRoleUser.Arn : undefined;
      const account = accountOfArn(arn);
      this.o.log?.(`AWS CLI cache: using the session it holds for ${what} (until ${expiration.toISOString()})`);
      return {
        accessKeyId: akid,
        secretAccessKey: secret,
        sessionToken: token,
        expiration,
        ...(arn !== undefined ? { arn } : {}),
        ...(account !== undefined ? { accountId: account } : {}),
      };
    } catch {
      return undefined;
    }
  }

  async store(a: RoleCacheArgs, c: Credentials): Promise<void> {
    if (c.sessionToken === undefined || c.expiration === undefined) return;
    const body = {
      Credentials: { AccessKeyId: c.accessKeyId, SecretAccessKey: c.secretAccessKey, SessionToken: c.sessionToken, Expiration: roleCacheTime(c.expiration) },
      AssumedRoleUser: { AssumedRoleId: '', Arn: c.arn ?? '' },
      ResponseMetadata: {},
    };
    await this.write(this.file(a), JSON.stringify(body));
  }

  private async write(path: string, text: string): Promise<void> {
    try {
      await this.o.writeText(path, text);
      this.touched.add(path);
    } catch (e) {
      this.o.log?.(`AWS CLI cache: could not write ${this.o.dir} (${(e as Error).message})`);
    }
  }
}
