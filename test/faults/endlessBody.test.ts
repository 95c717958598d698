/**
 * A feed server that answers 500, 404 or 302 and then sends a body that never ends. Such a body is
 * not ours to read: the connection must be closed at once, not drained until the server stops
 * (it never does), so that `ingest` exits and `serve` does not download without end.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpFetch } from '../../src/feeds/httpFetch.js';
import { makeTempConfig, type TempConfig } from '../helpers/tempConfig.js';
import { cliEnv, runCli } from './cliProcess.js';

interface EndlessServer {
  url(path: string): string;
  /** Bytes written on the connection that served `path`, and whether the client has closed it. */
  served(path: string): { bytes: number; closed: boolean } | undefined;
  close(): Promise<void>;
}

const CHUNK = Buffer.alloc(64 * 1024, 'x');

async function startEndlessServer(): Promise<EndlessServer> {
  const served = new Map<string, { bytes: number; closed: boolean }>();
  const server = http.createServer((req, res) => {
    const status = Number(/^\/(\d{3})/.exec(req.url ?? '')?.[1] ?? 500);
    const record = { bytes: 0, closed: false };
    served.set(req.url ?? '', record);
    const headers: http.OutgoingHttpHeaders = { 'content-type': 'text/html' };
    if (status === 302) headers.location = '/200-never-reached';
    res.writeHead(status, headers);
    res.on('close', () => (record.closed = true));
    // Write as fast as the client reads, for ever.
    const pump = () => {
      while (!record.closed && res.write(CHUNK)) record.bytes += CHUNK.length;
      if (!record.closed) res.once('drain', () => setImmediate(pump));
    };
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (p) => `http://127.0.0.1:${port}${p}`,
    served: (p) => served.get(p),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const waitFor = async (check: () => boolean, ms: number) => {
  const until = Date.now() + ms;
  while (!check() && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  return check();
};

let server: EndlessServer;
let config: TempConfig;
const dirs: string[] = [];

beforeAll(async () => {
  server = await startEndlessServer();
  config = makeTempConfig();
});
afterAll(async () => {
  await server.close();
  config.cleanup();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('a response with an endless body that we do not read', () => {
  it.each([
    ['/500', 'failed', 'HTTP 500 Internal Server Error'],
    ['/404', 'failed', 'HTTP 404 Not Found'],
    // (A 304 cannot carry a body: HTTP clients read none after it, whatever the server sends.)
  ])('%s: the outcome comes at once and the connection is closed, not drained', async (p, kind, reason) => {
    const limits = { timeoutMs: 60_000, maxBytes: 1024 * 1024, maxRedirects: 3 };
    const result = await httpFetch(server.url(p), limits);
    expect(result.kind).toBe(kind);
    expect(result).toMatchObject({ reason });
    expect(await waitFor(() => server.served(p)?.closed === true, 2000)).toBe(true);
    // Closed before the client read its size limit: only what the socket buffers held was sent.
    expect(server.served(p)!.bytes).toBeLessThan(limits.maxBytes);
  });

  it('/302: the endless body of the 302 is not read, and the endless 200 it leads to stops at the size limit', async () => {
    const result = await httpFetch(server.url('/302'), { timeoutMs: 60_000, maxBytes: 1024 * 1024, maxRedirects: 3 });
    expect(result).toMatchObject({ kind: 'failed', reason: 'body larger than 1 MiB', finalUrl: server.url('/200-never-reached') });
    expect(await waitFor(() => server.served('/200-never-reached')?.closed === true, 2000)).toBe(true);
    expect(await waitFor(() => server.served('/302')?.closed === true, 2000)).toBe(true);
    expect(server.served('/302')!.bytes).toBeLessThan(1024 * 1024);
  });

  it('`ingest --feed` of such a feed exits within seconds with the reason, having read less than the size limit', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'newsdigest-endless-'));
    dirs.push(dir);
    const started = Date.now();
    const run = await runCli(['ingest', '--feed', server.url('/500/feed.xml')], cliEnv(dir, config.dir));
    const seconds = (Date.now() - started) / 1000;
    expect(run.code, run.output).toBe(1);
    expect(run.output).toContain('HTTP 500 Internal Server Error');
    expect(seconds).toBeLessThan(20);
    expect(server.served('/500/feed.xml')!.closed).toBe(true);
    expect(server.served('/500/feed.xml')!.bytes).toBeLessThan(10 * 1024 * 1024);
  }, 30_000);
});
