/** Words the edge shows for engine values (localised). */
import * as vscode from 'vscode';
import { ProfileInfo, ProfileKind } from '../credentials/profileInfo';
import { CredentialsError, Translate, formatText } from '../credentials/types';
import { redact } from '../credentials/redact';

/** Each kind of profile in words: a new kind does not compile until it has its label here. */
const KIND_LABELS: Record<ProfileKind, () => string> = {
  static: () => vscode.l10n.t('static keys'),
  role: () => vscode.l10n.t('role'),
  'mfa-role': () => vscode.l10n.t('MFA role'),
  'web-identity': () => vscode.l10n.t('web identity'),
  process: () => vscode.l10n.t('credential process'),
  sso: () => vscode.l10n.t('SSO'),
  login: () => vscode.l10n.t('console sign-in'),
  environment: () => vscode.l10n.t('environment keys'),
  container: () => vscode.l10n.t('container'),
  instance: () => vscode.l10n.t('EC2 instance'),
  invalid: () => vscode.l10n.t('cannot be used'),
};

export function kindLabel(kind: ProfileKind): string {
  return KIND_LABELS[kind]();
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
