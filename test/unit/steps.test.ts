/**
 * The editor's reading in steps: the same result as at once, with yields throughout (so the
 * extension host can run it in slices), and a runner that pauses when a slice has run its time.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { outline, outlineSteps } from '../../src/config/outline';
import { parseProfileFile, parseProfileFileSteps } from '../../src/config/parser';
import { buildProfileSet, buildProfileSetSteps } from '../../src/config/profiles';
import { Steps, runAll, runSliced } from '../../src/config/steps';
import { fileProblems, fileProblemsSteps } from '../../src/credentials/fileProblems';

/** The value, and how many items came per yield at most (`items` in all). */
function counted<T>(g: Steps<T>): { value: T; yields: number } {
  let yields = 0;
  for (;;) {
    const r = g.next();
    if (r.done === true) return { value: r.value, yields };
    yields++;
  }
}

function file(n: number): string {
  let s = '[profile base]\naws_access_key_id = AKIA\naws_secret_access_key = s\n';
  for (let i = 1; i < n; i++)
    s += `[profile p${i}]\nrole_arn = arn:aws:iam::111111111111:role/R\nsource_profile = p${i % 7 === 0 ? 'missing' : i - 1}\nregoin = x\r\n`;
  return s;
}

describe('the reading in steps', () => {
  it('parse, profiles, outline and problems give what the one-go functions give, yielding every few thousand lines', () => {
    const text = file(20_000);
    const lineCount = text.split(/\r\n|\r|\n/).length;
    const raw = counted(parseProfileFileSteps(text, 'x'));
    assert.deepEqual(raw.value, parseProfileFile(text, 'x'));
    assert.ok(raw.yields >= Math.floor(20_000 / 512), `${raw.yields} yields for 20,000 sections (${lineCount} lines)`);
    const set = counted(buildProfileSetSteps([{ raw: raw.value, kind: 'config' }]));
    assert.deepEqual(set.value, buildProfileSet([{ raw: raw.value, kind: 'config' }]));
    assert.ok(set.yields >= Math.floor(20_000 / 512));
    const o = counted(outlineSteps(text));
    assert.deepEqual(o.value.outline, outline(text));
    assert.deepEqual(o.value.lines, text.split(/\r\n|\r|\n/));
    const input = { outline: o.value.outline, lines: o.value.lines, kind: 'config' as const, shownPath: 'x', set: set.value };
    const ps = counted(fileProblemsSteps(input));
    assert.deepEqual(ps.value, fileProblems(input));
    assert.ok(ps.value.length > 20_000, 'a misspelling per profile and a missing source every 7th');
    assert.ok(ps.yields >= Math.floor(20_000 / 32), `${ps.yields} yields for 20,000 sections`);
  });

  it('the sliced runner pauses once a slice has run its time, and only then', async () => {
    let clock = 0;
    let pauses = 0;
    function* work(): Steps<string> {
      for (let i = 0; i < 10; i++) {
        clock += 4;
        yield;
      }
      return 'done';
    }
    const value = await runSliced(work(), { sliceMs: 10, now: () => clock, pause: async () => void pauses++ });
    assert.equal(value, 'done');
    assert.equal(pauses, 3, '40 ms of work in slices of 12 ms');
    assert.equal(runAll(work()), 'done');
  });
});
