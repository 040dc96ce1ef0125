/**
 * MCP servers that act as the chosen AWS role. VS Code starts the servers of mcp.json with its own
 * environment (terminals' variables never reach them), so an agent's AWS server would act as
 * whatever ~/.aws gives by default. The servers listed in `awsRoleSwitcher.mcpServers` are
 * provided here instead (VS Code 1.101+): each starts with a terminal's variables — the
 * credentials endpoint of its profile, or keys — and every other AWS identity variable removed
 * (VS Code starts it directly: no start-up files run, so no profile is ever named for it).
 * A switch restarts the ones that follow the window; Sign Out ends the sessions of pinned ones.
 * Servers of mcp.json that look like AWS ones are pointed out once, with a way to move them here.
 */
import * as vscode from 'vscode';
import { SessionManager, assumeInOwnSession } from '../../credentials/session';
import { Registration } from '../../delivery/credentialsServer';
import { MAX_MCP_JSON, McpServerEntry, UncoveredServer, readMcpServers, serverEnvironment, uncoveredAwsServers } from '../../delivery/mcpServers';
import { environmentFor } from '../../delivery/processEnvironment';
import { Log } from '../log';

/** VS Code's stdio server definition (1.101+), described here: the engines promise 1.96, whose types lack it. */
export interface McpStdioDefinition {
  readonly label: string;
  command: string;
  args: string[];
  env: Record<string, string | number | null>;
  version?: string;
}
type StdioConstructor = new (
  label: string,
  command: string,
  args?: string[],
  env?: Record<string, string | number | null>,
  version?: string,
) => McpStdioDefinition;
interface McpProvider {
  readonly onDidChangeMcpServerDefinitions: vscode.Event<void>;
  provideMcpServerDefinitions(token: vscode.CancellationToken): McpStdioDefinition[];
  resolveMcpServerDefinition(server: McpStdioDefinition, token: vscode.CancellationToken): Promise<McpStdioDefinition | undefined>;
}
interface McpApi {
  registerMcpServerDefinitionProvider(id: string, provider: McpProvider): vscode.Disposable;
}

/** The MCP server API, where this VS Code has it (feature detection: 1.96–1.100 have none). */
export function mcpApi(): { readonly lm: McpApi; readonly Stdio: StdioConstructor } | undefined {
  const v = vscode as unknown as { lm?: Partial<McpApi>; McpStdioServerDefinition?: StdioConstructor };
  if (typeof v.lm?.registerMcpServerDefinitionProvider !== 'function' || typeof v.McpStdioServerDefinition !== 'function') return undefined;
  return { lm: v.lm as McpApi, Stdio: v.McpStdioServerDefinition };
}

/** The provider's id (package.json's contributes.mcpServerDefinitionProviders). */
export const MCP_PROVIDER_ID = 'awsRoleSwitcher.mcpServers';
/** How VS Code lists them: "AWS: <name>". */
export const labelOf = (name: string): string => `AWS: ${name}`;

export interface McpServersDeps {
  readonly log: Log;
  /** This extension's id (VS Code names a provided server `<extension id>/<label>`). */
  readonly extensionId: string;
  readonly windowProfile: () => string | undefined;
  /** What an MCP server started now gets as the window's session (see ProcessDelivery.mcpVariables). */
  readonly windowVariables: () => Map<string, string>;
  readonly newSession: () => SessionManager;
  /** Serves a session of its own on the credentials endpoint, where an MCP server can use it. */
  readonly register: (session: SessionManager) => Registration | undefined;
  readonly confirmProduction: (profile: string) => Promise<boolean>;
  readonly memento: vscode.Memento;
  /** The User folder of this VS Code (where its own mcp.json is). */
  readonly userDir: vscode.Uri | undefined;
}

