/**
 * The memoised chain resolver against the walk it replaced (one profile at a time, from scratch,
 * kept here as the reference): the same chain or the same error for every profile of random
 * configs; and on long chains and loops a number of profile look-ups linear in the file.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Section, get } from '../../src/config/profiles';
import { BaseSpec, ChainResolver, ChainSpec, RoleSpec } from '../../src/credentials/chain';
import { recogniseBase } from '../../src/credentials/kinds';
import { namedSource } from '../../src/credentials/kinds/credentialSource';
import { staticKeysOf as staticKeys } from '../../src/credentials/kinds/staticKeys';
import { CredentialsError, formatText, text } from '../../src/credentials/types';
import { profilesFrom } from './helpers';

/** The walk as it was before memoisation (chain.ts up to this change), errors as plain text. */
function reference(profiles: Map<string, Section>, ssoSessions: Map<string, Section>, selected: string): ChainSpec | string {
  const err = (profile: string, message: ReturnType<typeof text>) => `${profile}: ${formatText(message)}`;
  const visited: string[] = [];
  const roles: RoleSpec[] = [];
  let name = selected;
  let base: BaseSpec;
  for (;;) {
    const section = profiles.get(name);
    if (section === undefined) {
      const from = visited.at(-1);
      if (from === undefined) return err(name, 'There is no such profile in the config files.');
      return err(from, text`Its source_profile names "${name}", which does not exist.`);
    }
    if (visited.includes(name))
      return err(visited[0] as string, text`The source_profile settings form a loop: ${[...visited.slice(visited.indexOf(name)), name].join(' → ')}.`);
    visited.push(name);
    if (visited.length > 1) {
      const keys = staticKeys(section);
      if (!(keys instanceof CredentialsError)) {
        base = keys;
        break;
      }
    }
    const roleArn = get(section, 'role_arn');
    if (roleArn === undefined || get(section, 'web_identity_token_file') !== undefined) {
      const b = recogniseBase(section, ssoSessions);
      if (b instanceof CredentialsError) return err(b.profile ?? '', b.text);
      base = b;
      break;
    }
    const sourceProfile = get(section, 'source_profile');
    const credentialSource = get(section, 'credential_source');
    if (sourceProfile !== undefined && credentialSource !== undefined) return err(name, 'Both source_profile and credential_source are set; only one may be.');
    if (sourceProfile === undefined && credentialSource === undefined)
      return err(name, 'The setting role_arn needs source_profile or credential_source to say what assumes the role.');
    const externalId = get(section, 'external_id');
    const sessionName = get(section, 'role_session_name');
    roles.push({ profile: name, roleArn, ...(externalId !== undefined ? { externalId } : {}), ...(sessionName !== undefined ? { sessionName } : {}) });
    if (credentialSource !== undefined || sourceProfile === name) {
      const b = credentialSource !== undefined ? namedSource(section, credentialSource) : staticKeys(section);
      if (b instanceof CredentialsError) return err(b.profile ?? '', b.text);
      base = b;
      break;
    }
    name = sourceProfile as string;
  }
  roles.reverse();
  return { base, roles, profiles: visited };
}

function resolved(r: ChainResolver, name: string): ChainSpec | string {
  try {
    return r.resolve(name);
  } catch (e) {
    assert.ok(e instanceof CredentialsError);
    return `${e.profile ?? ''}: ${formatText(e.text)}`;
  }
}

