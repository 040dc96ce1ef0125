import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { exportShell, shellExports } from '../../src/delivery/shellExports';

describe('Copy Credentials as Shell Exports', () => {
  const vars = new Map([
    ['AWS_ACCESS_KEY_ID', 'AKIA1'],
    ['AWS_SECRET_ACCESS_KEY', "se'cr\\et"],
  ]);
  it('quotes every value literally for sh, fish and PowerShell', () => {
    assert.equal(shellExports(vars, 'sh'), "export AWS_ACCESS_KEY_ID='AKIA1'\nexport AWS_SECRET_ACCESS_KEY='se'\\''cr\\et'\n");
    assert.equal(shellExports(vars, 'fish'), "set -gx AWS_ACCESS_KEY_ID 'AKIA1'\nset -gx AWS_SECRET_ACCESS_KEY 'se\\'cr\\\\et'\n");
    assert.equal(shellExports(vars, 'PowerShell'), "$Env:AWS_ACCESS_KEY_ID = 'AKIA1'\n$Env:AWS_SECRET_ACCESS_KEY = 'se''cr\\et'\n");
  });
});

describe('the shell exports are for', () => {
  it('bash, zsh, dash and ksh take the sh form; pwsh is PowerShell; anything else is no shell', () => {
    for (const n of ['sh', 'bash', 'zsh', 'dash', 'ksh', ' Bash ']) assert.equal(exportShell(n), 'sh', n);
    assert.equal(exportShell('fish'), 'fish');
    for (const n of ['PowerShell', 'pwsh', 'powershell']) assert.equal(exportShell(n), 'PowerShell', n);
    for (const n of ['', 'cmd', 'tcsh', 'sh; rm -rf /']) assert.equal(exportShell(n), undefined, n);
  });
});
