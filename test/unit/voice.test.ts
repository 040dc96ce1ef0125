/**
 * One voice: every error a person can meet is a sentence (a capital first, a full stop last), says
 * its cause once, names the profile once (where the words around it do not already), and reads the
 * same wherever it is shown. Checked two ways: every message and hint written in the engine (read
 * from the source, so a new one cannot slip past), and the errors themselves as the surfaces compose them.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { ChainResolver } from '../../src/credentials/chain';
import { chainSteps } from '../../src/credentials/chainSteps';
import { describeProfile } from '../../src/credentials/profileInfo';
import { CredentialsError, ErrorCode, formatText } from '../../src/credentials/types';
import { repoRoot } from './fixtures';
import { profilesFrom } from './helpers';

interface Written {
  readonly where: string;
  readonly role: 'message' | 'hint';
  /** The words, with `{}` where a value goes. */
  readonly words: string;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** A string, template or `text` template as words with `{}` for each value; undefined for anything computed. */
function wordsOf(node: ts.Expression): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.head.text + node.templateSpans.map((s) => `{}${s.literal.text}`).join('');
  if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && node.tag.text === 'text') return wordsOf(node.template);
  if (ts.isParenthesizedExpression(node)) return wordsOf(node.expression);
  return undefined;
}

/** The product's source files. */
const sourceFiles = (): string[] => filesUnder(join(repoRoot, 'src'));