describe('the chain resolver, memoised', () => {
  it('gives every profile of 400 random configs the chain or error of the walk it replaced', () => {
    let seed = 11;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let round = 0; round < 400; round++) {
      const n = 1 + rnd(8);
      let text = '';
      for (let i = 0; i < n; i++) {
        const lines = [`[profile p${i}]`];
        const kind = rnd(10);
        if (kind < 3 || rnd(4) === 0) lines.push(`aws_access_key_id = AKIA${i}`, 'aws_secret_access_key = s');
        if (kind >= 2) lines.push(`role_arn = arn:aws:iam::111111111111:role/R${i}`);
        const src = rnd(12);
        if (kind >= 2 && src < 9) lines.push(`source_profile = p${rnd(n + 1)}`);
        else if (kind >= 2 && src === 9) lines.push('credential_source = Environment');
        else if (kind >= 2 && src === 10) lines.push(`source_profile = p${i}`, 'credential_source = Ec2InstanceMetadata');
        if (rnd(6) === 0) lines.push('external_id = x');
        text += lines.join('\n') + '\n';
      }
      const set = profilesFrom(text);
      const r = new ChainResolver(set.profiles, set.ssoSessions);
      // In a random order, so memoised answers from earlier profiles are used by later ones.
      const names = [...set.profiles.keys(), 'nope'].sort(() => rnd(3) - 1);
      for (const name of names) {
        assert.deepEqual(resolved(r, name), reference(set.profiles, set.ssoSessions, name), `round ${round}, ${name}:\n${text}`);
        assert.equal(r.check(name) === undefined, typeof reference(set.profiles, set.ssoSessions, name) !== 'string');
      }
    }
  });

  /** Profile look-ups made while checking every profile. */
  function lookups(text: string): { count: number; profiles: number; errors: string[] } {
    const set = profilesFrom(text);
    let count = 0;
    const counted = new Proxy(set.profiles, {
      get(target, key) {
        const v = Reflect.get(target, key, target) as unknown;
        if (key === 'get' || key === 'has') count++;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    const r = new ChainResolver(counted, set.ssoSessions);
    const errors: string[] = [];
    for (const name of set.profiles.keys()) {
      const e = r.check(name);
      if (e !== undefined) errors.push(formatText(e.text));
    }
    return { count, profiles: set.profiles.size, errors };
  }

  it('a 5,000-profile loop: every profile fails with a one-line message, in look-ups linear in the file', () => {
    let text = '';
    for (let i = 0; i < 5000; i++) text += `[profile p${i}]\nrole_arn = arn:aws:iam::111111111111:role/R\nsource_profile = p${(i + 1) % 5000}\n`;
    const { count, profiles, errors } = lookups(text);
    assert.equal(errors.length, profiles);
    assert.equal(errors[0], 'The source_profile settings form a loop: p0 → p1 → p2 → p3 → p4 → p5 → p6 → … (4993 more) → p0.');
    assert.ok(errors.every((e) => e.length < 200));
    assert.ok(count <= 10 * profiles, `${count} look-ups for ${profiles} profiles`);
  });

  it('a 5,000-hop chain, and 5,000 profiles leading into one loop: look-ups linear in the file', () => {
    let chain = '[profile p0]\naws_access_key_id = AKIA\naws_secret_access_key = s\n';
    for (let i = 1; i < 5000; i++) chain += `[profile p${i}]\nrole_arn = arn:aws:iam::111111111111:role/R\nsource_profile = p${i - 1}\n`;
    const c = lookups(chain);
    assert.deepEqual(c.errors, []);
    assert.ok(c.count <= 10 * c.profiles, `${c.count} look-ups for ${c.profiles} profiles`);
    let funnel = '[profile a]\nrole_arn = arn:aws:iam::1:role/R\nsource_profile = b\n[profile b]\nrole_arn = arn:aws:iam::1:role/R\nsource_profile = a\n';
    for (let i = 0; i < 5000; i++) funnel += `[profile f${i}]\nrole_arn = arn:aws:iam::111111111111:role/R\nsource_profile = ${i === 0 ? 'a' : `f${i - 1}`}\n`;
    const f = lookups(funnel);
    assert.equal(f.errors.length, f.profiles);
    // Each profile before the loop names the loop as entered (at a); b, on it, from itself.
    assert.equal(f.errors.filter((e) => /form a loop: a → b → a\.$/.test(e)).length, f.profiles - 1);
    assert.equal(f.errors.filter((e) => /form a loop: b → a → b\.$/.test(e)).length, 1);
    assert.ok(f.count <= 10 * f.profiles, `${f.count} look-ups for ${f.profiles} profiles`);
  });
});

describe('a role profile that names itself as its source_profile', () => {
  it('without keys of its own: says so, not "No credentials are set" (it has role_arn and source_profile)', () => {
    const set = profilesFrom('[profile loop-a]\nrole_arn = arn:aws:iam::222222222222:role/Developer\nsource_profile = loop-a\n');
    const e = new ChainResolver(set.profiles, set.ssoSessions).check('loop-a');
    assert.ok(e instanceof CredentialsError);
    const said = formatText(e.message);
    assert.match(said, /names itself as its source_profile, so its own keys are the source, and it has none/);
    assert.doesNotMatch(said, /No credentials are set/);
    assert.match(formatText(e.hint ?? ''), /point source_profile at a profile with keys/);
  });
  it('with half a key pair: the missing key is named, as before', () => {
    const set = profilesFrom('[profile loop-a]\nrole_arn = arn:aws:iam::222222222222:role/Developer\nsource_profile = loop-a\naws_access_key_id = AKIA1\n');
    const e = new ChainResolver(set.profiles, set.ssoSessions).check('loop-a');
    assert.ok(e instanceof CredentialsError);
    assert.match(formatText(e.message), /aws_secret_access_key is missing/);
  });
});
