/**
 * Resolves a profile into a chain: one base provider followed by the roles to assume, in order —
 * by the cross-SDK rules (`assume-role-tests.json`):
 * - the first profile's `role_arn` wins over its own static keys; on later hops static keys win;
 * - `source_profile` naming the profile itself uses that profile's own keys;
 * - `credential_source` names an Environment, Ec2InstanceMetadata or EcsContainer base;
 * - `web_identity_token_file` + `role_arn` is a base provider, not a chained role;
 * - loops are errors that name the loop;
 * - keys from the credentials file win over `credential_process`, as in the AWS CLI.
 */
import { Section, get } from '../config/profiles';
import { BaseSpec, recogniseBase } from './kinds';
import { configError } from './kinds/kind';
import { namedSource } from './kinds/credentialSource';
import { hasAnyKey, staticKeysOf } from './kinds/staticKeys';
import { CredentialsError, text } from './types';

export type { BaseSpec } from './kinds';

export interface RoleSpec {
  /** The profile that declares this role. */
  profile: string;
  roleArn: string;
  externalId?: string;
  sessionName?: string;
}

export interface ChainSpec {
  base: BaseSpec;
  /** Roles to assume, base first. */
  roles: RoleSpec[];
  /** Every profile visited, selected first. */
  profiles: string[];
}

/** What one profile does as a step of a chain: ends it (a base, after its own role if any), fails, or goes on to its source. */
type Step =
  | { readonly kind: 'base'; readonly base: BaseSpec; readonly role?: RoleSpec }
  | { readonly kind: 'error'; readonly error: CredentialsError }
  | { readonly kind: 'next'; readonly role: RoleSpec; readonly next: string };

/** Where a profile leads as a later hop: a base (through `terminal`), an error, or a loop entered at `entry`. */
type Tail =
  | { readonly kind: 'ok'; readonly terminal: string }
  | { readonly kind: 'error'; readonly error: CredentialsError }
  | { readonly kind: 'loop'; readonly entry: string };

/** Names shown of a loop before the rest is counted (a 2,000-profile loop is one short line, not 20 KB). */
const LOOP_NAMES_SHOWN = 8;

/**
 * Resolves every profile of one config at most once (a hop's outcome is shared by every chain
 * through it), so all the profiles of a file resolve in time linear in the file, whatever its
 * chains and loops. The maps must not change while it is in use: one resolver per loaded config.
 */
export class ChainResolver {
  private readonly later = new Map<string, Step>();
  private readonly tails = new Map<string, Tail>();
  /** Profiles on a loop: the loop (shared by its members) and their place in it. */
  private readonly cycles = new Map<string, { readonly loop: readonly string[]; readonly at: number }>();

  constructor(
    private readonly profiles: Map<string, Section>,
    readonly ssoSessions: Map<string, Section>,
  ) {}

  private step(name: string, section: Section, first: boolean): Step {
    if (!first) {
      const keys = staticKeysOf(section);
      if (!(keys instanceof CredentialsError)) return { kind: 'base', base: keys };
    }
    const roleArn = get(section, 'role_arn');
    if (roleArn === undefined || get(section, 'web_identity_token_file') !== undefined) {
      const b = recogniseBase(section, this.ssoSessions);
      return b instanceof CredentialsError ? { kind: 'error', error: b } : { kind: 'base', base: b };
    }
    const sourceProfile = get(section, 'source_profile');
    const credentialSource = get(section, 'credential_source');
    if (sourceProfile !== undefined && credentialSource !== undefined) {
      return {
        kind: 'error',
        error: configError(name, 'Both source_profile and credential_source are set; only one may be.', 'Remove one of them.'),
      };
    }
    if (sourceProfile === undefined && credentialSource === undefined) {
      return {
        kind: 'error',
        error: configError(
          name,
          'The setting role_arn needs source_profile or credential_source to say what assumes the role.',
          'Add source_profile = <a profile with credentials>, or credential_source = Environment | Ec2InstanceMetadata | EcsContainer.',
        ),
      };
    }
    const externalId = get(section, 'external_id');
    const sessionName = get(section, 'role_session_name');
    const role: RoleSpec = {
      profile: name,
      roleArn,
      ...(externalId !== undefined ? { externalId } : {}),
      ...(sessionName !== undefined ? { sessionName } : {}),
    };
    if (credentialSource !== undefined || sourceProfile === name) {
      const b = credentialSource !== undefined ? namedSource(section, credentialSource) : staticKeysOf(section);
      // Its own source without keys of its own: say that, not "no credential information" (it has role_arn).
      if (b instanceof CredentialsError && credentialSource === undefined && !hasAnyKey(section))
        return {
          kind: 'error',
          error: configError(
            name,
            'It names itself as its source_profile, so its own keys are the source, and it has none.',
            'Add aws_access_key_id and aws_secret_access_key to it, or point source_profile at a profile with keys.',
          ),
        };
      return b instanceof CredentialsError ? { kind: 'error', error: b } : { kind: 'base', base: b, role };
    }
    return { kind: 'next', role, next: sourceProfile as string };
  }

