/**
 * What another extension asks for with its scopes: the window's profile (no profile scope), one
 * profile by name (`profile:<name>`), or nothing at all. Scopes come from outside: one that looks
 * like it asks for a profile but does not name one exactly (`profile:`, `profile:x\n`,
 * `Profile:x`, two different names) is refused, never read as "the window's profile".
 */

import { isName } from '../config/parser';

/** The profile of a scope that is exactly `profile:` and a name the config files allow. */
export function scopeProfile(scope: string): string | undefined {
  const name = scope.startsWith('profile:') ? scope.slice('profile:'.length) : undefined;
  return name !== undefined && isName(name) ? name : undefined;
}

/** Anything that looks like it asks for a profile (another case, spaces, an empty name, a line break). */
const ASKS_FOR_PROFILE = /^\s*profile\s*:/i;

export type ScopeRequest =
  { readonly kind: 'window' } | { readonly kind: 'profile'; readonly profile: string } | { readonly kind: 'invalid'; readonly scope: string };

export function parseScopes(scopes: readonly unknown[] | undefined): ScopeRequest {
  let profile: string | undefined;
  for (const s of scopes ?? []) {
    if (typeof s !== 'string') return { kind: 'invalid', scope: String(s) };
    const name = scopeProfile(s);
    if (name === undefined) {
      if (ASKS_FOR_PROFILE.test(s)) return { kind: 'invalid', scope: s };
      continue;
    }
    // Two different profiles in one request: which one is meant cannot be told.
    if (profile !== undefined && profile !== name) return { kind: 'invalid', scope: s };
    profile = name;
  }
  return profile === undefined ? { kind: 'window' } : { kind: 'profile', profile };
}
