/**
 * Signing in to an `aws login` profile from VS Code, without the AWS CLI: the browser opens the
 * AWS sign-in page; on this computer it comes back to a loopback page (same-device), in a remote
 * window the person pastes the code the page shows (cross-device, as `aws login --remote`). The
 * session is cached where the AWS CLI and the SDKs read it. Resolves true when signed in as the
 * principal the profile names, so the caller can retry what needed it.
 */
import * as os from 'node:os';
import * as vscode from 'vscode';
import { Section, get } from '../../config/profiles';
import { isRegionName } from '../../config/regions';
import { loginCacheDir, platformOf } from '../../config/locations';
import { signInEndpoint } from '../../credentials/kinds/login';
import { nodeWriteTextPrivate } from '../../credentials/nodeDeps';
import { nodeHttp } from '../../credentials/nodeHttp';
import { LoginSignIn, LoginSignedIn, parsePastedCode } from '../../credentials/signIn/login';
import { planLoginProfile } from '../../credentials/signIn/loginProfile';
import { ChangedMeanwhileError, readOrEmpty, writeFileThroughLinks } from '../../credentials/nodeFileWrite';
import { startLoginCallback } from '../../credentials/signIn/loginCallback';
import { configuredEndpoint } from '../../credentials/stsEndpoint';
import { CredentialsError } from '../../credentials/types';
import { ConfigFiles } from '../editor/configFiles';
import { Log } from '../log';
import { describeError } from '../words';
import { runCommand } from '../commands/run';

/** The Region signed in to when neither the profile nor the environment names one (the AWS CLI asks; its default). */
const DEFAULT_REGION = 'us-east-1';

export class LoginSignInFlow {
  /** One sign-in per profile at a time: a second request joins the first. */
  private readonly running = new Map<string, Promise<boolean>>();

  constructor(
    private readonly log: Log,
    private readonly files: ConfigFiles,
  ) {}

  /** The profile is an `aws login` one (its sign-in is this flow's, not IAM Identity Center's). */
  isLoginProfile(profile: string): boolean {
    return get(this.files.current?.profiles.get(profile), 'login_session') !== undefined;
  }

  signIn(profile: string): Promise<boolean> {
    const existing = this.running.get(profile);
    if (existing !== undefined) return existing;
    const p = this.run(profile).finally(() => this.running.delete(profile));
    this.running.set(profile, p);
    return p;
  }

