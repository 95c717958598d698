/**
 * Serves one feed document at /big.xml on 127.0.0.1, either at once or held back: with `holdAfter`
 * bytes, it sends the headers and that much of the body, then nothing more until released (a
 * process can be killed while its feed is still arriving). It says when a body started and ended.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BigFeedServer {
  url: string;
  /** Bytes to send before holding the rest back; null sends everything at once. */
  holdAfter: number | null;
  /** Responses whose first body bytes went out / whose whole body went out. */
  started: number;
  finished: number;
  close(): Promise<void>;
}

export async function startBigFeedServer(body: string): Promise<BigFeedServer> {
  const bytes = Buffer.from(body, 'utf8');
  const held = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    if (req.url !== '/big.xml') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', 'content-length': bytes.length });
    const holdAfter = feed.holdAfter;
    if (holdAfter === null) {
      feed.started++;
      res.end(bytes, () => feed.finished++);
      return;
    }
    held.add(res);
    res.write(bytes.subarray(0, holdAfter), () => feed.started++);
    res.on('close', () => held.delete(res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const feed: BigFeedServer = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/big.xml`,
    holdAfter: null,
    started: 0,
    finished: 0,
    async close() {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return feed;
}