export class McpServers implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.emitter];
  /** Bumped by each switch: a definition's version says which session it starts with. */
  private generation = 0;
  /** Servers that follow the window and were started since the last switch (restarted by the next). */
  private readonly started = new Set<string>();
  /** Sessions of servers pinned to a profile, by profile. */
  private readonly pinned = new Map<string, { session: SessionManager; registration: Registration | undefined }>();
  private reported = '';
  readonly available: boolean;

  constructor(private readonly d: McpServersDeps) {
    const api = mcpApi();
    this.available = api !== undefined;
    if (api === undefined) {
      d.log.info('MCP servers: this VS Code has no MCP server API (1.101+), so awsRoleSwitcher.mcpServers is not used');
      return;
    }
    this.disposables.push(
      api.lm.registerMcpServerDefinitionProvider(MCP_PROVIDER_ID, {
        onDidChangeMcpServerDefinitions: this.emitter.event,
        provideMcpServerDefinitions: () => this.entries().map((e) => new api.Stdio(labelOf(e.name), e.command, [...e.args], { ...e.env }, this.versionOf(e))),
        resolveMcpServerDefinition: (server) => this.resolve(server),
      }),
    );
  }

  private versionOf(e: McpServerEntry): string {
    return e.profile !== undefined ? `profile ${e.profile}` : `window ${this.d.windowProfile() ?? 'none'} #${this.generation}`;
  }

  /** The servers of the setting; what was left out is logged once per change of it. */
  entries(): McpServerEntry[] {
    const { servers, problems } = readMcpServers(vscode.workspace.getConfiguration('awsRoleSwitcher').get<unknown>('mcpServers'));
    const said = problems.join('\n');
    if (said !== this.reported) {
      this.reported = said;
      for (const p of problems) this.d.log.warn(`MCP servers: ${p}`);
    }
    return servers;
  }

  /** Called by VS Code when it starts a server: the role's variables, at that moment. */
  private async resolve(server: McpStdioDefinition): Promise<McpStdioDefinition | undefined> {
    const entry = this.entries().find((e) => labelOf(e.name) === server.label);
    if (entry === undefined) return undefined;
    const profile = entry.profile ?? this.d.windowProfile();
    if (profile === undefined)
      throw new Error(
        vscode.l10n.t(
          'MCP server "{0}" acts as the window\'s AWS profile, and none is active. Pick one (AWS: Switch Profile), then start it again.',
          entry.name,
        ),
      );
    if (!(await this.d.confirmProduction(profile)))
      throw new Error(vscode.l10n.t('MCP server "{0}" was not started: it would act in production profile "{1}".', entry.name, profile));
    const vars = entry.profile === undefined ? this.windowVariables(entry.name) : await this.pinnedVariables(entry.profile);
    server.env = serverEnvironment(entry, vars);
    if (entry.profile === undefined) this.started.add(entry.name);
    const how = vars.has('AWS_CONTAINER_CREDENTIALS_FULL_URI') ? 'credentials endpoint, always fresh' : 'keys';
    this.d.log.info(`MCP server "${entry.name}" starts as ${profile} (${how})`);
    return server;
  }

  private windowVariables(name: string): Map<string, string> {
    const vars = this.d.windowVariables();
    if (!vars.has('AWS_ACCESS_KEY_ID') && !vars.has('AWS_CONTAINER_CREDENTIALS_FULL_URI'))
      throw new Error(
        vscode.l10n.t(
          'MCP server "{0}": the window\'s AWS session has no credentials yet. Renew it (AWS: Refresh Credentials Now), then start it again.',
          name,
        ),
      );
    return vars;
  }

  private async pinnedVariables(profile: string): Promise<Map<string, string>> {
    let p = this.pinned.get(profile);
    if (p === undefined) {
      const session = await assumeInOwnSession(this.d.newSession, profile, { interactive: true });
      p = { session, registration: this.d.register(session) };
      this.pinned.set(profile, p);
    }
    return environmentFor(p.session.snapshot(), 'leave', p.registration);
  }

  /**
   * The window's profile changed (a switch, a Sign Out): the servers that follow it get a new
   * version, and those started before are restarted, so none acts as the old role.
   */
  windowChanged(): void {
    if (!this.available) return;
    this.generation++;
    this.emitter.fire();
    const restart = [...this.started];
    this.started.clear();
    if (restart.length === 0) return;
    // Stop, then start: VS Code's own "restart" also shows the server's output, which took the
    // keyboard from whatever the person was typing in (measured: the command palette, in CI).
    // These commands are VS Code's, not its API: asked for only where they exist.
    const [stop, start] = ['workbench.mcp.stopServer', 'workbench.mcp.startServer'];
    void vscode.commands.getCommands(true).then(async (commands) => {
      if (!commands.includes(stop) || !commands.includes(start)) {
        this.d.log.warn(`MCP servers: restart ${restart.join(', ')} to act as the new profile (this VS Code cannot be asked to)`);
        return;
      }
      for (const name of restart) {
        const id = `${this.d.extensionId.toLowerCase()}/${labelOf(name)}`;
        this.d.log.info(`MCP server "${name}": restarted for the window's new profile`);
        await Promise.resolve(vscode.commands.executeCommand(stop, id))
          .then(() => vscode.commands.executeCommand(start, id))
          .then(undefined, (e: unknown) => this.d.log.warn(`MCP server "${name}" could not be restarted: ${String(e)}`));
      }
    });
  }

  /** The setting changed. */
  settingsChanged(): void {
    if (this.available) this.emitter.fire();
  }

  /** Sign Out: the sessions of pinned servers end (their endpoint serves nothing; they renew nothing). */
  signOut(): void {
    for (const p of this.pinned.values()) {
      p.session.signOut();
      p.session.dispose();
    }
    if (this.pinned.size > 0) this.d.log.info(`signed out of ${this.pinned.size} MCP server session(s)`);
    this.pinned.clear();
  }

  /**
   * Servers of the workspace's and the user's mcp.json that look like AWS ones and are not in the
   * setting: said once per set of names, with a way to let this extension start them instead.
   */
  async tellUncovered(): Promise<void> {
    if (!this.available) return;
    const files: vscode.Uri[] = (vscode.workspace.workspaceFolders ?? []).map((f) => vscode.Uri.joinPath(f.uri, '.vscode', 'mcp.json'));
    if (vscode.workspace.workspaceFile?.scheme === 'file') files.push(vscode.workspace.workspaceFile);
    if (this.d.userDir !== undefined) files.push(vscode.Uri.joinPath(this.d.userDir, 'mcp.json'));
    const ours = new Set(this.entries().map((e) => `${e.command}\0${e.args.join('\0')}`));
    const found: Array<UncoveredServer & { readonly file: string }> = [];
    for (const file of files) {
      const text = await readBounded(file);
      if (text === undefined) continue;
      for (const s of uncoveredAwsServers(text))
        if (!ours.has(`${s.command}\0${s.args.join('\0')}`)) found.push({ ...s, file: vscode.workspace.asRelativePath(file) });
    }
    if (found.length === 0) return;
    const key = `mcpUncovered:${found.map((s) => `${s.file}#${s.name}`).join('|')}`;
    if (this.d.memento.get<boolean>(key) === true) return;
    await this.d.memento.update(key, true);
    const names = found.map((s) => `"${s.name}" (${s.file})`).join(', ');
    this.d.log.info(`MCP servers that do not get the chosen role: ${names}`);
    const use = vscode.l10n.t('Start Them as the Chosen Role');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t(
        'MCP server {0} looks like an AWS one, and VS Code starts it with its own environment: it does not act as the AWS profile you choose here. Let AWS Role Switcher start it as the chosen role? (Then remove it from its mcp.json.)',
        names,
      ),
      use,
    );
    if (choice !== use) return;
    const config = vscode.workspace.getConfiguration('awsRoleSwitcher');
    const current = config.inspect<unknown[]>('mcpServers')?.globalValue ?? [];
    const taken = new Set(this.entries().map((e) => e.name));
    const added = found.filter((s) => !taken.has(s.name)).map((s) => ({ name: s.name, command: s.command, args: [...s.args] }));
    await config.update('mcpServers', [...current, ...added], vscode.ConfigurationTarget.Global);
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'AWS Role Switcher now provides {0} as "AWS: <name>" (MCP: List Servers); they start as the window\'s profile.',
        added.map((s) => `"${s.name}"`).join(', '),
      ),
    );
  }

  dispose(): void {
    this.signOut();
    for (const d of this.disposables) d.dispose();
  }
}

/** A file's text, or undefined when it is missing, too large or unreadable (it may come from a repository). */
async function readBounded(uri: vscode.Uri): Promise<string | undefined> {
  try {
    const st = await vscode.workspace.fs.stat(uri);
    if (st.size > MAX_MCP_JSON) return undefined;
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}
