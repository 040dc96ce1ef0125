/** Shared types of the credentials layer (pure: no vscode, no network of its own). */

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
  | 'Sts'
  | 'Unsupported';

export interface CredentialsErrorInit {
  code: ErrorCode;
  profile?: string;
  /** The step of the chain, e.g. `step 2 of 3: assume role arn:…`. */
  step?: string;
  hint?: string;
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
  readonly hint: string | undefined;
  readonly stsCode: string | undefined;

  constructor(message: string, init: CredentialsErrorInit) {
    super(message, init.cause !== undefined ? { cause: init.cause } : undefined);
    this.name = 'CredentialsError';
    this.code = init.code;
    this.profile = init.profile;
    this.step = init.step;
    this.hint = init.hint;
    this.stsCode = init.stsCode;
  }

  /** A copy that also says which profile and step it happened in (the innermost wins). */
  within(profile: string, step: string): CredentialsError {
    if (this.profile !== undefined && this.step !== undefined) return this;
    return new CredentialsError(this.message, {
      code: this.code,
      profile: this.profile ?? profile,
      step: this.step ?? step,
      ...(this.hint !== undefined ? { hint: this.hint } : {}),
      ...(this.stsCode !== undefined ? { stsCode: this.stsCode } : {}),
      cause: this.cause,
    });
  }

  /** `Profile "x", step 2 of 3 (assume role …): message. hint` */
  describe(): string {
    const where = [this.profile !== undefined ? `Profile "${this.profile}"` : '', this.step ?? ''].filter((s) => s !== '').join(', ');
    return `${where !== '' ? `${where}: ` : ''}${this.message}${this.hint !== undefined ? ` ${this.hint}` : ''}`;
  }
}

export function isCredentialsError(e: unknown, code?: ErrorCode): e is CredentialsError {
  return e instanceof CredentialsError && (code === undefined || e.code === code);
}
