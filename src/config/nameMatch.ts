/** Name patterns (setting productionProfiles): `*` matches any run of characters; the rest is literal; case is ignored. */
export function matchesAny(name: string, patterns: readonly string[]): boolean {
  return compiled(patterns).some((r) => r.test(name));
}

// The same list is matched against every profile of a picker open: compile it once.
let last: { readonly patterns: readonly string[]; readonly regexps: RegExp[] } | undefined;

function compiled(patterns: readonly string[]): RegExp[] {
  if (last === undefined || last.patterns.length !== patterns.length || last.patterns.some((p, i) => p !== patterns[i])) {
    last = { patterns: [...patterns], regexps: patterns.map(globToRegExp) };
  }
  return last.regexps;
}

function globToRegExp(pattern: string): RegExp {
  return new RegExp(
    `^${pattern
      .split('*')
      .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
    'i',
  );
}
