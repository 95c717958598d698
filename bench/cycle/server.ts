/**
 * Child process of the cycle benchmark: serves feed f on http://127.0.x.y:<port>/feed.xml (one
 * listener per loopback address, so every feed has its own host), with an ETag and 304 answers to
 * a matching If-None-Match. Runs apart so its memory and documents are not counted in the
 * ingesting process's RSS. Prints {"port":N} on stdout once listening; exits when stdin closes.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import { FEEDS, feedDocument, hostOf } from './feeds.js';

const docs = new Map<string, { body: Buffer; etag: string }>();
for (let f = 0; f < FEEDS; f++) {
  const body = Buffer.from(feedDocument(f));
  docs.set(hostOf(f), { body, etag: `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"` });
}

const handler: http.RequestListener = (req, res) => {
  const host = (req.socket.localAddress ?? '').replace(/^::ffff:/, '');
  const doc = docs.get(host);
  if (!doc || req.url !== '/feed.xml') {
    res.writeHead(404).end();
    return;
  }
  if (req.headers['if-none-match'] === doc.etag) {
    res.writeHead(304, { etag: doc.etag }).end();
    return;
  }
  res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', 'content-length': doc.body.length, etag: doc.etag }).end(doc.body);
};

const first = http.createServer(handler);
await new Promise<void>((resolve) => first.listen(0, hostOf(0), resolve));
const port = (first.address() as { port: number }).port;
const servers = [first];
for (let f = 1; f < FEEDS; f++) {
  const s = http.createServer(handler);
  await new Promise<void>((resolve, reject) => {
    s.once('error', reject);
    s.listen(port, hostOf(f), resolve);
  });
  servers.push(s);
}
const bytes = [...docs.values()].reduce((n, d) => n + d.body.length, 0);
process.stdout.write(JSON.stringify({ port, bytes }) + '\n');
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
