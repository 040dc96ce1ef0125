/**
 * Puts the active role into every terminal and task VS Code starts, through the extension's
 * environment variable collection: applied at process creation and again after the shell's
 * start-up files ran (shell integration), never persisted to disk.
 */
import * as vscode from 'vscode';
import { formatClock } from '../format';
import { SessionSnapshot } from '../../credentials/session';
import { EndpointDelivery, ProfileVariableMode, environmentFor } from '../../delivery/processEnvironment';

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
    const until =
      endpoint !== undefined
        ? `, ${vscode.l10n.t('always fresh (credentials endpoint)')}`
        : s.expiration !== undefined
          ? ` ${vscode.l10n.t('until {0}', formatClock(s.expiration))}`
          : '';
    const who =
      s.roleName !== undefined
        ? vscode.l10n.t('AWS credentials of profile **{0}** (role {1})', s.profile ?? '', s.roleName)
        : vscode.l10n.t('AWS credentials of profile **{0}**', s.profile ?? '');
    c.description = new vscode.MarkdownString(`${who}${until}. ${vscode.l10n.t('New terminals get them; VS Code marks open terminals for relaunch.')}`);
    return true;
  }

  clear(): void {
    this.applied = '';
    this.collection.clear();
    this.collection.description = undefined;
  }
}
