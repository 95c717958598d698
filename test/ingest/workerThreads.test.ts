/**
 * Parsing, text and figures on worker threads (src/workers): the same articles and figures as on
 * the main thread, each article stored together with its figures, and a document the worker cannot
 * read refused with the same reason.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ingestFeeds } from '../../src/ingest/ingestFeeds.js';
import { pooledFeedWork, type FeedWork } from '../../src/workers/feedWork.js';
import { startFeedServer, type FeedServer } from '../fakes/feedServer.js';
import { openIngestHarness, type IngestHarness } from './harness.js';
import { silentLogger } from '../../src/observability/logger.js';
import { SqliteStore } from '../../src/store/sqlStore.js';

let server: FeedServer;
let work: FeedWork;
const harnesses: IngestHarness[] = [];

beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(async () => {
  await server.close();
});
afterEach(async () => {
  await work?.close();
  for (const h of harnesses.splice(0)) await h.cleanup();
});

async function stored(h: Pick<IngestHarness, 'store'>) {
  const articles = await h.store.listArticles({ includeSeeded: true });
  const figures = await h.store.findFigures({ articleIds: articles.map((a) => a.id) });
  return {
    articles: articles.map((a) => [a.guid, a.link, a.title, a.published, a.text]),
    figures: figures.map((f) => [articles.find((a) => a.id === f.articleId)!.guid, f.value, f.unit, f.category, f.actor, f.quote, f.start, f.end]),
  };
}

describe('ingesting with worker threads', () => {
  it('stores the same articles with the same figures as ingesting on the main thread', async () => {
    const inline = await openIngestHarness({ initialItems: 100 });
    const pooled = await openIngestHarness({ initialItems: 100 });
    harnesses.push(inline, pooled);
    const feeds = [server.url('/sample-feed.xml?threads'), server.url('/sample-feed.xml?threads-2')];
    // Every document to the threads, however small (by default small ones stay on the main thread).
    work = pooledFeedWork(pooled.config.figures, 2, { inlineBelowBytes: 0 });
    const [a, b] = [await ingestFeeds(inline.rt, { feeds }), await ingestFeeds(pooled.rt, { feeds, work })];
    // The two feeds carry the same stories: which of them stores each first is a race, the totals are not.
    const totals = (rs: typeof a) => ({ statuses: rs.map((r) => r.status), items: rs.reduce((n, r) => n + r.items, 0), new: rs.reduce((n, r) => n + r.new, 0) });
    expect(totals(b)).toEqual(totals(a));
    expect(totals(a)).toMatchObject({ statuses: ['ok', 'ok'], new: 5 });
    const expected = await stored(inline);
    expect(expected.figures.length).toBeGreaterThan(10);
    expect(await stored(pooled)).toEqual(expected);
  });

  it('with a database no other thread can open (in memory, like PostgreSQL a pool the thread lacks), reads on the threads and stores on the main thread', async () => {
    const inline = await openIngestHarness({ initialItems: 100 });
    harnesses.push(inline);
    const memory = await SqliteStore.open(':memory:', silentLogger);
    await memory.migrate();
    expect(memory.location).toBeNull();
    try {
      const feeds = [server.url('/sample-feed.xml?memory')];
      work = pooledFeedWork(inline.config.figures, 1, { inlineBelowBytes: 0 });
      const [a, b] = [await ingestFeeds(inline.rt, { feeds }), await ingestFeeds({ ...inline.rt, store: memory }, { feeds, work })];
      expect(b).toEqual(a);
      expect(await stored({ store: memory })).toEqual(await stored(inline));
    } finally {
      await memory.close();
    }
  });

  it('refuses a document that is not a feed with the reason the main thread gives', async () => {
    const h = await openIngestHarness();
    harnesses.push(h);
    work = pooledFeedWork(h.config.figures, 1, { inlineBelowBytes: 0 });
    const [result] = await ingestFeeds(h.rt, { feeds: [server.url('/html')], work });
    expect(result).toMatchObject({ status: 'failed', error: 'not a feed: got an HTML page' });
  });
});
