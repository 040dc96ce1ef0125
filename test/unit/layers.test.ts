/**
 * The layer rule of eslint.config.mjs (config → credentials → delivery → vscode): an import against
 * the direction fails lint, one along it passes. Linted as if the text stood at the given path.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ESLint } from 'eslint';
import { repoRoot } from './fixtures';

const eslint = new ESLint({ cwd: repoRoot });

async function restricted(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${repoRoot}/${path}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layers', () => {
  for (const [from, to] of [
    ['config', '../credentials/sts'],
    ['config', '../delivery/processEnvironment'],
    ['config', '../vscode/log'],
    ['credentials', '../delivery/credentialsServer'],
    ['credentials/providers', '../../vscode/log'],
    ['delivery', '../vscode/log'],
  ] as const) {
    it(`src/${from} may not import ${to}`, async () => {
      const errors = await restricted(`src/${from}/x.ts`, `import { y } from '${to}';\nexport const x = y;\n`);
      assert.equal(errors.length, 1, errors.join('\n'));
      assert.match(errors[0] ?? '', /This layer may not import/);
    });
  }

  for (const dir of ['config', 'credentials', 'delivery']) {
    it(`src/${dir} may not import vscode`, async () => {
      const errors = await restricted(`src/${dir}/x.ts`, `import * as vscode from 'vscode';\nexport const x = vscode;\n`);
      assert.equal(errors.length, 1, errors.join('\n'));
      assert.match(errors[0] ?? '', /Only src\/vscode\/ and src\/extension.ts may import vscode/);
    });
  }

  for (const [from, to] of [
    ['credentials', '../config/profiles'],
    ['delivery', '../credentials/types'],
    ['vscode', '../delivery/processEnvironment'],
    ['vscode', 'vscode'],
  ] as const) {
    it(`src/${from} may import ${to}`, async () => {
      assert.deepEqual(await restricted(`src/${from}/x.ts`, `import { y } from '${to}';\nexport const x = y;\n`), []);
    });
  }
});
