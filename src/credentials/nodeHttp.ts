/**
 * HTTP for the providers (IAM Identity Center portal and OIDC, container and instance metadata).
 * `timeoutMs` is a hard deadline for the whole exchange, not an idle time-out: a server dripping a
 * byte every half second cannot hold a request open. Answers are small JSON documents; a body
 * beyond a cap ends the request instead of filling memory.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { HttpRequest } from './providers/containers';

export const MAX_BODY_BYTES = 1024 * 1024;

export function httpWithLimits(maxBodyBytes = MAX_BODY_BYTES): HttpRequest {
  return (url, { method, headers, body, timeoutMs }) =>
    new Promise((resolve, reject) => {
      const u = new URL(url);
      const lib = u.protocol === 'https:' ? https : http;
      let settled = false;
      const fail = (e: Error): void => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        req.destroy();
        reject(e);
      };
      const req = lib.request(u, { method, headers }, (res) => {
        const declared = Number(res.headers['content-length']);
        if (declared > maxBodyBytes) {
          fail(new Error(`the answer is larger than ${maxBodyBytes} bytes (${declared})`));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > maxBodyBytes) fail(new Error(`the answer is larger than ${maxBodyBytes} bytes`));
          else chunks.push(c);
        });
        res.on('end', () => {
          if (settled) return;
          settled = true;
          clearTimeout(deadline);
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', fail);
      });
      const deadline = setTimeout(() => fail(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
      req.on('error', fail);
      req.end(body);
    });
}

export const nodeHttp: HttpRequest = httpWithLimits();
