/// <reference lib="dom" />
/**
 * `npm run bench` (workbench part): what a person waits for in the real VS Code, with 5 and with
 * 5,000 profiles, as medians over 5 window loads.
 *
 * - activation: Load Code + Call Activate + Finish Activate of Developer: Startup Performance (VS
 *   Code's own figures), built-in extensions' beside it. "Load" includes the time the extension
 *   host spends on other extensions' work between starting and finishing the load (VS Code awaits
 *   its localisation set-up between the two, and the extensions activated by the same event run
 *   then), so the bench also times the bundle's own `require()` in a fresh Node process that has
 *   loaded the built-in modules the extension host has already loaded.
 * - picker: from the click on the status bar to the profile rows on screen, the first open after
 *   the window loaded and the opens after it.
 * - first switch: from Enter on a role in the picker to the status bar showing it, for the first
 *   switch after the window loaded and for later (warm) switches between two roles of the same
 *   shape; the difference is what the first switch costs on top of the STS round trip.
 *
 *   node out/test/bench/workbench.js [--extension DIR] [--runs N] [--sizes 5,5000]
 * `--extension` measures another checkout (e.g. the commit before a change) with the same harness.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { createDemoSts, writeDemoAwsFiles } from '../fakeSts/demoWorld';
import { generateConfig } from './generate';

interface Harness {
  startServer(o: { home: string; settings?: Record<string, unknown> }): Promise<{ url: string; port: number; dataDir: string; dispose(): Promise<void> }>;
  launchBrowser(): Promise<{ browser: import('playwright-core').Browser; dispose(): Promise<void> }>;
  workbenchUrl(server: { url: string; port: number }, o: { folder?: string; extensionDevelopmentPath?: string }): string;
  makeSandbox(prefix?: string): { home: string; workspace: string; dispose(): Promise<void> };
}

const importEsm = new Function('p', 'return import(p)') as (p: string) => Promise<Harness>;
const repoRoot = path.resolve(__dirname, '..', '..', '..');
const args = process.argv.slice(2);
const argOf = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const extension = path.resolve(argOf('--extension') ?? repoRoot);
const runs = Number(argOf('--runs') ?? 5);
const sizes = (argOf('--sizes') ?? '5,5000').split(',').map(Number);

const STATUS = '[aria-label^="AWS Role Switcher"]';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

async function command(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
}

/** Load Code + Call Activate + Finish Activate of each extension, from Developer: Startup Performance. */
async function activationTimes(page: Page): Promise<Map<string, { load: number; call: number; finish: number }>> {
  await command(page, 'Developer: Startup Performance');
  const editor = page.locator('.monaco-editor .view-lines').first();
  await editor.waitFor({ state: 'visible' });
  const out = new Map<string, { load: number; call: number; finish: number }>();
  // The view fills in as its data arrives: copy its text until the activation table names us.
  for (let attempt = 0; attempt < 20 && ![...out.keys()].some((k) => k.includes('aws-role-switcher')); attempt++) {
    await page.waitForTimeout(500);
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+C');
    const text = await page.evaluate(() => navigator.clipboard.readText());
    const at = text.indexOf('## Extension Activation Stats');
    if (at < 0) continue;
    if (process.env['ARS_BENCH_DUMP'] !== undefined) fs.writeFileSync(process.env['ARS_BENCH_DUMP'], text);
    for (const line of text.slice(at).split('\n').slice(2)) {
      const cells = line.split('|').map((c) => c.trim());
      if (cells.length < 7 || !/^\d+$/.test(cells[3] ?? '')) {
        if (out.size > 0) break;
        continue;
      }
      out.set(cells[1] ?? '', { load: Number(cells[3]), call: Number(cells[4]), finish: Number(cells[5]) });
    }
  }
  await command(page, 'View: Close All Editors'); // so that the next window restores none
  return out;
}

/** Clicks the status bar item; ms until the picker shows profile rows. */
async function openPicker(page: Page): Promise<number> {
  const ms = await page.evaluate(
    (sel) =>
      new Promise<number>((resolve) => {
        const t0 = performance.now();
        (document.querySelector(`${sel} a`) as HTMLElement).click();
        const check = (): void => {
          const w = document.querySelector('.quick-input-widget') as HTMLElement | null;
          const title = w?.querySelector('.quick-input-title')?.textContent ?? '';
          const rows = w?.querySelectorAll('.monaco-list-row').length ?? 0;
          if (w !== null && w.style.display !== 'none' && /Switch Profile/.test(title) && rows > 0) resolve(performance.now() - t0);
          else requestAnimationFrame(check);
        };
        check();
      }),
    STATUS,
  );
  return ms;
}

