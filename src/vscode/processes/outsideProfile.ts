/**
 * A profile named from outside the extension that processes would otherwise get: VS Code's own
 * environment (or terminal.integrated.env), or the default shell's start-up files. Knowing it
 * decides whether AWS_PROFILE must be named (see ProfileVariableMode); the user is told once.
 */
import * as vscode from 'vscode';
import { inheritedProfile } from '../../delivery/processEnvironment';
import { nodeRunShell, shellSetsProfile } from '../../delivery/shellProfileProbe';
import { Log } from '../log';
import { ExtensionSettings } from '../settings';

export interface Outside {
  readonly name: string;
  readonly from: 'vscode' | 'shell';
}

function platformKey(): 'windows' | 'osx' | 'linux' {
  return process.platform === 'win32' ? 'windows' : process.platform === 'darwin' ? 'osx' : 'linux';
}

export class OutsideProfile {
  /** What the default shell's start-up files export as AWS_PROFILE (asked at start and on switches). */
  private shellProfile: string | undefined;
  private told: string | undefined;

  constructor(
    private readonly o: {
      readonly settings: () => ExtensionSettings;
      readonly log: Log;
      /** VS Code's own environment (the extension host's). */
      readonly env: Readonly<Record<string, string | undefined>>;
      /** Remembers across windows what the user was told about. */
      readonly memento: vscode.Memento;
    },
  ) {}

  /** The profile, if any, and where it comes from (VS Code's environment first). */
  current(): Outside | undefined {
    const terminalEnv = vscode.workspace.getConfiguration('terminal.integrated.env').get<Record<string, string | null>>(platformKey());
    const v = inheritedProfile(this.o.env, terminalEnv !== null && typeof terminalEnv === 'object' ? terminalEnv : undefined);
    if (v !== undefined) return { name: v, from: 'vscode' };
    return this.shellProfile !== undefined ? { name: this.shellProfile, from: 'shell' } : undefined;
  }

  /**
   * Asks the default terminal shell whether its start-up files export AWS_PROFILE; true when the
   * answer changed. Shell integration re-applies the extension's variables after those files, so
   * a named profile then overrides theirs; an unset one cannot.
   */
  async probeShell(): Promise<boolean> {
    const shell = vscode.env.shell;
    if (shell === '' || this.o.settings().profileVariable !== 'auto') return false;
    const found = await shellSetsProfile(shell, this.o.env, process.platform, nodeRunShell);
    if (found === this.shellProfile) return false;
    this.shellProfile = found;
    if (found !== undefined) this.o.log.info(`the start-up files of ${shell} export AWS_PROFILE=${found}`);
    return true;
  }

  /**
   * Tells once (per name and origin, across windows) what an outside profile means while `active`
   * is assumed; for VS Code's environment offers to remove it from terminals
   * (terminal.integrated.env.<platform>, where null removes a variable).
   */
  tell(active: string | undefined): void {
    const outside = this.current();
    if (outside === undefined || active === undefined || this.o.settings().profileVariable !== 'auto') return;
    const key = `${outside.from}:${outside.name}`;
    if (key === this.told || this.o.memento.get<string>('outsideProfileTold') === key) return;
    this.told = key;
    void this.o.memento.update('outsideProfileTold', key);
    const where = outside.from === 'vscode' ? "VS Code's environment" : 'the shell start-up files';
    this.o.log.warn(`${where} set AWS_PROFILE=${outside.name}; terminals get AWS_PROFILE=${active} beside the keys`);
    const why = vscode.l10n.t(
      "the AWS CLI, boto3 and Go use the role's keys, but Node.js programs (AWS SDK for JavaScript) resolve {0} by themselves (a role a second time; an MFA role fails). Without AWS_PROFILE every SDK uses the keys.",
      active,
    );
    if (outside.from === 'shell') {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Your shell start-up files export AWS_PROFILE={0}. Terminals get AWS_PROFILE={1} after them: {2}', outside.name, active, why),
      );
      return;
    }
    const remove = vscode.l10n.t('Remove AWS_PROFILE from Terminals');
    void vscode.window
      .showWarningMessage(
        vscode.l10n.t('VS Code was started with AWS_PROFILE={0}. Terminals get AWS_PROFILE={1} instead: {2}', outside.name, active, why),
        remove,
      )
      .then(async (pick) => {
        if (pick !== remove) return;
        const c = vscode.workspace.getConfiguration('terminal.integrated.env');
        const current = c.inspect<Record<string, string | null>>(platformKey())?.globalValue ?? {};
        await c.update(platformKey(), { ...current, AWS_PROFILE: null, AWS_DEFAULT_PROFILE: null }, vscode.ConfigurationTarget.Global);
        this.o.log.info(`terminal.integrated.env.${platformKey()}: AWS_PROFILE and AWS_DEFAULT_PROFILE removed from terminals`);
      });
  }
}
