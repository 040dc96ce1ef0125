/** The pinned-terminal wrapper, run by /bin/sh as VS Code would run it (no vscode needed). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { wrapperScript } from '../../src/delivery/pinnedShell';

describe('pinned-terminal shell wrapper', () => {
  it("replaces the window's AWS variables with the pinned ones, unsets the rest, then execs the shell", () => {
    const dir = mkdtempSync(join(tmpdir(), 'ars-pin-'));
    const wrapper = join(dir, 'pinned-shell.sh');
    writeFileSync(wrapper, wrapperScript(), { mode: 0o700 });
    const out = execFileSync('/bin/sh', [wrapper], {
      encoding: 'utf8',
      env: {
        PATH: '/usr/bin:/bin',
        // What the window's collection put there:
        AWS_ACCESS_KEY_ID: 'ASIAWINDOW',
        AWS_SECRET_ACCESS_KEY: 'window-secret',
        AWS_SESSION_TOKEN: 'window-token',
        AWS_PROFILE: 'demo-dev',
        AWS_REGION: 'eu-west-1',
        VSCODE_ENV_REPLACE: 'AWS_ACCESS_KEY_ID=ASIAWINDOW',
        // The terminal's own:
        ARS_PIN_AWS_ACCESS_KEY_ID: 'ASIAPINNED',
        ARS_PIN_AWS_SECRET_ACCESS_KEY: 'pinned $ecret `x` "q"',
        ARS_PIN_AWS_PROFILE: 'demo-vendor',
        ARS_PIN_AWS_REGION: 'us-east-1',
        ARS_PIN_ID: 'pin-1',
        ARS_PIN_SHELL: '/usr/bin/env',
      },
    });
    const env = new Map(
      out
        .trim()
        .split('\n')
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] as [string, string]),
    );
    assert.equal(env.get('AWS_ACCESS_KEY_ID'), 'ASIAPINNED');
    assert.equal(env.get('AWS_SECRET_ACCESS_KEY'), 'pinned $ecret `x` "q"', 'values are taken literally');
    assert.equal(env.get('AWS_PROFILE'), 'demo-vendor');
    assert.equal(env.get('AWS_REGION'), 'us-east-1');
    assert.equal(env.has('AWS_SESSION_TOKEN'), false, "the window's token is removed, not emptied");
    assert.equal(env.has('VSCODE_ENV_REPLACE'), false, 'shell integration cannot lay the window role back');
    assert.deepEqual(
      [...env.keys()].filter((k) => k.startsWith('ARS_PIN_') && k !== 'ARS_PIN_ID'),
      [],
    );
  });
});
