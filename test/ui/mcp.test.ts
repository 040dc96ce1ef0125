/// <reference lib="dom" />
/**
 * As a person who lets an AI agent use AWS tools: an MCP server listed in
 * awsRoleSwitcher.mcpServers shows in **MCP: List Servers** as "AWS: whoami"; started from there, it
 * acts as exactly the window's session (test/mcp/whoami-server.mjs writes, every second, what
 * GetCallerIdentity says through the JS SDK's default chain, against the fake STS); a switch
 * restarts it as the new profile; Sign Out leaves it nothing. In endpoint mode it keeps acting as
 * the session across renewals of 15-second credentials. A server of .vscode/mcp.json that looks
 * like an AWS one is pointed out, with a way to let the extension start it. (VS Code 1.101+: the
 * oldest build has no MCP API.)
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Workbench, repoRoot } from './workbench';

const skip = process.env['ARS_VSCODE'] === 'oldest' ? 'the oldest VS Code tested has no MCP server API' : false;
const SERVER = path.join(repoRoot, 'test', 'mcp', 'whoami-server.mjs');

/** The lines the server wrote: "<time> <ARN or ERROR: …>". */
function lines(file: string): Array<{ at: number; who: string }> {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.includes(' '))
    .map((l) => ({ at: Date.parse(l.slice(0, l.indexOf(' '))), who: l.slice(l.indexOf(' ') + 1) }));
}

