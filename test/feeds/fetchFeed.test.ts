import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fetchFeed, type FetchFeedOptions } from '../../src/feeds/fetchFeed.js';
import { USER_AGENT } from '../../src/feeds/httpFetch.js';
import { checkFeedUrl } from '../../src/feeds/urlSafety.js';
import { ownFixturesDir, startFeedServer, type FeedServer } from '../fakes/feedServer.js';

const limits: FetchFeedOptions = { timeoutMs: 2000, maxBytes: 10 * 1024 * 1024, maxRedirects: 5 };
const smallXml = readFileSync(path.join(ownFixturesDir, 'small.xml'));
let server: FeedServer;

beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(async () => {
  await server.close();
});

describe('fetchFeed over HTTP', () => {
  it('sends a User-Agent naming the project and accepts compressed bodies', async () => {
    const r = await fetchFeed(server.url('/fixtures/small.xml?ua'), limits);
    expect(r.status).toBe('ok');
    const req = server.requestsTo('/fixtures/small.xml?ua')[0]!;
    expect(req.headers['user-agent']).toBe(USER_AGENT);
    expect(USER_AGENT).toMatch(/^newsdigest\/0\.1 \(\+https:\/\/github\.com\//);
    expect(req.headers['accept-encoding']).toBe('gzip, deflate, br');
  });

  it('returns the body with its validators, then "not modified" for a conditional GET answered 304', async () => {
    const first = await fetchFeed(server.url('/fixtures/small.xml'), limits);
    if (first.status !== 'ok') throw new Error(first.status);
    expect(first.body.equals(smallXml)).toBe(true);
    expect(first.etag).toMatch(/^"/);
    expect(first.lastModified).toBe('Tue, 02 Jan 2024 03:04:05 GMT');
    const second = await fetchFeed(server.url('/fixtures/small.xml'), { ...limits, etag: first.etag, lastModified: first.lastModified });
    expect(second).toMatchObject({ status: 'not_modified', httpStatus: 304, etag: first.etag });
    const req = server.requestsTo('/fixtures/small.xml').at(-1)!;
    expect(req.headers['if-none-match']).toBe(first.etag);
    expect(req.headers['if-modified-since']).toBe(first.lastModified);
  });

  it('answers "not modified" on Last-Modified alone', async () => {
    const r = await fetchFeed(server.url('/fixtures/small.xml'), { ...limits, lastModified: 'Tue, 02 Jan 2024 03:04:05 GMT' });
    expect(r.status).toBe('not_modified');
  });

  it.each(['gzip', 'deflate', 'deflate-raw', 'br'])('decodes a %s body', async (coding) => {
    const r = await fetchFeed(server.url(`/${coding}/fixtures/small.xml`), limits);
    expect(r.status === 'ok' && r.body.equals(smallXml)).toBe(true);
  });

  it('follows a chain of redirects and reports where it ended', async () => {
    const r = await fetchFeed(server.url('/redirect/3/fixtures/small.xml'), limits);
    expect(r).toMatchObject({ status: 'ok', finalUrl: server.url('/fixtures/small.xml') });
  });

  it('gives up after the redirect limit', async () => {
    const r = await fetchFeed(server.url('/redirect/6/fixtures/small.xml'), limits);
    expect(r).toMatchObject({ status: 'failed', reason: 'too many redirects (more than 5)' });
  });

  it('fails with the HTTP status of an error answer', async () => {
    expect(await fetchFeed(server.url('/status/500'), limits)).toMatchObject({ status: 'failed', httpStatus: 500, reason: 'HTTP 500 Internal Server Error' });
    expect(await fetchFeed(server.url('/nothing-here.xml'), limits)).toMatchObject({ status: 'failed', httpStatus: 404, reason: 'HTTP 404 Not Found' });
  });

  it('times out on a server that never answers', async () => {
    const started = Date.now();
    const r = await fetchFeed(server.url('/hang'), { ...limits, timeoutMs: 300 });
    expect(r).toMatchObject({ status: 'failed', reason: 'timed out after 0.3 s without a complete response' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('cuts off a server that trickles bytes (slow loris) at the total timeout', async () => {
    const started = Date.now();
    const r = await fetchFeed(server.url('/slow-loris?interval=50'), { ...limits, timeoutMs: 500 });
    expect(r).toMatchObject({ status: 'failed', reason: 'timed out after 0.5 s without a complete response' });
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('refuses a 20 MB body announced by Content-Length without reading it', async () => {
    const r = await fetchFeed(server.url('/huge?mb=20'), limits);
    expect(r).toMatchObject({ status: 'failed', reason: `body larger than 10 MiB (Content-Length ${20 * 1024 * 1024})` });
  });

  it('stops reading a 20 MB body sent without a length once it passes 10 MiB', async () => {
    const r = await fetchFeed(server.url('/huge-chunked?mb=20'), limits);
    expect(r).toMatchObject({ status: 'failed', reason: 'body larger than 10 MiB' });
  });

  it('refuses a small compressed body that inflates past the limit (zip bomb)', async () => {
    const r = await fetchFeed(server.url('/zip-bomb?mb=16'), limits);
    expect(r).toMatchObject({ status: 'failed', reason: 'body larger than 10 MiB once decompressed (gzip)' });
  });

  it('fails when the connection drops before the declared length arrived', async () => {
    const r = await fetchFeed(server.url('/truncated'), limits);
    expect(r).toMatchObject({ status: 'failed', reason: expect.stringMatching(/^reading the body failed: the (server closed the connection mid-body|connection closed before the body was complete)$/) });
  });

  it('says when nothing listens', async () => {
    const closed = await startFeedServer();
    const url = closed.url('/feed.xml');
    await closed.close();
    expect(await fetchFeed(url, limits)).toMatchObject({ status: 'failed', reason: expect.stringContaining('connection refused') });
  });
});

describe('fetchFeed from a local file (config and command line)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsdigest-fetch-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the file, then reports it unchanged by its size and time', async () => {
    const file = path.join(dir, 'feed.xml');
    writeFileSync(file, smallXml);
    const first = await fetchFeed(file, limits);
    if (first.status !== 'ok') throw new Error(first.status);
    expect(first.body.equals(smallXml)).toBe(true);
    expect(await fetchFeed(file, { ...limits, etag: first.etag })).toMatchObject({ status: 'not_modified' });
  });

  it('resolves a relative path against the base folder', async () => {
    expect(await fetchFeed('small.xml', { ...limits, baseDir: ownFixturesDir })).toMatchObject({ status: 'ok' });
  });

  it('says when the file is missing or too large', async () => {
    expect(await fetchFeed(path.join(dir, 'missing.xml'), limits)).toMatchObject({ status: 'failed', reason: expect.stringContaining('file not found') });
    const big = path.join(dir, 'big.xml');
    writeFileSync(big, Buffer.alloc(2048, 0x20));
    expect(statSync(big).size).toBe(2048);
    expect(await fetchFeed(big, { ...limits, maxBytes: 1024 })).toMatchObject({ status: 'failed', reason: 'body larger than 1 KiB (file of 2 KiB)' });
  });
});

describe('fetchFeed for feeds added from chat (untrusted)', () => {
  // The tests' own server is on loopback, so it is exempted by address; everything else private is not.
  const hosts: Record<string, string[]> = { 'feeds.test': ['127.0.0.1'], 'internal.test': ['127.0.0.2'], 'metadata.test': ['169.254.169.254'] };
  const resolve = async (host: string) => {
    const found = hosts[host];
    if (!found) throw Object.assign(new Error(`ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return found;
  };
  const policy = { allowPrivate: false, exemptAddresses: ['127.0.0.1'], resolve };
  const viaName = (p: string) => `http://feeds.test:${server.port}${p}`;

  it('connects to the address it checked', async () => {
    const r = await fetchFeed(viaName('/fixtures/small.xml?named'), { ...limits, policy });
    expect(r.status).toBe('ok');
    expect(server.requestsTo('/fixtures/small.xml?named')[0]!.host).toBe('feeds.test');
  });

  it('refuses loopback without the exemption, before connecting', async () => {
    const before = server.requests.length;
    const r = await fetchFeed(server.url('/fixtures/small.xml'), { ...limits, policy: { allowPrivate: false } });
    expect(r).toMatchObject({ status: 'failed', reason: expect.stringContaining('refused: 127.0.0.1 is a loopback address') });
    expect(server.requests.length).toBe(before);
  });

  it.each([
    ['the cloud metadata address', 'http://169.254.169.254/latest/meta-data/', 'link-local'],
    ['a private address', 'http://10.0.0.1/feed.xml', 'private'],
    ['IPv6 loopback', 'http://[::1]:1/feed.xml', 'loopback'],
    ['a name resolving to loopback', 'http://internal.test/feed.xml', 'internal.test (127.0.0.2) is a loopback address'],
    ['a name resolving to the metadata address', 'http://metadata.test/latest/', 'metadata.test (169.254.169.254) is a link-local'],
  ])('refuses a redirect to %s', async (_what, target, expected) => {
    const r = await fetchFeed(viaName(`/redirect-to?url=${encodeURIComponent(target)}`), { ...limits, policy });
    expect(r).toMatchObject({ status: 'failed', reason: expect.stringContaining('refused after a redirect') });
    expect(r.status === 'failed' && r.reason).toContain(expected);
  });

  it('refuses a redirect to a non-http scheme', async () => {
    const r = await fetchFeed(viaName(`/redirect-to?url=${encodeURIComponent('file:///etc/passwd')}`), { ...limits, policy });
    expect(r).toMatchObject({ status: 'failed', reason: 'redirected to a non-http(s) URL (file:)' });
  });

  it('refuses at connect time a name that answered public to the check and private afterwards (DNS rebinding)', async () => {
    let calls = 0;
    const rebinding = async () => (calls++ === 0 ? ['127.0.0.1'] : ['10.0.0.1']);
    const rebindPolicy = { allowPrivate: false, exemptAddresses: ['127.0.0.1'], resolve: rebinding };
    const url = `http://rebind.test:${server.port}/fixtures/small.xml?rebind`;
    expect(await checkFeedUrl(url, rebindPolicy)).toBeNull();
    const r = await fetchFeed(url, { ...limits, policy: rebindPolicy });
    expect(r).toMatchObject({ status: 'failed', reason: 'refused: rebind.test (10.0.0.1) is a private address; feeds added from chat must be on the public internet (an admin can set ingest.allowPrivateAddresses)' });
    expect(server.requestsTo('/fixtures/small.xml?rebind')).toHaveLength(0);
  });
});
