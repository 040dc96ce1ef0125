#!/usr/bin/env node
// A small MCP server (stdio, newline-delimited JSON-RPC) as an agent's AWS tools are: it answers
// initialize, tools/list and a `whoami` tool that calls GetCallerIdentity through the JS SDK v3's
// default credential chain. With ARS_MCP_WHOAMI_FILE set it also writes, every second, who it is
// ("<ISO time> <ARN or ERROR: …>"), with a new client each time (no cached credentials), so a test
// sees what the server acts as now, and when that changes.
import { appendFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { STSClient, GetCallerIdentityCommand } = require('@aws-sdk/client-sts');

async function whoami() {
  const client = new STSClient({ region: process.env.AWS_REGION || 'us-east-1' });
  try {
    return (await client.send(new GetCallerIdentityCommand({}))).Arn ?? 'ERROR: no Arn';
  } catch (e) {
    return `ERROR: ${String(e?.message ?? e).replace(/\s+/g, ' ').slice(0, 300)}`;
  } finally {
    client.destroy();
  }
}

const out = process.env.ARS_MCP_WHOAMI_FILE;
if (out) {
  const tick = async () => appendFileSync(out, `${new Date().toISOString()} ${await whoami()}\n`);
  void tick();
  setInterval(() => void tick(), 1000).unref();
}

const send = (msg) => process.stdout.write(`${JSON.stringify({ jsonrpc: '2.0', ...msg })}\n`);
const rl = createInterface({ input: process.stdin });
rl.on('line', async (line) => {
  let req;
  try {
    req = JSON.parse(line);
  } catch {
    return;
  }
  if (req.id === undefined) return; // notifications
  switch (req.method) {
    case 'initialize':
      return send({
        id: req.id,
        result: { protocolVersion: req.params?.protocolVersion ?? '2025-06-18', capabilities: { tools: {} }, serverInfo: { name: 'ars-whoami', version: '1.0.0' } },
      });
    case 'tools/list':
      return send({
        id: req.id,
        result: { tools: [{ name: 'whoami', description: 'The AWS identity this server acts as (STS GetCallerIdentity).', inputSchema: { type: 'object', properties: {} } }] },
      });
    case 'tools/call':
      if (req.params?.name !== 'whoami') return send({ id: req.id, error: { code: -32602, message: `unknown tool ${req.params?.name}` } });
      return send({ id: req.id, result: { content: [{ type: 'text', text: await whoami() }] } });
    case 'ping':
      return send({ id: req.id, result: {} });
    default:
      return send({ id: req.id, error: { code: -32601, message: `no method ${req.method}` } });
  }
});
rl.on('close', () => process.exit(0));
