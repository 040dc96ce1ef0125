/** The runner for credential_process, the AWS CLI and the shell probe: settled by a hard deadline, whatever the program does. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KILL_GRACE_MS, endRunningProcesses, nodeRunProcess, runningProcessCount } from '../../src/credentials/nodeProcess';

const dir = mkdtempSync(join(tmpdir(), 'ars-run-'));
function script(name: string, body: string): string {
  const p = join(dir, name);
  writeFileSync(p, `#!/bin/sh\n${body}\n`);
  chmodSync(p, 0o755);
  return p;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(f: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (f()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return f();
}

describe('running a program', () => {
  it('stdout, stderr and the exit code', async () => {
    const r = await nodeRunProcess([script('ok.sh', 'echo out; echo err >&2; exit 3')], { timeoutMs: 10_000 });
    assert.equal(r.stdout, 'out\n');
    assert.equal(r.stderr, 'err\n');
    assert.equal(r.exitCode, 3);
    assert.equal(r.timedOut, false);
  });

  it('a program that ignores SIGTERM: the run settles at the deadline, and the program and its children are killed', async () => {
    const pids = join(dir, 'stubborn.pids');
    const p = script('stubborn.sh', `trap '' TERM\nsleep 600 &\necho $$ $! > ${pids}\nwhile :; do sleep 1; done`);
    const start = Date.now();
    const r = await nodeRunProcess([p], { timeoutMs: 500 });
    const took = Date.now() - start;
    assert.equal(r.timedOut, true);
    assert.ok(took < 2500, `settled after ${took} ms`);
    const [shell, child] = readFileSync(pids, 'utf8').trim().split(' ').map(Number) as [number, number];
    assert.ok(await until(() => !alive(shell) && !alive(child), KILL_GRACE_MS + 3000), 'the program and its background child are gone');
  });

  it('a background child that keeps stdout open does not hold the result up', async () => {
    const p = script('daemon.sh', 'echo \'{"Version":1}\'\nsleep 30 &\nexit 0');
    const start = Date.now();
    const r = await nodeRunProcess([p], { timeoutMs: 20_000 });
    const took = Date.now() - start;
    assert.equal(r.timedOut, false);
    assert.equal(r.exitCode, 0);
    assert.equal(r.stdout, '{"Version":1}\n');
    assert.ok(took < 5000, `settled after ${took} ms, not at the 20 s time-out`);
  });

  it('output beyond the cap stops the program at once (not 100 MB in memory)', async () => {
    const start = Date.now();
    const r = await nodeRunProcess(['yes'], { timeoutMs: 20_000, maxStdoutBytes: 1024 * 1024 });
    assert.equal(r.outputTooLarge, true);
    assert.ok(r.stdout.length <= 1024 * 1024);
    assert.ok(Date.now() - start < 5000);
  });

  it('keeps the end of a long stderr', async () => {
    const r = await nodeRunProcess([script('noisy.sh', 'yes noise | head -c 300000 >&2; echo THE-END >&2; exit 1')], { timeoutMs: 10_000 });
    assert.ok(r.stderr.length <= 64 * 1024);
    assert.match(r.stderr, /THE-END\n$/);
  });

  it('a program that does not exist, or cannot be run', async () => {
    assert.equal((await nodeRunProcess(['/nonexistent/prog'], { timeoutMs: 5000 })).spawnError, 'ENOENT');
    const noexec = join(dir, 'noexec');
    writeFileSync(noexec, 'x');
    assert.equal((await nodeRunProcess([noexec], { timeoutMs: 5000 })).spawnError, 'EACCES');
  });

  it('the environment given, not this process’s', async () => {
    const r = await nodeRunProcess(['/bin/sh', '-c', 'echo "[$A][$HOME]"'], { timeoutMs: 5000, env: { A: 'x' } });
    assert.equal(r.stdout, '[x][]\n');
  });
});

describe('programs still running when the extension is disposed', () => {
  it('are ended with their process group: SIGTERM, then SIGKILL for one that ignores it', async () => {
    const pids = join(dir, 'at-dispose.pids');
    const polite = join(dir, 'polite.pids');
    const stubborn = script('stubborn-at-dispose.sh', `trap '' TERM\nsleep 600 &\necho $$ $! > ${pids}\nwhile :; do sleep 1; done`);
    const gentle = script('gentle-at-dispose.sh', `echo $$ > ${polite}\nwhile :; do sleep 1; done`);
    const runs = [nodeRunProcess([stubborn], { timeoutMs: 600_000 }), nodeRunProcess([gentle], { timeoutMs: 600_000 })];
    assert.ok(await until(() => existsSync(pids) && existsSync(polite) && readFileSync(pids, 'utf8').trim().split(' ').length === 2, 5000));
    assert.equal(runningProcessCount(), 2);
    const [shell, child] = readFileSync(pids, 'utf8').trim().split(' ').map(Number) as [number, number];
    const gentlePid = Number(readFileSync(polite, 'utf8').trim());
    const start = Date.now();
    await endRunningProcesses();
    const took = Date.now() - start;
    assert.ok(took < KILL_GRACE_MS + 1500, `ended in ${took} ms`);
    assert.ok(await until(() => !alive(shell) && !alive(child) && !alive(gentlePid), 2000), 'the programs and the background child are gone');
    const results = await Promise.all(runs);
    assert.ok(results.every((r) => r.exitCode !== 0));
    assert.equal(runningProcessCount(), 0);
  });
});
