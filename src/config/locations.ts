/**
 * Where the shared files live and which profile is selected, by the cross-SDK rules
 * (`file-location-tests.json`).
 */

export type Env = Readonly<Record<string, string | undefined>>;
export type Platform = 'windows' | 'posix';

export function platformOf(nodePlatform: string): Platform {
  return nodePlatform === 'win32' ? 'windows' : 'posix';
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v === '' ? undefined : v;
}

/**
 * Home directory: `HOME`, then (Windows only) `USERPROFILE`, then `HOMEDRIVE` + `HOMEPATH`;
 * `fallback` (the OS's idea of home) last.
 */
export function homeDir(env: Env, platform: Platform, fallback?: string): string | undefined {
  const home = nonEmpty(env['HOME']);
  if (home !== undefined) return home;
  if (platform === 'windows') {
    const profile = nonEmpty(env['USERPROFILE']);
    if (profile !== undefined) return profile;
    const drive = nonEmpty(env['HOMEDRIVE']);
    const path = nonEmpty(env['HOMEPATH']);
    if (drive !== undefined && path !== undefined) return drive + path;
  }
  return nonEmpty(fallback);
}

/** Expands a leading `~` (alone, or followed by a path separator) to `home`. */
export function expandHome(path: string, home: string | undefined, platform: Platform): string {
  if (home === undefined) return path;
  const sep = platform === 'windows' ? '\\' : '/';
  if (path === '~') return home;
  if (path.startsWith('~/') || (platform === 'windows' && path.startsWith('~\\'))) {
    const rest = path.slice(2).split(/[\\/]/).join(sep);
    return home.endsWith(sep) ? home + rest : home + sep + rest;
  }
  return path;
}

export interface FileLocation {
  /** Absolute path after `~` expansion. */
  readonly path: string;
  /** The environment variable that chose it, if any. */
  readonly fromEnv?: 'AWS_CONFIG_FILE' | 'AWS_SHARED_CREDENTIALS_FILE';
}

export interface FileLocations {
  readonly config: FileLocation;
  readonly credentials: FileLocation;
}

export function fileLocations(env: Env, platform: Platform, fallbackHome?: string): FileLocations {
  const home = homeDir(env, platform, fallbackHome);
  const locate = (envVar: 'AWS_CONFIG_FILE' | 'AWS_SHARED_CREDENTIALS_FILE', name: string): FileLocation => {
    const fromEnv = nonEmpty(env[envVar]);
    if (fromEnv !== undefined) return { path: expandHome(fromEnv, home, platform), fromEnv: envVar };
    return { path: expandHome(`~/.aws/${name}`, home, platform) };
  };
  return { config: locate('AWS_CONFIG_FILE', 'config'), credentials: locate('AWS_SHARED_CREDENTIALS_FILE', 'credentials') };
}

/** The profile the SDKs select: `AWS_PROFILE`, else `default`. */
export function selectedProfile(env: Env): string {
  return nonEmpty(env['AWS_PROFILE']) ?? 'default';
}

/** Shortens a path under home to `~/…` for display. */
export function displayPath(path: string, home: string | undefined): string {
  if (home === undefined || home === '') return path;
  if (path === home) return '~';
  for (const sep of ['/', '\\']) {
    const prefix = home.endsWith(sep) ? home : home + sep;
    if (path.startsWith(prefix)) return '~' + sep + path.slice(prefix.length);
  }
  return path;
}

/** Where `aws sso login` caches IAM Identity Center tokens: `~/.aws/sso/cache` of `home`. */
export function ssoCacheDir(home: string, platform: Platform): string {
  return expandHome('~/.aws/sso/cache', home, platform);
}

/** Where `aws login` keeps its sessions: AWS_LOGIN_CACHE_DIRECTORY, else ~/.aws/login/cache. */
export function loginCacheDir(env: Env, home: string, platform: Platform): string {
  const configured = env['AWS_LOGIN_CACHE_DIRECTORY'];
  return configured !== undefined && configured !== '' ? expandHome(configured, home, platform) : expandHome('~/.aws/login/cache', home, platform);
}
