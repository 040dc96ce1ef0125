/**
 * MCP servers that act as the chosen AWS role: the servers a person lists in
 * `awsRoleSwitcher.mcpServers` (validated here: the setting is the person's, but a value that
 * cannot be a server is said, never run), the environment each gets (the same variables as a
 * terminal, and the AWS variables VS Code's own environment holds removed, so nothing outranks
 * them), and the servers of `.vscode/mcp.json` and the user's MCP configuration that look like AWS
 * ones and do not get the role (VS Code starts those with its own environment).
 */

/** One server of the setting. */
export interface McpServerEntry {
  /** Its name in VS Code's MCP lists ("AWS: <name>"). */
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  /** Variables of its own (never the AWS credential variables, which are the role's). */
  readonly env: Readonly<Record<string, string>>;
  /** The profile it acts as; undefined: the window's. */
  readonly profile?: string;
}

/** The setting read: the servers, and what was left out and why (in words for the log and a warning). */
export interface McpServersSetting {
  readonly servers: McpServerEntry[];
  readonly problems: string[];
}

/** Bounds: the setting is typed by a person, but a pasted or generated one is still bounded. */
const MAX_SERVERS = 32;
const MAX_ARGS = 64;
const MAX_TEXT = 4096;
const NAME = /^[\w .()@+-]{1,64}$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

/**
 * The variables that decide an AWS client's identity: a server's own env may not set them (the
 * role's are given, or they are removed). AWS_REGION and the like stay the server's to choose.
 */
export const IDENTITY_VARIABLES = [
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN',
  'AWS_ROLE_SESSION_NAME',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_CONFIG_FILE',
] as const;

const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= MAX_TEXT && !/[\0\r\n]/.test(v);

/** Reads `awsRoleSwitcher.mcpServers` (any JSON value). */
export function readMcpServers(value: unknown): McpServersSetting {
  const servers: McpServerEntry[] = [];
  const problems: string[] = [];
  if (value === undefined || value === null) return { servers, problems };
  if (!Array.isArray(value)) return { servers, problems: ['awsRoleSwitcher.mcpServers is not a list of servers.'] };
  for (const [i, raw] of value.entries()) {
    const at = `awsRoleSwitcher.mcpServers[${i}]`;
    if (servers.length >= MAX_SERVERS) {
      problems.push(`Only the first ${MAX_SERVERS} servers of awsRoleSwitcher.mcpServers are used.`);
      break;
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      problems.push(`${at} is not a server (an object with a name and a command).`);
      continue;
    }
    const o = raw as Record<string, unknown>;
    const name = o['name'];
    if (typeof name !== 'string' || !NAME.test(name)) {
      problems.push(`${at}: its name must be 1 to 64 letters, digits, spaces or . ( ) @ + - _.`);
      continue;
    }
    if (servers.some((s) => s.name === name)) {
      problems.push(`${at}: the name "${name}" is used twice; the first is kept.`);
      continue;
    }
    const command = o['command'];
    if (!isText(command)) {
      problems.push(`${at} ("${name}"): its command must be a line of text.`);
      continue;
    }
    const argsRaw = o['args'] ?? [];
    if (!Array.isArray(argsRaw) || argsRaw.length > MAX_ARGS || !argsRaw.every((a) => typeof a === 'string' && a.length <= MAX_TEXT && !a.includes('\0'))) {
      problems.push(`${at} ("${name}"): its args must be a list of up to ${MAX_ARGS} strings.`);
      continue;
    }
    const env: Record<string, string> = {};
    const envRaw = o['env'] ?? {};
    if (typeof envRaw !== 'object' || envRaw === null || Array.isArray(envRaw)) {
      problems.push(`${at} ("${name}"): its env must be an object of names and values.`);
      continue;
    }
    const identity = new Set<string>(IDENTITY_VARIABLES);
    for (const [k, v] of Object.entries(envRaw as Record<string, unknown>)) {
      if (!ENV_NAME.test(k) || typeof v !== 'string' || v.length > MAX_TEXT || v.includes('\0')) {
        problems.push(`${at} ("${name}"): env ${ENV_NAME.test(k) ? k : 'entry'} is left out (a name of letters, digits and _, and a text value).`);
        continue;
      }
      if (identity.has(k.toUpperCase())) {
        problems.push(`${at} ("${name}"): env ${k} is left out: the server acts as the role AWS Role Switcher gives it.`);
        continue;
      }
      env[k] = v;
    }
    const profile = o['profile'];
    if (profile !== undefined && !isText(profile)) {
      problems.push(`${at} ("${name}"): its profile must be a profile's name.`);
      continue;
    }
    servers.push({ name, command, args: argsRaw as string[], env, ...(profile !== undefined ? { profile } : {}) });
  }
  return { servers, problems };
}

/**
 * The environment a server starts with, as VS Code's MCP definitions take it: its own variables,
 * then the role's (`delivered`: what a terminal gets now), and every other identity variable
 * removed (null), so that VS Code's own AWS_PROFILE or keys never outrank the role.
 */
export function serverEnvironment(entry: McpServerEntry, delivered: ReadonlyMap<string, string>): Record<string, string | null> {
  const env: Record<string, string | null> = { ...entry.env };
  for (const k of IDENTITY_VARIABLES) env[k] = null;
  for (const [k, v] of delivered) env[k] = v;
  return env;
}

/** A stdio server that looks like an AWS one: the AWS CLI's, awslabs', the AWS MCP proxy. */
export function looksLikeAwsServer(command: string, args: readonly string[]): boolean {
  const words = [command, ...args].join(' ').toLowerCase();
  return /(^|[\s/@"'])aws(\s|$)|awslabs[.-]|mcp-proxy-for-aws|aws-mcp|aws-api-mcp/.test(words);
}

/** JSON with comments and trailing commas, as VS Code writes mcp.json; undefined when it is not that. */
export function parseJsonc(text: string): unknown {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '"') {
      const end = stringEnd(text, i);
      out += text.slice(i, end);
      i = end;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else {
      out += c;
      i++;
    }
  }
  try {
    return JSON.parse(out.replace(/,(\s*[}\]])/g, '$1'));
  } catch {
    return undefined;
  }
}

function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return Math.min(i + 1, text.length);
}

/** An mcp.json larger than this is not read (it comes from a repository). */
export const MAX_MCP_JSON = 1024 * 1024;

export interface UncoveredServer {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
}

/**
 * The stdio servers of an mcp.json (`servers`, or Claude-style `mcpServers`) that look like AWS
 * ones: VS Code starts them with its own environment, so they do not act as the chosen role.
 * Bounded; anything that is not a server is passed over.
 */
export function uncoveredAwsServers(text: string): UncoveredServer[] {
  if (text.length > MAX_MCP_JSON) return [];
  const doc = parseJsonc(text);
  if (typeof doc !== 'object' || doc === null) return [];
  const d = doc as Record<string, unknown>;
  const servers = d['servers'] ?? d['mcpServers'];
  if (typeof servers !== 'object' || servers === null || Array.isArray(servers)) return [];
  const out: UncoveredServer[] = [];
  for (const [name, raw] of Object.entries(servers as Record<string, unknown>).slice(0, 200)) {
    if (typeof raw !== 'object' || raw === null) continue;
    const s = raw as Record<string, unknown>;
    const command = s['command'];
    const args = Array.isArray(s['args']) ? (s['args'] as unknown[]).filter((a): a is string => typeof a === 'string') : [];
    if (!isText(command) || !NAME.test(name)) continue;
    if (looksLikeAwsServer(command, args)) out.push({ name, command, args });
  }
  return out;
}
