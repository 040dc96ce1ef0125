/**
 * Signing in to an `aws login` profile from VS Code, without the AWS CLI: the browser opens the
 * AWS sign-in page; on this computer it comes back to a loopback page (same-device), in a remote
 * window the person pastes the code the page shows (cross-device, as `aws login --remote`). The
 * session is cached where the AWS CLI and the SDKs read it. Resolves true when signed in as the
 * principal the profile names, so the caller can retry what needed it.
 */
import * as os from 'node:os';
import * as vscode from 'vscode';
import { get } from '../../config/profiles';
import { loginCacheDir, platformOf } from '../../config/locations';
import { signInEndpoint } from '../../credentials/kinds/login';
import { nodeWriteTextPrivate } from '../../credentials/nodeDeps';
import { nodeHttp } from '../../credentials/nodeHttp';
import { LoginSignIn } from '../../credentials/signIn/login';
import { parsePastedCode } from '../../credentials/signIn/login';
import { startLoginCallback } from '../../credentials/signIn/loginCallback';
import { configuredEndpoint } from '../../credentials/stsEndpoint';
import { CredentialsError } from '../../credentials/types';
import { ConfigFiles } from '../editor/configFiles';
import { Log } from '../log';
import { describeError } from '../words';

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
    const set = this.files.current;
    const section = set?.profiles.get(profile);
    const wanted = get(section, 'login_session');
    const region = get(section, 'region') ?? process.env['AWS_REGION'] ?? process.env['AWS_DEFAULT_REGION'] ?? DEFAULT_REGION;
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
      let who;
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
        if (code === undefined || typeof code === 'string') return false;
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
        if (answer === undefined) return false;
        if ('error' in answer) {
          void vscode.window.showErrorMessage(vscode.l10n.t('The sign-in for "{0}" was not completed: the browser came back without a code.', profile));
          return false;
        }
        who = await flow.finish(answer.code, answer.state);
      }
      this.log.info(`aws login for ${profile}: signed in as ${who.session}`);
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
    } catch (e) {
      const text = e instanceof CredentialsError ? describeError(e, profile) : e instanceof Error ? e.message : String(e);
      this.log.error(`aws login for ${profile}: ${text}`);
      if (!(e instanceof CredentialsError && e.code === 'Cancelled'))
        void vscode.window.showErrorMessage(vscode.l10n.t('Could not sign in to "{0}": {1}', profile, text));
      return false;
    }
  }
}
