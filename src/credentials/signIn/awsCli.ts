/**
 * Finds the AWS CLI v2 for `aws sso login`. AWS CLI v1 has no `sso login`, and it is often the
 * first `aws` on PATH (pip, pyenv and Homebrew installs shadow the system's v2), so a bare name is
 * looked up in every PATH folder and the first v2 wins; a path the person configured is used as
 * given, but still refused with a clear message when it is v1.
 */
import { RunProcess } from '../providers/process';

export interface AwsCliLookup {
  readonly runProcess: RunProcess;
  /** True when the file exists and may be executed. */
  readonly isExecutable: (path: string) => Promise<boolean>;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly platform: 'posix' | 'windows';
}

export type AwsCliResult =
  | { readonly ok: true; readonly path: string; readonly version: string; /** v1 installs passed over on the way. */ readonly skipped: readonly string[] }
  | { readonly ok: false; readonly message: string };

const SETTING = 'awsRoleSwitcher.awsCliPath';

/** `aws-cli/2.9.19 Python/3.11…` → `2.9.19`. */
export function cliVersion(output: string): string | undefined {
  return /aws-cli\/(\d+\.\d+(?:\.\d+)?)/.exec(output)?.[1];
}

async function versionOf(path: string, o: AwsCliLookup): Promise<string | undefined> {
  const r = await o.runProcess([path, '--version'], { timeoutMs: 20_000 });
  return cliVersion(`${r.stdout}\n${r.stderr}`);
}

function isPath(p: string): boolean {
  return p.includes('/') || p.includes('\\');
}

export async function findAwsCliV2(configured: string, o: AwsCliLookup): Promise<AwsCliResult> {
  const v1 = (path: string, version: string): string =>
    `${path} is AWS CLI ${version}, which cannot sign in to IAM Identity Center (aws sso login needs AWS CLI v2). Install AWS CLI v2, or set ${SETTING} to it.`;
  if (isPath(configured)) {
    if (!(await o.isExecutable(configured)))
      return { ok: false, message: `${configured} (${SETTING}) does not exist or cannot be run. Set ${SETTING} to the AWS CLI v2.` };
    const version = await versionOf(configured, o);
    if (version === undefined)
      return { ok: false, message: `${configured} (${SETTING}) did not answer "--version" like the AWS CLI. Set ${SETTING} to the AWS CLI v2.` };
    if (!versionAtLeast(version, '2')) return { ok: false, message: v1(configured, version) };
    return { ok: true, path: configured, version, skipped: [] };
  }
  const sep = o.platform === 'windows' ? ';' : ':';
  const pathVar = o.env['PATH'] ?? o.env['Path'] ?? '';
  const names = o.platform === 'windows' ? [`${configured}.exe`, `${configured}.cmd`, configured] : [configured];
  const skipped: string[] = [];
  const seen = new Set<string>();
  for (const dir of pathVar.split(sep)) {
    if (dir === '') continue;
    for (const name of names) {
      const candidate = `${dir.replace(/[\\/]+$/, '')}${o.platform === 'windows' ? '\\' : '/'}${name}`;
      if (seen.has(candidate) || !(await o.isExecutable(candidate))) continue;
      seen.add(candidate);
      const version = await versionOf(candidate, o);
      if (version === undefined) continue;
      if (versionAtLeast(version, '2')) return { ok: true, path: candidate, version, skipped };
      skipped.push(`${candidate} (AWS CLI ${version})`);
    }
  }
  if (skipped.length > 0) {
    return {
      ok: false,
      message: `Only AWS CLI v1 was found on PATH (${skipped.join(', ')}); aws sso login needs AWS CLI v2. Install AWS CLI v2, or set ${SETTING} to it.`,
    };
  }
  return { ok: false, message: `"${configured}" was not found on PATH. Install AWS CLI v2, or set ${SETTING} to its path.` };
}

/** `2.22.0` ≥ `2.9.19`? Numeric, part by part. */
export function versionAtLeast(version: string, min: string): boolean {
  const a = version.split('.').map(Number);
  const b = min.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

/**
 * The `aws sso login` command line. Since AWS CLI 2.22 the sign-in defaults to the authorization
 * code flow, whose browser redirect goes to a port on the machine running the CLI; in a remote
 * window (SSH, WSL, containers) that is not the machine with the browser, so the device code flow
 * (a URL and a code, usable from any browser) is asked for there. Older v2 CLIs only have the
 * device code flow and do not know the flag.
 */
export function ssoLoginArgs(target: string, cliVersion: string, remoteWindow: boolean, as: 'profile' | 'sso-session' = 'profile'): string[] {
  const args = ['sso', 'login', as === 'profile' ? '--profile' : '--sso-session', target];
  if (remoteWindow && versionAtLeast(cliVersion, '2.22.0')) args.push('--use-device-code');
  return args;
}