/** Every message and hint given to `new CredentialsError(…)` and `configError(…)` in the product. */
function writtenErrors(): Written[] {
  const out: Written[] = [];
  for (const file of sourceFiles()) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const at = (n: ts.Node): string => `${relative(repoRoot, file)}:${source.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
    const visit = (n: ts.Node): void => {
      const isNew = ts.isNewExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'CredentialsError';
      const isConfig = ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'configError';
      if (isNew || isConfig) {
        const args = n.arguments ?? ts.factory.createNodeArray();
        const message = args[isConfig ? 1 : 0];
        const hintArg = isConfig ? args[2] : undefined;
        const init = isNew ? args[1] : undefined;
        const hintProp =
          init !== undefined && ts.isObjectLiteralExpression(init)
            ? init.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText() === 'hint')?.initializer
            : undefined;
        for (const [role, node] of [
          ['message', message],
          ['hint', hintArg ?? hintProp],
        ] as const) {
          if (node === undefined) continue;
          // `cond ? 'a' : 'b'`: both.
          const options = ts.isConditionalExpression(node) ? [node.whenTrue, node.whenFalse] : [node];
          for (const o of options) {
            const words = wordsOf(o);
            if (words !== undefined) out.push({ where: at(o), role, words });
          }
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(source);
  }
  return out;
}

/** What is wrong with the form of one written message or hint; empty when nothing is. */
function formProblems(w: Written): string[] {
  const problems: string[] = [];
  const first = w.words.trimStart()[0] ?? '';
  // A sentence: a capital, a quoted name or a section header first ({} is a value that starts one).
  if (!/[A-Z"[{]/.test(first)) problems.push('does not start with a capital');
  if (!/[.?]$/.test(w.words.trimEnd()) && !w.words.endsWith('{}')) problems.push('does not end with a full stop');
  if (w.words.includes('`')) problems.push('quotes with backticks (plain names, "quoted" values)');
  if (/\(profile \{\}\)|\bprofile `|referenced by profile/.test(w.words)) problems.push('names the profile (the error says which profile, once)');
  if (/^profile\b/i.test(w.words) && w.role === 'message') problems.push('starts with "profile" (the error says which profile, once)');
  return problems;
}

describe('one voice: every message and hint the engine writes', () => {
  const written = writtenErrors();
  it('finds them (a scan that found none would prove nothing)', () => {
    assert.ok(written.length >= 90, `${written.length} found`);
    assert.ok(written.some((w) => w.words === 'No credentials are set.'));
  });
  it('is a sentence: a capital first, a full stop last, names in quotes not backticks, the profile not named in it', () => {
    const wrong = written.flatMap((w) => formProblems(w).map((p) => `${w.where} (${w.role}) ${JSON.stringify(w.words)}: ${p}`));
    assert.deepEqual(wrong, []);
  });
});

/** A config that fails in every way the chain resolver knows, one profile per cause. */
const BROKEN = `
[profile no-creds]
region = eu-west-1
output = json
[profile half-key]
aws_access_key_id = AKIAEXAMPLE
[profile half-secret]
aws_secret_access_key = s
[profile both-sources]
role_arn = arn:aws:iam::111111111111:role/R
source_profile = half-key
credential_source = Environment
[profile no-source]
role_arn = arn:aws:iam::111111111111:role/R
[profile self-source]
role_arn = arn:aws:iam::111111111111:role/R
source_profile = self-source
[profile missing-source]
role_arn = arn:aws:iam::111111111111:role/R
source_profile = nowhere
[profile loop-1]
role_arn = arn:aws:iam::111111111111:role/R
source_profile = loop-2
[profile loop-2]
role_arn = arn:aws:iam::111111111111:role/R
source_profile = loop-1
[profile bad-source]
role_arn = arn:aws:iam::111111111111:role/R
credential_source = Moon
[profile web-no-role]
web_identity_token_file = /tmp/token
[profile sso-no-session]
sso_session = nowhere
sso_account_id = 111111111111
sso_role_name = R
[profile sso-half]
sso_start_url = https://example.awsapps.com/start
sso_region = eu-west-1
sso_role_name = R
[profile sso-no-region]
sso_start_url = https://example.awsapps.com/start
sso_account_id = 111111111111
sso_role_name = R
[profile chained-to-broken]
role_arn = arn:aws:iam::111111111111:role/R
source_profile = half-key
`;

describe('one voice: the errors as the picker, the notifications, the view and the log compose them', () => {
  const set = profilesFrom(BROKEN, 'config');
  const resolver = new ChainResolver(set.profiles, set.ssoSessions);
  const names = [...set.profiles.keys()];
  const errors = names.map((n) => [n, resolver.check(n)] as const);

  it('every broken profile fails, each cause in its own words', () => {
    const failing = errors.filter(([, e]) => e !== undefined);
    assert.equal(
      failing.length,
      names.length,
      errors
        .filter(([, e]) => e === undefined)
        .map(([n]) => n)
        .join(', '),
    );
    const causes = new Set(failing.map(([n, e]) => (e?.profile === n ? formatText(e.text) : `${n}:${formatText(e?.text ?? '')}`)));
    // loop-1 and loop-2 share a cause; chained-to-broken reports half-key's.
    assert.ok(causes.size >= names.length - 2, [...causes].join('\n'));
  });

  for (const name of names) {
    it(`${name}: the profile named once, where it is written, in a sentence`, () => {
      const e = resolver.check(name);
      assert.ok(e instanceof CredentialsError);
      // "Could not assume "x": …" and "Profile "x" cannot be used: …" name it; the error then does not.
      const composed = `Could not assume "${name}": ${e.describe(undefined, name)}`;
      const times = composed.split(`"${name}"`).length - 1;
      assert.equal(times, 1, composed);
      assert.doesNotMatch(composed, /`/);
      // Where the error is about another profile (a source), that one is named.
      if (e.profile !== name) assert.match(composed, new RegExp(`Profile "${e.profile ?? ''}"`));
      const message = formatText(e.text);
      assert.match(message, /^[A-Z"[]/, 'a capital first');
      assert.match(message, /\.$/, 'a full stop last');
      assert.match(e.hint ?? '', /^[A-Z].*\.$/, 'says what to do, in a sentence');
      const info = describeProfile(set, name);
      assert.ok(info.errorAt !== undefined, 'the picker can say file:line');
      assert.match(`${info.errorAt.file}:${info.errorAt.line}`, /:\d+$/);
    });
  }

  it('the editor says the same words as the picker for a missing source profile and sso-session', () => {
    const e = resolver.check('missing-source');
    assert.equal(formatText(e?.text ?? ''), 'Its source_profile names "nowhere", which does not exist.');
    const steps = chainSteps(set, 'missing-source');
    assert.ok('error' in steps);
    assert.equal(formatText(steps.error.text), formatText(e?.text ?? ''));
  });

  it('the line of the problem: the setting the message names (source_profile), else the section header', () => {
    const lines = BROKEN.split('\n');
    const info = describeProfile(set, 'missing-source');
    assert.equal(lines[(info.errorAt?.line ?? 0) - 1], 'source_profile = nowhere');
    const none = describeProfile(set, 'no-creds');
    assert.equal(lines[(none.errorAt?.line ?? 0) - 1], '[profile no-creds]');
  });

  it('a chain step is named without its profile a second time', () => {
    const stepped = new CredentialsError('STS said no.', { code: 'AccessDenied' }).within('dev', 'step 2 of 2 (assume role arn:aws:iam::1:role/R)');
    assert.equal(stepped.describe(), 'Profile "dev", step 2 of 2 (assume role arn:aws:iam::1:role/R): STS said no.');
    assert.equal(stepped.describe(undefined, 'dev'), 'step 2 of 2 (assume role arn:aws:iam::1:role/R): STS said no.');
  });
});

describe('one voice: every error code', () => {
  // The compiler lists every code here; each must be made somewhere in the engine, so none is
  // shown in words no test above has read.
  const codes: Record<ErrorCode, true> = {
    Config: true,
    Cancelled: true,
    NeedsUser: true,
    NeedsLogin: true,
    MfaRejected: true,
    AccessDenied: true,
    Expired: true,
    Network: true,
    Process: true,
    Sts: true,
  };
  it('every code is made somewhere in the product (where its words are written)', () => {
    const files = sourceFiles().filter((f) => !f.endsWith(join('credentials', 'types.ts')));
    const sources = files.map((f) => readFileSync(f, 'utf8')).join('\n');
    const unmade = Object.keys(codes).filter((c) => !sources.includes(`'${c}'`));
    assert.deepEqual(unmade, []);
  });
});
