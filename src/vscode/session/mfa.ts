/**
 * The MFA TokenProvider of the AssumeRole providers. When a person acted (a click, a command) it
 * asks with an input box; a background refresh never pops an input box at someone who is typing:
 * it shows a notification whose "Renew" button asks, and fails quietly with NeedsUser meanwhile.
 */
import * as vscode from 'vscode';
import { MfaRequest } from '../../credentials/providers/assumeRole';
import { formatDuration } from '../../credentials/providers/mfaSession';
import { CredentialsError } from '../../credentials/types';
import { isMfaCode, mfaCodeProblem } from '../../credentials/mfaCode';

/** The input box's message for what was typed so far. */
function validateMfaCode(value: string): string | undefined {
  const p = mfaCodeProblem(value);
  if (p === undefined) return undefined;
  if (p.kind === 'notDigits') return vscode.l10n.t('The code has digits only.');
  if (p.kind === 'tooLong') return vscode.l10n.t('The code has 6 digits.');
  return p.missing === 1 ? vscode.l10n.t('1 more digit.') : vscode.l10n.t('{0} more digits.', p.missing);
}

export function askMfaCode(req: MfaRequest): Promise<string | undefined> {
  return new Promise((resolve) => {
    const box = vscode.window.createInputBox();
    box.title = vscode.l10n.t('MFA code for {0}', req.profile);
    const session = req.sessionSeconds !== undefined ? ` — opens a ${formatDuration(req.sessionSeconds)} MFA session for every role over these keys` : '';
    box.prompt = `6-digit code of ${req.serialNumber}${session}${req.attempt > 1 ? ` (try ${req.attempt})` : ''}`;
    box.placeholder = '123456';
    box.ignoreFocusOut = true;
    if (req.previousError !== undefined) {
      box.validationMessage = {
        message: vscode.l10n.t('That code was not accepted. Enter the next code from your device.'),
        severity: vscode.InputBoxValidationSeverity.Error,
      };
    }
    let done = false;
    const finish = (v: string | undefined): void => {
      if (done) return;
      done = true;
      box.dispose();
      resolve(v);
    };
    box.onDidChangeValue((v) => {
      const m = validateMfaCode(v);
      box.validationMessage = m;
    });
    box.onDidAccept(() => {
      const v = box.value.trim();
      if (!isMfaCode(v)) {
        box.validationMessage = validateMfaCode(v) ?? vscode.l10n.t('Enter the 6-digit code.');
        return;
      }
      finish(v);
    });
    box.onDidHide(() => finish(undefined));
    box.show();
  });
}

export interface MfaPromptOptions {
  /** Called when the person presses "Renew" on the background notification. */
  readonly renew: () => void;
  /** When the active credentials expire (for the notification text). */
  readonly expiresAt: () => Date | undefined;
  readonly now: () => number;
}

export class MfaPrompt {
  private notifiedFor: string | undefined;

  constructor(private readonly o: MfaPromptOptions) {}

  readonly tokenProvider = (req: MfaRequest): Promise<string | undefined> => {
    if (req.interactive) {
      this.notifiedFor = undefined;
      return askMfaCode(req);
    }
    this.notify(req.profile);
    return Promise.reject(
      new CredentialsError('A new MFA code is needed to renew these credentials.', {
        code: 'NeedsUser',
        profile: req.profile,
        hint: 'Press "Renew" and enter a code.',
      }),
    );
  };

  private notify(profile: string): void {
    const exp = this.o.expiresAt();
    const key = `${profile}@${exp?.getTime() ?? 0}`;
    if (this.notifiedFor === key) return;
    this.notifiedFor = key;
    const left = exp !== undefined ? exp.getTime() - this.o.now() : 0;
    const text =
      exp === undefined
        ? vscode.l10n.t('Profile "{0}" needs an MFA code.', profile)
        : left > 0
          ? left >= 60_000
            ? vscode.l10n.t('Credentials for "{0}" expire in {1} min.', profile, Math.round(left / 60_000))
            : vscode.l10n.t('Credentials for "{0}" expire in {1} s.', profile, Math.ceil(left / 1000))
          : vscode.l10n.t('Credentials for "{0}" have expired.', profile);
    const renew = vscode.l10n.t('Renew');
    void vscode.window.showWarningMessage(text, renew).then((choice) => {
      if (choice === renew) this.o.renew();
    });
  }
}
