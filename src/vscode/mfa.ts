/**
 * The MFA TokenProvider of the AssumeRole providers. When a person acted (a click, a command) it
 * asks with an input box; a background refresh never pops an input box at someone who is typing:
 * it shows a notification whose "Renew" button asks, and fails quietly with NeedsUser meanwhile.
 */
import * as vscode from 'vscode';
import { MfaRequest } from '../credentials/providers/assumeRole';
import { formatDuration } from '../credentials/providers/mfaSession';
import { CredentialsError } from '../credentials/types';

const CODE = /^\d{6}$/;

export function validateMfaCode(value: string): string | undefined {
  const v = value.trim();
  if (v === '') return undefined;
  if (!/^\d*$/.test(v)) return 'The code has digits only.';
  if (v.length < 6) return `${6 - v.length} more digit${v.length === 5 ? '' : 's'}.`;
  if (v.length > 6) return 'The code has 6 digits.';
  return undefined;
}

export function askMfaCode(req: MfaRequest): Promise<string | undefined> {
  return new Promise((resolve) => {
    const box = vscode.window.createInputBox();
    box.title = `MFA code for ${req.profile}`;
    const session = req.sessionSeconds !== undefined ? ` — opens a ${formatDuration(req.sessionSeconds)} MFA session for every role over these keys` : '';
    box.prompt = `6-digit code of ${req.serialNumber}${session}${req.attempt > 1 ? ` (try ${req.attempt})` : ''}`;
    box.placeholder = '123456';
    box.ignoreFocusOut = true;
    if (req.previousError !== undefined) {
      box.validationMessage = { message: 'That code was not accepted. Enter the next code from your device.', severity: vscode.InputBoxValidationSeverity.Error };
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
      if (!CODE.test(v)) {
        box.validationMessage = validateMfaCode(v) ?? 'Enter the 6-digit code.';
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
    return Promise.reject(new CredentialsError('A new MFA code is needed to renew these credentials.', { code: 'NeedsUser', profile: req.profile, hint: 'Press "Renew" and enter a code.' }));
  };

  private notify(profile: string): void {
    const exp = this.o.expiresAt();
    const key = `${profile}@${exp?.getTime() ?? 0}`;
    if (this.notifiedFor === key) return;
    this.notifiedFor = key;
    const left = exp !== undefined ? exp.getTime() - this.o.now() : 0;
    const text = exp === undefined
      ? `${profile} needs an MFA code.`
      : left > 0
        ? `Credentials for ${profile} expire in ${left >= 60_000 ? `${Math.round(left / 60_000)} min` : `${Math.ceil(left / 1000)} s`}.`
        : `Credentials for ${profile} have expired.`;
    void vscode.window.showWarningMessage(text, 'Renew').then((choice) => {
      if (choice === 'Renew') this.o.renew();
    });
  }
}