  private laterStep(name: string): Step {
    let st = this.later.get(name);
    if (st === undefined) {
      st = this.step(name, this.profiles.get(name) as Section, false);
      this.later.set(name, st);
    }
    return st;
  }

  /** Where `start` (an existing profile) leads as a later hop; every profile walked gets its answer too. */
  private tail(start: string): Tail {
    const known = this.tails.get(start);
    if (known !== undefined) return known;
    const stack: string[] = [];
    const onStack = new Map<string, number>();
    let cur = start;
    let outcome: Tail;
    for (;;) {
      const seen = this.tails.get(cur);
      if (seen !== undefined) {
        outcome = seen;
        break;
      }
      const at = onStack.get(cur);
      if (at !== undefined) {
        // The profiles from `at` up form a loop: each is its own entry.
        const loop = stack.slice(at);
        loop.forEach((p, i) => {
          this.cycles.set(p, { loop, at: i });
          this.tails.set(p, { kind: 'loop', entry: p });
        });
        stack.length = at;
        outcome = { kind: 'loop', entry: cur };
        break;
      }
      const st = this.laterStep(cur);
      if (st.kind === 'base') {
        outcome = { kind: 'ok', terminal: cur };
        this.tails.set(cur, outcome);
        break;
      }
      if (st.kind === 'error') {
        outcome = { kind: 'error', error: st.error };
        this.tails.set(cur, outcome);
        break;
      }
      onStack.set(cur, stack.length);
      stack.push(cur);
      if (!this.profiles.has(st.next)) {
        outcome = { kind: 'error', error: missingSource(st.next, cur) };
        this.tails.set(stack.pop() as string, outcome);
        break;
      }
      cur = st.next;
    }
    // Every profile walked leads where its source leads.
    for (let i = stack.length - 1; i >= 0; i--) this.tails.set(stack[i] as string, outcome);
    return this.tails.get(start) as Tail;
  }

  /** The loop as the error names it, from `entry` round to it again, long loops shortened. */
  private loopText(entry: string, path?: readonly string[]): string {
    let names: readonly string[];
    if (path !== undefined) names = path;
    else {
      const c = this.cycles.get(entry);
      if (c === undefined) return entry;
      names = [...c.loop.slice(c.at), ...c.loop.slice(0, c.at)];
    }
    const shown = names.length <= LOOP_NAMES_SHOWN ? names : [...names.slice(0, LOOP_NAMES_SHOWN - 1), `… (${names.length - LOOP_NAMES_SHOWN + 1} more)`];
    return [...shown, entry].join(' → ');
  }

  private loopError(selected: string, loop: string): CredentialsError {
    return configError(
      selected,
      text`The source_profile settings form a loop: ${loop}.`,
      'Break the loop by pointing one source_profile at a profile with keys.',
    );
  }

  /** The error `selected` fails with, or undefined when its chain resolves (no arrays built). */
  check(selected: string): CredentialsError | undefined {
    const r = this.outcome(selected);
    return r instanceof CredentialsError ? r : undefined;
  }

