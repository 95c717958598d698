import { describe, expect, it } from 'vitest';
import { ingestFeeds } from '../../src/ingest/ingestFeeds.js';
import { metrics } from '../../src/observability/metrics.js';
import type { FeedServer } from '../fakes/feedServer.js';
import { followFeeds, ingestHooks, openIngestHarness, rssDocument, type IngestHarness } from './harness.js';

let server: FeedServer;
let h: IngestHarness;
ingestHooks({ initialItems: 100 }, { server: (s) => (server = s), harness: (x) => (h = x) });

const days = (n: number) => new Date(Date.UTC(2024, 0, 1 + n)).toISOString();

describe('ingestFeeds', () => {
  it('records each bad feed as failed with a clear reason while the good ones are stored', async () => {
    const feeds = [
      server.url('/sample-feed.xml'),
      server.url('/hang'),
      server.url('/status/500'),
      server.url('/huge?mb=20'),
      server.url('/not-xml'),
      server.url('/fixtures/small.xml'),
    ];
    const h2 = await openIngestHarness({ timeoutMs: 500, initialItems: 100 });
    try {
      const results = await ingestFeeds(h2.rt, { feeds });
      expect(results.map((r) => [r.url, r.status, r.error])).toEqual([
        [feeds[0], 'ok', null],
        [feeds[1], 'failed', 'timed out after 0.5 s without a complete response'],
        [feeds[2], 'failed', 'HTTP 500 Internal Server Error'],
        [feeds[3], 'failed', `body larger than 10 MiB (Content-Length ${20 * 1024 * 1024})`],
        [feeds[4], 'failed', 'not a feed: the body is not XML (it begins "Service temporarily unavailable. Please…")'],
        [feeds[5], 'ok', null],
      ]);
      expect(results[0]!.new).toBeGreaterThanOrEqual(3);
      expect(results[5]).toMatchObject({ items: 2, new: 2 });
      const stored = await h2.store.listFeeds();
      const byUrl = new Map(stored.map((f) => [f.url, f]));
      expect(byUrl.get(feeds[2]!)).toMatchObject({ lastStatus: 500, lastError: 'HTTP 500 Internal Server Error', consecutiveFailures: 1 });
      expect(byUrl.get(feeds[1]!)!.lastError).toContain('timed out');
      expect(byUrl.get(feeds[5]!)).toMatchObject({ lastError: null, consecutiveFailures: 0 });
    } finally {
      await h2.cleanup();
    }
  });

  it('answers a conditional GET with 304 the second time and parses nothing', async () => {
    const url = server.url('/fixtures/small.xml?conditional');
    expect((await ingestFeeds(h.rt, { feeds: [url] }))[0]).toMatchObject({ status: 'ok', items: 2, new: 2 });
    const again = await ingestFeeds(h.rt, { feeds: [url] });
    expect(again[0]).toMatchObject({ status: 'not_modified', items: 0, new: 0, error: null });
    const requests = server.requestsTo('/fixtures/small.xml?conditional');
    expect(requests[1]!.headers['if-none-match']).toBeTruthy();
    expect(requests[1]!.notModified).toBe(true);
  });

  it('adds nothing when the same feed is read again (no validators, same items)', async () => {
    server.setDocument('again.xml', { body: rssDocument('Again', [{ id: 'a1', title: 'One', date: days(1) }, { id: 'a2', title: 'Two', date: days(0) }]), noValidators: true });
    const url = server.url('/docs/again.xml');
    expect((await ingestFeeds(h.rt, { feeds: [url] }))[0]).toMatchObject({ status: 'ok', items: 2, new: 2 });
    expect((await ingestFeeds(h.rt, { feeds: [url] }))[0]).toMatchObject({ status: 'ok', items: 2, new: 0 });
    expect(await h.store.countArticles()).toBe(2);
  });

  it('stores the same story from two feeds once, with both feeds as sources', async () => {
    const story = { title: 'Allies pledge $2 billion', date: days(3), link: 'https://wire.example/story-1?utm_source=feedA' };
    server.setDocument('feed-a.xml', { body: rssDocument('Feed A', [{ id: 'a-1', ...story }]) });
    server.setDocument('feed-b.xml', { body: rssDocument('Feed B', [{ id: 'b-77', ...story, link: 'https://wire.example/story-1#top' }]) });
    const results = await ingestFeeds(h.rt, { feeds: [server.url('/docs/feed-a.xml'), server.url('/docs/feed-b.xml')] });
    expect(results.map((r) => r.new).reduce((a, b) => a + b)).toBe(1);
    const articles = await h.store.listArticles({ includeSeeded: true });
    expect(articles).toHaveLength(1);
    expect(articles[0]!.link).toBe('https://wire.example/story-1');
    expect(articles[0]!.sources.map((s) => s.name).sort()).toEqual(['Feed A', 'Feed B']);
  });

  it('takes a new feed’s backlog as already seen, except its newest N items', async () => {
    const h3 = await openIngestHarness({ initialItems: 3 });
    try {
      const items = Array.from({ length: 8 }, (_, i) => ({ id: `n${i}`, title: `Story ${i}`, date: days(i) }));
      // Listed oldest first on purpose: "newest" goes by date, not by position.
      server.setDocument('backlog.xml', { body: rssDocument('Backlog', items), noValidators: true });
      const url = server.url('/docs/backlog.xml');
      // The counts a digest will agree with: 3 new, the 5 older ones stored as already seen.
      expect((await ingestFeeds(h3.rt, { feeds: [url] }))[0]).toEqual({ url, status: 'ok', items: 8, new: 3, backlog: 5, error: null });
      const visible = await h3.store.listArticles({});
      expect(visible.map((a) => a.title).sort()).toEqual(['Story 5', 'Story 6', 'Story 7']);
      expect(await h3.store.listArticles({ includeSeeded: true })).toHaveLength(8);

      // Later items of the same feed are all new.
      server.setDocument('backlog.xml', { body: rssDocument('Backlog', [...items, { id: 'n8', title: 'Story 8', date: days(8) }, { id: 'n9', title: 'Story 9', date: days(9) }]), noValidators: true });
      expect((await ingestFeeds(h3.rt, { feeds: [url] }))[0]).toMatchObject({ items: 10, new: 2 });
      expect((await h3.store.listArticles({})).map((a) => a.title).sort()).toEqual(['Story 5', 'Story 6', 'Story 7', 'Story 8', 'Story 9']);
    } finally {
      await h3.cleanup();
    }
  });

  it('keeps at most perHostConcurrency requests in flight to one host, while other hosts proceed', async () => {
    const h4 = await openIngestHarness({ concurrency: 8, perHostConcurrency: 2 });
    try {
      server.resetStats();
      const onIp = Array.from({ length: 5 }, (_, i) => server.url(`/slow/fixtures/small.xml?ms=150&ip=${i}`));
      const onName = Array.from({ length: 5 }, (_, i) => `http://localhost:${server.port}/slow/fixtures/small.xml?ms=150&name=${i}`);
      const results = await ingestFeeds(h4.rt, { feeds: [...onIp, ...onName] });
      expect(results.every((r) => r.status === 'ok')).toBe(true);
      expect(server.maxInFlight('127.0.0.1')).toBe(2);
      expect(server.maxInFlight('localhost')).toBe(2);
    } finally {
      await h4.cleanup();
    }
  });

  it('backs off a failing feed longer after each failure, up to the maximum, and resets on success', async () => {
    const h5 = await openIngestHarness({ backoff: { baseMinutes: 5, maxMinutes: 60 } });
    try {
      const url = server.url('/docs/flaky.xml');
      server.setDocument('flaky.xml', { body: 'oops, not a feed', contentType: 'text/plain' });
      const delays: number[] = [];
      for (let i = 0; i < 6; i++) {
        const now = new Date(Date.UTC(2024, 0, 1, 0, i * 100));
        await ingestFeeds(h5.rt, { feeds: [url], now });
        const feed = (await h5.store.getFeed(url))!;
        expect(feed.consecutiveFailures).toBe(i + 1);
        delays.push((Date.parse(feed.nextPollAt!) - now.getTime()) / 60_000);
      }
      expect(delays).toEqual([5, 10, 20, 40, 60, 60]);
      server.setDocument('flaky.xml', { body: rssDocument('Flaky', [{ id: 'f1', title: 'Back', date: days(1) }]) });
      await ingestFeeds(h5.rt, { feeds: [url] });
      expect(await h5.store.getFeed(url)).toMatchObject({ consecutiveFailures: 0, lastError: null });
    } finally {
      await h5.cleanup();
    }
  });

  it('reads UTF-8 right although the server claims ISO-8859-1', async () => {
    await ingestFeeds(h.rt, { feeds: [server.url('/charset/iso-8859-1/fixtures/utf8-umlauts.xml')] });
    const [article] = await h.store.listArticles({ includeSeeded: true });
    expect(article).toMatchObject({ title: 'Grüße aus Kyjiw – 5 000 Soldaten', summary: 'Größere Hilfe für die Ukraine.' });
  });

  it('fetches a document it could not read again in full next time (its validators are not kept)', async () => {
    server.setDocument('broken-with-etag.xml', { body: '<html><body>maintenance</body></html>', contentType: 'text/html' });
    const url = server.url('/docs/broken-with-etag.xml');
    expect((await ingestFeeds(h.rt, { feeds: [url] }))[0]).toMatchObject({ status: 'failed', error: 'not a feed: got an HTML page' });
    expect((await h.store.getFeed(url))!.etag).toBeNull();
    await ingestFeeds(h.rt, { feeds: [url] });
    const second = server.requestsTo('/docs/broken-with-etag.xml').at(-1)!;
    expect(second.headers['if-none-match']).toBeUndefined();
    expect(second.notModified).toBe(false);
  });

  it('counts what it did in the metrics', async () => {
    const ingested = (await metrics.articlesIngested.get()).values[0]?.value ?? 0;
    const failures = (await metrics.feedFetchFailures.get()).values[0]?.value ?? 0;
    await ingestFeeds(h.rt, { feeds: [server.url('/sample-feed.xml?metrics'), server.url('/status/503')] });
    expect((await metrics.articlesIngested.get()).values[0]!.value).toBeGreaterThan(ingested);
    expect((await metrics.feedFetchFailures.get()).values[0]!.value).toBe(failures + 1);
    const figures = (await metrics.figuresExtracted.get()).values[0]?.value ?? 0;
    expect(figures).toBeGreaterThan(0);
  });

  it('extracts the figures of each stored article', async () => {
    await ingestFeeds(h.rt, { feeds: [server.url('/sample-feed.xml?figures')] });
    const articles = await h.store.listArticles({ includeSeeded: true });
    const figures = await h.store.findFigures({ articleIds: articles.map((a) => a.id) });
    expect(figures.length).toBeGreaterThan(0);
    for (const f of figures) {
      const article = articles.find((a) => a.id === f.articleId)!;
      expect((article.text ?? article.summary ?? '').slice(f.start, f.end)).toBe(f.quote);
    }
  });

  it('polls every feed a channel follows when no feed is named, and not a configured feed nobody follows', async () => {
    const hc = await openIngestHarness();
    try {
      // The console channel of config follows ukraine-aid; no channel follows the second feed.
      hc.config.feeds = [
        { url: server.url('/fixtures/small.xml?configured'), title: 'Configured', topics: ['ukraine-aid'], fullText: false },
        { url: 'examples/sample-feed.xml', topics: [], fullText: false },
      ];
      const results = await ingestFeeds(hc.rt, {});
      expect(results.map((r) => [r.url, r.status])).toEqual([[server.url('/fixtures/small.xml?configured'), 'ok']]);
      expect((await hc.store.getFeed(server.url('/fixtures/small.xml?configured')))!).toMatchObject({ trusted: true, title: 'Configured' });
    } finally {
      await hc.cleanup();
    }
  });
});

