/**
 * Hostile files in the editor (a repository's `.aws/config`): the reading the editor does on
 * every settle — parse, profiles, outline, problems, lenses — run in slices as the extension host
 * runs it. Target: no slice holds the thread longer than 50 ms, for files up to 10 MB.
 */
import { outlineSteps } from '../../src/config/outline';
import { parseProfileFileSteps } from '../../src/config/parser';
import { buildProfileSetSteps } from '../../src/config/profiles';
import { Steps } from '../../src/config/steps';
import { chainError } from '../../src/credentials/chain';
import { fileProblemsSteps } from '../../src/credentials/fileProblems';

const SLICE_MS = 15;
export const LONGEST_SLICE_TARGET_MS = 50;

function cycle(n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += `[profile p${i}]\nrole_arn = arn:aws:iam::111111111111:role/R\nsource_profile = p${(i + 1) % n}\n`;
  return s;
}
function chain(n: number): string {
  let s = '[profile p0]\naws_access_key_id = AKIA\naws_secret_access_key = s\n';
  for (let i = 1; i < n; i++) s += `[profile p${i}]\nrole_arn = arn:aws:iam::111111111111:role/R\nsource_profile = p${i - 1}\n`;
  return s;
}
function tiny(n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += `[profile p${i}]\nregion = eu-west-1\n`;
  return s;
}
function plain(n: number): string {
  let s = '[profile base]\naws_access_key_id = AKIA\naws_secret_access_key = s\n';
  for (let i = 1; i < n; i++) s += `[profile p${i}]\nrole_arn = arn:aws:iam::111111111111:role/Role${i}\nsource_profile = base\nregion = eu-west-1\n`;
  return s;
}

/** Runs steps as the editor does, timing each slice (pauses are real event-loop turns). */
async function timed<T>(g: Steps<T>, slices: number[]): Promise<T> {
  let start = performance.now();
  for (;;) {
    const r = g.next();
    const now = performance.now();
    if (r.done === true) {
      slices.push(now - start);
      return r.value;
    }
    if (now - start >= SLICE_MS) {
      slices.push(now - start);
      await new Promise((res) => setImmediate(res));
      start = performance.now();
    }
  }
}

async function reading(text: string): Promise<{ totalMs: number; longestMs: number; problems: number }> {
  const slices: number[] = [];
  const t0 = performance.now();
  const raw = await timed(parseProfileFileSteps(text, '~/.aws/config'), slices);
  const set = await timed(buildProfileSetSteps([{ raw, kind: 'config' }]), slices);
  const { outline, lines } = await timed(outlineSteps(text), slices);
  const problems = await timed(fileProblemsSteps({ outline, kind: 'config', shownPath: '~/.aws/config', set, lines }), slices);
  // The lens pass, in slices of the same length.
  let s = performance.now();
  for (const name of set.profiles.keys()) {
    chainError(set.profiles, set.ssoSessions, name);
    if (performance.now() - s >= SLICE_MS) {
      slices.push(performance.now() - s);
      await new Promise((res) => setImmediate(res));
      s = performance.now();
    }
  }
  slices.push(performance.now() - s);
  return { totalMs: performance.now() - t0, longestMs: Math.max(...slices), problems: problems.length };
}

export async function hostileFiles(): Promise<boolean> {
  const cases: Array<[string, string]> = [
    ['1,000-profile source_profile loop', cycle(1000)],
    ['2,000-hop chain', chain(2000)],
    ['2,000-profile loop', cycle(2000)],
    ['200,000 sections', tiny(200_000)],
    ['10 MB of profiles', plain(95_000)],
  ];
  let ok = true;
  console.log(`\nhostile files in the editor (a reading in slices of ${SLICE_MS} ms; target: no slice over ${LONGEST_SLICE_TARGET_MS} ms)`);
  for (const [name, text] of cases) {
    const r = await reading(text);
    const met = r.longestMs <= LONGEST_SLICE_TARGET_MS;
    ok &&= met;
    console.log(
      `  ${name} (${(text.length / 1048576).toFixed(1)} MB): whole reading ${r.totalMs.toFixed(0)} ms, longest slice ${r.longestMs.toFixed(1)} ms, ${r.problems} problems — ${met ? 'met' : 'MISSED'}`,
    );
  }
  return ok;
}
