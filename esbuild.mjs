// Bundles the extension into dist/. The STS client (the AWS SDK, ~450 KB minified) is a separate
// bundle, dist/sts-client.js, required on first use or when the picker opens (loadSdk in src/credentials/sts.ts), so
// activation does not pay for it.
import * as esbuild from 'esbuild';

const release = process.argv.includes('--release');
const watch = process.argv.includes('--watch');

/** Resolves the product's lazy import of the SDK to the separate bundle. */
const lazySdk = {
  name: 'lazy-sts-client',
  setup(build) {
    build.onResolve({ filter: /^\.\/sdk\/stsSdk$/ }, () => ({ path: './sts-client.js', external: true }));
  },
};

/**
 * Every `import * as vscode from 'vscode'` reads one namespace object made once. Left to itself,
 * esbuild wraps the external module in `__toESM` in each of the ~45 files that import it, copying
 * every property of the VS Code API (~300) each time: with an API object of that size, requiring
 * the bundle took 42–48 ms instead of 15–16 ms (Node 20, median of 5).
 */
const vscodeOnce = {
  name: 'vscode-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (a) =>
      a.namespace === 'vscode-once' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-once' },
    );
    build.onLoad({ filter: /.*/, namespace: 'vscode-once' }, () => ({ contents: "export * from 'vscode';", loader: 'js' }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: release,
  sourcemap: release ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: release ? 'none' : 'inline',
  external: ['vscode'],
};

const configs = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', plugins: [lazySdk, vscodeOnce], metafile: true },
  { ...common, entryPoints: ['src/credentials/sdk/stsSdk.ts'], outfile: 'dist/sts-client.js', mainFields: ['module', 'main'] },
];

if (watch) {
  for (const c of configs) await (await esbuild.context(c)).watch();
} else {
  const results = await Promise.all(configs.map((c) => esbuild.build(c)));
  const main = results[0].metafile;
  const bytes = Object.values(main.outputs).reduce((n, o) => n + o.bytes, 0);
  const inputs = Object.keys(main.inputs);
  const out = await import('node:fs').then((fs) => fs.readFileSync('dist/extension.js', 'utf8'));
  if ((out.match(/require\("vscode"\)/g) ?? []).length !== 1) {
    console.error('esbuild: dist/extension.js must require "vscode" exactly once (see vscodeOnce)');
    process.exit(1);
  }
  if (inputs.some((i) => i.includes('@aws-sdk/client-sts'))) {
    console.error('esbuild: the STS client leaked into dist/extension.js; it must load lazily');
    process.exit(1);
  }
  console.log(`esbuild: dist/extension.js ${(bytes / 1024).toFixed(0)} KB${release ? ' (release)' : ''}`);
}
