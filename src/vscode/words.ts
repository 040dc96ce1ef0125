/** Words the edge shows for engine values (localised). */
import * as vscode from 'vscode';
import { ProfileKind } from '../credentials/profileInfo';
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

/** An engine error as a person reads it, translated; logs keep `describe()` in English. */
export function describeError(e: CredentialsError): string {
  return e.describe(translate);
}

/** The message of an engine error without where and hint, translated. */
export function errorMessage(e: CredentialsError): string {
  return redact(formatText(e.text, translate));
}
