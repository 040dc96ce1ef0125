// Runs a real VS Code (the server build from the npm package code-server: the newest, or the
// oldest engines.vscode promises, see install-vscode.mjs) on 127.0.0.1 and drives its workbench in
// Debian's headless Chromium through playwright-core.
//
// UI windows load the extension as a person has it: installed (a link in the server's extensions
// folder). Extension-host suites load it under development with their test entry, through the
// `payload` URL parameter, which VS Code 1.13x honours only with the smoke-test driver on (it also
// hides notification toasts, which those suites do not read).
//
// Every process it starts is tracked and killed by dispose(), including on errors and signals.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { currentBuild, installVSCode } from './install-vscode.mjs';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Settings every test window starts with: no trust dialog, DOM terminal renderer (readable), quiet UI. */
export const baseSettings = {
  'security.workspace.trust.enabled': false,
  'terminal.integrated.gpuAcceleration': 'off',
  'terminal.integrated.enablePersistentSessions': false,
  'terminal.integrated.shellIntegration.enabled': true,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'git.enabled': false,
  'window.commandCenter': false,
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

export function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

const live = new Set();
function track(d) {
  live.add(d);
  return d;
}
/**
 * Disposes everything still live. A second call while one runs waits for that one: the playground
 * and this module both stop on SIGTERM, and the caller that found nothing left to dispose exited
 * while the first was still killing the terminals' shells (ENOTEMPTY on the sandbox, in a CI run).
 */
let disposing;
export function disposeAll() {
  disposing ??= (async () => {
    for (const d of [...live].reverse()) {
      try {
        await d.dispose();
      } catch {
        /* keep going */
      }
    }
  })().finally(() => {
    disposing = undefined;
  });
  return disposing;
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, () => {
    void disposeAll().finally(() => process.exit(130));
  });
}

