/** MCP servers as the chosen role: the setting read as hostile input, the environment a server gets, mcp.json's AWS servers. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { IDENTITY_VARIABLES, looksLikeAwsServer, parseJsonc, readMcpServers, serverEnvironment, uncoveredAwsServers } from '../../src/delivery/mcpServers';
import { createDemoSts, DEMO } from '../fakeSts/demoWorld';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

describe('awsRoleSwitcher.mcpServers', () => {
  it('reads servers with a name, a command, args, env and an optional profile', () => {
    const r = readMcpServers([
      { name: 'aws-api', command: 'uvx', args: ['awslabs.aws-api-mcp-server@latest'], env: { FASTMCP_LOG_LEVEL: 'ERROR' } },
      { name: 'prod tools', command: '/usr/bin/node', args: [], profile: 'prod' },
    ]);
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.servers, [
      { name: 'aws-api', command: 'uvx', args: ['awslabs.aws-api-mcp-server@latest'], env: { FASTMCP_LOG_LEVEL: 'ERROR' } },
      { name: 'prod tools', command: '/usr/bin/node', args: [], env: {}, profile: 'prod' },
    ]);
  });

  it('hostile or mistaken entries are left out and said, never run; identity variables in env are refused', () => {
    const r = readMcpServers([
      'uvx',
      { name: 'no command' },
      { name: 'bad\nname', command: 'x' },
      { name: 'line', command: 'x\n--evil' },
      { name: 'args', command: 'x', args: 'not a list' },
      { name: 'ok', command: 'x', env: { AWS_PROFILE: 'other', aws_access_key_id: 'AKIA', AWS_REGION: 'eu-west-1', 'BAD-NAME': 'v' } },
      { name: 'ok', command: 'y' },
      { name: 'big', command: 'x', args: Array.from({ length: 65 }, () => 'a') },
    ]);
    assert.deepEqual(
      r.servers.map((s) => [s.name, s.env]),
      [['ok', { AWS_REGION: 'eu-west-1' }]],
    );
    assert.equal(r.problems.length, 10, r.problems.join('\n'));
    assert.ok(r.problems.some((p) => /env AWS_PROFILE is left out: the server acts as the role AWS Role Switcher gives it/.test(p)));
    assert.ok(r.problems.some((p) => /env aws_access_key_id is left out/.test(p)));
    assert.ok(r.problems.some((p) => /"ok" is used twice/.test(p)));
    assert.deepEqual(readMcpServers({ name: 'x' }).problems, ['awsRoleSwitcher.mcpServers is not a list of servers.']);
    assert.equal(readMcpServers(Array.from({ length: 40 }, (_, i) => ({ name: `s${i}`, command: 'x' }))).servers.length, 32);
  });

  it("a server's environment: its own variables, the role's, and every other AWS identity variable removed (VS Code's AWS_PROFILE never outranks the role)", () => {
    const entry = { name: 's', command: 'x', args: [], env: { FOO: 'bar' } };
    const keys = new Map([
      ['AWS_ACCESS_KEY_ID', 'ASIA1'],
      ['AWS_SECRET_ACCESS_KEY', 's'],
      ['AWS_SESSION_TOKEN', 't'],
      ['AWS_REGION', 'eu-west-1'],
    ]);
    const env = serverEnvironment(entry, keys);
    assert.equal(env['FOO'], 'bar');
    assert.equal(env['AWS_ACCESS_KEY_ID'], 'ASIA1');
    assert.equal(env['AWS_PROFILE'], null);
    assert.equal(env['AWS_CONTAINER_CREDENTIALS_FULL_URI'], null);
    for (const k of IDENTITY_VARIABLES) assert.ok(k in env, k);
    const endpoint = serverEnvironment(
      entry,
      new Map([
        ['AWS_CONTAINER_CREDENTIALS_FULL_URI', 'http://127.0.0.1:1/x'],
        ['AWS_CONTAINER_AUTHORIZATION_TOKEN', 'tok'],
      ]),
    );
    assert.equal(endpoint['AWS_ACCESS_KEY_ID'], null, 'no keys beside the endpoint');
    assert.equal(endpoint['AWS_CONTAINER_CREDENTIALS_FULL_URI'], 'http://127.0.0.1:1/x');
  });
});

describe('mcp.json servers that look like AWS ones (VS Code starts them with its own environment)', () => {
  it('finds the AWS CLI agent toolkit, awslabs and the AWS MCP proxy; passes over the rest', () => {
    assert.equal(looksLikeAwsServer('aws', ['mcp', 'serve']), true);
    assert.equal(looksLikeAwsServer('uvx', ['awslabs.aws-api-mcp-server@latest']), true);
    assert.equal(looksLikeAwsServer('uvx', ['mcp-proxy-for-aws@latest', 'https://aws-mcp.us-east-1.api.aws/mcp']), true);
    assert.equal(looksLikeAwsServer('/usr/local/bin/aws', []), true);
    assert.equal(looksLikeAwsServer('npx', ['@modelcontextprotocol/server-filesystem', '/tmp']), false);
    assert.equal(looksLikeAwsServer('npx', ['lawsuit-helper']), false);
  });

  it('reads mcp.json as VS Code writes it (comments, trailing commas); bounded; only stdio servers', () => {
    const text = `{
      // written by aws configure agent-toolkit
      "servers": {
        "aws-mcp": { "type": "stdio", "command": "uvx", "args": ["mcp-proxy-for-aws@latest", "https://aws-mcp.us-east-1.api.aws/mcp",], },
        /* not AWS */ "files": { "command": "npx", "args": ["@modelcontextprotocol/server-filesystem"] },
        "remote": { "type": "http", "url": "https://example.com/mcp" },
        "weird \\"name\\"": { "command": "aws" },
      },
    }`;
    assert.deepEqual(uncoveredAwsServers(text), [
      { name: 'aws-mcp', command: 'uvx', args: ['mcp-proxy-for-aws@latest', 'https://aws-mcp.us-east-1.api.aws/mcp'] },
    ]);
    assert.deepEqual(
      uncoveredAwsServers('{"mcpServers": {"aws": {"command": "aws", "args": ["mcp"]}}}').map((s) => s.name),
      ['aws'],
    );
    assert.deepEqual(uncoveredAwsServers('not json'), []);
    assert.deepEqual(uncoveredAwsServers(`{"servers": {"a": {"command": "aws"}}}${' '.repeat(1024 * 1024)}`), []);
    assert.deepEqual(parseJsonc('{"a": "// not a comment", /* c */ "b": [1,],}'), { a: '// not a comment', b: [1] });
  });
});

describe('the test MCP server (test/mcp/whoami-server.mjs) with the environment a provided server gets', () => {
  it('answers initialize, tools/list and whoami as the role of the keys it was given, not as AWS_PROFILE of VS Code', async () => {
    const sts = createDemoSts();
    const url = await sts.start();
    let child: ReturnType<typeof spawn> | undefined;
    try {
      const env = serverEnvironment(
        { name: 'whoami', command: process.execPath, args: [], env: { AWS_ENDPOINT_URL_STS: url } },
        new Map([
          ['AWS_ACCESS_KEY_ID', DEMO.user.accessKeyId],
          ['AWS_SECRET_ACCESS_KEY', DEMO.user.secretAccessKey],
          ['AWS_REGION', 'eu-west-1'],
        ]),
      );
      // As VS Code does: the extension host's environment, overwritten, and nulls removed.
      const base: Record<string, string | undefined> = { ...process.env, AWS_PROFILE: 'somebody-else' };
      for (const [k, v] of Object.entries(env)) {
        if (v === null) delete base[k];
        else base[k] = String(v);
      }
      child = spawn(process.execPath, [path.join(repoRoot, 'test', 'mcp', 'whoami-server.mjs')], { env: base, stdio: ['pipe', 'pipe', 'inherit'] });
      const replies: Array<{ id: number; result?: { tools?: Array<{ name: string }>; content?: Array<{ text: string }> } }> = [];
      let buffer = '';
      child.stdout?.on('data', (b: Buffer) => {
        buffer += b.toString('utf8');
        let nl;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          replies.push(JSON.parse(buffer.slice(0, nl)) as (typeof replies)[number]);
          buffer = buffer.slice(nl + 1);
        }
      });
      const ask = async (id: number, method: string, params: unknown = {}) => {
        child?.stdin?.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
        const end = Date.now() + 20_000;
        while (!replies.some((r) => r.id === id) && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
        return replies.find((r) => r.id === id);
      };
      assert.ok((await ask(1, 'initialize', { protocolVersion: '2025-06-18' }))?.result);
      assert.deepEqual(
        (await ask(2, 'tools/list'))?.result?.tools?.map((t) => t.name),
        ['whoami'],
      );
      const who = await ask(3, 'tools/call', { name: 'whoami', arguments: {} });
      assert.equal(who?.result?.content?.[0]?.text, DEMO.user.userArn);
    } finally {
      child?.kill();
      await sts.stop();
    }
  });
});
