/**
 * A network fault in front of the fake Slack Web API: every request is passed through unchanged,
 * except the ones a test asks to stall, which are read in full and then never answered nor passed
 * on (Slack never sees them: nothing is posted). A replica killed while waiting on a stalled post
 * therefore dies holding its delivery lease with the message not out, the case the outbox must
 * recover from. Passed-through chat.postMessage calls are recorded with the time they arrived.
 *
 * A swallowed call is the other half of that fault: it is passed on (Slack accepts the message) but
 * Slack's answer never comes back, so a replica killed then dies with the message out and unrecorded.
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
  /** The next `times` calls of `method` reach Slack, but its answer is held back from the client. */
  swallowResponseNext(method: string, times?: number): void;
  stalled: StalledCall[];
  /** Calls that Slack answered (status kept here) while the client was left waiting. */
  swallowed: Array<StalledCall & { upstreamStatus: number }>;
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
  const pendingSwallows = new Map<string, number>();
  const stalled: StalledCall[] = [];
  const swallowed: Array<StalledCall & { upstreamStatus: number }> = [];
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
      const swallows = pendingSwallows.get(method) ?? 0;
      if (swallows > 0) pendingSwallows.set(method, swallows - 1);
      const upstream = http.request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
        (answer) => {
          if (swallows > 0) {
            answer.resume();
            const entry = { ...call, closedAt: null as number | null, upstreamStatus: answer.statusCode ?? 0 };
            swallowed.push(entry);
            held.add(res);
            res.once('close', () => {
              entry.closedAt = Date.now();
              held.delete(res);
            });
            return;
          }
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
    swallowResponseNext(method, times = 1) {
      pendingSwallows.set(method, (pendingSwallows.get(method) ?? 0) + times);
    },
    stalled,
    swallowed,
    passed,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of held) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