  private async run(profile: string): Promise<boolean> {
    const section = this.files.current?.profiles.get(profile);
    const wanted = get(section, 'login_session');
    const who = await this.flow(profile, section, get(section, 'region') ?? process.env['AWS_REGION'] ?? process.env['AWS_DEFAULT_REGION'] ?? DEFAULT_REGION);
    if (who === undefined) return false;
    if (wanted !== undefined && wanted !== who.session) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          'Signed in as {0}, but profile "{1}" uses the session of {2}. Sign in as that principal, or change login_session.',
          who.session,
          profile,
          wanted,
        ),
      );
      return false;
    }
    return true;
  }

  /**
   * AWS: Add a Profile with Console Sign-In (aws login): a name and a Region, the sign-in, then
   * `login_session` and `region` under `[profile NAME]` (never in a profile that holds other
   * credentials). Resolves the profile's name when it was written.
   */
  async addProfile(): Promise<string | undefined> {
    const cfg = this.files.current;
    if (cfg === undefined) return undefined;
    const configPath = cfg.locations.config.path;
    const name = await vscode.window.showInputBox({
      title: vscode.l10n.t('AWS: Add a Profile with Console Sign-In'),
      prompt: vscode.l10n.t("The new profile's name"),
      value: 'console',
      ignoreFocusOut: true,
      validateInput: async (v) => {
        const plan = planLoginProfile(await readOrEmpty(configPath), v, 'arn:aws:iam::000000000000:user/x', DEFAULT_REGION);
        return 'refused' in plan ? plan.refused : undefined;
      },
    });
    if (name === undefined) return undefined;
    const region = await vscode.window.showInputBox({
      title: vscode.l10n.t('AWS: Add a Profile with Console Sign-In'),
      prompt: vscode.l10n.t('The Region to sign in to and use'),
      value: process.env['AWS_REGION'] ?? process.env['AWS_DEFAULT_REGION'] ?? DEFAULT_REGION,
      ignoreFocusOut: true,
      validateInput: (v) => (isRegionName(v) ? undefined : vscode.l10n.t('Use a Region name such as eu-west-1.')),
    });
    if (region === undefined) return undefined;
    const who = await this.flow(name, undefined, region);
    if (who === undefined) return undefined;
    // Planned from the file as it is now, and written only over that (a change meanwhile is kept).
    const before = await readOrEmpty(configPath);
    const plan = planLoginProfile(before, name, who.session, region);
    if ('refused' in plan) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not add profile "{0}": {1}', name, plan.refused));
      return undefined;
    }
    try {
      await writeFileThroughLinks(configPath, plan.text, { newFileMode: 0o600, expect: before });
    } catch (e) {
      const why =
        e instanceof ChangedMeanwhileError ? vscode.l10n.t('The config file changed meanwhile; nothing was written. Try again.') : (e as Error).message;
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not add profile "{0}": {1}', name, why));
      return undefined;
    }
    this.log.info(`aws login: ${plan.added ? 'added' : 'completed'} profile ${name} (${who.session}) in ${configPath}`);
    const use = vscode.l10n.t('Use It');
    void vscode.window
      .showInformationMessage(vscode.l10n.t('Added profile "{0}", signed in as {1}, to {2}.', name, who.session, configPath), use)
      .then((c) => c === use && runCommand('awsRoleSwitcher.switchProfile', name));
    return name;
  }

  /** The sign-in itself: same-device through a loopback callback, or, in a remote window, the pasted code. */
  private async flow(profile: string, section: Section | undefined, region: string): Promise<LoginSignedIn | undefined> {
    const set = this.files.current;
    const base = (set !== undefined ? configuredEndpoint(set, section, process.env, 'signin')?.url : undefined) ?? signInEndpoint(region);
    const home = set?.home ?? os.homedir();
    const common = {
      base,
      cacheDir: loginCacheDir(process.env, home, platformOf(process.platform)),
      http: nodeHttp,
      now: Date.now,
      writeText: nodeWriteTextPrivate,
    };
    // A remote window's loopback is not the browser's: there the person pastes the code instead.
    const remote = vscode.env.remoteName !== undefined;
    this.log.info(`aws login for ${profile}: ${remote ? 'cross-device' : 'same-device'} sign-in at ${base}`);
    try {
      let who: LoginSignedIn;
      if (remote) {
        const flow = new LoginSignIn({ mode: 'cross-device', ...common });
        await vscode.env.openExternal(vscode.Uri.parse(flow.authorizeUrl, true));
        const pasted = await vscode.window.showInputBox({
          title: vscode.l10n.t('AWS sign-in for "{0}"', profile),
          prompt: vscode.l10n.t('Sign in in the browser, then paste the code the page shows.'),
          ignoreFocusOut: true,
          validateInput: (v) =>
            v.trim() === '' || typeof parsePastedCode(v) !== 'string' ? undefined : vscode.l10n.t('This is not the code the sign-in page shows.'),
        });
        const code = pasted !== undefined ? parsePastedCode(pasted) : undefined;
        if (code === undefined || typeof code === 'string') return undefined;
        who = await flow.finish(code.code, code.state);
      } else {
        const callback = await startLoginCallback();
        const flow = new LoginSignIn({ mode: 'same-device', redirectUri: callback.redirectUri, ...common });
        const answer = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Signing in to "{0}" in your browser…', profile), cancellable: true },
          async (_progress, token) => {
            token.onCancellationRequested(() => callback.close());
            await vscode.env.openExternal(vscode.Uri.parse(flow.authorizeUrl, true));
            return callback.answer;
          },
        );
        if (answer === undefined) return undefined;
        if ('error' in answer) {
          void vscode.window.showErrorMessage(vscode.l10n.t('The sign-in for "{0}" was not completed: the browser came back without a code.', profile));
          return undefined;
        }
        who = await flow.finish(answer.code, answer.state);
      }
      this.log.info(`aws login for ${profile}: signed in as ${who.session}`);
      return who;
    } catch (e) {
      const text = e instanceof CredentialsError ? describeError(e, profile) : e instanceof Error ? e.message : String(e);
      this.log.error(`aws login for ${profile}: ${text}`);
      if (!(e instanceof CredentialsError && e.code === 'Cancelled'))
        void vscode.window.showErrorMessage(vscode.l10n.t('Could not sign in to "{0}": {1}', profile, text));
      return undefined;
    }
  }
}