async function closePicker(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** Opens the picker, types the name as a person would, then measures Enter → status bar shows the profile. */
async function switchTo(page: Page, profile: string): Promise<number> {
  await openPicker(page);
  await page.locator('.quick-input-widget input.input').fill(profile);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: profile }).first().waitFor({ state: 'visible' });
  await page.waitForTimeout(300); // a person reads the row before pressing Enter
  return page.evaluate(
    ([sel, name]) =>
      new Promise<number>((resolve) => {
        const input = document.querySelector('.quick-input-widget input.input') as HTMLInputElement;
        const t0 = performance.now();
        input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', keyCode: 13, bubbles: true }));
        const check = (): void => {
          const text = (document.querySelector(sel as string) as HTMLElement | null)?.innerText ?? '';
          if (text.includes(name as string) && !text.includes('…')) resolve(performance.now() - t0);
          else requestAnimationFrame(check);
        };
        check();
      }),
    [STATUS, profile],
  );
}

/**
 * How long each switch took in the extension host: from the log's "assuming X" to its
 * "credentials for X" (VS Code stamps log lines to the millisecond). Includes the STS round trip.
 */
function switchTimesFromLog(dataDir: string): number[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('AWS Role Switcher.log')) files.push(p);
    }
  };
  walk(dataDir);
  const stamp = (line: string): number => Date.parse(line.slice(0, 23).replace(' ', 'T'));
  const out: number[] = [];
  for (const f of files) {
    let started: { profile: string; at: number } | undefined;
    for (const line of fs.readFileSync(f, 'utf8').split('\n')) {
      const assuming = /\[info\] assuming (\S+)$/.exec(line);
      if (assuming?.[1] !== undefined) started = { profile: assuming[1], at: stamp(line) };
      const got = /\[info\] credentials for (\S+):/.exec(line);
      if (got?.[1] !== undefined && started?.profile === got[1]) {
        out.push(stamp(line) - started.at);
        started = undefined;
      }
    }
  }
  return out;
}

interface Sample {
  /** Switches in the extension host (log): the first after activation, and warm ones. */
  hostFirst: number[];
  hostWarm: number[];
  activation: number[];
  parts: Array<{ load: number; call: number; finish: number }>;
  builtIns: Map<string, number[]>;
  pickerFirst: number[];
  pickerLater: number[];
  switchFirst: number[];
  switchWarm: number[];
}

async function measure(h: Harness, profiles: number): Promise<Sample> {
  const sts = createDemoSts();
  const url = await sts.start();
  const sandbox = h.makeSandbox('ars-bench-');
  writeDemoAwsFiles(sandbox.home, url);
  const configPath = path.join(sandbox.home, '.aws', 'config');
  const demo = fs.readFileSync(configPath, 'utf8');
  // The demo's six profiles and [default]; for larger sizes, SSO-style profiles to make up the number.
  if (profiles > 7) fs.writeFileSync(configPath, `${demo}\n${generateConfig(profiles - 7)}`);
  const browser = await h.launchBrowser();
  const sample: Sample = {
    hostFirst: [],
    hostWarm: [],
    activation: [],
    parts: [],
    builtIns: new Map(),
    pickerFirst: [],
    pickerLater: [],
    switchFirst: [],
    switchWarm: [],
  };
  try {
    const context = await browser.browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    for (let run = 0; run < runs; run++) {
      // A new server and window each run: a cold extension host, and no extension host of an earlier
      // window still running beside it (the server keeps those for reconnection).
      const server = await h.startServer({ home: sandbox.home });
      const page = await context.newPage();
      await page.goto(h.workbenchUrl(server, { folder: sandbox.workspace, extensionDevelopmentPath: extension }));
      await page.locator(STATUS).first().waitFor({ state: 'visible', timeout: 90_000 });
      await page.waitForTimeout(3000); // let start-up settle, as a person does not click at once
      sample.pickerFirst.push(await openPicker(page));
      await closePicker(page);
      for (let i = 0; i < 5; i++) {
        sample.pickerLater.push(await openPicker(page));
        await closePicker(page);
      }
      sample.switchFirst.push(await switchTo(page, run % 2 === 0 ? 'demo-dev' : 'demo-vendor'));
      for (let i = 0; i < 3; i++) sample.switchWarm.push(await switchTo(page, (run + i) % 2 === 0 ? 'demo-vendor' : 'demo-dev'));
      // Signed out, so that the next window restores nothing and its first switch is a real one.
      await command(page, 'AWS: Sign Out');
      await page.waitForFunction((sel) => /none/.test((document.querySelector(sel) as HTMLElement | null)?.innerText ?? ''), STATUS);
      // Last, because the view opens a Markdown editor, which activates the Markdown extension.
      const times = await activationTimes(page);
      for (const [name, t] of times) {
        if (name.includes('aws-role-switcher')) {
          sample.activation.push(t.load + t.call + t.finish);
          sample.parts.push(t);
        } else sample.builtIns.set(name, [...(sample.builtIns.get(name) ?? []), t.load + t.call + t.finish]);
      }
      if (process.env['ARS_BENCH_VERBOSE'] === '1')
        console.log(`    run ${run + 1}: ${[...times].map(([n, t]) => `${n} ${t.load}+${t.call}+${t.finish}`).join(', ')}`);
      if (sample.activation.length <= run) throw new Error(`no activation figures for the extension in run ${run + 1}`);
      await page.close();
      const host = switchTimesFromLog(server.dataDir);
      if (host.length < 4) throw new Error(`expected 4 switches in the log, found ${host.length}`);
      sample.hostFirst.push(host[0] as number);
      sample.hostWarm.push(...host.slice(1));
      await server.dispose();
    }
  } finally {
    await browser.dispose();
    await sandbox.dispose();
    await sts.stop();
  }
  return sample;
}

