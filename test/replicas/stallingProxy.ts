/**
 * A network fault in front of the fake Slack Web API: every request is passed through unchanged,
 * except the ones a test asks to stall, which are read in full and then never answered nor passed
 * on (Slack never sees them: nothing is posted). A replica killed while waiting on a stalled post
 * therefore dies holding its delivery lease with the message not out, the case the outbox must
 * recover from. Passed-through chat.postMessage calls are recorded with the time they arrived.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedCall {
  /** Web API method, e.g. "chat.postMessage". */
  method: string;
  channel: string | null;
  /** Machine time (ms) the request arrived. */
  at: number;
}

export interface StalledCall extends ProxiedCall {
  /** The client gave up or died (its connection closed) while we held the request. */
  closedAt: number | null;
}

export interface StallingProxy {
  /** Points SLACK_API_URL here. */
  apiUrl: string;
  /** The next `times` calls of `method` are stalled. */
  stallNext(method: string, times?: number): void;
  stalled: StalledCall[];
  passed: ProxiedCall[];
  close(): Promise<void>;
}

function channelOf(contentType: string, body: string): string | null {
  try {
    if (contentType.startsWith('application/json')) {
      const channel = (JSON.parse(body) as { channel?: unknown }).channel;
      return typeof channel === 'string' ? channel : null;
    }
    return new URLSearchParams(body).get('channel');
  } catch {
    return null;
  }
}

export async function startStallingProxy(targetApiUrl: string): Promise<StallingProxy> {
  const target = new URL(targetApiUrl);
  const pendingStalls = new Map<string, number>();
  const stalled: StalledCall[] = [];
  const passed: ProxiedCall[] = [];
  const held = new Set<ServerResponse>();

  const server = http.createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = Date.now();
      const body = Buffer.concat(chunks);
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const method = url.pathname.startsWith(target.pathname) ? url.pathname.slice(target.pathname.length) : url.pathname;
      const call = { method, channel: channelOf(String(req.headers['content-type'] ?? ''), body.toString('utf8')), at };

      const stalls = pendingStalls.get(method) ?? 0;
      if (stalls > 0) {
        pendingStalls.set(method, stalls - 1);
        const entry: StalledCall = { ...call, closedAt: null };
        stalled.push(entry);
        held.add(res);
        res.once('close', () => {
          entry.closedAt = Date.now();
          held.delete(res);
        });
        return;
      }

      passed.push(call);
      const upstream = http.request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', (err) => {
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`proxy: ${err.message}`);
      });
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    apiUrl: `http://127.0.0.1:${port}${target.pathname}`,
    stallNext(method, times = 1) {
      pendingStalls.set(method, (pendingStalls.get(method) ?? 0) + times);
    },
    stalled,
    passed,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of held) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
