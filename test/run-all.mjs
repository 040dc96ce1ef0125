// `npm test`: builds, then runs every level — unit (no vscode), extension-host tests inside a real
// VS Code, UI tests that act as a person — and ends with one line: `N passed, N failed`.
//
// Every level runs on the newest VS Code build (test/harness/install-vscode.mjs); `oldest` then runs
// a smaller set on the oldest VS Code that engines.vscode promises: the extension-host suite
// (activation, switching, terminals and tasks, the config language) and the UI tests of the
// picker, an MFA switch and the editor — so a newer API used without a guard fails there.
//
//   node test/run-all.mjs [--only unit,host,ui,interop,oldest] [--grep PATTERN]
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, testedVSCode } from './harness/vscode.mjs';
import { runHostSuite } from './harness/host-suite.mjs';

const args = process.argv.slice(2);
const argOf = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const only = (argOf('--only') ?? 'unit,host,ui,interop,oldest').split(',');
/** The UI tests the oldest VS Code runs too. */
const OLDEST_UI = ['mfaRole.test.js', 'configEditor.test.js', 'profilesView.test.js'];
const grep = argOf('--grep');
const resultsDir = join(repoRoot, '.test-results');
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

function sh(cmd, cmdArgs, { env, quiet } = {}) {
  return new Promise((resolve) => {
    const p = spawn(cmd, cmdArgs, { cwd: repoRoot, stdio: quiet ? ['ignore', 'pipe', 'inherit'] : 'inherit', env: { ...process.env, ...env } });
    p.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const problems = [];
const t0 = Date.now();

function section(name) {
  console.log(`\n===== ${name} =====`);
}

/** Runs compiled node:test files (`pick`: only these names); counts come from a TAP copy of the report. */
async function nodeTests(level, dir, { pick, env = {} } = {}) {
  const full = join(repoRoot, 'out', 'test', dir);
  const files = existsSync(full)
    ? readdirSync(full)
        .filter((f) => f.endsWith('.test.js') && (pick === undefined || pick.includes(f)))
        .sort()
        .map((f) => join(full, f))
    : [];
  if (files.length === 0) {
    problems.push(`${level}: no test files in out/test/${dir}`);
    return;
  }
  const tap = join(resultsDir, `${level}.tap`);
  const code = await sh(process.execPath, [
    '--test',
    '--test-concurrency=1',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tap}`,
    ...(grep ? ['--test-name-pattern', grep] : []),
    ...files,
  ], { env: { AWS_SDK_JS_SUPPRESS_NODE_DEPRECATION_WARNING: '1', ...env } });
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const count = (k) => Number(new RegExp(`^# ${k} (\\d+)$`, 'm').exec(text)?.[1] ?? NaN);
  const pass = count('pass');
  const fail = count('fail') + (count('cancelled') || 0);
  const skip = (count('skipped') || 0) + (count('todo') || 0);
  if (Number.isNaN(pass) || Number.isNaN(fail)) {
    problems.push(`${level}: no verdict from the test runner (exit ${code})`);
    return;
  }
  totals.passed += pass;
  totals.failed += fail;
  totals.skipped += skip;
  if (code !== 0 && fail === 0) problems.push(`${level}: test runner exited with ${code}`);
  console.log(`${level}: ${pass} passed, ${fail} failed${skip ? `, ${skip} skipped` : ''}`);
}

section('build');
// A clean out/: compiled tests of files that were moved or deleted would otherwise run again.
rmSync(join(repoRoot, 'out'), { recursive: true, force: true });
if ((await sh('npx', ['tsc', '-p', '.'])) !== 0) {
  console.log('\nbuild failed (tsc)\n0 passed, 1 failed');
  process.exit(1);
}
if ((await sh('npx', ['eslint', '.'])) !== 0) {
  console.log('\nlint failed (eslint)\n0 passed, 1 failed');
  process.exit(1);
}
if ((await sh('npx', ['prettier', '--check', '--log-level', 'warn', 'src/**/*.ts', 'test/**/*.ts'])) !== 0) {
  console.log('\nformat check failed (run: npm run format)\n0 passed, 1 failed');
  process.exit(1);
}
if ((await sh(process.execPath, ['esbuild.mjs'])) !== 0) {
  console.log('\nbuild failed (esbuild)\n0 passed, 1 failed');
  process.exit(1);
}

if (only.includes('unit')) {
  section('unit tests (no vscode)');
  await nodeTests('unit', 'unit');
}

async function hostSuite(level, multiRoot) {
  try {
    const v = await runHostSuite({ grep, resultsDir, multiRoot });
    totals.passed += v.passed;
    totals.failed += v.failed;
    totals.skipped += v.pending;
    for (const t of v.tests) console.log(`  ${t.state === 'passed' ? '✔' : '✗'} ${t.title} (${t.durationMs} ms)`);
    for (const f of v.failures) console.log(`  ✗ ${f.title}\n    ${f.error.split('\n').slice(0, 6).join('\n    ')}`);
    console.log(`${level}: ${v.passed} passed, ${v.failed} failed${v.pending ? `, ${v.pending} skipped` : ''}`);
    if (v.passed + v.failed === 0 && !grep) problems.push(`${level}: no extension-host test ran`);
  } catch (e) {
    problems.push(`${level}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

for (const [level, multiRoot] of [['host', false], ['host-multiroot', true]]) {
  if (!only.includes(level) && !(level === 'host-multiroot' && only.includes('host'))) continue;
  section(`extension-host tests (VS Code ${testedVSCode()}${multiRoot ? ', multi-root workspace' : ''})`);
  await hostSuite(level, multiRoot);
}

if (only.includes('ui')) {
  section(`UI tests (VS Code ${testedVSCode()} in Chromium)`);
  await nodeTests('ui', 'ui');
}

if (only.includes('interop')) {
  section(`interop matrix (VS Code ${testedVSCode()}, AWS CLI v2, boto3, JS SDK v3, Go SDK v2)`);
  await nodeTests('interop', 'interop');
}

if (only.includes('oldest')) {
  process.env.ARS_VSCODE = 'oldest';
  section(`the oldest VS Code engines.vscode promises, ${testedVSCode()}: extension-host tests`);
  await hostSuite('oldest-host', false);
  section(`the oldest VS Code engines.vscode promises, ${testedVSCode()}: UI tests of the picker, an MFA switch, the editor`);
  await nodeTests('oldest-ui', 'ui', { pick: OLDEST_UI, env: { ARS_VSCODE: 'oldest' } });
  delete process.env.ARS_VSCODE;
}

section('summary');
for (const p of problems) console.log(`problem: ${p}`);
const failed = totals.failed + problems.length;
console.log(`took ${((Date.now() - t0) / 1000).toFixed(0)} s`);
console.log(`${totals.passed} passed, ${failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(failed > 0 || totals.passed === 0 ? 1 : 0);
