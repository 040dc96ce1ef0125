/** Loopback servers that misbehave on purpose: drip a byte at a time, or answer with too much. */
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

export interface Misbehaving {
  readonly url: string;
  stop(): Promise<void>;
}

async function listen(server: Server): Promise<Misbehaving> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** Sends the headers, then one byte every `everyMs`, never ending. */
export function dripServer(everyMs = 100): Promise<Misbehaving> {
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/xml' });
    const t = setInterval(() => res.write(' '), everyMs);
    timers.add(t);
    res.on('close', () => {
      clearInterval(t);
      timers.delete(t);
    });
  });
  return listen(server).then((m) => ({
    ...m,
    stop: async () => {
      for (const t of timers) clearInterval(t);
      await m.stop();
    },
  }));
}

/** Streams `bytes` of body, with or without a Content-Length saying so. */
export function hugeServer(bytes: number, declare: boolean): Promise<Misbehaving> {
  const server = createServer((_req, res) => {
    res.writeHead(200, declare ? { 'content-length': String(bytes) } : {});
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    const pump = (): void => {
      while (sent < bytes) {
        sent += chunk.length;
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
      res.end();
    };
    res.on('error', () => undefined);
    pump();
  });
  return listen(server);
}
