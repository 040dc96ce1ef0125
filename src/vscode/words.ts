/** Words the edge shows for engine values (localised). */
import * as vscode from 'vscode';
import { ProfileInfo, ProfileKind } from '../credentials/profileInfo';
import { CredentialsError, Translate, formatText } from '../credentials/types';
import { redact } from '../credentials/redact';

export function kindLabel(kind: ProfileKind): string {
  switch (kind) {
    case 'static':
      return vscode.l10n.t('static keys');
    case 'role':
      return vscode.l10n.t('role');
    case 'mfa-role':
      return vscode.l10n.t('MFA role');
    case 'web-identity':
      return vscode.l10n.t('web identity');
    case 'process':
      return vscode.l10n.t('credential process');
    case 'sso':
      return vscode.l10n.t('SSO');
    case 'environment':
      return vscode.l10n.t('environment keys');
    case 'container':
      return vscode.l10n.t('container');
    case 'instance':
      return vscode.l10n.t('EC2 instance');
    case 'invalid':
      return vscode.l10n.t('cannot be used');
  }
}

/** Engine texts through VS Code's translations (the English template is the key). */
export const translate: Translate = (template, args) => vscode.l10n.t(template, ...args);

/**
 * An engine error as a person reads it, translated; logs keep `describe()` in English. `about`: the
 * profile the words around it already name, so the error does not name it again.
 */
export function describeError(e: CredentialsError, about?: string): string {
  return e.describe(translate, about);
}

/** The message of an engine error without where and hint, translated. */
export function errorMessage(e: CredentialsError): string {
  return redact(formatText(e.text, translate));
}

/** "~/.aws/config:12: Message. Hint": a broken profile's problem, where it is written (as a diagnostic reads). */
export function errorWithPlace(info: ProfileInfo): string | undefined {
  if (info.error === undefined) return undefined;
  const text = describeError(info.error, info.name);
  return info.errorAt !== undefined ? `${info.errorAt.file}:${info.errorAt.line}: ${text}` : text;
}
