/** Shared types of the credentials layer (pure: no vscode, no network of its own). */
import { redact } from './redact';

export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  /** When the credentials stop working; undefined for long-term keys. */
  readonly expiration?: Date;
  readonly accountId?: string;
  /** The caller ARN when the provider learns it (AssumeRole returns the assumed-role ARN). */
  readonly arn?: string;
}

export interface RetrieveContext {
  /**
   * True when a person asked for these credentials just now (a click, a command), so prompting
   * them (an MFA code) is welcome; false for background refreshes, which must not prompt.
   */
  readonly interactive: boolean;
}

export interface CredentialProvider {
  /** One line for logs and tooltips, e.g. `assume role arn:… (profile demo-dev)`. Never secrets. */
  readonly description: string;
  retrieve(ctx: RetrieveContext): Promise<Credentials>;
}

/** Milliseconds since the epoch; injected so tests control time. */
export type Now = () => number;

export type ErrorCode =
  | 'Config' // the profile is wrong: fix the file
  | 'Cancelled' // the person pressed Esc: no error to show
  | 'NeedsUser' // a background refresh needs an MFA code: ask the person, do not retry on a timer
  | 'NeedsLogin' // the IAM Identity Center session is missing or over: the person signs in (aws sso login)
  | 'MfaRejected'
  | 'AccessDenied'
  | 'Expired'
  | 'Network'
  | 'Process'
  | 'Sts';

/**
 * Words a person reads, kept translatable: an English template with `{0}`-style places and its
 * arguments (made with the `text` tag), or a plain English string. The edge translates the
 * template (vscode.l10n: the English text is the key); the engine formats it in English.
 */
export type Text = string | { readonly template: string; readonly args: ReadonlyArray<string | number> };

/** `` text`profile ${name} was not found.` `` → template `profile {0} was not found.`, args `[name]`. */
export function text(strings: TemplateStringsArray, ...args: Array<string | number>): Text {
  return { template: strings.reduce((t, s, i) => (i === 0 ? s : `${t}{${i - 1}}${s}`), ''), args };
}

/** Fills a template's places; `translate` (the edge's) may first look the template up. */
export type Translate = (template: string, args: ReadonlyArray<string | number>) => string;

export const english: Translate = (template, args) => template.replace(/\{(\d+)\}/g, (m, i: string) => String(args[Number(i)] ?? m));

export function formatText(t: Text, translate: Translate = english): string {
  return typeof t === 'string' ? translate(t, []) : translate(t.template, t.args);
}

export interface CredentialsErrorInit {
  code: ErrorCode;
  profile?: string;
  /** The step of the chain, e.g. `step 2 of 3: assume role arn:…`. */
  step?: string;
  hint?: Text;
  cause?: unknown;
  /** STS error code (AccessDenied, ExpiredToken, …) when STS answered. */
  stsCode?: string;
}

/**
 * An error a person can act on: what happened, where (profile, chain step) and what to do.
 * Messages never contain secrets.
 */
export class CredentialsError extends Error {
  readonly code: ErrorCode;
  readonly profile: string | undefined;
  readonly step: string | undefined;
  /** What to do, in English. */
  readonly hint: string | undefined;
  readonly stsCode: string | undefined;
  /** The message and hint as translatable text. */
  readonly text: Text;
  readonly hintText: Text | undefined;

  constructor(message: Text, init: CredentialsErrorInit) {
    super(formatText(message), init.cause !== undefined ? { cause: init.cause } : undefined);
    this.name = 'CredentialsError';
    this.code = init.code;
    this.profile = init.profile;
    this.step = init.step;
    this.text = message;
    this.hintText = init.hint;
    this.hint = init.hint !== undefined ? formatText(init.hint) : undefined;
    this.stsCode = init.stsCode;
  }

  /** A copy that also says which profile and step it happened in (the innermost wins). */
  within(profile: string, step: string): CredentialsError {
    if (this.profile !== undefined && this.step !== undefined) return this;
    return new CredentialsError(this.text, {
      code: this.code,
      profile: this.profile ?? profile,
      step: this.step ?? step,
      ...(this.hintText !== undefined ? { hint: this.hintText } : {}),
      ...(this.stsCode !== undefined ? { stsCode: this.stsCode } : {}),
      cause: this.cause,
    });
  }

  /**
   * `Profile "x", step 2 of 3 (assume role …): Message. Hint` — in English, or through `translate`;
   * redacted, since a message can quote what a program or a server said. `about`: the profile the
   * surrounding words already name ("Could not assume "x": …"), left out so it is named once.
   */
  describe(translate: Translate = english, about?: string): string {
    const named = this.profile !== undefined && this.profile !== about;
    const where = [named ? translate('Profile "{0}"', [this.profile ?? '']) : '', this.step ?? ''].filter((s) => s !== '').join(', ');
    const hint = this.hintText !== undefined ? ` ${formatText(this.hintText, translate)}` : '';
    return redact(`${where !== '' ? `${where}: ` : ''}${formatText(this.text, translate)}${hint}`);
  }
}

export function isCredentialsError(e: unknown, code?: ErrorCode): e is CredentialsError {
  return e instanceof CredentialsError && (code === undefined || e.code === code);
}
