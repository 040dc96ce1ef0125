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
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', plugins: [lazySdk], metafile: true },
  { ...common, entryPoints: ['src/credentials/sdk/stsSdk.ts'], outfile: 'dist/sts-client.js', mainFields: ['module', 'main'] },
];

if (watch) {
  for (const c of configs) await (await esbuild.context(c)).watch();
} else {
  const results = await Promise.all(configs.map((c) => esbuild.build(c)));
  const main = results[0].metafile;
  const bytes = Object.values(main.outputs).reduce((n, o) => n + o.bytes, 0);
  const inputs = Object.keys(main.inputs);
  if (inputs.some((i) => i.includes('@aws-sdk/client-sts'))) {
    console.error('esbuild: the STS client leaked into dist/extension.js; it must load lazily');
    process.exit(1);
  }
  console.log(`esbuild: dist/extension.js ${(bytes / 1024).toFixed(0)} KB${release ? ' (release)' : ''}`);
}
