import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverFeeds } from '../../src/feeds/discoverFeed.js';
import { lookUpFeed, type LookUpOptions } from '../../src/feeds/lookUpFeed.js';
import { startFeedServer, type FeedServer } from '../fakes/feedServer.js';

describe('discoverFeeds: the feeds a page names in its head', () => {
  it('finds RSS and Atom alternates, resolved against the page, in page order, once each', () => {
    const html = `<!DOCTYPE html><html><head>
      <link rel="stylesheet" href="/site.css">
      <link rel="alternate" hreflang="uk" href="/uk/">
      <link rel="Alternate" type="application/rss+xml" title="Harbour Gazette" href="/rss.xml">
      <link rel="alternate" type="application/atom+xml; charset=utf-8" href="https://feeds.harbour.example/atom#top">
      <link rel="alternate" type="application/rss+xml" href="rss.xml">
    </head><body><link rel="alternate" type="application/rss+xml" href="/in-body.xml"></body></html>`;
    expect(discoverFeeds(html, 'https://harbour.example/news/today')).toEqual([
      { url: 'https://harbour.example/rss.xml', title: 'Harbour Gazette', type: 'application/rss+xml' },
      { url: 'https://feeds.harbour.example/atom', title: null, type: 'application/atom+xml' },
      { url: 'https://harbour.example/news/rss.xml', title: null, type: 'application/rss+xml' },
    ]);
  });

  it('honours <base href>, and never returns a file: or other non-web address', () => {
    const html = `<html><head><base href="https://cdn.harbour.example/site/">
      <link rel="alternate" type="application/rss+xml" href="file:///etc/passwd">
      <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
      <link rel="alternate" type="application/rss+xml" href="feed.xml"></head></html>`;
    expect(discoverFeeds(html, 'https://harbour.example/').map((f) => f.url)).toEqual(['https://cdn.harbour.example/site/feed.xml']);
  });

  it('a page naming no feed gives none', () => {
    expect(discoverFeeds('<html><head><title>No feed here</title></head><body>Hello</body></html>', 'https://harbour.example/')).toEqual([]);
  });
});

describe('lookUpFeed: is this URL a feed, or a page naming one?', () => {
  let server: FeedServer;
  // The fake server is on loopback: the page's own address is let through, nothing else private.
  const chat: LookUpOptions = { timeoutMs: 2000, maxBytes: 1 << 20, maxRedirects: 3, policy: { allowPrivate: false, exemptAddresses: ['127.0.0.1'] } };

  beforeAll(async () => {
    server = await startFeedServer();
    server.setDocument('home.html', {
      body: '<html><head><link rel="alternate" type="application/rss+xml" title="Small" href="/fixtures/small.xml?found"></head><body></body></html>',
      contentType: 'text/html',
    });
    server.setDocument('sneaky.html', {
      body: '<html><head><link rel="alternate" type="application/rss+xml" href="http://169.254.169.254/latest/meta-data/"></head></html>',
      contentType: 'text/html',
    });
  });
  afterAll(async () => server.close());

  it('a feed URL is taken as it is', async () => {
    const url = server.url('/fixtures/small.xml?direct');
    const found = await lookUpFeed(url, chat);
    expect(found).toMatchObject({ ok: true, url, discoveredFrom: null, title: 'Small test feed' });
  });

  it('a web page gives the feed it names, fetched and read', async () => {
    const page = server.url('/docs/home.html');
    const found = await lookUpFeed(page, chat);
    expect(found).toMatchObject({ ok: true, url: server.url('/fixtures/small.xml?found'), discoveredFrom: page, title: 'Small test feed' });
    expect(server.requestsTo('/fixtures/small.xml?found')).toHaveLength(1);
  });

  it('a feed a page names on a private address is refused by the same checks as a URL given in chat', async () => {
    const found = await lookUpFeed(server.url('/docs/sneaky.html'), chat);
    expect(found).toEqual({
      ok: false,
      reason: 'the page names the feed http://169.254.169.254/latest/meta-data/, which cannot be used: "http://169.254.169.254/latest/meta-data/" cannot be added: 169.254.169.254 is a link-local (cloud metadata) address; feeds added from chat must be on the public internet (an admin can set ingest.allowPrivateAddresses)',
    });
  });

  it('a page naming no feed, and a URL that fails, say why', async () => {
    expect(await lookUpFeed(server.url('/html'), chat)).toMatchObject({ ok: false, reason: expect.stringMatching(/^it is a web page that names no feed/) });
    expect(await lookUpFeed(server.url('/status/410'), chat)).toEqual({ ok: false, reason: 'HTTP 410 Gone' });
  });
});
