/**
 * Stands between the bot and a fake chat API on 127.0.0.1 and plays an outage: 'up' forwards every
 * request untouched, 'http503' answers 503 Service Unavailable the way a load balancer in front of a
 * dead backend does, 'refused' stops listening so connections are refused. Back 'up', it listens on
 * the same port again.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type OutageMode = 'up' | 'http503' | 'refused';

export interface OutageProxy {
  /** The proxy's origin; the bot is given `${origin}${path}` where it would use the real API. */
  origin: string;
  /** Requests that reached the proxy while it was not 'up'. */
  refusedRequests: number;
  setMode(mode: OutageMode): Promise<void>;
  close(): Promise<void>;
}

export async function startOutageProxy(target: string): Promise<OutageProxy> {
  const upstream = new URL(target);
  let mode: OutageMode = 'up';
  const server = http.createServer((req, res) => {
    if (mode !== 'up') {
      proxy.refusedRequests++;
      req.resume();
      res.writeHead(503, { 'content-type': 'text/html', 'retry-after': '120' }).end('<html><body><h1>503 Service Unavailable</h1></body></html>');
      return;
    }
    const forward = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => res.writeHead(502).end());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const proxy: OutageProxy = {
    origin: `http://127.0.0.1:${port}`,
    refusedRequests: 0,
    async setMode(next) {
      if (next === mode) return;
      if (next === 'refused') {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      } else if (mode === 'refused') {
        await new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          server.listen(port, '127.0.0.1', () => resolve());
        });
      }
      mode = next;
    },
    async close() {
      if (mode === 'refused') return;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return proxy;
}
