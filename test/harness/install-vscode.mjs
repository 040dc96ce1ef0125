// Installs the VS Code server build shipped in the npm package code-server@4.100.3 into
// .vscode-test/code-server-4.100.3 (recipe: shared/notes/real-vscode-here.md).
// Idempotent: a finished install is marked by a stamp file and reused.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, copyFileSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cacheDir = join(root, '.vscode-test');
export const serverDir = join(cacheDir, `code-server-${CODE_SERVER_VERSION}`);
const stamp = join(serverDir, '.installed');

function run(cmd, args, cwd) {
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, npm_config_loglevel: 'error' } });
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

export function installVSCode({ log = (m) => process.stderr.write(`[vscode-install] ${m}\n`) } = {}) {
  if (existsSync(stamp)) return serverDir;
  const rg = which('rg');
  if (!rg) throw new Error('ripgrep (rg) is missing: apt-get install -y ripgrep');
  const t0 = Date.now();
  rmSync(serverDir, { recursive: true, force: true });
  mkdirSync(serverDir, { recursive: true });
  log(`npm pack code-server@${CODE_SERVER_VERSION}`);
  const tgz = execFileSync('npm', ['pack', `code-server@${CODE_SERVER_VERSION}`, '--silent'], { cwd: serverDir, encoding: 'utf8' }).trim().split('\n').pop();
  run('tar', ['xzf', tgz, '--strip-components=1'], serverDir);
  rmSync(join(serverDir, tgz));
  log('npm install (code-server)');
  run('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], serverDir);
  run('npm', ['rebuild', 'argon2'], serverDir);
  const vscodeDir = join(serverDir, 'lib', 'vscode');
  log('npm install (lib/vscode)');
  run('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], vscodeDir);
  const gyp = nodeGyp();
  for (const mod of ['node-pty', '@vscode/spdlog', 'native-watchdog']) {
    log(`node-gyp rebuild ${mod}`);
    run(process.execPath, [gyp, 'rebuild', '--nodedir=/usr'], join(vscodeDir, 'node_modules', mod));
  }
  const rgDir = join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
  mkdirSync(rgDir, { recursive: true });
  copyFileSync(rg, join(rgDir, 'rg'));
  chmodSync(join(rgDir, 'rg'), 0o755);
  const asar = join(vscodeDir, 'node_modules.asar');
  if (!existsSync(asar)) symlinkSync('node_modules', asar);
  log('npm install (lib/vscode/extensions)');
  run('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], join(vscodeDir, 'extensions'));
  writeFileSync(stamp, new Date().toISOString());
  log(`installed in ${((Date.now() - t0) / 1000).toFixed(0)} s at ${serverDir}`);
  return serverDir;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  installVSCode();
  console.log(serverDir);
}