describe('feeds added from chat (untrusted)', () => {
  it('refuses one on loopback and records why, while a config feed on loopback is read', async () => {
    const chatUrl = server.url('/fixtures/small.xml?from-chat');
    await h.store.upsertFeed({ url: chatUrl, trusted: false });
    await followFeeds(h.store, chatUrl);
    h.config.feeds = [{ url: server.url('/fixtures/small.xml?from-config'), topics: ['ukraine-aid'], fullText: false }];
    const results = await ingestFeeds(h.rt, {});
    const byUrl = new Map(results.map((r) => [r.url, r]));
    expect(byUrl.get(chatUrl)).toMatchObject({ status: 'failed', error: expect.stringContaining('refused: 127.0.0.1 is a loopback address') });
    expect(byUrl.get(server.url('/fixtures/small.xml?from-config'))).toMatchObject({ status: 'ok' });
    expect(server.requestsTo('/fixtures/small.xml?from-chat')).toHaveLength(0);
    expect((await h.store.getFeed(chatUrl))!.lastError).toContain('loopback');
  });

  it('reads one on loopback when config allows private addresses', async () => {
    const h6 = await openIngestHarness({ allowPrivateAddresses: true });
    try {
      const chatUrl = server.url('/fixtures/small.xml?allowed');
      await h6.store.upsertFeed({ url: chatUrl, trusted: false });
      await followFeeds(h6.store, chatUrl);
      expect((await ingestFeeds(h6.rt, {}))[0]).toMatchObject({ url: chatUrl, status: 'ok' });
    } finally {
      await h6.cleanup();
    }
  });

  it('stays untrusted after an operator ingests it once with --feed: the next poll checks its address again', async () => {
    const h7 = await openIngestHarness();
    try {
      const chatUrl = server.url('/fixtures/small.xml?operator-once');
      await h7.store.upsertFeed({ url: chatUrl, trusted: false });
      await followFeeds(h7.store, chatUrl);
      // The operator's one-off run reads it (a command-line URL is trusted for that run)...
      expect((await ingestFeeds(h7.rt, { feeds: [chatUrl] }))[0]).toMatchObject({ url: chatUrl, status: 'ok' });
      expect((await h7.store.getFeed(chatUrl))!.trusted).toBe(false);
      // ...and the scheduled poll afterwards refuses it again, as for any chat-added feed.
      const polled = (await ingestFeeds(h7.rt, {})).find((r) => r.url === chatUrl);
      expect(polled).toMatchObject({ status: 'failed', error: expect.stringContaining('loopback') });
    } finally {
      await h7.cleanup();
    }
  });
});
