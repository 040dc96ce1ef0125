/** The providers' HTTP: a hard deadline for the whole exchange, and a cap on what it reads. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { httpWithLimits, nodeHttp } from '../../src/credentials/nodeHttp';
import { dripServer, hugeServer } from './slowServers';

describe('node HTTP for the providers', () => {
  it('answers status and body', async () => {
    const server = createServer((req, res) => {
      res.writeHead(201);
      res.end(`${req.method} ${req.url} ${req.headers['x-a'] ?? ''}`);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const r = await nodeHttp(`http://127.0.0.1:${(server.address() as AddressInfo).port}/p?q=1`, { method: 'GET', headers: { 'x-a': 'b' }, timeoutMs: 5000 });
      assert.deepEqual(r, { status: 201, body: 'GET /p?q=1 b' });
    } finally {
      server.close();
    }
  });

  it('a server dripping a byte every 100 ms cannot hold a 1-second request open: it fails at the deadline', async () => {
    const drip = await dripServer(100);
    try {
      const start = Date.now();
      await assert.rejects(nodeHttp(drip.url, { method: 'GET', headers: {}, timeoutMs: 1000 }), /timed out after 1000 ms/);
      const took = Date.now() - start;
      assert.ok(took < 4000, `settled after ${took} ms`);
    } finally {
      await drip.stop();
    }
  });

  it('a body beyond the cap ends the request, with or without a Content-Length announcing it', async () => {
    for (const declare of [true, false]) {
      const huge = await hugeServer(8 * 1024 * 1024, declare);
      try {
        await assert.rejects(httpWithLimits(1024 * 1024)(huge.url, { method: 'GET', headers: {}, timeoutMs: 10_000 }), /larger than 1048576 bytes/);
      } finally {
        await huge.stop();
      }
    }
  });

  it('a refused connection is an error, not a hang', async () => {
    await assert.rejects(nodeHttp('http://127.0.0.1:9/', { method: 'GET', headers: {}, timeoutMs: 5000 }), /ECONNREFUSED/);
  });
});