  private outcome(selected: string): CredentialsError | { first: Step; tail?: Tail } {
    if (this.profiles.size === 0)
      return configError(selected, 'No profiles are defined.', 'Create ~/.aws/config (or set AWS_CONFIG_FILE) with at least one profile.');
    const section = this.profiles.get(selected);
    if (section === undefined)
      return configError(selected, 'There is no such profile in the config files.', 'Check the profile name (AWS_PROFILE, settings) against the config files.');
    const first = this.step(selected, section, true);
    if (first.kind === 'error') return first.error;
    if (first.kind === 'base') return { first };
    if (!this.profiles.has(first.next)) return missingSource(first.next, selected);
    const t = this.tail(first.next);
    if (t.kind === 'error') return t.error;
    if (t.kind === 'loop') {
      // The selected profile on the loop is where the loop is first seen again.
      return this.loopError(selected, this.loopText(this.cycles.has(selected) ? selected : t.entry));
    }
    // Back at the selected profile (whose keys end the chain as a later hop): a loop through it.
    if (t.terminal === selected) return this.loopError(selected, this.loopText(selected, [selected, ...this.path(first.next, selected)]));
    return { first, tail: t };
  }

  /** The profiles from `from` as later hops up to `to` (excluded), or to the end. */
  private path(from: string, to?: string): string[] {
    const out: string[] = [];
    for (let cur: string | undefined = from; cur !== undefined && cur !== to;) {
      out.push(cur);
      const st = this.laterStep(cur);
      cur = st.kind === 'next' ? st.next : undefined;
    }
    return out;
  }

  /** `selected` as a chain, or throws a CredentialsError with code `Config`. */
  resolve(selected: string): ChainSpec {
    const r = this.outcome(selected);
    if (r instanceof CredentialsError) throw r;
    const { first } = r;
    if (first.kind === 'base') return { base: first.base, roles: first.role !== undefined ? [first.role] : [], profiles: [selected] };
    if (first.kind !== 'next') throw new Error('unreachable');
    const visited = [selected];
    const roles: RoleSpec[] = [first.role];
    let base: BaseSpec | undefined;
    for (const p of this.path(first.next)) {
      visited.push(p);
      const st = this.laterStep(p);
      if (st.kind === 'next') roles.push(st.role);
      else if (st.kind === 'base') {
        if (st.role !== undefined) roles.push(st.role);
        base = st.base;
      }
    }
    if (base === undefined) throw new Error('unreachable: a resolved chain ends in a base');
    roles.reverse();
    return { base, roles, profiles: visited };
  }
}

/** A source_profile naming no profile: the same words in the picker, the log and the editor. */
export function missingSource(name: string, from: string): CredentialsError {
  return configError(from, text`Its source_profile names "${name}", which does not exist.`, text`Fix the name, or add a [profile ${name}] section.`);
}

/** One resolver per loaded config (its profile map), shared by every pass that reads it. */
const resolvers = new WeakMap<Map<string, Section>, ChainResolver>();

export function chainResolver(profiles: Map<string, Section>, ssoSessions: Map<string, Section>): ChainResolver {
  let r = resolvers.get(profiles);
  if (r === undefined || r.ssoSessions !== ssoSessions) {
    r = new ChainResolver(profiles, ssoSessions);
    resolvers.set(profiles, r);
  }
  return r;
}

/** Resolves `selected` into a chain, or throws a CredentialsError with code `Config`. */
export function resolveChain(profiles: Map<string, Section>, ssoSessions: Map<string, Section>, selected: string): ChainSpec {
  return chainResolver(profiles, ssoSessions).resolve(selected);
}

/** The error `selected` would fail with, or undefined when it resolves (cheaper than resolveChain: no chain is built). */
export function chainError(profiles: Map<string, Section>, ssoSessions: Map<string, Section>, selected: string): CredentialsError | undefined {
  return chainResolver(profiles, ssoSessions).check(selected);
}