/** Processes whose environment holds `marker` (a server's descendants, whatever session or group they made). */
function processesMarked(marker) {
  const pids = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d) || Number(d) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${d}/environ`).includes(marker)) pids.push(Number(d));
    } catch {
      /* gone, or not ours to read */
    }
  }
  return pids;
}

/**
 * Kills every process marked with `marker` and waits until none is left. Terminals' shells run in
 * sessions of their own (node-pty), outside the server's process group: one that outlived the
 * server wrote ~/.bash_history into a sandbox being removed (ENOTEMPTY, once in a CI run).
 */
async function killMarked(marker) {
  for (let i = 0; i < 50; i++) {
    const pids = processesMarked(marker);
    if (pids.length === 0) return;
    for (const pid of pids) {
      try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

function killTree(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((res) => {
    const t = setTimeout(() => {
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
      res();
    }, 3000);
    child.once('exit', () => {
      clearTimeout(t);
      // The extension host and pty hosts live in the same process group.
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
      res();
    });
    try { process.kill(-child.pid, 'SIGTERM'); } catch { clearTimeout(t); res(); }
  });
}

/** The VS Code this run tests, for messages and reports: "1.139.1 (code-server 4.139.1)". */
export function testedVSCode() {
  const b = currentBuild();
  return `${b.vscode} (code-server ${b.codeServer})`;
}

/** Settings of this extension a remote window reads only from the machine's settings (their manifest scope). */
function machineScoped() {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const props = manifest.contributes?.configuration?.properties ?? {};
  return new Set(Object.keys(props).filter((k) => /^machine/.test(props[k].scope ?? '')));
}

/**
 * Starts the VS Code server with this extension installed.
 * `settings` go where a person of a remote window puts them: machine-scoped ones into the
 * machine's settings (VS Code 1.13x ignores them in User settings there), the rest into User
 * settings. `smokeTestDriver`: for extension-host suites (see above). `linkRepo: false`: this
 * repository is not linked in (the playground installs its VSIX instead).
 * @param {{ env?: Record<string,string>, settings?: Record<string,unknown>, home?: string, extensionsDir?: string, installExtensions?: string[], smokeTestDriver?: boolean, linkRepo?: boolean, log?: (s: string) => void }} opts
 */
export async function startServer(opts = {}) {
  const { serverDir, node } = installVSCode();
  const dataDir = mkdtempSync(join(tmpdir(), 'ars-vscode-'));
  const userDir = join(dataDir, 'data', 'User');
  const machineDir = join(dataDir, 'data', 'Machine');
  mkdirSync(userDir, { recursive: true });
  mkdirSync(machineDir, { recursive: true });
  const machine = machineScoped();
  const all = { ...baseSettings, ...(opts.settings ?? {}) };
  const pick = (want) => Object.fromEntries(Object.entries(all).filter(([k]) => machine.has(k) === want));
  writeFileSync(join(userDir, 'settings.json'), JSON.stringify(pick(false), null, 2));
  writeFileSync(join(machineDir, 'settings.json'), JSON.stringify(pick(true), null, 2));
  const extensionsDir = opts.extensionsDir ?? join(dataDir, 'extensions');
  mkdirSync(extensionsDir, { recursive: true });
  if (opts.linkRepo !== false) linkExtension(extensionsDir);
  const port = await freePort();
  const main = join(serverDir, 'lib', 'vscode', 'out', 'server-main.js');
  const env = {
    ...process.env,
    ...(opts.home ? { HOME: opts.home } : {}),
    ...(opts.env ?? {}),
    VSCODE_AGENT_FOLDER: dataDir,
    // Inherited by every process the server starts, terminals' shells included: found and killed by dispose().
    ARS_SERVER_ID: randomBytes(8).toString('hex'),
  };
  // The AWS variables of whoever runs the tests must not leak into the product under test.
  for (const k of Object.keys(env)) {
    if (/^AWS_/.test(k) && !(opts.env && k in opts.env)) delete env[k];
  }
  const common = ['--server-data-dir', dataDir, '--extensions-dir', extensionsDir, '--accept-server-license-terms'];
  for (const ext of opts.installExtensions ?? []) {
    await new Promise((res, rej) => {
      const p = spawn(node, [main, ...common, '--install-extension', ext, '--force'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      p.stdout.on('data', (d) => (out += d));
      p.stderr.on('data', (d) => (out += d));
      p.on('exit', (code) => (code === 0 ? res() : rej(new Error(`installing ${ext} failed (${code}): ${out}`))));
    });
  }
  const child = spawn(
    node,
    [main, '--host', '127.0.0.1', '--port', String(port), '--without-connection-token', ...common, ...(opts.smokeTestDriver ? ['--enable-smoke-test-driver'] : [])],
    { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const log = opts.log ?? (() => {});
  const onData = (d) => {
    output += d;
    for (const line of String(d).split('\n')) if (line.trim()) log(line);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const server = track({
    port,
    url: `http://127.0.0.1:${port}`,
    dataDir,
    extensionsDir,
    /** The server's entry and the Node it runs on (for `--list-extensions` and the like). */
    main,
    node,
    child,
    output: () => output,
    async dispose() {
      live.delete(server);
      await killTree(child);
      await killMarked(`ARS_SERVER_ID=${env.ARS_SERVER_ID}\0`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
  await new Promise((res, rej) => {
    const t = setTimeout(() => rej(new Error(`VS Code server did not start within 60 s:\n${output}`)), 60_000);
    const check = () => {
      if (/Extension host agent listening on/.test(output)) {
        clearTimeout(t);
        child.stdout.off('data', check);
        res();
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(t);
      rej(new Error(`VS Code server exited with ${code}:\n${output}`));
    });
    check();
  }).catch(async (e) => {
    await server.dispose();
    throw e;
  });
  return server;
}

/** This extension, installed as a link to the repository in the extensions folder (its manifest names the folder). */
function linkExtension(extensionsDir) {
  const m = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const link = join(extensionsDir, `${m.publisher}.${m.name}-${m.version}`);
  if (!existsSync(link)) symlinkSync(repoRoot, link, 'dir');
}

/** Launches headless Chromium. */
export async function launchBrowser() {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'ars-chromium-'));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
  const handle = track({
    browser,
    async dispose() {
      live.delete(handle);
      await browser.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  });
  return handle;
}

/** The workbench URL for a folder, optionally with an extension under development and a test entry. */
export function workbenchUrl(server, { folder, workspace, extensionDevelopmentPath, extensionTestsPath }) {
  const u = new URL(server.url + '/');
  if (folder) u.searchParams.set('folder', folder);
  if (workspace) u.searchParams.set('workspace', workspace);
  const payload = [];
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  if (payload.length) u.searchParams.set('payload', JSON.stringify(payload));
  return u.toString();
}

/** A throw-away folder with a sandbox HOME beside it. */
export function makeSandbox(prefix = 'ars-sandbox-') {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const home = join(root, 'home');
  const workspace = join(root, 'workspace');
  mkdirSync(join(home, '.aws'), { recursive: true });
  mkdirSync(workspace, { recursive: true });
  return track({
    root,
    home,
    workspace,
    async dispose() {
      live.delete(this);
      rmSync(root, { recursive: true, force: true });
    },
  });
}
