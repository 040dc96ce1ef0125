/**
 * A credential kind: where the first credentials of a chain come from (static keys, a credential
 * source, web identity, IAM Identity Center, a credential process). One module per kind holds all
 * of it — how a profile is recognised as the kind, its spec, its provider, its chain step and how
 * the picker describes it — and `index.ts` lists them in the AWS CLI's precedence.
 */
import { ProfileSet, Section } from '../../config/profiles';
import { Deps } from '../deps';
import { CredentialProvider, CredentialsError, Text } from '../types';
import type { BaseKindId } from './index';

/** What every kind's spec has: its kind and the profile that declares it. */
export interface SpecBase {
  readonly kind: string;
  readonly profile: string;
}

/** What the picker, the view and the hover show of a profile whose chain is this base alone. */
export interface BaseFacts {
  /** The picker's kind of profile: the base's own, except that a credential source is one of three. */
  readonly kind: Exclude<BaseKindId, 'credential-source'> | 'environment' | 'container' | 'instance';
  readonly accountId?: string;
  readonly roleArn?: string;
  readonly roleName?: string;
  /** The IAM Identity Center sign-in the profile depends on. */
  readonly ssoSignIn?: { readonly session?: string; readonly startUrl: string };
  /** The console sign-in (`aws login`) the profile depends on: the profile that names it, and its login_session. */
  readonly loginSignIn?: { readonly profile: string; readonly session: string };
}

export interface KindContext {
  readonly set: ProfileSet;
  /** The section of the spec's profile. */
  readonly section: Section | undefined;
  readonly deps: Deps;
}

export interface CredentialKind<S extends SpecBase> {
  /** The settings that make a section this kind (a section with none of any kind's holds settings only). */
  readonly keys: readonly string[];
  /** The kind in an error's chain step, before its provider exists. */
  readonly words: string;
  /** Its credentials are a role session: a role assumed from them is chained (STS caps it at one hour). */
  readonly givesRoleSession: boolean;
  /** Its credentials never change (keys written in the file): nothing to hold and renew. */
  readonly unchanging: boolean;
  /** The access key ID of long-term keys, which GetSessionToken takes for an MFA session; else undefined. */
  longTermKeyId(spec: S): string | undefined;
  /**
   * The kind as a chain's base in `section`: its spec, what is wrong with it, or undefined when the
   * section is not this kind (the next kind in precedence is asked).
   */
  recognise(section: Section, ssoSessions: ReadonlyMap<string, Section>): S | CredentialsError | undefined;
  provider(spec: S, ctx: KindContext): CredentialProvider;
  /** The chain's first step in words, for the hover. Never a credential value. */
  step(spec: S): Text;
  facts(spec: S): BaseFacts;
}

export function configError(profile: string, message: Text, hint: Text): CredentialsError {
  return new CredentialsError(message, { code: 'Config', profile, hint });
}
