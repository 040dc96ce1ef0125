/**
 * `npm run test:desktop`: the same extension-host suite in desktop VS Code, downloaded by
 * @vscode/test-electron (needs network access to the VS Code update service). The fake STS and the
 * sandbox HOME are set up exactly as for the code-server route.
 */
import * as path from 'node:path';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { runTests } from '@vscode/test-electron';
import { createDemoSts, writeDemoAwsFiles } from '../fakeSts/demoWorld';

async function main(): Promise<void> {
  const repoRoot = path.resolve(__dirname, '..', '..', '..');
  const sts = createDemoSts();
  const url = await sts.start();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ars-desktop-'));
  const home = path.join(root, 'home');
  const workspace = path.join(root, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  writeDemoAwsFiles(home, url);
  const resultFile = path.join(root, 'host.json');
  try {
    await runTests({
      // The newest desktop VS Code (the server build the other levels use is the same version).
      version: 'stable',
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(repoRoot, 'out', 'test', 'host', 'index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', `--user-data-dir=${path.join(root, 'user')}`],
      extensionTestsEnv: { HOME: home, ARS_FAKE_STS_URL: url, ARS_TEST_RESULT: resultFile, VSCODE_AGENT_FOLDER: path.join(root, 'user') },
    });
    const v = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as { passed: number; failed: number };
    console.log(`${v.passed} passed, ${v.failed} failed`);
    process.exitCode = v.failed > 0 || v.passed === 0 ? 1 : 0;
  } finally {
    await sts.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
