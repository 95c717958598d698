import { describe, expect, it } from 'vitest';
import { extractArticleText } from '../../src/feeds/fetchFullText.js';
import { ingestFeeds } from '../../src/ingest/ingestFeeds.js';
import type { FeedServer } from '../fakes/feedServer.js';
import { ingestHooks, rssDocument, type IngestHarness } from './harness.js';

const paragraphs = [
  'Defence ministers from about 50 countries met at Ramstein on Tuesday to coordinate weapons deliveries to Ukraine for the coming winter.',
  'The host said allies had committed more than 100 air defence systems since the start of the full-scale invasion, and promised more interceptors.',
  'Officials said the next package would focus on artillery ammunition, which remains the most urgent need along the front line in the east.',
];
const articlePage = `<!DOCTYPE html><html><head><title>Allies meet at Ramstein</title></head><body>
  <nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/login">Log in</a></nav>
  <div class="ad">Subscribe now for only $1!</div>
  <article><h1>Allies meet at Ramstein</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article>
  <footer>© Example News. All rights reserved.</footer></body></html>`;

let server: FeedServer;
let h: IngestHarness;
ingestHooks(
  { fullTextMinChars: 600, initialItems: 10 },
  {
    server(s) {
      server = s;
      server.setDocument('article-1.html', { body: articlePage, contentType: 'text/html; charset=utf-8' });
    },
    harness: (x) => (h = x),
  },
);

describe('full text of items that only have a short summary', () => {
  it('extracts the article body without navigation, ads or footer', () => {
    const r = extractArticleText(articlePage, 'https://news.example/a');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    for (const p of paragraphs) expect(r.text).toContain(p);
    expect(r.text).not.toContain('Log in');
    expect(r.text).not.toContain('Subscribe now');
  });

  it('fetches the article page for a fullText feed once, when the item is new', async () => {
    server.setDocument('fulltext.xml', {
      body: rssDocument('Full', [{ id: 'ft-1', title: 'Allies meet at Ramstein', date: '2024-01-05T10:00:00Z', link: server.url('/docs/article-1.html'), description: 'Allies met.' }]),
      noValidators: true,
    });
    const url = server.url('/docs/fulltext.xml');
    await h.store.upsertFeed({ url, trusted: true, fullText: true });
    await ingestFeeds(h.rt, { feeds: [url] });
    const [article] = await h.store.listArticles({ includeSeeded: true });
    expect(article!.summary).toBe('Allies met.');
    expect(article!.text).toContain(paragraphs[1]);
    await ingestFeeds(h.rt, { feeds: [url] });
    expect(server.requestsTo('/docs/article-1.html')).toHaveLength(1);
  });

  it('leaves a feed without fullText to its summaries', async () => {
    server.setDocument('plain.xml', {
      body: rssDocument('Plain', [{ id: 'p-1', title: 'Allies meet', date: '2024-01-05T10:00:00Z', link: server.url('/docs/article-1.html?plain'), description: 'Allies met.' }]),
    });
    await ingestFeeds(h.rt, { feeds: [server.url('/docs/plain.xml')] });
    expect((await h.store.listArticles({ includeSeeded: true }))[0]!.text).toBeNull();
    expect(server.requestsTo('/docs/article-1.html?plain')).toHaveLength(0);
  });

  it('keeps the summary when the article page cannot be had', async () => {
    server.setDocument('broken.xml', {
      body: rssDocument('Broken', [{ id: 'b-1', title: 'Gone', date: '2024-01-05T10:00:00Z', link: server.url('/status/404'), description: 'Short.' }]),
    });
    const url = server.url('/docs/broken.xml');
    await h.store.upsertFeed({ url, trusted: true, fullText: true });
    expect((await ingestFeeds(h.rt, { feeds: [url] }))[0]).toMatchObject({ status: 'ok', new: 1 });
    expect((await h.store.listArticles({ includeSeeded: true }))[0]).toMatchObject({ summary: 'Short.', text: null });
  });
});
