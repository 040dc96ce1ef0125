/**
 * Entry point of the extension-host suite (the `run()` that @vscode/test-electron and the
 * code-server harness both call). Runs every `*.test.js` beside this file with Mocha.
 *
 * The code-server extension host exits 0 even when run() throws, so the verdict is also written
 * to the file named by ARS_TEST_RESULT; the harness fails on a missing or failing verdict.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

interface Verdict {
  passed: number;
  failed: number;
  pending: number;
  failures: Array<{ title: string; error: string }>;
  tests: Array<{ title: string; state: string; durationMs: number }>;
}

export function run(): Promise<void> {
  return runSuite(__dirname);
}

/** Runs every `*.test.js` in `dir` (the multi-root suite has its own folder). */
export async function runSuite(dir: string): Promise<void> {
  const grep = process.env['ARS_TEST_GREP'];
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec', ...(grep ? { grep } : {}) });
  for (const f of fs
    .readdirSync(dir)
    .filter((n) => n.endsWith('.test.js'))
    .sort())
    mocha.addFile(path.join(dir, f));
  const verdict: Verdict = { passed: 0, failed: 0, pending: 0, failures: [], tests: [] };
  const resultFile = process.env['ARS_TEST_RESULT'];
  const write = (): void => {
    if (resultFile) fs.writeFileSync(resultFile, JSON.stringify(verdict, null, 2));
  };
  await new Promise<void>((resolve, reject) => {
    try {
      const runner = mocha.run(() => {
        write();
        if (verdict.failed > 0) reject(new Error(`${verdict.failed} extension-host test(s) failed`));
        else resolve();
      });
      runner.on('pass', (t) => {
        verdict.passed++;
        verdict.tests.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration ?? 0 });
      });
      runner.on('fail', (t, err: unknown) => {
        verdict.failed++;
        verdict.failures.push({ title: t.fullTitle(), error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
        verdict.tests.push({ title: t.fullTitle(), state: 'failed', durationMs: t.duration ?? 0 });
      });
      runner.on('pending', () => verdict.pending++);
    } catch (e) {
      verdict.failed++;
      verdict.failures.push({ title: 'loading the suite', error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
      write();
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
}
