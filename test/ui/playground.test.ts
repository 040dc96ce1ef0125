/**
 * The README's "run it" command: `npm start` builds the VSIX, installs it into a local VS Code,
 * starts the fake STS and the sandbox, and answers (smoke mode stops right after checking).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './workbench';

describe('playground (npm start)', { timeout: 300_000 }, () => {
  it('builds a VSIX under 600 KB, installs it and serves VS Code and the demo MFA device', () => {
    const r = spawnSync('npm', ['start', '--silent', '--', '--smoke'], { cwd: repoRoot, encoding: 'utf8', timeout: 280_000 });
    assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
    assert.match(r.stdout, /Open VS Code: +http:\/\/127\.0\.0\.1:\d+\/\?folder=/);
    assert.match(r.stdout, /Demo MFA device: +http:\/\/127\.0\.0\.1:\d+\/demo\/mfa +\(code now: \d{6}\)/);
    assert.match(r.stdout, /playground smoke check: ok/);
    const size = statSync(path.join(repoRoot, 'aws-role-switcher.vsix')).size;
    assert.ok(size < 600 * 1024, `VSIX is ${size} bytes`);
  });
});
