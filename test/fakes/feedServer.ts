/**
 * A feed server for tests, on 127.0.0.1 and a random port, speaking plain HTTP/1.1. It serves the
 * shared fixture corpus (/corpus/<path>), the bundled sample feed (/sample-feed.xml), this suite's
 * own fixtures (/fixtures/<name>) and documents a test registers (/docs/<name>), with ETag and
 * Last-Modified validators and 304 answers to conditional requests. Misbehaving routes:
 *   /hang                      accepts the request and never answers
 *   /status/<code>             answers with that status
 *   /huge?mb=20                a body of that many MiB (Content-Length declared)
 *   /huge-chunked?mb=20        the same with no Content-Length
 *   /truncated                 declares a length, sends part of it and drops the connection
 *   /not-xml                   a plain-text page
 *   /html                      an HTML page
 *   /slow-loris?interval=200   sends a valid start then one byte per interval, forever
 *   /slow/<path>?ms=300        waits, then serves <path> (for concurrency measurements)
 *   /redirect/<n>/<path>       a chain of n redirects ending at <path>
 *   /redirect-to?url=<url>     one redirect to any URL (e.g. a private address)
 *   /gzip/<path>, /deflate/<path>, /deflate-raw/<path>, /br/<path>   compressed bodies
 *   /zip-bomb?mb=64            a small gzip body that inflates to that many MiB
 *   /charset/<charset>/<path>  serves <path> with Content-Type "text/xml; charset=<charset>"
 * Every request is recorded (path, headers, host) and concurrent requests are counted per host.
 */
import http from 'node:http';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';

const here = path.dirname(new URL(import.meta.url).pathname);
export const repoRoot = path.resolve(here, '../..');
export const corpusDir = path.resolve(repoRoot, '../shared/fixtures/feeds');
export const ownFixturesDir = path.resolve(repoRoot, 'test/feeds/fixtures');
export const sampleFeedPath = path.resolve(repoRoot, 'examples/sample-feed.xml');

export interface RecordedRequest {
  method: string;
  path: string;
  host: string;
  headers: http.IncomingHttpHeaders;
  /** Answered 304 Not Modified. */
  notModified: boolean;
}

export interface FeedDocument {
  body: string | Buffer;
  contentType?: string;
  /** Extra response headers (e.g. a misleading charset). */
  headers?: Record<string, string>;
  /** Omit the ETag/Last-Modified validators. */
  noValidators?: boolean;
}

export interface FeedServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  port: number;
  url(pathname: string): string;
  /** Registers or replaces /docs/<name>. */
  setDocument(name: string, doc: FeedDocument): void;
  requests: RecordedRequest[];
  requestsTo(pathPrefix: string): RecordedRequest[];
  /** Highest number of requests in flight at once, per Host header name (without port). */
  maxInFlight(host?: string): number;
  resetStats(): void;
  close(): Promise<void>;
}

const LAST_MODIFIED = 'Tue, 02 Jan 2024 03:04:05 GMT';

function contentTypeFor(file: string): string {
  if (file.endsWith('.html')) return 'text/html; charset=utf-8';
  if (file.endsWith('.atom')) return 'application/atom+xml';
  if (file.endsWith('.rss')) return 'application/rss+xml';
  return 'application/xml';
}

function safeJoin(dir: string, rel: string): string | null {
  const full = path.resolve(dir, decodeURIComponent(rel));
  return full.startsWith(dir + path.sep) ? full : null;
}

