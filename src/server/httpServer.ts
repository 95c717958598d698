/**
 * The bot's one HTTP server (PORT): /healthz, /metrics, /discord/interactions, /slack/events.
 * Routes get the untouched request: signature checks need the raw body, so nothing here reads it.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../observability/logger.js';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface HttpServer {
  route(method: 'GET' | 'POST', path: string, handler: RouteHandler): void;
  /** Resolves with the bound port (0 picks a free one). */
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
  readonly server: http.Server;
}

/** Reads a request body up to `limit` bytes; rejects (and the caller answers 413) past it. */
export async function readBody(req: IncomingMessage, limit = 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw Object.assign(new Error('request body too large'), { statusCode: 413 });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function createHttpServer(logger: Logger): HttpServer {
  const routes = new Map<string, RouteHandler>();
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const handler = routes.get(`${req.method} ${path}`);
    if (!handler) {
      const allowed = [...routes.keys()].some((k) => k.endsWith(` ${path}`));
      sendJson(res, allowed ? 405 : 404, { error: allowed ? 'method not allowed' : 'not found' });
      return;
    }
    Promise.resolve()
      .then(() => handler(req, res))
      .catch((err: Error & { statusCode?: number }) => {
        logger.error({ err, path }, 'request handler failed');
        if (!res.headersSent) sendJson(res, err.statusCode ?? 500, { error: err.statusCode === 413 ? 'request body too large' : 'internal error' });
        else res.end();
      });
  });
  // Keep-alive sockets must not hold SIGTERM hostage.
  server.keepAliveTimeout = 5_000;
  return {
    server,
    route(method, path, handler) {
      routes.set(`${method} ${path}`, handler);
    },
    listen(port, host = '0.0.0.0') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
      });
    },
    close() {
      return new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      });
    },
  };
}
