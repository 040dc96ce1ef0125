import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The four layers of src/, lowest first; a layer imports only those below it, and only the edge
// (src/vscode/, src/extension.ts) imports vscode. See README, design notes.
const vscodeModule = { name: 'vscode', message: 'Only src/vscode/ and src/extension.ts may import vscode.' };
const layer = (name) => ({ group: [`**/${name}/**`], message: `This layer may not import src/${name}/ (layers: config → credentials → delivery → vscode).` });
const layerRule = (paths, higher) => ['error', { paths, patterns: higher.map(layer) }];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', '.vscode-test/**', 'node_modules/**', '.playground/**', 'test/**/*.mjs', 'test/ui/consumer/**', 'esbuild.mjs', 'eslint.config.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
    },
  },
  { files: ['src/config/**/*.ts'], rules: { 'no-restricted-imports': layerRule([vscodeModule], ['credentials', 'delivery', 'vscode']) } },
  { files: ['src/credentials/**/*.ts'], rules: { 'no-restricted-imports': layerRule([vscodeModule], ['delivery', 'vscode']) } },
  { files: ['src/delivery/**/*.ts'], rules: { 'no-restricted-imports': layerRule([vscodeModule], ['vscode']) } },
  { files: ['test/**/*.ts'], rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/no-unused-expressions': 'off' } },
);
