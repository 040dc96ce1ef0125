/**
 * Adds the active role's variables to every debug session's launch configuration (`env`, or
 * `environment` for the C++ debuggers), unless the configuration already sets them or the
 * `awsRoleSwitcher.debug.injectCredentials` setting is off for that folder.
 */
import * as vscode from 'vscode';

/** Debug types whose launch configurations take `environment: [{name, value}]`. */
const ENVIRONMENT_ARRAY_TYPES = new Set(['cppdbg', 'cppvsdbg', 'lldb-mi']);

export class DebugInjector implements vscode.DebugConfigurationProvider {
  constructor(
    private readonly env: () => Map<string, string>,
    private readonly enabled: (folder: vscode.WorkspaceFolder | undefined) => boolean,
  ) {}

  resolveDebugConfiguration(folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration): vscode.DebugConfiguration {
    if (!this.enabled(folder)) return config;
    const ours = this.env();
    if (ours.size === 0) return config;
    if (ENVIRONMENT_ARRAY_TYPES.has(config.type)) {
      const existing: unknown = config['environment'];
      const list = Array.isArray(existing) ? (existing as Array<{ name: string; value: string }>) : [];
      const named = new Set(list.map((e) => e.name));
      config['environment'] = [...list, ...[...ours].filter(([k]) => !named.has(k)).map(([name, value]) => ({ name, value }))];
      return config;
    }
    const existing: unknown = config['env'];
    const theirs = typeof existing === 'object' && existing !== null ? (existing as Record<string, unknown>) : {};
    // What the launch configuration sets explicitly wins.
    config['env'] = { ...Object.fromEntries(ours), ...theirs };
    return config;
  }
}
