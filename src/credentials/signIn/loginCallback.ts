/**
 * The loopback page the browser comes back to after a same-device sign-in
 * (`http://127.0.0.1:<port>/oauth/callback?code=…&state=…`): it takes the first answer on that path,
 * says in the tab that the sign-in went back to VS Code, and closes. Bounded: loopback only, GET only,
 * short URLs, and it gives up after `timeoutMs`.
 */
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

export interface LoginCallback {
  readonly redirectUri: string;
  /** The code and state the browser brought, or undefined when it gave up, was closed or was refused. */
  readonly answer: Promise<{ code: string; state: string } | { error: string } | undefined>;
  close(): void;
}

const PAGE = (title: string, text: string): string =>
  `<!doctype html><meta charset="utf-8"><title>${title}</title><body style="font-family:system-ui;margin:3em"><h1 id="title">${title}</h1><p id="text">${text}</p></body>`;

export async function startLoginCallback(timeoutMs = 5 * 60_000): Promise<LoginCallback> {
  let settle: (v: { code: string; state: string } | { error: string } | undefined) => void = () => undefined;
  const answer = new Promise<{ code: string; state: string } | { error: string } | undefined>((r) => (settle = r));
  const close = (): void => {
    settle(undefined);
    server.close();
    server.closeAllConnections();
  };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== '/oauth/callback' || (req.url ?? '').length > 8192) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('Not found');
      return;
    }
    const code = url.searchParams.get('code');
    const state = url.searchParams.get('state');
    const error = url.searchParams.get('error');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    if (code !== null && state !== null) {
      res.end(PAGE('Signed in', 'The sign-in went back to VS Code. You can close this tab.'));
      settle({ code, state });
    } else {
      res.end(PAGE('Sign-in not completed', 'VS Code did not get a sign-in code. Start the sign-in again from VS Code.'));
      settle({ error: (error ?? 'no code').slice(0, 200) });
    }
    setImmediate(close);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const timer = setTimeout(close, timeoutMs);
  void answer.finally(() => clearTimeout(timer));
  const port = (server.address() as AddressInfo).port;
  return { redirectUri: `http://127.0.0.1:${port}/oauth/callback`, answer, close };
}
