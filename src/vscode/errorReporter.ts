/**
 * How errors reach the person: a cancelled action says nothing, a background refresh that needs a
 * person is logged, an IAM Identity Center session that is over offers a sign-in (then retries what
 * needed it), and anything else is a notification with the way out (the config file, the log).
 */
import * as vscode from 'vscode';
import { CredentialsError, isCredentialsError } from '../credentials/types';
import { Log } from './log';
import { LoginSignInFlow } from './signIn/loginSignIn';
import { SsoSignIn } from './signIn/ssoSignIn';
import { describeError, errorMessage } from './words';

export class ErrorReporter {
  constructor(
    private readonly o: {
      readonly log: Log;
      readonly signIn: SsoSignIn;
      /** The sign-in of `aws login` profiles (console credentials). */
      readonly loginSignIn: LoginSignInFlow;
      /** Opens the config file at the profile's section (where a Config error is). */
      readonly openConfig: (profile: string | undefined) => Promise<void>;
    },
  ) {}

  /**
   * Shows an error as "What: Where: Message. Hint"; `retry` runs again what failed, after a sign-in
   * the error asked for; `about` is the profile `what` names, which the error then leaves out.
   */
  report(e: unknown, what: string, retry?: () => Promise<unknown>, about?: string): void {
    const log = this.o.log;
    if (isCredentialsError(e, 'Cancelled')) {
      log.info(`${what}: cancelled`);
      return;
    }
    if (isCredentialsError(e, 'NeedsLogin')) {
      this.offerSignIn(e, what, retry);
      return;
    }
    if (isCredentialsError(e, 'NeedsUser')) {
      log.info(`${what}: ${e.describe()}`);
      return;
    }
    const english = e instanceof CredentialsError ? e.describe(undefined, about) : e instanceof Error ? e.message : String(e);
    log.error(`${what}: ${english}`);
    const text = e instanceof CredentialsError ? describeError(e, about) : english;
    const openConfig = vscode.l10n.t('Open Config File');
    const showLog = vscode.l10n.t('Show Log');
    const buttons = e instanceof CredentialsError && e.code === 'Config' ? [openConfig, showLog] : [showLog];
    void vscode.window.showErrorMessage(`${what}: ${text}`, ...buttons).then((choice) => {
      if (choice === openConfig) void this.o.openConfig(e instanceof CredentialsError ? e.profile : undefined);
      if (choice === showLog) log.show();
    });
  }

  /** A sign-in is needed: offer it (IAM Identity Center's `aws sso login`, or console credentials'), then retry. */
  offerSignIn(e: CredentialsError, what: string, retry?: () => Promise<unknown>): void {
    this.o.log.warn(`${what}: ${e.describe()}`);
    const profile = e.profile;
    if (profile === undefined) return;
    const signIn = vscode.l10n.t('Sign In');
    if (this.o.loginSignIn.isLoginProfile(profile)) {
      const text = vscode.l10n.t('{0}: {1} Sign in with your AWS console credentials?', what, errorMessage(e));
      void vscode.window.showWarningMessage(text, signIn).then(async (choice) => {
        if (choice !== signIn) return;
        if (await this.o.loginSignIn.signIn(profile)) await retry?.();
      });
      return;
    }
    const text = vscode.l10n.t('{0}: {1} Sign in to IAM Identity Center (aws sso login --profile {2})?', what, errorMessage(e), profile);
    void vscode.window.showWarningMessage(text, signIn).then(async (choice) => {
      if (choice !== signIn) return;
      if (await this.o.signIn.signIn(profile)) await retry?.();
    });
  }
}
