/** Asking the user's shell whether its start-up files export AWS_PROFILE. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeRunShell, probeArgv, shellSetsProfile } from '../../src/delivery/shellProfileProbe';

function home(bashrc: string): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'ars-probe-'));
  writeFileSync(join(dir, '.bashrc'), bashrc);
  return { HOME: dir, PATH: '/usr/bin:/bin', TERM: 'dumb' };
}

describe('shell start-up probe', () => {
  it('finds the profile ~/.bashrc exports, in a real interactive bash, whatever else the file prints', async () => {
    const env = home('echo "Welcome!"\nexport AWS_PROFILE=from-rc\nprintf "__ARS_AWS_PROFILE<fake>" >&2\n');
    assert.equal(await shellSetsProfile('/bin/bash', env, 'linux', nodeRunShell), 'from-rc');
  });

  it("none when the start-up files set nothing, and VS Code's own AWS_PROFILE is not passed to the shell", async () => {
    const env = { ...home('PS1="$ "\n'), AWS_PROFILE: 'from-vscode', AWS_DEFAULT_PROFILE: 'x' };
    assert.equal(await shellSetsProfile('/bin/bash', env, 'linux', nodeRunShell), undefined);
  });

  it('an export guarded to stay out of VS Code terminals counts as none', async () => {
    const env = home('[ "$TERM_PROGRAM" = vscode ] || export AWS_PROFILE=outside-vscode\n');
    assert.equal(await shellSetsProfile('/bin/bash', env, 'linux', nodeRunShell), undefined);
  });

  it('a start-up file that hangs is cut off at the deadline', async () => {
    const env = home('sleep 30\nexport AWS_PROFILE=late\n');
    const t0 = Date.now();
    assert.equal(await shellSetsProfile('/bin/bash', env, 'linux', nodeRunShell, 500), undefined);
    assert.ok(Date.now() - t0 < 5_000, `gave up in ${Date.now() - t0} ms`);
  });

  it('asks sh-like shells and fish interactively (login on macOS), not PowerShell or cmd', () => {
    assert.deepEqual(probeArgv('/usr/bin/zsh', 'linux')?.slice(0, 3), ['/usr/bin/zsh', '-i', '-c']);
    assert.deepEqual(probeArgv('/bin/zsh', 'darwin')?.slice(0, 4), ['/bin/zsh', '-l', '-i', '-c']);
    assert.equal(probeArgv('/usr/bin/pwsh', 'linux'), undefined);
    assert.equal(probeArgv('C:\\Windows\\System32\\cmd.exe', 'win32'), undefined);
  });

  it('takes the last marker printed, and a failed run counts as none', async () => {
    const run = async () => 'motd __ARS_AWS_PROFILE<a>\n__ARS_AWS_PROFILE<b>\n';
    assert.equal(await shellSetsProfile('/bin/bash', {}, 'linux', run), 'b');
    assert.equal(await shellSetsProfile('/bin/bash', {}, 'linux', async () => undefined), undefined);
  });
});