export async function startFeedServer(): Promise<FeedServer> {
  const documents = new Map<string, FeedDocument>();
  const requests: RecordedRequest[] = [];
  const inFlight = new Map<string, number>();
  const maxSeen = new Map<string, number>();
  const pendingTimers = new Set<NodeJS.Timeout>();

  async function loadDocument(p: string): Promise<FeedDocument | null> {
    if (p === '/sample-feed.xml') return { body: await readFile(sampleFeedPath), contentType: 'application/rss+xml' };
    if (p.startsWith('/docs/')) return documents.get(p.slice(6)) ?? null;
    const base = p.startsWith('/corpus/') ? corpusDir : p.startsWith('/fixtures/') ? ownFixturesDir : null;
    if (!base) return null;
    const file = safeJoin(base, p.slice(p.indexOf('/', 1) + 1));
    if (!file) return null;
    try {
      return { body: await readFile(file), contentType: contentTypeFor(file) };
    } catch {
      return null;
    }
  }

  /** Serves a document with validators; answers 304 when the client's validators match. */
  function serveDocument(req: http.IncomingMessage, res: http.ServerResponse, doc: FeedDocument, record: RecordedRequest, encode?: (b: Buffer) => { body: Buffer; encoding: string }): void {
    const body = Buffer.isBuffer(doc.body) ? doc.body : Buffer.from(doc.body, 'utf8');
    const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
    const headers: Record<string, string> = { 'content-type': doc.contentType ?? 'application/xml', ...doc.headers };
    if (!doc.noValidators) {
      headers.etag = etag;
      headers['last-modified'] = LAST_MODIFIED;
      const inm = req.headers['if-none-match'];
      const ims = req.headers['if-modified-since'];
      const matches = inm !== undefined ? inm.split(',').some((t) => t.trim() === etag) : ims !== undefined && ims === LAST_MODIFIED;
      if (matches) {
        record.notModified = true;
        res.writeHead(304, { etag, 'last-modified': LAST_MODIFIED });
        res.end();
        return;
      }
    }
    if (encode) {
      const encoded = encode(body);
      headers['content-encoding'] = encoded.encoding;
      res.writeHead(200, { ...headers, 'content-length': String(encoded.body.length) });
      res.end(encoded.body);
      return;
    }
    res.writeHead(200, { ...headers, 'content-length': String(body.length) });
    res.end(body);
  }

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const record: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname + url.search, host, headers: req.headers, notModified: false };
    requests.push(record);
    const now = (inFlight.get(host) ?? 0) + 1;
    inFlight.set(host, now);
    maxSeen.set(host, Math.max(maxSeen.get(host) ?? 0, now));
    res.once('close', () => inFlight.set(host, (inFlight.get(host) ?? 1) - 1));
    const p = url.pathname;
    const wait = (ms: number) =>
      new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          pendingTimers.delete(t);
          resolve();
        }, ms);
        pendingTimers.add(t);
      });
    try {
      if (p === '/hang') return; // never answered; the client must give up
      let m = /^\/status\/(\d{3})$/.exec(p);
      if (m) {
        res.writeHead(Number(m[1]), { 'content-type': 'text/plain' });
        res.end(`status ${m[1]}\n`);
        return;
      }
      if (p === '/huge' || p === '/huge-chunked') {
        const size = Number(url.searchParams.get('mb') ?? 20) * 1024 * 1024;
        const head = '<?xml version="1.0"?><rss version="2.0"><channel><title>huge</title><description>';
        const headers: Record<string, string> = { 'content-type': 'application/rss+xml' };
        if (p === '/huge') headers['content-length'] = String(size);
        res.writeHead(200, headers);
        const chunk = Buffer.alloc(64 * 1024, 'a');
        let sent = 0;
        res.write(head);
        sent += head.length;
        const pump = () => {
          while (sent < size) {
            const piece = chunk.subarray(0, Math.min(chunk.length, size - sent));
            sent += piece.length;
            if (!res.write(piece)) {
              res.once('drain', pump);
              return;
            }
          }
          res.end();
        };
        res.on('error', () => undefined);
        pump();
        return;
      }
      if (p === '/truncated') {
        // Declares more than it sends, then drops the connection.
        res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-length': '5000' });
        res.write('<?xml version="1.0"?><rss version="2.0"><channel><title>cut</title>');
        setTimeout(() => res.destroy(), 20);
        return;
      }
      if (p === '/not-xml') {
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Service temporarily unavailable. Please try again later.\n');
        return;
      }
      if (p === '/html') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end('<!DOCTYPE html><html><head><title>Welcome</title></head><body><h1>Our news</h1><p>No feed here.</p></body></html>');
        return;
      }
      if (p === '/slow-loris') {
        const interval = Number(url.searchParams.get('interval') ?? 200);
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.write('<?xml version="1.0"?><rss version="2.0"><channel><title>slow</title>');
        const t = setInterval(() => {
          if (res.destroyed) {
            clearInterval(t);
            return;
          }
          res.write(' ');
        }, interval);
        pendingTimers.add(t);
        res.once('close', () => {
          clearInterval(t);
          pendingTimers.delete(t);
        });
        return;
      }
      m = /^\/slow(\/.+)$/.exec(p);
      if (m) {
        await wait(Number(url.searchParams.get('ms') ?? 300));
        const doc = await loadDocument(m[1]!);
        if (!doc) {
          res.writeHead(404).end();
          return;
        }
        serveDocument(req, res, doc, record);
        return;
      }
      m = /^\/redirect\/(\d+)(\/.+)$/.exec(p);
      if (m) {
        const left = Number(m[1]);
        const target = left <= 1 ? m[2]! : `/redirect/${left - 1}${m[2]}`;
        res.writeHead(302, { location: target + url.search });
        res.end();
        return;
      }
      if (p === '/redirect-to') {
        res.writeHead(301, { location: url.searchParams.get('url') ?? '/' });
        res.end();
        return;
      }
      if (p === '/zip-bomb') {
        const mb = Number(url.searchParams.get('mb') ?? 64);
        const body = zlib.gzipSync(Buffer.alloc(mb * 1024 * 1024, 0x20));
        res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip', 'content-length': String(body.length) });
        res.end(body);
        return;
      }
      m = /^\/(gzip|deflate|deflate-raw|br)(\/.+)$/.exec(p);
      if (m) {
        const doc = await loadDocument(m[2]!);
        if (!doc) {
          res.writeHead(404).end();
          return;
        }
        const kind = m[1]!;
        serveDocument(req, res, doc, record, (b) =>
          kind === 'gzip'
            ? { body: zlib.gzipSync(b), encoding: 'gzip' }
            : kind === 'deflate'
              ? { body: zlib.deflateSync(b), encoding: 'deflate' }
              : kind === 'deflate-raw'
                ? { body: zlib.deflateRawSync(b), encoding: 'deflate' }
                : { body: zlib.brotliCompressSync(b), encoding: 'br' },
        );
        return;
      }
      m = /^\/charset\/([^/]+)(\/.+)$/.exec(p);
      if (m) {
        const doc = await loadDocument(m[2]!);
        if (!doc) {
          res.writeHead(404).end();
          return;
        }
        serveDocument(req, res, { ...doc, contentType: `text/xml; charset=${m[1]}` }, record);
        return;
      }
      const doc = await loadDocument(p);
      if (!doc) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found\n');
        return;
      }
      serveDocument(req, res, doc, record);
    } catch (err) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err));
    }
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    port,
    url: (pathname) => origin + pathname,
    setDocument: (name, doc) => documents.set(name, doc),
    requests,
    requestsTo: (prefix) => requests.filter((r) => r.path.startsWith(prefix)),
    maxInFlight: (h) => (h ? (maxSeen.get(h) ?? 0) : Math.max(0, ...maxSeen.values())),
    resetStats() {
      requests.length = 0;
      maxSeen.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of pendingTimers) clearTimeout(t);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
