/**
 * Puts the active role into every terminal and task VS Code starts, through the extension's
 * environment variable collection: applied at process creation and again after the shell's
 * start-up files ran (shell integration), never persisted to disk.
 */
import * as vscode from 'vscode';
import { SessionSnapshot } from '../credentials/session';
import { ProfileVariableMode } from './settings';

/** Where processes fetch credentials in endpoint mode. */
export interface EndpointDelivery {
  readonly url: string;
  readonly token: string;
}

/** The variables a snapshot puts into terminals; empty when no credentials are live. */
export function environmentFor(s: SessionSnapshot, mode: ProfileVariableMode, endpoint?: EndpointDelivery): Map<string, string> {
  const env = new Map<string, string>();
  const c = s.credentials;
  if (c === undefined || s.profile === undefined) return env;
  if (endpoint !== undefined) {
    // No keys: empty values hide keys inherited from VS Code's own environment, which every SDK
    // would otherwise prefer over the endpoint.
    env.set('AWS_ACCESS_KEY_ID', '');
    env.set('AWS_SECRET_ACCESS_KEY', '');
    env.set('AWS_SESSION_TOKEN', '');
    env.set('AWS_CREDENTIAL_EXPIRATION', '');
    env.set('AWS_CONTAINER_CREDENTIALS_FULL_URI', endpoint.url);
    env.set('AWS_CONTAINER_AUTHORIZATION_TOKEN', endpoint.token);
  } else {
    env.set('AWS_ACCESS_KEY_ID', c.accessKeyId);
    env.set('AWS_SECRET_ACCESS_KEY', c.secretAccessKey);
    // An empty value hides a session token inherited from VS Code's own environment.
    env.set('AWS_SESSION_TOKEN', c.sessionToken ?? '');
    env.set('AWS_CREDENTIAL_EXPIRATION', c.expiration !== undefined ? c.expiration.toISOString() : '');
  }
  if (s.region !== undefined) {
    env.set('AWS_REGION', s.region);
    env.set('AWS_DEFAULT_REGION', s.region);
  }
  // VS Code can replace a variable but not remove it. botocore (AWS CLI, boto3) rejects an empty
  // AWS_PROFILE yet prefers environment keys over a named profile; the JS and Go SDKs prefer a
  // named profile over environment keys but treat an empty one as unset. See README, design notes.
  // With the endpoint, a named profile would win over it in every SDK, so it is not named.
  if (mode === 'activeProfile' && endpoint === undefined) {
    env.set('AWS_PROFILE', s.profile);
    env.set('AWS_DEFAULT_PROFILE', s.profile);
  } else if (mode === 'empty') {
    env.set('AWS_PROFILE', '');
    env.set('AWS_DEFAULT_PROFILE', '');
  }
  return env;
}

export class EnvironmentInjector {
  private applied = '';

  /** `collection`: the extension's global collection, or a folder's scoped one (`getScoped`). */
  constructor(private readonly collection: vscode.EnvironmentVariableCollection) {
    collection.persistent = false;
    collection.clear();
  }

  /** Writes the variables; unchanged ones are not rewritten unless `force`. Returns whether it wrote. */
  apply(s: SessionSnapshot, mode: ProfileVariableMode, endpoint?: EndpointDelivery, force = false): boolean {
    const env = environmentFor(s, mode, endpoint);
    const key = JSON.stringify([...env]);
    if (key === this.applied && !force) return false;
    this.applied = key;
    const c = this.collection;
    c.clear();
    if (env.size === 0) {
      c.description = undefined;
      return true;
    }
    const opts: vscode.EnvironmentVariableMutatorOptions = { applyAtProcessCreation: true, applyAtShellIntegration: true };
    for (const [k, v] of env) c.replace(k, v, opts);
    const until = endpoint !== undefined ? ', always fresh (credentials endpoint)' : s.expiration !== undefined ? ` until ${s.expiration.toLocaleTimeString()}` : '';
    c.description = new vscode.MarkdownString(`AWS credentials of profile **${s.profile ?? ''}**${s.roleName !== undefined ? ` (role ${s.roleName})` : ''}${until}. New terminals get them; VS Code marks open terminals for relaunch.`);
    return true;
  }

  clear(): void {
    this.applied = '';
    this.collection.clear();
    this.collection.description = undefined;
  }
}
