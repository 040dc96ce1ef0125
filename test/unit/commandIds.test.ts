/** The typed command IDs are exactly the commands package.json contributes (no more, none missing). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMAND_IDS } from '../../src/vscode/commands/ids';
import { repoRoot } from './fixtures';

describe('command IDs', () => {
  it('are the commands the manifest contributes, in its order', () => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { contributes: { commands: Array<{ command: string }> } };
    assert.deepEqual(
      [...COMMAND_IDS],
      manifest.contributes.commands.map((c) => c.command),
    );
  });
});
