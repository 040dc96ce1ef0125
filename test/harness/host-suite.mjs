// Runs the extension-host suite (out/test/host) inside a real VS Code: fake STS up, sandbox HOME
// with the demo profiles, VS Code server, Chromium on the workbench URL with the test payload.
// Fails on any failing test, a missing verdict, or a time-out; kills everything it started.
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, launchBrowser, workbenchUrl, makeSandbox, repoRoot } from './vscode.mjs';

const require = createRequire(import.meta.url);

export async function runHostSuite({ grep, resultsDir, timeoutMs = 10 * 60_000, multiRoot = false } = {}) {
  const { createDemoSts, writeDemoAwsFiles } = require(join(repoRoot, 'out', 'test', 'fakeSts', 'demoWorld.js'));
  const sts = createDemoSts();
  const disposers = [];
  try {
    const stsUrl = await sts.start();
    disposers.push(() => sts.stop());
    const sandbox = makeSandbox('ars-host-');
    disposers.push(() => sandbox.dispose());
    writeDemoAwsFiles(sandbox.home, stsUrl);
    const suiteDir = multiRoot ? 'host-multiroot' : 'host';
    const resultFile = join(resultsDir, `${suiteDir}.json`);
    let workspaceFile;
    if (multiRoot) {
      // Three folders; "api" names its own profile in its folder settings, "ops" a production one.
      for (const name of ['api', 'web', 'ops']) mkdirSync(join(sandbox.workspace, name, '.vscode'), { recursive: true });
      writeFileSync(join(sandbox.workspace, 'api', '.vscode', 'settings.json'), JSON.stringify({ 'awsRoleSwitcher.profile': 'demo-vendor' }));
      writeFileSync(join(sandbox.workspace, 'ops', '.vscode', 'settings.json'), JSON.stringify({ 'awsRoleSwitcher.profile': 'demo-prod-chain' }));
      workspaceFile = join(sandbox.workspace, 'multi.code-workspace');
      writeFileSync(workspaceFile, JSON.stringify({ folders: [{ path: 'api' }, { path: 'web' }, { path: 'ops' }] }));
    }
    const server = await startServer({
      home: sandbox.home,
      smokeTestDriver: true,
      linkRepo: false,
      ...(multiRoot ? { settings: { 'awsRoleSwitcher.productionProfiles': ['demo-prod-chain'] } } : {}),
      env: { ARS_TEST_RESULT: resultFile, ARS_FAKE_STS_URL: stsUrl, ...(grep ? { ARS_TEST_GREP: grep } : {}) },
      log: (l) => { if (/error/i.test(l) && !/ptyHost|Ignoring|telemetry|open-vsx|gallery/i.test(l)) console.log(`[vscode] ${l}`); },
    });
    disposers.push(() => server.dispose());
    const browser = await launchBrowser();
    disposers.push(() => browser.dispose());
    const page = await browser.browser.newPage();
    page.on('pageerror', (e) => console.log(`  [workbench] ${e.message}`));
    await page.goto(workbenchUrl(server, {
      ...(workspaceFile ? { workspace: workspaceFile } : { folder: sandbox.workspace }),
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: join(repoRoot, 'out', 'test', suiteDir, 'index.js'),
    }));
    const deadline = Date.now() + timeoutMs;
    while (!existsSync(resultFile)) {
      if (Date.now() > deadline) throw new Error(`no verdict within ${timeoutMs / 1000} s (time-out)`);
      if (server.child.exitCode !== null) throw new Error(`VS Code server exited early:\n${server.output().slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    return JSON.parse(readFileSync(resultFile, 'utf8'));
  } finally {
    for (const d of disposers.reverse()) {
      try {
        await d();
      } catch {
        /* keep disposing */
      }
    }
  }
}
