/**
 * Feeds for the polling test, on 127.0.0.1: /feeds/<name>.xml answers a small, valid RSS 2.0
 * document (the same items every time, no validators, so every poll is a full 200 fetch that the
 * poller logs). Each request is recorded with the machine time it arrived, which is what "polled
 * once per interval, at a stable offset" is measured on. A fetch can be stalled: held, never answered.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FeedFetch {
  /** e.g. "/feeds/feed-07.xml" */
  path: string;
  /** Machine time (ms) the request arrived. */
  at: number;
}

export interface StalledFetch extends FeedFetch {
  /** When the client's connection closed (it gave up, or its process died); null while held. */
  closedAt: number | null;
}

export interface CountingFeedServer {
  origin: string;
  urlOf(name: string): string;
  /** Answered fetches. */
  fetches: FeedFetch[];
  /** The next fetch of feed `name` is held: never answered. */
  stallNextFetchOf(name: string): void;
  stalled: StalledFetch[];
  fetchesOf(url: string): FeedFetch[];
  close(): Promise<void>;
}

function rss(name: string): string {
  const items = [1, 2]
    .map(
      (n) => `<item><title>${name}: report ${n}</title><link>https://news.example/${name}/${n}</link>` +
        `<guid isPermaLink="false">${name}-${n}</guid><pubDate>Mon, 0${n} Jan 2024 08:00:00 GMT</pubDate>` +
        `<description>Report ${n} of ${name}.</description></item>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${name}</title><link>https://news.example/${name}</link><description>${name}</description>${items}</channel></rss>`;
}

export async function startCountingFeedServer(): Promise<CountingFeedServer> {
  const fetches: FeedFetch[] = [];
  const stalled: StalledFetch[] = [];
  const toStall = new Set<string>();
  const server = http.createServer((req, res) => {
    const at = Date.now();
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const m = /^\/feeds\/([a-z0-9-]+)\.xml$/.exec(path);
    if (req.method !== 'GET' || !m) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    if (toStall.delete(m[1]!)) {
      const entry: StalledFetch = { path, at, closedAt: null };
      stalled.push(entry);
      res.once('close', () => (entry.closedAt = Date.now()));
      return;
    }
    fetches.push({ path, at });
    const body = rss(m[1]!);
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', 'content-length': Buffer.byteLength(body) }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    urlOf: (name) => `${origin}/feeds/${name}.xml`,
    fetches,
    stallNextFetchOf: (name) => void toStall.add(name),
    stalled,
    fetchesOf: (url) => fetches.filter((f) => origin + f.path === url),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