/** Waits until the server wrote a line after `since` that `ok` accepts; its identity. */
async function nextIdentity(file: string, since: number, ok: (who: string) => boolean, ms = 30_000): Promise<string> {
  const end = Date.now() + ms;
  for (;;) {
    const l = lines(file).filter((x) => x.at > since && ok(x.who));
    if (l.length > 0) return (l.at(-1) as { who: string }).who;
    if (Date.now() > end) throw new Error(`no such line from the MCP server within ${ms} ms; last: ${lines(file).at(-1)?.who ?? 'none'}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function serverSetting(wb: Workbench, out: string, name = 'whoami', profile?: string): Record<string, unknown> {
  return {
    name,
    command: process.execPath,
    args: [SERVER],
    env: { ARS_MCP_WHOAMI_FILE: out, AWS_ENDPOINT_URL_STS: wb.sts.url },
    ...(profile !== undefined ? { profile } : {}),
  };
}

describe('UI: MCP servers act as the chosen role', { timeout: 300_000, skip }, () => {
  let wb: Workbench;
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ars-mcp-')), 'whoami.txt');
  const pinnedOut = path.join(path.dirname(out), 'pinned.txt');
  const prodOut = path.join(path.dirname(out), 'prod.txt');
  before(async () => {
    wb = await Workbench.open({
      beforeStart: (w) => {
        // What `aws configure agent-toolkit` writes, in the repository's own MCP configuration.
        fs.mkdirSync(path.join(w.workspace, '.vscode'), { recursive: true });
        fs.writeFileSync(
          path.join(w.workspace, '.vscode', 'mcp.json'),
          '{\n  // AWS MCP server\n  "servers": {\n    "aws-mcp": { "type": "stdio", "command": "uvx", "args": ["mcp-proxy-for-aws@latest", "https://aws-mcp.us-east-1.api.aws/mcp"] },\n  },\n}\n',
        );
      },
      settings: (w) => ({
        'awsRoleSwitcher.profile': 'demo-dev',
        'awsRoleSwitcher.mcpServers': [
          serverSetting(w, out),
          serverSetting(w, pinnedOut, 'vendor-audit', 'demo-vendor'),
          serverSetting(w, prodOut, 'prod-keys', 'demo-base'),
        ],
        'awsRoleSwitcher.productionProfiles': ['demo-base'],
      }),
    });
  });
  after(async () => {
    await wb?.close();
  });

  it('a server of .vscode/mcp.json that looks like an AWS one is pointed out, and one click lets the extension start it as the chosen role', async () => {
    const toast = wb.page.locator('.notification-toast', { hasText: 'looks like an AWS one' });
    await toast.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await toast.innerText(), /MCP server "aws-mcp" \(\.vscode\/mcp\.json\) looks like an AWS one, and VS Code starts it with its own environment/);
    await toast.locator('.monaco-button', { hasText: 'Start Them as the Chosen Role' }).click();
    await wb.page.locator('.notification-toast', { hasText: 'now provides "aws-mcp"' }).waitFor({ state: 'visible' });
    const settings = JSON.parse(fs.readFileSync(wb.settingsFile, 'utf8')) as Record<string, Array<{ name: string; command: string }>>;
    assert.deepEqual(
      settings['awsRoleSwitcher.mcpServers']?.map((s) => [s.name, s.command]),
      [
        ['whoami', process.execPath],
        ['vendor-audit', process.execPath],
        ['prod-keys', process.execPath],
        ['aws-mcp', 'uvx'],
      ],
    );
  });

  it("started from MCP: List Servers, it acts as exactly the window's session", async () => {
    await wb.waitStatus(/demo-dev \(222222222222 Developer\)/);
    const session = await wb.shownCallerIdentity();
    const since = Date.now();
    await wb.startMcpServer('whoami');
    assert.equal(await nextIdentity(out, since, (w) => w.startsWith('arn:')), session);
    assert.match(wb.logText(), /MCP server "whoami" starts as demo-dev \(keys\)/);
  });

  it('a server pinned to a profile (profile: demo-vendor) acts as that profile, whatever the window is', async () => {
    const since = Date.now();
    await wb.startMcpServer('vendor-audit');
    assert.match(await nextIdentity(pinnedOut, since, (w) => w.startsWith('arn:')), /^arn:aws:sts::555555555555:assumed-role\/VendorAudit\//);
    assert.match(await wb.statusText(), /demo-dev/, 'the window kept its profile');
  });

  it('a server of a production profile asks first: it gets the keys only on the named button', async () => {
    const since = Date.now();
    await wb.startMcpServer('prod-keys');
    const dialog = wb.page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible' });
    assert.match(await dialog.innerText(), /"demo-base" is a production profile\. Start an MCP server \(an AI agent's tools\) acting in production\?/);
    await dialog.locator('.monaco-button', { hasText: /^Start Production MCP Server$/ }).click();
    assert.equal(await nextIdentity(prodOut, since, (w) => w.startsWith('arn:')), 'arn:aws:iam::111111111111:user/demo-user');
  });

  it('a switch restarts it as the new profile, and the restart leaves the keyboard where it was', async () => {
    await wb.pickProfile('demo-vendor');
    await wb.waitStatus(/demo-vendor \(555555555555 VendorAudit\)/);
    const since = Date.now();
    // The person goes on typing at once: the command palette must keep the keyboard through the
    // restart (VS Code's own restart command shows the server's output, which took it: a CI run).
    await wb.page.keyboard.press('F1');
    await wb.quickInput().waitFor({ state: 'visible' });
    await nextIdentity(out, since, (w) => w.includes('VendorAudit'));
    assert.match(wb.logText(), /MCP server "whoami": restarted for the window's new profile/);
    assert.equal(
      await wb.page.locator('[aria-label*="MCP: AWS: whoami - Output"]').count(),
      0,
      "the server's output was not brought up (VS Code's restart command does, and it takes the keyboard)",
    );
    assert.equal(
      await wb.page.evaluate(() => document.activeElement?.closest('.quick-input-widget') !== null),
      true,
      `the palette still has the keyboard (it is at ${await wb.focusedElement()})`,
    );
    await wb.page.keyboard.press('Escape');
    const session = await wb.shownCallerIdentity();
    assert.equal(await nextIdentity(out, since, (w) => w.includes('VendorAudit')), session);
  });

  it('Sign Out: it is stopped and does not start again without a profile', async () => {
    await wb.runCommand('AWS: Sign Out');
    await wb.waitStatus(/AWS: none/);
    const stopped = Date.now() + 3000;
    await new Promise((r) => setTimeout(r, 5000));
    assert.deepEqual(
      lines(out).filter((l) => l.at > stopped),
      [],
      'no line after the sign-out: the server that had the role is gone',
    );
  });
});

describe('UI: an MCP server in endpoint mode, across renewals', { timeout: 300_000, skip }, () => {
  let wb: Workbench;
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ars-mcp-')), 'whoami.txt');
  before(async () => {
    wb = await Workbench.open({
      bashrc: 'PS1="$ "\n',
      beforeStart: (w) => (w.sts.credentialLifetimeSeconds = 15),
      settings: (w) => ({
        'awsRoleSwitcher.profile': 'demo-dev',
        'awsRoleSwitcher.terminal.delivery': 'endpoint',
        'awsRoleSwitcher.mcpServers': [serverSetting(w, out)],
      }),
    });
  });
  after(async () => {
    await wb?.close();
  });

  it('it fetches from the credentials endpoint and acts as the session through renewals of 15-second credentials', async () => {
    await wb.waitStatus(/demo-dev \(222222222222 Developer\)/);
    const session = await wb.shownCallerIdentity();
    const since = Date.now();
    const assumed = wb.sts.callsOf('AssumeRole').length;
    await wb.startMcpServer('whoami');
    assert.equal(await nextIdentity(out, since, (w) => w.startsWith('arn:')), session);
    assert.match(wb.logText(), /MCP server "whoami" starts as demo-dev \(credentials endpoint, always fresh\)/);
    await new Promise((r) => setTimeout(r, 35_000));
    const seen = lines(out).filter((l) => l.at > since);
    assert.ok(wb.sts.callsOf('AssumeRole').length >= assumed + 2, 'the session was renewed at least twice meanwhile');
    assert.ok(seen.length >= 25, `a line a second (${seen.length})`);
    assert.deepEqual([...new Set(seen.map((l) => l.who))], [session], 'every answer as the session, none an error');
  });
});