/**
 * ms to `require()` the extension's bundle, median of 9 fresh Node processes, with a stand-in
 * `vscode` module and the Node built-ins the extension host has loaded before any extension.
 */
function bundleLoadMs(): number {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ars-bundle-'));
  try {
    fs.mkdirSync(path.join(dir, 'node_modules', 'vscode'), { recursive: true });
    // Every property, call and construction of the stand-in gives another stand-in. Its own
    // properties are the API's runtime names (from @types/vscode, ~190), as the real API object
    // has them: a bundle that copies them per importing file pays for each copy, as in VS Code.
    const dts = fs.readFileSync(path.join(repoRoot, 'node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8');
    const names = [...dts.matchAll(/^\texport (?:class|enum|namespace|const|function|let) (\w+)/gm)].map((m) => m[1]);
    fs.writeFileSync(
      path.join(dir, 'node_modules', 'vscode', 'index.js'),
      `const h = { get: (t, p) => (p === 'then' || typeof p === 'symbol' ? undefined : mk()), apply: () => mk(), construct: () => mk() };
function mk() { return new Proxy(function () {}, h); }
const api = {};
for (const n of ${JSON.stringify(names)}) api[n] = mk();
module.exports = api;`,
    );
    const script = `for (const m of ['crypto', 'http', 'https', 'child_process', 'fs/promises', 'os', 'net', 'buffer']) require('node:' + m);
require('vscode');
const t = performance.now();
require(${JSON.stringify(path.join(extension, 'dist', 'extension.js'))});
console.log(performance.now() - t);`;
    fs.writeFileSync(path.join(dir, 'load.js'), script);
    const times: number[] = [];
    for (let i = 0; i < 9; i++)
      times.push(
        Number(
          execFileSync(process.execPath, [path.join(dir, 'load.js')], {
            cwd: dir,
            encoding: 'utf8',
            env: { ...process.env, NODE_PATH: path.join(dir, 'node_modules') },
          }).trim(),
        ),
      );
    return median(times);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const h = await importEsm(path.join(repoRoot, 'test', 'harness', 'vscode.mjs'));
  const kb = (fs.statSync(path.join(extension, 'dist', 'extension.js')).size / 1024).toFixed(0);
  console.log(`bundle: dist/extension.js ${kb} KB, require() in Node ${bundleLoadMs().toFixed(1)} ms (median of 9 processes)`);
  console.log(`workbench (real VS Code, ${extension === repoRoot ? 'this checkout' : extension}), medians of ${runs} window loads:`);
  for (const n of sizes) {
    const s = await measure(h, n);
    const f = (xs: number[]): string => `${median(xs).toFixed(0).padStart(4)} ms`;
    const builtIns = [...s.builtIns]
      .filter(([, xs]) => xs.length === runs)
      .sort((a, b) => median(b[1]) - median(a[1]))
      .slice(0, 3)
      .map(([name, xs]) => `${name} ${median(xs).toFixed(0)}`)
      .join(', ');
    const part = (k: 'load' | 'call' | 'finish'): string => median(s.parts.map((p) => p[k])).toFixed(0);
    console.log(
      `  ${String(n).padStart(5)} profiles: activation ${f(s.activation)} (load ${part('load')} + call ${part('call')} + finish ${part('finish')}; built-ins beside it: ${builtIns || 'none listed'})`,
    );
    console.log(`  ${String(n).padStart(5)} profiles: picker first open ${f(s.pickerFirst)}, later opens ${f(s.pickerLater)}`);
    console.log(
      `  ${String(n).padStart(5)} profiles: switch in the extension host first ${f(s.hostFirst)}, warm ${f(s.hostWarm)}; first-switch overhead ${(median(s.hostFirst) - median(s.hostWarm)).toFixed(0)} ms`,
    );
    console.log(
      `  ${String(n).padStart(5)} profiles: switch (Enter → status bar) first ${f(s.switchFirst)}, warm ${f(s.switchWarm)}; first-switch overhead ${(median(s.switchFirst) - median(s.switchWarm)).toFixed(0)} ms`,
    );
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
