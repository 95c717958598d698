/**
 * The one behavioural suite every Store implementation must pass (SQLite and PostgreSQL run it
 * unchanged). Each test gets a fresh, migrated database; `harness.open()` gives further
 * connections to the same database, for the tests where several replicas meet.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Figure } from '../../src/figures/figure.js';
import type { FeedItem } from '../../src/feeds/feedItem.js';
import { LEDE_CHARS } from '../../src/store/figureQuery.js';
import type { ChannelInput, DigestInput, FeedRecord, Store } from '../../src/store/store.js';

export interface StoreHarness {
  /** A new connection to this test's database (call migrate() before use). */
  open(): Promise<Store>;
  /** Closes every connection opened and removes the data (or the whole database). */
  cleanup(): Promise<void>;
}

export interface StoreHarnessFactory {
  /** A database holding no data for one test; it may be a reused one, already migrated. */
  empty(): Promise<StoreHarness>;
  /** A brand-new database that was never migrated. */
  pristine(): Promise<StoreHarness>;
}

const T0 = Date.parse('2024-03-01T00:00:00.000Z');
/** An ISO timestamp `minutes` after 2024-03-01T00:00Z. */
export const at = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();

let itemCounter = 0;
export function item(overrides: Partial<FeedItem & { seeded?: boolean }> = {}): FeedItem & { seeded?: boolean } {
  itemCounter++;
  return {
    guid: `guid-${itemCounter}`,
    link: `https://news.example/story-${itemCounter}`,
    title: `Story number ${itemCounter}`,
    published: '2024-02-28T12:00:00.000Z',
    publishedIsFetchTime: false,
    author: null,
    summary: 'A short summary.',
    text: null,
    ...overrides,
  };
}

export function figure(overrides: Partial<Figure> = {}): Figure {
  return {
    value: 1000,
    value_max: null,
    unit: 'count',
    qualifier: 'exact',
    category: 'troops',
    actor: 'United States',
    cumulative: false,
    status: null,
    since: null,
    event: null,
    quote: '1,000 troops',
    start: 10,
    end: 22,
    sentence: 'The country sent 1,000 troops.',
    ...overrides,
  };
}

function channel(overrides: Partial<ChannelInput> = {}): ChannelInput {
  return {
    platform: 'discord',
    externalId: '123456789',
    workspaceId: 'guild-1',
    schedule: '0 8 * * *',
    timezone: 'Europe/Berlin',
    maxArticles: 10,
    postWhenEmpty: false,
    origin: 'chat',
    ...overrides,
  };
}

function digest(overrides: Partial<DigestInput> = {}): DigestInput {
  return {
    channelKey: 'discord:123456789',
    slot: at(8 * 60),
    payload: [{ content: 'Digest part 1' }, { content: 'Digest part 2' }],
    articleIds: [1, 2],
    periodStart: at(-16 * 60),
    periodEnd: at(8 * 60),
    ...overrides,
  };
}

/**
 * For each test of the calling describe: a fresh harness and a first, migrated connection, handed
 * to `use` (which may set more up); the harness is cleaned up after the test.
 */
export function migratedStoreEachTest(harnesses: StoreHarnessFactory, use: (harness: StoreHarness, store: Store) => void | Promise<void>): void {
  let harness: StoreHarness;
  beforeEach(async () => {
    harness = await harnesses.empty();
    const store = await harness.open();
    await store.migrate();
    await use(harness, store);
  });
  afterEach(async () => {
    await harness.cleanup();
  });
}

export function describeStoreContract(name: string, harnesses: StoreHarnessFactory): void {
  describe(`Store contract: ${name}`, () => {
    let harness: StoreHarness;
    let store: Store;
    migratedStoreEachTest(harnesses, (h, s) => {
      harness = h;
      store = s;
    });

    async function feed(url = 'https://news.example/feed.xml', title: string | null = 'Example News'): Promise<FeedRecord> {
      return store.upsertFeed({ url, title, trusted: true });
    }

    async function migratedConnection(): Promise<Store> {
      const other = await harness.open();
      await other.migrate();
      return other;
    }

    // ---------------------------------------------------------------- lifecycle

    describe('migrations and health', () => {
      it('running migrate() again changes nothing and keeps the data', async () => {
        const f = await feed();
        await store.migrate();
        expect(await store.getFeedById(f.id)).toEqual(f);
      });

      it('several connections migrating the same fresh database at once all succeed with one schema', async () => {
        const fresh = await harnesses.pristine();
        try {
          const connections = await Promise.all([fresh.open(), fresh.open(), fresh.open()]);
          await Promise.all(connections.map((c) => c.migrate()));
          const created = await connections[0]!.upsertFeed({ url: 'https://a.example/rss', trusted: false });
          expect(await connections[2]!.getFeed('https://a.example/rss')).toEqual(created);
          await connections[1]!.migrate();
          expect(await connections[1]!.listFeeds()).toHaveLength(1);
        } finally {
          await fresh.cleanup();
        }
      });

      it('ping answers on an open store', async () => {
        await expect(store.ping()).resolves.toBeUndefined();
      });

      it('reports its kind', () => {
        expect(['sqlite', 'postgres']).toContain(store.kind);
      });
    });

    // ---------------------------------------------------------------- feeds

    describe('feeds', () => {
      it('upsertFeed stores a feed once per URL and updates it in place', async () => {
        const first = await store.upsertFeed({ url: 'https://a.example/rss', title: null, fullText: true, trusted: false });
        expect(first).toMatchObject({ url: 'https://a.example/rss', title: null, fullText: true, trusted: false, consecutiveFailures: 0, nextPollAt: null, etag: null });
        const second = await store.upsertFeed({ url: 'https://a.example/rss', title: 'A News', trusted: false });
        expect(second.id).toBe(first.id);
        expect(second.title).toBe('A News');
        expect(second.fullText).toBe(true); // omitted: kept
        expect(second.createdAt).toBe(first.createdAt);
        expect(await store.listFeeds()).toHaveLength(1);
      });

      it('a feed once trusted stays trusted when it is added again untrusted', async () => {
        await store.upsertFeed({ url: 'http://127.0.0.1:8080/rss', trusted: true });
        const again = await store.upsertFeed({ url: 'http://127.0.0.1:8080/rss', trusted: false });
        expect(again.trusted).toBe(true);
        const promoted = await store.upsertFeed({ url: 'https://b.example/rss', trusted: false }).then(() => store.upsertFeed({ url: 'https://b.example/rss', trusted: true }));
        expect(promoted.trusted).toBe(true);
      });

      it('getFeed and getFeedById return null for a feed that does not exist', async () => {
        expect(await store.getFeed('https://nowhere.example/rss')).toBeNull();
        expect(await store.getFeedById(999)).toBeNull();
      });

      it('recordFetch stores validators, status, error, failures and the next poll', async () => {
        const f = await feed();
        await store.recordFetch(f.id, { etag: '"abc"', lastModified: 'Fri, 01 Mar 2024 00:00:00 GMT', lastStatus: 200, lastError: null, fetchedAt: at(0), consecutiveFailures: 0, nextPollAt: at(15), title: 'Renamed' });
        expect(await store.getFeedById(f.id)).toMatchObject({ etag: '"abc"', lastModified: 'Fri, 01 Mar 2024 00:00:00 GMT', lastStatus: 200, lastError: null, lastFetchedAt: at(0), nextPollAt: at(15), title: 'Renamed' });

        // A failure without validators keeps the stored ones (the next request is still conditional).
        await store.recordFetch(f.id, { lastStatus: 500, lastError: 'HTTP 500 Internal Server Error', fetchedAt: at(15), consecutiveFailures: 1, nextPollAt: at(25) });
        expect(await store.getFeedById(f.id)).toMatchObject({ etag: '"abc"', lastStatus: 500, lastError: 'HTTP 500 Internal Server Error', consecutiveFailures: 1, nextPollAt: at(25), title: 'Renamed' });

        // null clears a validator.
        await store.recordFetch(f.id, { etag: null, lastStatus: 200, lastError: null, fetchedAt: at(25), consecutiveFailures: 0, nextPollAt: at(40) });
        expect((await store.getFeedById(f.id))!.etag).toBeNull();
      });

      it('recordFetch never stores a token that appears in an error message', async () => {
        const f = await feed();
        await store.recordFetch(f.id, { lastStatus: 401, lastError: 'request with Authorization: Bearer abcdefghijklmnop failed', fetchedAt: at(0), consecutiveFailures: 1, nextPollAt: at(5) });
        const stored = await store.getFeedById(f.id);
        expect(stored!.lastError).not.toContain('abcdefghijklmnop');
        expect(stored!.lastError).toContain('[redacted]');
      });

      it('recordFetch for a feed that does not exist throws', async () => {
        await expect(store.recordFetch(4242, { lastStatus: 200, lastError: null, fetchedAt: at(0), consecutiveFailures: 0, nextPollAt: at(15) })).rejects.toThrow(/no feed with id 4242/);
      });

      it('a timestamp that is not ISO 8601 is refused with a message naming it', async () => {
        const f = await feed();
        await expect(store.recordFetch(f.id, { lastStatus: 200, lastError: null, fetchedAt: 'yesterday', consecutiveFailures: 0, nextPollAt: at(15) })).rejects.toThrow(/fetchedAt/);
        expect((await store.getFeedById(f.id))!.lastFetchedAt).toBeNull();
      });
    });

    // ---------------------------------------------------------------- feed leases

    describe('claiming due feeds', () => {
      /** Feeds a channel follows directly (a feed nobody follows is never claimed; see below). */
      async function dueFeeds(n: number): Promise<FeedRecord[]> {
        await store.upsertChannel(channel({ platform: 'console', externalId: 'reader', workspaceId: null }));
        const feeds: FeedRecord[] = [];
        for (let i = 0; i < n; i++) {
          feeds.push(await store.upsertFeed({ url: `https://f${i}.example/rss`, trusted: true }));
          await store.addSubscription('console:reader', 'feed', `https://f${i}.example/rss`);
        }
        return feeds;
      }

      it('hands out only feeds a channel follows: by their URL, or by a topic they carry', async () => {
        await store.upsertChannel(channel({ platform: 'console', externalId: 'reader', workspaceId: null }));
        const direct = await store.upsertFeed({ url: 'https://direct.example/rss', trusted: true });
        const byTopic = await store.upsertFeed({ url: 'https://topic.example/rss', trusted: true });
        await store.upsertFeed({ url: 'https://nobody.example/rss', trusted: true });
        const otherTopic = await store.upsertFeed({ url: 'https://other-topic.example/rss', trusted: true });
        await store.addSubscription('console:reader', 'feed', direct.url);
        await store.addSubscription('console:reader', 'topic', 'ukraine-aid');
        await store.setFeedTopics(byTopic.id, 'config', ['ukraine-aid']);
        await store.addFeedTopic(otherTopic.id, 'cricket', 'cli');
        expect((await store.claimDueFeeds(at(0), 'replica-a', 60_000, 10)).map((f) => f.url).sort()).toEqual([direct.url, byTopic.url]);

        // The last subscription gone, the feed is not handed out again.
        await store.recordFetch(direct.id, { lastStatus: 200, lastError: null, fetchedAt: at(0), consecutiveFailures: 0, nextPollAt: at(1) });
        await store.removeSubscription('console:reader', 'feed', direct.url);
        expect((await store.claimDueFeeds(at(5), 'replica-a', 60_000, 10)).map((f) => f.url)).toEqual([byTopic.url]);
      });

      it('hands out only feeds due by now: never-polled first, then the most overdue', async () => {
        const [a, b, c, d] = await dueFeeds(4);
        await store.recordFetch(a!.id, { lastStatus: 200, lastError: null, fetchedAt: at(0), consecutiveFailures: 0, nextPollAt: at(10) });
        await store.recordFetch(b!.id, { lastStatus: 200, lastError: null, fetchedAt: at(0), consecutiveFailures: 0, nextPollAt: at(5) });
        await store.recordFetch(c!.id, { lastStatus: 200, lastError: null, fetchedAt: at(0), consecutiveFailures: 0, nextPollAt: at(60) });
        const claimed = await store.claimDueFeeds(at(20), 'replica-a', 60_000, 10);
        expect(claimed.map((f) => f.id)).toEqual([d!.id, b!.id, a!.id]);
      });

      it('respects the limit', async () => {
        await dueFeeds(5);
        expect(await store.claimDueFeeds(at(0), 'replica-a', 60_000, 2)).toHaveLength(2);
        expect(await store.claimDueFeeds(at(0), 'replica-a', 60_000, 10)).toHaveLength(3);
      });

      it('a leased feed is not handed to anyone until recordFetch releases it', async () => {
        const [f] = await dueFeeds(1);
        expect(await store.claimDueFeeds(at(0), 'replica-a', 60_000, 10)).toHaveLength(1);
        expect(await store.claimDueFeeds(at(0.5), 'replica-b', 60_000, 10)).toEqual([]);
        expect(await store.claimDueFeeds(at(0.5), 'replica-a', 60_000, 10)).toEqual([]);
        await store.recordFetch(f!.id, { lastStatus: 200, lastError: null, fetchedAt: at(0.5), consecutiveFailures: 0, nextPollAt: at(0.5) });
        expect((await store.claimDueFeeds(at(0.5), 'replica-b', 60_000, 10)).map((x) => x.id)).toEqual([f!.id]);
      });

      it('a lease that expired (its holder died) can be claimed by another owner', async () => {
        const [f] = await dueFeeds(1);
        await store.claimDueFeeds(at(0), 'replica-a', 60_000, 10);
        expect(await store.claimDueFeeds(at(0.99), 'replica-b', 60_000, 10)).toEqual([]);
        expect((await store.claimDueFeeds(at(1), 'replica-b', 60_000, 10)).map((x) => x.id)).toEqual([f!.id]);
      });

      it('two owners claiming at the same moment get disjoint sets that cover every due feed', async () => {
        const feeds = await dueFeeds(30);
        const other = await migratedConnection();
        const rounds = await Promise.all([
          store.claimDueFeeds(at(0), 'replica-a', 60_000, 20),
          other.claimDueFeeds(at(0), 'replica-b', 60_000, 20),
          store.claimDueFeeds(at(0), 'replica-c', 60_000, 20),
        ]);
        const ids = rounds.flat().map((f) => f.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids.sort((x, y) => x - y)).toEqual(feeds.map((f) => f.id).sort((x, y) => x - y));
      });
    });

    describe('feed topics', () => {
      it('setFeedTopics replaces the topics of one origin and keeps those of the other', async () => {
        const f = await feed();
        await store.setFeedTopics(f.id, 'config', ['ukraine-war', 'ukraine-aid']);
        expect(await store.addFeedTopic(f.id, 'sanctions', 'cli')).toBe(true);
        expect(await store.addFeedTopic(f.id, 'ukraine-aid', 'cli')).toBe(false);
        await store.setFeedTopics(f.id, 'config', ['ukraine-war']);
        expect((await store.listFeedTopics()).map((t) => [t.url, t.topic, t.origin])).toEqual([
          [f.url, 'sanctions', 'cli'],
          [f.url, 'ukraine-war', 'config'],
        ]);
        await store.setFeedTopics(f.id, 'cli', []);
        expect((await store.listFeedTopics()).map((t) => t.topic)).toEqual(['ukraine-war']);
      });

      it('an unknown origin is refused', async () => {
        const f = await feed();
        await expect(store.addFeedTopic(f.id, 'x', 'chat' as never)).rejects.toThrow(/origin must be "config" or "cli"/);
      });

      it('counts stored articles per feed, backlog included, an article of two feeds for both', async () => {
        const a = await feed('https://a.example/rss', 'A');
        const b = await feed('https://b.example/rss', 'B');
        await store.saveArticles(a.id, [item({ guid: 'a1', link: 'https://wire.example/1' }), item({ guid: 'a2', link: 'https://wire.example/2', seeded: true })], at(0));
        await store.saveArticles(b.id, [item({ guid: 'b1', link: 'https://wire.example/1' })], at(1));
        expect([...(await store.countArticlesByFeed())].sort()).toEqual([[a.id, 2], [b.id, 1]]);
      });
    });

    // ---------------------------------------------------------------- articles

    describe('saving articles', () => {
      it('stores new items and returns them with their source named after the feed', async () => {
        const f = await feed();
        const it1 = item({ author: 'Jane Doe', text: 'Full text.' });
        const result = await store.saveArticles(f.id, [it1], at(0));
        expect(result.duplicates).toBe(0);
        expect(result.inserted).toHaveLength(1);
        expect(result.inserted[0]).toMatchObject({ ...it1, firstSeenAt: at(0), seeded: false, sources: [{ feedId: f.id, feedUrl: f.url, name: 'Example News' }] });
        expect(await store.countArticles()).toBe(1);
      });

      it('a feed without a title is named by its host', async () => {
        const f = await feed('https://www.voanews.example/api/rss', null);
        const { inserted } = await store.saveArticles(f.id, [item()], at(0));
        expect(inserted[0]!.sources[0]!.name).toBe('voanews.example');
      });

      it('saving the same items again stores nothing and counts them as duplicates', async () => {
        const f = await feed();
        const items = [item(), item({ guid: null }), item({ guid: null, link: null })];
        expect((await store.saveArticles(f.id, items, at(0))).inserted).toHaveLength(3);
        const again = await store.saveArticles(f.id, items, at(10));
        expect(again).toEqual({ inserted: [], duplicates: 3 });
        expect(await store.countArticles()).toBe(3);
        const [stored] = await store.listArticles({ limit: 1 });
        expect(stored!.firstSeenAt).toBe(at(0));
        expect(stored!.sources).toHaveLength(1);
      });

      it('an item whose guid this feed already stored is a duplicate even when its link changed', async () => {
        const f = await feed();
        await store.saveArticles(f.id, [item({ guid: 'g-1', link: 'https://news.example/a?v=1' })], at(0));
        const result = await store.saveArticles(f.id, [item({ guid: 'g-1', link: 'https://news.example/a-renamed', title: 'Updated headline' })], at(5));
        expect(result).toEqual({ inserted: [], duplicates: 1 });
      });

      it('the same guid in two different feeds is two different articles', async () => {
        const a = await feed('https://a.example/rss', 'A');
        const b = await feed('https://b.example/rss', 'B');
        await store.saveArticles(a.id, [item({ guid: '1', link: 'https://a.example/1' })], at(0));
        const result = await store.saveArticles(b.id, [item({ guid: '1', link: 'https://b.example/1' })], at(0));
        expect(result.inserted).toHaveLength(1);
        expect(await store.countArticles()).toBe(2);
      });

      it('the same story (same canonical link) in two feeds is one article with two sources', async () => {
        const ap = await feed('https://ap.example/rss', 'AP');
        const voa = await feed('https://voa.example/rss', 'VOA');
        const story = 'https://wire.example/2024/03/01/aid-package';
        const first = await store.saveArticles(ap.id, [item({ guid: 'ap-1', link: story })], at(0));
        const second = await store.saveArticles(voa.id, [item({ guid: 'voa-77', link: story, title: 'A different headline' })], at(3));
        expect(second).toEqual({ inserted: [], duplicates: 1 });
        expect(await store.countArticles()).toBe(1);
        const stored = await store.getArticle(first.inserted[0]!.id);
        expect(stored!.sources.map((s) => s.name)).toEqual(['AP', 'VOA']);
        // The second feed's guid is now known: saving it again is a plain duplicate, no third source.
        expect(await store.saveArticles(voa.id, [item({ guid: 'voa-77', link: 'https://voa.example/other' })], at(6))).toEqual({ inserted: [], duplicates: 1 });
        expect((await store.getArticle(first.inserted[0]!.id))!.sources).toHaveLength(2);
      });

      it('two feeds saving the same story at the same moment store it once, with both as sources', async () => {
        const a = await feed('https://a.example/rss', 'A');
        const b = await feed('https://b.example/rss', 'B');
        const other = await migratedConnection();
        const story = 'https://wire.example/breaking';
        const [ra, rb] = await Promise.all([
          store.saveArticles(a.id, [item({ guid: 'a-1', link: story }), item()], at(0)),
          other.saveArticles(b.id, [item({ guid: 'b-1', link: story }), item()], at(0)),
        ]);
        expect(ra!.inserted.length + rb!.inserted.length).toBe(3);
        expect(ra!.duplicates + rb!.duplicates).toBe(1);
        const [shared] = (await store.listArticles({})).filter((x) => x.link === story);
        expect(shared!.sources.map((s) => s.name).sort()).toEqual(['A', 'B']);
      });

      it('items without a guid are deduped by normalized title and day within one feed', async () => {
        const f = await feed();
        await store.saveArticles(f.id, [item({ guid: null, link: null, title: 'U.S. announces $5bn aid', published: '2024-02-28T09:00:00Z' })], at(0));
        const sameDay = await store.saveArticles(f.id, [item({ guid: null, link: null, title: 'U.S. Announces $5bn Aid!', published: '2024-02-28T17:30:00Z' })], at(5));
        expect(sameDay).toEqual({ inserted: [], duplicates: 1 });
        const nextDay = await store.saveArticles(f.id, [item({ guid: null, link: null, title: 'U.S. announces $5bn aid', published: '2024-02-29T09:00:00Z' })], at(5));
        expect(nextDay.inserted).toHaveLength(1);
      });

      it('the title-and-day rule does not reach across feeds or merge items that carry distinct guids', async () => {
        const a = await feed('https://a.example/rss', 'A');
        const b = await feed('https://b.example/rss', 'B');
        const headline = { title: 'Morning briefing', published: '2024-02-28T06:00:00Z' };
        await store.saveArticles(a.id, [item({ guid: null, link: null, ...headline })], at(0));
        expect((await store.saveArticles(b.id, [item({ guid: null, link: null, ...headline })], at(0))).inserted).toHaveLength(1);
        expect((await store.saveArticles(a.id, [item({ guid: 'brief-2', link: null, ...headline })], at(0))).inserted).toHaveLength(1);
        expect(await store.countArticles()).toBe(3);
      });

      it('an item without a real date is deduped by its title alone, whatever the fetch time', async () => {
        const f = await feed();
        await store.saveArticles(f.id, [item({ guid: null, link: null, title: 'Undated notice', published: at(0), publishedIsFetchTime: true })], at(0));
        const nextDay = await store.saveArticles(f.id, [item({ guid: null, link: null, title: 'Undated notice', published: at(24 * 60), publishedIsFetchTime: true })], at(24 * 60));
        expect(nextDay).toEqual({ inserted: [], duplicates: 1 });
      });

      it('duplicates within one batch are stored once', async () => {
        const f = await feed();
        const one = item();
        const result = await store.saveArticles(f.id, [one, { ...one }, item({ guid: 'other', link: one.link })], at(0));
        expect(result.inserted).toHaveLength(1);
        expect(result.duplicates).toBe(2);
      });

      it('a bad item in the middle of a batch stores nothing of the batch, not even new sources', async () => {
        const a = await feed('https://a.example/rss', 'A');
        const b = await feed('https://b.example/rss', 'B');
        const shared = item({ link: 'https://wire.example/shared' });
        const { inserted } = await store.saveArticles(a.id, [shared], at(0));
        const batch = [item(), item({ guid: 'b-shared', link: shared.link }), item({ published: 'not a date' }), item()];
        await expect(store.saveArticles(b.id, batch, at(5))).rejects.toThrow(/item 3 of feed .*published/);
        expect(await store.countArticles()).toBe(1);
        expect((await store.getArticle(inserted[0]!.id))!.sources).toHaveLength(1);
        // The same batch without the bad item then goes in whole.
        const retry = await store.saveArticles(b.id, [batch[0]!, batch[1]!, batch[3]!], at(6));
        expect(retry.inserted).toHaveLength(2);
        expect(retry.duplicates).toBe(1);
      });

      it('an item without a title is refused with a message naming it', async () => {
        const f = await feed();
        await expect(store.saveArticles(f.id, [item(), { ...item(), title: null as unknown as string }], at(0))).rejects.toThrow(/item 2 .*title/);
        expect(await store.countArticles()).toBe(0);
      });

      it('saving into a feed that does not exist throws and stores nothing', async () => {
        await expect(store.saveArticles(777, [item()], at(0))).rejects.toThrow(/no feed with id 777/);
        expect(await store.countArticles()).toBe(0);
      });

      it('timestamps come back as UTC ISO strings whatever offset they were given with', async () => {
        const f = await feed();
        const { inserted } = await store.saveArticles(f.id, [item({ published: '2024-03-01T10:00:00+02:00' })], '2024-03-01T09:15:00-05:00');
        expect(inserted[0]!.published).toBe('2024-03-01T08:00:00.000Z');
        expect(inserted[0]!.firstSeenAt).toBe('2024-03-01T14:15:00.000Z');
        expect((await store.getArticle(inserted[0]!.id))!.published).toBe('2024-03-01T08:00:00.000Z');
      });

      it('keeps text exactly as given, including unicode and surrounding spaces', async () => {
        const f = await feed();
        const text = '  Kyiv — «$61 billion» 🇺🇦\n\nSecond paragraph.  ';
        const { inserted } = await store.saveArticles(f.id, [item({ text, title: 'Київ: помощь' })], at(0));
        const stored = await store.getArticle(inserted[0]!.id);
        expect(stored!.text).toBe(text);
        expect(stored!.title).toBe('Київ: помощь');
      });

      it('getArticle returns null for an id that does not exist', async () => {
        expect(await store.getArticle(123456)).toBeNull();
      });
    });

    describe('listing articles', () => {
      it('orders by first seen, then published, and applies the limit', async () => {
        const f = await feed();
        await store.saveArticles(f.id, [item({ title: 'late-pub', published: '2024-02-28T15:00:00Z' }), item({ title: 'early-pub', published: '2024-02-28T09:00:00Z' })], at(10));
        await store.saveArticles(f.id, [item({ title: 'first-seen', published: '2024-02-28T23:00:00Z' })], at(0));
        const all = await store.listArticles({});
        expect(all.map((a) => a.title)).toEqual(['first-seen', 'early-pub', 'late-pub']);
        expect((await store.listArticles({ limit: 2 })).map((a) => a.title)).toEqual(['first-seen', 'early-pub']);
      });

      it('since is exclusive and until inclusive, both on firstSeenAt', async () => {
        const f = await feed();
        for (const minute of [0, 10, 20, 30]) await store.saveArticles(f.id, [item({ title: `seen-${minute}` })], at(minute));
        const window = await store.listArticles({ since: at(10), until: at(30) });
        expect(window.map((a) => a.title)).toEqual(['seen-20', 'seen-30']);
      });

      it('leaves seeded (already seen) articles out unless asked for them', async () => {
        const f = await feed();
        await store.saveArticles(f.id, [item({ title: 'backlog', seeded: true }), item({ title: 'fresh' })], at(0));
        expect((await store.listArticles({})).map((a) => a.title)).toEqual(['fresh']);
        const all = await store.listArticles({ includeSeeded: true });
        expect(all.map((a) => [a.title, a.seeded])).toEqual([
          ['backlog', true],
          ['fresh', false],
        ]);
      });

      it('feedIds selects articles with any source among those feeds, with all their sources', async () => {
        const a = await feed('https://a.example/rss', 'A');
        const b = await feed('https://b.example/rss', 'B');
        const c = await feed('https://c.example/rss', 'C');
        await store.saveArticles(a.id, [item({ title: 'only-a' }), item({ title: 'shared', link: 'https://wire.example/x' })], at(0));
        await store.saveArticles(b.id, [item({ title: 'only-b' }), item({ title: 'shared', link: 'https://wire.example/x' })], at(1));
        await store.saveArticles(c.id, [item({ title: 'only-c' })], at(2));
        const fromB = await store.listArticles({ feedIds: [b.id] });
        expect(fromB.map((x) => x.title).sort()).toEqual(['only-b', 'shared']);
        expect(fromB.find((x) => x.title === 'shared')!.sources.map((s) => s.name)).toEqual(['A', 'B']);
        expect((await store.listArticles({ feedIds: [a.id, c.id] })).map((x) => x.title).sort()).toEqual(['only-a', 'only-c', 'shared']);
        expect(await store.listArticles({ feedIds: [] })).toEqual([]);
      });
    });

    // ---------------------------------------------------------------- figures

    describe('figures', () => {
      /** One article per call, published at `published`, in feed "Example News". */
      async function article(published: string, overrides: Partial<FeedItem> = {}): Promise<number> {
        const f = await feed();
        const { inserted } = await store.saveArticles(f.id, [item({ published, ...overrides })], at(0));
        return inserted[0]!.id;
      }

      it('saveArticles stores each new article with its figures in the same transaction; a duplicate adds none', async () => {
        const feed = await store.upsertFeed({ url: 'https://figures.example/rss', title: 'Figures', trusted: true });
        const f = figure({ value: 1500, unit: 'count', category: 'troops', actor: 'North Korea', quote: 'about 1,500 troops' });
        const one = item({ guid: 'g-1', link: 'https://figures.example/1', title: 'Troops sent', published: '2024-10-21T10:00:00Z' });
        const first = await store.saveArticles(feed.id, [{ ...one, figures: [f] }], '2024-10-21T11:00:00Z');
        expect(first.inserted).toHaveLength(1);
        const stored = await store.findFigures({ articleIds: [first.inserted[0]!.id] });
        expect(stored.map((x) => [x.value, x.quote, x.published])).toEqual([[1500, 'about 1,500 troops', '2024-10-21T10:00:00.000Z']]);
        const again = await store.saveArticles(feed.id, [{ ...one, figures: [f, f] }], '2024-10-21T12:00:00Z');
        expect(again).toMatchObject({ inserted: [], duplicates: 1 });
        expect(await store.findFigures({ category: 'troops' })).toHaveLength(1);
      });

      it('a batch with more figures than one INSERT takes keeps every figure, in order, and the catalog counts them all', async () => {
        const feed = await store.upsertFeed({ url: 'https://figures.example/many', trusted: true });
        const items = Array.from({ length: 3 }, (_, i) => ({
          ...item({ guid: `many-${i}`, link: `https://figures.example/many/${i}`, published: `2024-10-2${i}T10:00:00Z` }),
          figures: Array.from({ length: 70 }, (_, k) => figure({ value: i * 1000 + k, category: 'troops', actor: 'Russia', quote: `${i * 1000 + k} troops` })),
        }));
        const { inserted } = await store.saveArticles(feed.id, items, '2024-10-23T00:00:00Z');
        expect(await store.countFigures(inserted.map((a) => a.id))).toBe(210);
        const second = await store.findFigures({ articleIds: [inserted[1]!.id] });
        expect(second.map((f) => f.value).sort((a, b) => a - b)).toEqual(Array.from({ length: 70 }, (_, k) => 1000 + k));
        expect((await store.figureCatalog()).find((c) => c.category === 'troops')).toMatchObject({ actor: 'Russia', count: 210 });
      });

      it('saveArticles returns each new article exactly as getArticle reads it back', async () => {
        const feed = await store.upsertFeed({ url: 'https://roundtrip.example/rss', title: 'Round Trip', trusted: true });
        const { inserted } = await store.saveArticles(feed.id, [
          item({ guid: 'rt-1', link: 'https://roundtrip.example/1', published: '2024-03-01T10:00:00+02:00', author: 'Desk', summary: 'Short.', text: 'Long text, Київ.' }),
          item({ guid: null, link: null, title: 'Undated', published: '2024-03-02T00:00:00Z', publishedIsFetchTime: true, seeded: true }),
        ], '2024-03-02T09:15:00-05:00');
        expect(inserted).toHaveLength(2);
        for (const a of inserted) expect(await store.getArticle(a.id)).toEqual(a);
      });

      it('countFigures counts the figures of the given articles only, and 0 for none', async () => {
        const feed = await store.upsertFeed({ url: 'https://figures.example/count', trusted: true });
        const { inserted } = await store.saveArticles(feed.id, [
          { ...item({ guid: 'c-1', link: 'https://figures.example/c1' }), figures: [figure(), figure({ value: 7 })] },
          { ...item({ guid: 'c-2', link: 'https://figures.example/c2' }), figures: [figure({ value: 9 })] },
        ], '2024-10-21T11:00:00Z');
        expect(await store.countFigures([inserted[0]!.id])).toBe(2);
        expect(await store.countFigures(inserted.map((a) => a.id))).toBe(3);
        expect(await store.countFigures([])).toBe(0);
      });

      it('feedHasArticles is false for a new feed and true once it is a source of any article, seeded or shared', async () => {
        const a = await store.upsertFeed({ url: 'https://has.example/a', trusted: true });
        const b = await store.upsertFeed({ url: 'https://has.example/b', trusted: true });
        const c = await store.upsertFeed({ url: 'https://has.example/c', trusted: true });
        expect(await store.feedHasArticles(a.id)).toBe(false);
        await store.saveArticles(a.id, [item({ guid: 'old', link: 'https://wire.example/story', seeded: true })], at(0));
        await store.saveArticles(b.id, [item({ guid: 'b-1', link: 'https://wire.example/story' })], at(1));
        expect([await store.feedHasArticles(a.id), await store.feedHasArticles(b.id), await store.feedHasArticles(c.id)]).toEqual([true, true, false]);
      });

      it('a bad figure undoes the whole batch: no article is stored without its figures', async () => {
        const feed = await store.upsertFeed({ url: 'https://figures.example/bad', trusted: true });
        const good = { ...item({ guid: 'ok', link: 'https://figures.example/ok' }), figures: [figure()] };
        const bad = { ...item({ guid: 'bad', link: 'https://figures.example/bad-1' }), figures: [figure({ value: Number.NaN })] };
        await expect(store.saveArticles(feed.id, [good, bad], '2024-10-21T11:00:00Z')).rejects.toThrow(/finite number/);
        expect(await store.countArticles()).toBe(0);
        expect(await store.findFigures({})).toEqual([]);
      });

      it('replaceFigures stores the figures with the article date, title, link and source', async () => {
        const id = await article('2024-02-20T10:00:00Z', { title: 'Allies pledge troops', link: 'https://news.example/troops' });
        const f = figure({ value: 58e9, unit: 'USD', category: 'aid', actor: 'Allies', cumulative: true, qualifier: 'more_than', quote: 'more than $58 billion' });
        await store.replaceFigures(id, [f]);
        const [found] = await store.findFigures({ category: 'aid' });
        expect(found).toEqual({
          ...f,
          id: found!.id,
          articleId: id,
          published: '2024-02-20T10:00:00.000Z',
          articleTitle: 'Allies pledge troops',
          articleLink: 'https://news.example/troops',
          articleLede: '',
          sourceName: 'Example News',
        });
      });

      it('status, since and event are stored and read back, by saveArticles and replaceFigures alike; null stays null', async () => {
        const feed = await store.upsertFeed({ url: 'https://figures.example/status', title: 'Status', trusted: true });
        const pledged = figure({ category: 'aid', status: 'pledged', since: '2022-02', event: null });
        const shotDown = figure({ category: 'drones', status: null, since: 'Biden took office', event: 'shot_down' });
        const { inserted } = await store.saveArticles(feed.id, [{ ...item({ guid: 's-1', link: 'https://figures.example/s1' }), figures: [pledged, shotDown, figure()] }], at(0));
        const id = inserted[0]!.id;
        const read = async () => (await store.findFigures({ articleIds: [id] })).map((f) => [f.category, f.status, f.since, f.event]).sort();
        expect(await read()).toEqual([
          ['aid', 'pledged', '2022-02', null],
          ['drones', null, 'Biden took office', 'shot_down'],
          ['troops', null, null, null],
        ]);
        await store.replaceFigures(id, [figure({ category: 'aid', status: 'delivered', since: '2014', event: 'hit' })]);
        expect(await read()).toEqual([['aid', 'delivered', '2014', 'hit']]);
      });

      it('replaceFigures replaces the article’s previous figures and leaves other articles alone', async () => {
        const a = await article('2024-02-20T10:00:00Z');
        const b = await article('2024-02-21T10:00:00Z');
        await store.replaceFigures(a, [figure({ value: 1 }), figure({ value: 2 })]);
        await store.replaceFigures(b, [figure({ value: 3 })]);
        await store.replaceFigures(a, [figure({ value: 4 })]);
        expect((await store.findFigures({})).map((f) => f.value)).toEqual([3, 4]);
        await store.replaceFigures(a, []);
        expect((await store.findFigures({})).map((f) => f.value)).toEqual([3]);
      });

      it('a figure that is not valid is refused and the article keeps its previous figures', async () => {
        const a = await article('2024-02-20T10:00:00Z');
        await store.replaceFigures(a, [figure({ value: 7 })]);
        await expect(store.replaceFigures(a, [figure({ value: 8 }), figure({ value: Number.NaN })])).rejects.toThrow(/figure 2 .*value/);
        expect((await store.findFigures({})).map((f) => f.value)).toEqual([7]);
      });

      it('replaceFigures for an article that does not exist throws', async () => {
        await expect(store.replaceFigures(31337, [figure()])).rejects.toThrow(/no article with id 31337/);
      });

      it('findFigures returns the newest first, and by id (newest stored) within the same date', async () => {
        const old = await article('2024-01-01T00:00:00Z');
        const mid1 = await article('2024-02-01T00:00:00Z');
        const mid2 = await article('2024-02-01T00:00:00Z');
        const recent = await article('2024-03-01T00:00:00Z');
        for (const [id, v] of [[mid1, 2], [old, 1], [recent, 4], [mid2, 3]] as const) await store.replaceFigures(id, [figure({ value: v })]);
        expect((await store.findFigures({ category: 'troops' })).map((f) => f.value)).toEqual([4, 3, 2, 1]);
        expect((await store.findFigures({ category: 'troops', limit: 2 })).map((f) => f.value)).toEqual([4, 3]);
      });

      it('publishedOnOrBefore with a bare date includes that whole day and nothing after it', async () => {
        const ids = [await article('2024-02-09T23:59:59Z'), await article('2024-02-10T00:00:00Z'), await article('2024-02-10T23:59:59.999Z'), await article('2024-02-11T00:00:00Z')];
        for (const [i, id] of ids.entries()) await store.replaceFigures(id, [figure({ value: i })]);
        expect((await store.findFigures({ publishedOnOrBefore: '2024-02-10' })).map((f) => f.value)).toEqual([2, 1, 0]);
        expect((await store.findFigures({ publishedOnOrBefore: '2024-02-10T00:00:00Z' })).map((f) => f.value)).toEqual([1, 0]);
        expect((await store.findFigures({ publishedOnOrBefore: '2024-02-10', limit: 1 })).map((f) => f.value)).toEqual([2]);
      });

      it('publishedAfter with a bare date starts after that day, so the two bounds split time exactly', async () => {
        const ids = [await article('2024-02-10T12:00:00Z'), await article('2024-02-11T00:00:00Z'), await article('2024-02-12T08:00:00Z')];
        for (const [i, id] of ids.entries()) await store.replaceFigures(id, [figure({ value: i })]);
        expect((await store.findFigures({ publishedAfter: '2024-02-10' })).map((f) => f.value)).toEqual([2, 1]);
        expect((await store.findFigures({ publishedAfter: '2024-02-10', publishedOnOrBefore: '2024-02-11' })).map((f) => f.value)).toEqual([1]);
      });

      it('filters by actor (null means "no actor"), cumulative, unit and article', async () => {
        const a = await article('2024-02-01T00:00:00Z');
        const b = await article('2024-02-02T00:00:00Z');
        await store.replaceFigures(a, [figure({ value: 1, actor: 'Germany' }), figure({ value: 2, actor: null }), figure({ value: 3, actor: 'Germany', cumulative: true, unit: 'EUR' })]);
        await store.replaceFigures(b, [figure({ value: 4, actor: 'Germany', unit: 'EUR' })]);
        expect((await store.findFigures({ actor: 'Germany' })).map((f) => f.value)).toEqual([4, 3, 1]);
        expect((await store.findFigures({ actor: null })).map((f) => f.value)).toEqual([2]);
        expect((await store.findFigures({ actor: 'Germany', cumulative: true })).map((f) => f.value)).toEqual([3]);
        expect((await store.findFigures({ actor: 'Germany', cumulative: false })).map((f) => f.value)).toEqual([4, 1]);
        expect((await store.findFigures({ unit: 'EUR' })).map((f) => f.value)).toEqual([4, 3]);
        expect((await store.findFigures({ articleIds: [a] })).map((f) => f.value).sort()).toEqual([1, 2, 3]);
        expect(await store.findFigures({ articleIds: [] })).toEqual([]);
      });

      it('several categories are merged newest first, and the limit applies to the merged list', async () => {
        const days = ['2024-02-01', '2024-02-02', '2024-02-03', '2024-02-04', '2024-02-05', '2024-02-06'];
        const categories = ['aid', 'troops', 'aid', 'casualties', 'troops', 'aid'];
        for (const [i, day] of days.entries()) await store.replaceFigures(await article(`${day}T12:00:00Z`), [figure({ value: i, category: categories[i]! })]);
        expect((await store.findFigures({ category: ['aid', 'troops'] })).map((f) => f.value)).toEqual([5, 4, 2, 1, 0]);
        expect((await store.findFigures({ category: ['aid', 'troops'], limit: 3 })).map((f) => f.value)).toEqual([5, 4, 2]);
        expect((await store.findFigures({ category: ['troops', 'casualties'], publishedOnOrBefore: '2024-02-04', limit: 1 })).map((f) => f.value)).toEqual([3]);
        expect(await store.findFigures({ category: [] })).toEqual([]);
      });

      it('olderThan and notOlderThan page through figures in answer order, each figure once, even within one instant', async () => {
        const a = await article('2024-02-01T00:00:00Z');
        const b = await article('2024-02-02T00:00:00Z');
        const c = await article('2024-02-03T00:00:00Z');
        await store.replaceFigures(a, [figure({ value: 1 })]);
        await store.replaceFigures(b, [figure({ value: 2 }), figure({ value: 3 }), figure({ value: 4 })]);
        await store.replaceFigures(c, [figure({ value: 5 })]);
        const all = await store.findFigures({ category: 'troops' });
        expect(all.map((f) => f.value)).toEqual([5, 4, 3, 2, 1]);
        const pages: number[][] = [];
        let after: (typeof all)[number] | undefined;
        for (;;) {
          const page = await store.findFigures({ category: 'troops', ...(after ? { olderThan: after } : {}), limit: 2 });
          if (page.length === 0) break;
          pages.push(page.map((f) => f.value));
          after = page[page.length - 1];
        }
        expect(pages).toEqual([[5, 4], [3, 2], [1]]);
        // notOlderThan includes the figure itself: the rows from the top down to it.
        expect((await store.findFigures({ category: 'troops', notOlderThan: all[2]! })).map((f) => f.value)).toEqual([5, 4, 3]);
        expect((await store.findFigures({ category: 'troops', olderThan: all[0]!, notOlderThan: all[3]! })).map((f) => f.value)).toEqual([4, 3, 2]);
      });

      it('keyset bounds and date bounds together keep only figures inside both', async () => {
        const days = ['2024-02-01', '2024-02-02', '2024-02-03', '2024-02-04'];
        for (const [i, day] of days.entries()) await store.replaceFigures(await article(`${day}T12:00:00Z`), [figure({ value: i })]);
        const all = await store.findFigures({});
        const at2 = all.find((f) => f.value === 2)!;
        const at1 = all.find((f) => f.value === 1)!;
        expect((await store.findFigures({ olderThan: at2, publishedOnOrBefore: '2024-02-03' })).map((f) => f.value)).toEqual([1, 0]);
        expect((await store.findFigures({ olderThan: at2, publishedOnOrBefore: '2024-02-01' })).map((f) => f.value)).toEqual([0]);
        expect((await store.findFigures({ notOlderThan: at1, publishedAfter: '2024-02-02' })).map((f) => f.value)).toEqual([3, 2]);
        expect((await store.findFigures({ notOlderThan: at1, publishedAfter: '2024-01-31' })).map((f) => f.value)).toEqual([3, 2, 1]);
      });

      it('offset skips figures in answer order, also across several categories', async () => {
        const categories = ['aid', 'troops', 'aid', 'troops', 'aid'];
        for (const [i, category] of categories.entries()) await store.replaceFigures(await article(`2024-02-0${i + 1}T12:00:00Z`), [figure({ value: i, category })]);
        expect((await store.findFigures({ category: 'aid', offset: 1, limit: 1 })).map((f) => f.value)).toEqual([2]);
        expect((await store.findFigures({ category: 'aid', offset: 1 })).map((f) => f.value)).toEqual([2, 0]);
        expect((await store.findFigures({ category: ['aid', 'troops'], offset: 3, limit: 1 })).map((f) => f.value)).toEqual([1]);
        expect(await store.findFigures({ category: 'aid', offset: 3, limit: 1 })).toEqual([]);
        await expect(store.findFigures({ offset: -1 })).rejects.toThrow(/offset must be a non-negative integer/);
      });

      it('actors reads the newest figures of each actor in one look-up, all in answer order', async () => {
        const plan: Array<[string, string, boolean]> = [['Germany', '01', true], ['France', '02', true], ['Germany', '03', true], ['France', '04', false], ['Germany', '05', true], ['Poland', '06', true]];
        for (const [i, [actor, day, cumulative]] of plan.entries()) await store.replaceFigures(await article(`2024-02-${day}T12:00:00Z`), [figure({ value: i, actor, cumulative, category: 'aid' }), figure({ value: 100 + i, actor: null, category: 'aid' })]);
        const values = async (q: Parameters<Store['findFigures']>[0]): Promise<number[]> => (await store.findFigures(q)).map((f) => f.value);
        expect(await values({ category: 'aid', actors: ['Germany', 'France'], limit: 2 })).toEqual([4, 3, 2, 1]);
        expect(await values({ category: 'aid', actors: ['Germany', 'France', 'Italy'], limit: 1 })).toEqual([4, 3]);
        expect(await values({ category: 'aid', actors: ['France'], cumulative: true, limit: 5 })).toEqual([1]);
        expect(await values({ category: 'aid', actors: ['Germany', 'Poland'], publishedOnOrBefore: '2024-02-04', limit: 5 })).toEqual([2, 0]);
        expect(await values({ category: 'aid', actors: ['Germany', 'Poland'], publishedAfter: '2024-02-03', limit: 5 })).toEqual([5, 4]);
        // Figures without an actor are never among them.
        expect(await values({ category: 'aid', actors: ['Germany'], limit: 10 })).toEqual([4, 2, 0]);
        expect(await store.findFigures({ category: 'aid', actors: [], limit: 3 })).toEqual([]);
        const [first] = await store.findFigures({ category: 'aid', actors: ['Poland'], limit: 1 });
        expect(first).toMatchObject({ actor: 'Poland', value: 5, articleTitle: expect.any(String) });
        await expect(store.findFigures({ actors: ['Germany'] })).rejects.toThrow(/actors needs a limit/);
        await expect(store.findFigures({ actors: ['Germany'], actor: 'France', limit: 1 })).rejects.toThrow(/either actor or actors/);
        await expect(store.findFigures({ actors: [null as unknown as string], limit: 1 })).rejects.toThrow(/actors must hold names/);
      });

      it('actors with a text filter and a window tests the words on each actor\'s newest figures only', async () => {
        const sentences = ['Aid to Kharkiv.', 'Aid to Odesa.', 'Aid to Odesa.', 'Aid to Kharkiv.', 'Aid to Odesa.'];
        for (const [i, sentence] of sentences.entries()) {
          await store.replaceFigures(await article(`2024-03-0${i + 1}T12:00:00Z`), [figure({ value: i, actor: 'Germany', sentence }), figure({ value: 10 + i, actor: 'France', sentence })]);
        }
        const values = async (within: number | undefined, limit = 5): Promise<number[]> =>
          (await store.findFigures({ category: 'troops', actors: ['Germany', 'France'], text: [{ within: 'sentence', anyOf: [['kharkiv']] }], limit, ...(within !== undefined ? { within } : {}) })).map((f) => f.value);
        expect(await values(undefined)).toEqual([13, 3, 10, 0]);
        expect(await values(undefined, 1)).toEqual([13, 3]);
        // The newest two of each actor: 2024-03-05 and 2024-03-04.
        expect(await values(2)).toEqual([13, 3]);
        expect(await values(1)).toEqual([]);
      });

      it("a report text filter also reads the article's opening (LEDE_CHARS), by its bytes, and says it", async () => {
        const opening = (lede: string) => `${lede} ${'Nothing else happened there that day. '.repeat(30)}`;
        const near = await article('2024-05-01T12:00:00Z', { text: opening('VINNYTSIA, Ukraine (AP) - Missiles hit the town.') + ' The toll rose.' });
        const far = await article('2024-05-02T12:00:00Z', { text: opening('Missiles hit a town.') + ' Later, in Vinnytsia, the toll rose.' });
        await store.replaceFigures(near, [figure({ value: 1, sentence: 'The toll rose.' })]);
        await store.replaceFigures(far, [figure({ value: 2, sentence: 'The toll rose.' })]);
        const found = await store.findFigures({ text: [{ within: 'report', anyOf: [['vinnytsi']] }] });
        expect(found.map((f) => f.value)).toEqual([1]);
        expect(found[0]!.articleLede).toMatch(/^VINNYTSIA, Ukraine \(AP\)/);
        expect(found[0]!.articleLede!.length).toBe(LEDE_CHARS);
        // A sentence filter does not look there.
        expect(await store.findFigures({ text: [{ within: 'sentence', anyOf: [['vinnytsi']] }] })).toEqual([]);
        // Nor does the per-actor look-up differ.
        expect((await store.findFigures({ actors: ['United States'], text: [{ within: 'report', anyOf: [['vinnytsi']] }], limit: 5 })).map((f) => f.value)).toEqual([1]);
      });

      it('within keeps to the newest figures of the query (text filters and keyset bounds aside)', async () => {
        const sentences = ['Strike on Kharkiv.', 'Strike on Odesa.', 'Strike on Sumy.', 'Strike on Odesa.', 'Strike on Kharkiv.', 'Strike on Sumy.'];
        for (const [i, sentence] of sentences.entries()) await store.replaceFigures(await article(`2024-04-0${i + 1}T12:00:00Z`), [figure({ value: i, sentence })]);
        const kharkiv = [{ within: 'sentence' as const, anyOf: [['kharkiv']] }];
        const values = async (q: Parameters<Store['findFigures']>[0]): Promise<number[]> => (await store.findFigures({ category: 'troops', text: kharkiv, ...q })).map((f) => f.value);
        expect(await values({ within: 3 })).toEqual([4]);
        expect(await values({ within: 6 })).toEqual([4, 0]);
        expect(await values({ within: 100 })).toEqual([4, 0]);
        // The window counts from the query's own date bounds.
        expect(await values({ within: 3, publishedOnOrBefore: '2024-04-04' })).toEqual([]);
        expect(await values({ within: 4, publishedOnOrBefore: '2024-04-04' })).toEqual([0]);
        expect(await values({ within: 2, publishedAfter: '2024-04-04' })).toEqual([4]);
        expect(await values({ within: 1, publishedAfter: '2024-04-04' })).toEqual([]);
        // Paging inside the window: olderThan moves down, the window stays where it was.
        const [newest] = await store.findFigures({ category: 'troops', text: kharkiv, within: 6, limit: 1 });
        expect(await values({ within: 6, olderThan: newest! })).toEqual([0]);
        expect(await values({ within: 3, olderThan: newest! })).toEqual([]);
        // Without a text filter: the newest rows themselves.
        expect((await store.findFigures({ category: 'troops', within: 2 })).map((f) => f.value)).toEqual([5, 4]);
        await expect(store.findFigures({ category: ['troops', 'aid'], within: 2 })).rejects.toThrow(/within takes one category/);
      });

      it('a sentence text filter keeps figures whose sentence holds every string of some group, ignoring case', async () => {
        const id = await article('2024-02-01T00:00:00Z');
        const sentences = ['Aid is STALLED in Congress.', 'Aid is held up in Congress.', 'Aid is held by the courts.', 'The troops went up the hill.', 'Nothing to see.'];
        await store.replaceFigures(id, sentences.map((sentence, i) => figure({ value: i, sentence })));
        const found = async (anyOf: string[][]): Promise<number[]> => (await store.findFigures({ text: [{ within: 'sentence', anyOf }] })).map((f) => f.value).sort();
        expect(await found([['stall']])).toEqual([0]);
        expect(await found([['held', 'up']])).toEqual([1]);
        expect(await found([['stall'], ['held', 'up']])).toEqual([0, 1]);
        expect(await found([['Congress']])).toEqual([0, 1]);
        expect(await found([['absent']])).toEqual([]);
        // Two filters: both must pass.
        expect((await store.findFigures({ text: [{ within: 'sentence', anyOf: [['aid']] }, { within: 'sentence', anyOf: [['courts']] }] })).map((f) => f.value)).toEqual([2]);
      });

      it('a text filter reads its strings literally: "%" and "_" are no wildcards', async () => {
        const id = await article('2024-02-01T00:00:00Z');
        const sentences = ['Aid rose by 50% this year.', 'Aid rose by 500 this year.', 'See file aid_2024.', 'See file aid-2024.'];
        await store.replaceFigures(id, sentences.map((sentence, i) => figure({ value: i, sentence })));
        const found = async (s: string): Promise<number[]> => (await store.findFigures({ text: [{ within: 'sentence', anyOf: [[s]] }] })).map((f) => f.value).sort();
        expect(await found('50%')).toEqual([0]);
        expect(await found('aid_2')).toEqual([2]);
      });

      it('a text filter always lets through text that a word matcher could read differently: non-ASCII letters, dotted abbreviations', async () => {
        const id = await article('2024-02-01T00:00:00Z');
        const sentences = ['Aid is ｓｔａｌｌｅｄ.', 'The U.S. aid is waiting.', 'Aid is waiting.', 'Kyiv’s aid is waiting.'];
        await store.replaceFigures(id, sentences.map((sentence, i) => figure({ value: i, sentence })));
        const values = (await store.findFigures({ text: [{ within: 'sentence', anyOf: [['stall']] }] })).map((f) => f.value).sort();
        expect(values).toEqual([0, 1, 3]);
      });

      it('a report text filter also looks at the article’s title and author and its feed’s title and address', async () => {
        const plainFeed = await feed('https://plain.example/rss', 'Plain Wire');
        const save = async (feedId: number, overrides: Partial<FeedItem>): Promise<number> => (await store.saveArticles(feedId, [item({ published: '2024-02-01T00:00:00Z', ...overrides })], at(0))).inserted[0]!.id;
        const byTitle = await save(plainFeed.id, { title: 'Strike on Kharkiv' });
        const byAuthor = await save(plainFeed.id, { title: 'Night strike', author: 'Kharkiv bureau' });
        const bySentence = await save(plainFeed.id, { title: 'Another strike' });
        const none = await save(plainFeed.id, { title: 'Quiet night' });
        const kharkivFeed = await feed('https://kharkiv-daily.example/rss', 'Kharkiv Daily');
        const byFeedTitle = await save(kharkivFeed.id, { title: 'Report' });
        const hostFeed = await feed('https://kharkiv-host.example/rss', 'Wire Two');
        const byFeedAddress = await save(hostFeed.id, { title: 'Report two' });
        // A feed without a title is named after its address as readers see it: always let through.
        const untitledFeed = await feed('https://untitled.example/rss', null);
        const untitled = await save(untitledFeed.id, { title: 'Report three' });
        await store.replaceFigures(byTitle, [figure({ value: 1 })]);
        await store.replaceFigures(byAuthor, [figure({ value: 2 })]);
        await store.replaceFigures(bySentence, [figure({ value: 3, sentence: 'Three were killed in KHARKIV.' })]);
        await store.replaceFigures(none, [figure({ value: 4 })]);
        await store.replaceFigures(byFeedTitle, [figure({ value: 5 })]);
        await store.replaceFigures(byFeedAddress, [figure({ value: 6 })]);
        await store.replaceFigures(untitled, [figure({ value: 7 })]);
        const report = (await store.findFigures({ text: [{ within: 'report', anyOf: [['kharki']] }] })).map((f) => f.value).sort();
        expect(report).toEqual([1, 2, 3, 5, 6, 7]);
        const sentence = (await store.findFigures({ text: [{ within: 'sentence', anyOf: [['kharki']] }] })).map((f) => f.value);
        expect(sentence).toEqual([3]);
      });

      it('a text filter with no strings to look for is refused with a message naming it', async () => {
        await expect(store.findFigures({ text: [{ within: 'sentence', anyOf: [] }] })).rejects.toThrow(/text\[0\]\.anyOf must hold at least one group/);
        await expect(store.findFigures({ text: [{ within: 'sentence', anyOf: [['aid', '']] }] })).rejects.toThrow(/text\[0\]\.anyOf\[0\] must hold non-empty strings/);
        await expect(store.findFigures({ text: [{ within: 'headline' as 'sentence', anyOf: [['aid']] }] })).rejects.toThrow(/within must be "sentence" or "report"/);
      });

      it('figureCatalog counts figures per category and actor with the newest date, and follows replacements', async () => {
        const a = await article('2024-02-01T00:00:00Z');
        const b = await article('2024-02-05T00:00:00Z');
        await store.replaceFigures(a, [figure({ category: 'aid', actor: 'Germany' }), figure({ category: 'aid', actor: null }), figure({ category: 'troops', actor: 'Germany' })]);
        await store.replaceFigures(b, [figure({ category: 'aid', actor: 'Germany' })]);
        expect(await store.figureCatalog()).toEqual([
          { category: 'aid', actor: null, count: 1, latestPublished: '2024-02-01T00:00:00.000Z' },
          { category: 'aid', actor: 'Germany', count: 2, latestPublished: '2024-02-05T00:00:00.000Z' },
          { category: 'troops', actor: 'Germany', count: 1, latestPublished: '2024-02-01T00:00:00.000Z' },
        ]);
        await store.replaceFigures(b, []);
        await store.replaceFigures(a, [figure({ category: 'aid', actor: 'Germany' })]);
        expect(await store.figureCatalog()).toEqual([{ category: 'aid', actor: 'Germany', count: 1, latestPublished: '2024-02-01T00:00:00.000Z' }]);
      });
    });

    // ---------------------------------------------------------------- channels

    describe('channels and subscriptions', () => {
      it('upsertChannel keys a channel by platform and id and updates it in place', async () => {
        const created = await store.upsertChannel(channel());
        expect(created).toMatchObject({ ...channel(), key: 'discord:123456789' });
        const updated = await store.upsertChannel(channel({ schedule: '0 18 * * 1-5', maxArticles: 5, postWhenEmpty: true }));
        expect(updated).toMatchObject({ key: 'discord:123456789', schedule: '0 18 * * 1-5', maxArticles: 5, postWhenEmpty: true, createdAt: created.createdAt });
        expect(await store.getChannel('discord:123456789')).toEqual(updated);
        expect(await store.getChannel('slack:C0NOPE')).toBeNull();
      });

      it('lists every channel by key', async () => {
        await store.upsertChannel(channel({ platform: 'slack', externalId: 'C024BE91L', workspaceId: 'T1' }));
        await store.upsertChannel(channel());
        await store.upsertChannel(channel({ platform: 'console', externalId: 'console', workspaceId: null, origin: 'config' }));
        expect((await store.listChannels()).map((c) => c.key)).toEqual(['console:console', 'discord:123456789', 'slack:C024BE91L']);
      });

      it('a channel with an unknown platform is refused', async () => {
        await expect(store.upsertChannel(channel({ platform: 'irc' as never }))).rejects.toThrow(/platform/);
        expect(await store.listChannels()).toEqual([]);
      });

      it('addSubscription is true the first time and false when it already exists; subscriptions list by kind and value', async () => {
        await store.upsertChannel(channel());
        expect(await store.addSubscription('discord:123456789', 'topic', 'ukraine-aid')).toBe(true);
        expect(await store.addSubscription('discord:123456789', 'topic', 'ukraine-aid')).toBe(false);
        expect(await store.addSubscription('discord:123456789', 'feed', 'ukraine-aid')).toBe(true);
        expect(await store.addSubscription('discord:123456789', 'topic', 'ukraine-war')).toBe(true);
        expect((await store.listSubscriptions('discord:123456789')).map((s) => [s.kind, s.value])).toEqual([
          ['feed', 'ukraine-aid'],
          ['topic', 'ukraine-aid'],
          ['topic', 'ukraine-war'],
        ]);
      });

      it('removeSubscription is true when it removed one and false when there was none', async () => {
        await store.upsertChannel(channel());
        await store.addSubscription('discord:123456789', 'feed', 'https://a.example/rss');
        expect(await store.removeSubscription('discord:123456789', 'feed', 'https://a.example/rss')).toBe(true);
        expect(await store.removeSubscription('discord:123456789', 'feed', 'https://a.example/rss')).toBe(false);
        expect(await store.listSubscriptions('discord:123456789')).toEqual([]);
      });

      it('listAllSubscriptions lists every channel\'s subscriptions by channel, kind and value', async () => {
        await store.upsertChannel(channel({ platform: 'slack', externalId: 'C024BE91L', workspaceId: 'T1' }));
        await store.upsertChannel(channel());
        await store.addSubscription('slack:C024BE91L', 'feed', 'https://a.example/rss');
        await store.addSubscription('discord:123456789', 'topic', 'ukraine-war');
        await store.addSubscription('discord:123456789', 'feed', 'https://b.example/rss');
        expect((await store.listAllSubscriptions()).map((s) => [s.channelKey, s.kind, s.value])).toEqual([
          ['discord:123456789', 'feed', 'https://b.example/rss'],
          ['discord:123456789', 'topic', 'ukraine-war'],
          ['slack:C024BE91L', 'feed', 'https://a.example/rss'],
        ]);
      });

      it('subscribing a channel that was never stored is refused with a clear error', async () => {
        await expect(store.addSubscription('slack:CUNKNOWN', 'topic', 'ukraine-aid')).rejects.toThrow(/unknown channel "slack:CUNKNOWN"/);
      });
    });

    // ---------------------------------------------------------------- digests

    describe('digest outbox', () => {
      it('records a digest once per channel and slot; the second call returns the first record', async () => {
        const first = await store.recordDigest(digest(), at(8 * 60));
        expect(first.created).toBe(true);
        expect(first.digest).toMatchObject({ ...digest(), status: 'pending', sentParts: 0, attempts: 0, lastError: null, nextAttemptAt: at(8 * 60), createdAt: at(8 * 60), sentAt: null });
        const second = await store.recordDigest(digest({ payload: [{ content: 'another rendering' }] }), at(8 * 60 + 1));
        expect(second).toEqual({ digest: first.digest, created: false });
        expect(await store.listDigests('discord:123456789', 10)).toHaveLength(1);
      });

      it('the slot is one instant however it is written', async () => {
        await store.recordDigest(digest({ slot: '2024-03-01T08:00:00Z' }), at(0));
        expect((await store.recordDigest(digest({ slot: '2024-03-01T09:00:00.000+01:00' }), at(0))).created).toBe(false);
      });

      it('two connections recording the same slot at once create exactly one digest', async () => {
        const other = await migratedConnection();
        const results = await Promise.all([store.recordDigest(digest(), at(480)), other.recordDigest(digest(), at(480)), store.recordDigest(digest(), at(480))]);
        expect(results.filter((r) => r.created)).toHaveLength(1);
        expect(new Set(results.map((r) => r.digest.id)).size).toBe(1);
      });

      it('keeps the rendered payload exactly', async () => {
        const payload = [{ embeds: [{ title: 'Ukraine — $61bn «aid»', fields: [{ name: 'n', value: 1.5, inline: true }] }] }, { blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*bold* 🇺🇦' } }], nested: null }];
        const { digest: stored } = await store.recordDigest(digest({ payload, articleIds: [7, 3, 11] }), at(0));
        expect((await store.getDigest(stored.id))!.payload).toEqual(payload);
        expect((await store.getDigest(stored.id))!.articleIds).toEqual([7, 3, 11]);
      });

      it('claimPendingDigests returns pending digests whose next attempt is due, leased to the caller', async () => {
        const due = await store.recordDigest(digest({ slot: at(60) }), at(60));
        await store.recordDigest(digest({ slot: at(120) }), at(120));
        const claimed = await store.claimPendingDigests(at(90), 'replica-a', 60_000, 10);
        expect(claimed.map((d) => d.id)).toEqual([due.digest.id]);
      });

      it("a channel's digests are delivered in slot order: a later one waits while an earlier one is pending", async () => {
        const early = await store.recordDigest(digest({ slot: at(60) }), at(60));
        const late = await store.recordDigest(digest({ slot: at(120) }), at(120));
        const elsewhere = await store.recordDigest(digest({ channelKey: 'slack:C9', slot: at(120) }), at(120));
        // The early one is leased by a replica that then dies: the late one must not overtake it.
        expect((await store.claimPendingDigests(at(121), 'replica-a', 5 * 60_000, 10)).map((d) => d.id).sort()).toEqual([early.digest.id, elsewhere.digest.id].sort());
        expect(await store.claimPendingDigests(at(122), 'replica-b', 5 * 60_000, 10)).toEqual([]);
        await store.markDigestSent(early.digest.id, at(123));
        expect((await store.claimPendingDigests(at(124), 'replica-b', 5 * 60_000, 10)).map((d) => d.id)).toEqual([late.digest.id]);
      });

      it('a claimed digest is not handed to another owner until its lease expires', async () => {
        const { digest: d } = await store.recordDigest(digest(), at(0));
        expect(await store.claimPendingDigests(at(1), 'replica-a', 5 * 60_000, 10)).toHaveLength(1);
        expect(await store.claimPendingDigests(at(2), 'replica-b', 5 * 60_000, 10)).toEqual([]);
        expect((await store.claimPendingDigests(at(6), 'replica-b', 5 * 60_000, 10)).map((x) => x.id)).toEqual([d.id]);
      });

      it('two owners claiming digests at once never get the same one', async () => {
        for (let i = 0; i < 12; i++) await store.recordDigest(digest({ channelKey: `slack:C${i}` }), at(0));
        const other = await migratedConnection();
        const [a, b] = await Promise.all([store.claimPendingDigests(at(1), 'replica-a', 60_000, 8), other.claimPendingDigests(at(1), 'replica-b', 60_000, 8)]);
        const ids = [...a!, ...b!].map((d) => d.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids).toHaveLength(12);
      });

      it('a failed attempt keeps it pending with one more attempt, the error, and the later retry time', async () => {
        const { digest: d } = await store.recordDigest(digest(), at(0));
        await store.claimPendingDigests(at(0), 'replica-a', 60 * 60_000, 10);
        await store.markDigestFailed(d.id, 'HTTP 503 from Discord', at(5), false);
        expect(await store.getDigest(d.id)).toMatchObject({ status: 'pending', attempts: 1, lastError: 'HTTP 503 from Discord', nextAttemptAt: at(5) });
        // Released: due again at the new time, even though the lease had an hour left.
        expect(await store.claimPendingDigests(at(4), 'replica-b', 60_000, 10)).toEqual([]);
        expect((await store.claimPendingDigests(at(5), 'replica-b', 60_000, 10)).map((x) => x.id)).toEqual([d.id]);
      });

      it('a final failure marks it failed and it is never claimed again', async () => {
        const { digest: d } = await store.recordDigest(digest(), at(0));
        await store.markDigestFailed(d.id, 'channel deleted', at(5), true);
        expect(await store.getDigest(d.id)).toMatchObject({ status: 'failed', attempts: 1, lastError: 'channel deleted' });
        expect(await store.claimPendingDigests(at(60 * 24), 'replica-a', 60_000, 10)).toEqual([]);
      });

      it('progress counts posted parts and never goes backwards; sent completes and releases it', async () => {
        const { digest: d } = await store.recordDigest(digest(), at(0));
        await store.claimPendingDigests(at(0), 'replica-a', 60_000, 10);
        await store.markDigestProgress(d.id, 1);
        await store.markDigestProgress(d.id, 0);
        expect((await store.getDigest(d.id))!.sentParts).toBe(1);
        await store.markDigestSent(d.id, at(1));
        expect(await store.getDigest(d.id)).toMatchObject({ status: 'sent', sentParts: 2, sentAt: at(1) });
        expect(await store.claimPendingDigests(at(10), 'replica-a', 60_000, 10)).toEqual([]);
      });

      it('a failure reported after the digest was sent does not undo the sending', async () => {
        const { digest: d } = await store.recordDigest(digest(), at(0));
        await store.markDigestSent(d.id, at(1));
        await store.markDigestFailed(d.id, 'late timeout', at(5), false);
        expect(await store.getDigest(d.id)).toMatchObject({ status: 'sent', attempts: 0, lastError: null });
      });

      it('marking a digest that does not exist throws', async () => {
        await expect(store.markDigestSent(999, at(0))).rejects.toThrow(/no digest with id 999/);
        await expect(store.markDigestFailed(999, 'x', at(0), false)).rejects.toThrow(/no digest with id 999/);
        await expect(store.markDigestProgress(999, 1)).rejects.toThrow(/no digest with id 999/);
      });

      it('lastDigest is the newest slot of the channel; listDigests lists newest first with a limit', async () => {
        expect(await store.lastDigest('discord:123456789')).toBeNull();
        for (const hour of [8, 32, 20]) await store.recordDigest(digest({ slot: at(hour * 60) }), at(hour * 60));
        await store.recordDigest(digest({ channelKey: 'slack:COTHER', slot: at(100 * 60) }), at(0));
        expect((await store.lastDigest('discord:123456789'))!.slot).toBe(at(32 * 60));
        expect((await store.listDigests('discord:123456789', 2)).map((d) => d.slot)).toEqual([at(32 * 60), at(20 * 60)]);
      });
    });

    // ---------------------------------------------------------------- seen requests

    describe('seen requests (replay records)', () => {
      it('a request is new once; again before it expires it is a replay; after expiry it is forgotten', async () => {
        expect(await store.rememberRequest('discord-interaction:1', at(15), at(0))).toBe(true);
        expect(await store.rememberRequest('discord-interaction:1', at(15), at(14))).toBe(false);
        expect(await store.rememberRequest('discord-interaction:2', at(15), at(14))).toBe(true);
        expect(await store.rememberRequest('discord-interaction:1', at(40), at(16))).toBe(true);
      });

      it('of many racing to record the same request, exactly one is first', async () => {
        const results = await Promise.all(Array.from({ length: 8 }, () => store.rememberRequest('discord-interaction:race', at(15), at(0))));
        expect(results.filter(Boolean)).toHaveLength(1);
      });
    });

    // ---------------------------------------------------------------- named leases

    describe('named leases', () => {
      it('a free lease is taken; another owner is refused while it runs; the holder may renew it', async () => {
        expect(await store.tryAcquireLease('digest:discord:1:2024-03-01T08:00', 'replica-a', 60_000, at(0))).toBe(true);
        expect(await store.tryAcquireLease('digest:discord:1:2024-03-01T08:00', 'replica-b', 60_000, at(0.5))).toBe(false);
        expect(await store.tryAcquireLease('digest:discord:1:2024-03-01T08:00', 'replica-a', 60_000, at(0.5))).toBe(true);
        // Renewed at 0.5 min for a minute: still held at 1.2 min.
        expect(await store.tryAcquireLease('digest:discord:1:2024-03-01T08:00', 'replica-b', 60_000, at(1.2))).toBe(false);
        expect(await store.tryAcquireLease('digest:discord:1:2024-03-01T08:00', 'replica-b', 60_000, at(1.5))).toBe(true);
      });

      it('released leases are free for others; releasing someone else’s lease does nothing', async () => {
        await store.tryAcquireLease('scheduler', 'replica-a', 60_000, at(0));
        await store.releaseLease('scheduler', 'replica-b');
        expect(await store.tryAcquireLease('scheduler', 'replica-b', 60_000, at(0))).toBe(false);
        await store.releaseLease('scheduler', 'replica-a');
        expect(await store.tryAcquireLease('scheduler', 'replica-b', 60_000, at(0))).toBe(true);
      });

      it('of several connections racing for the same free lease exactly one wins', async () => {
        const others = [await migratedConnection(), await migratedConnection()];
        const results = await Promise.all([store, ...others, store].map((s, i) => s.tryAcquireLease('slot:42', `replica-${i}`, 60_000, at(0))));
        expect(results.filter(Boolean)).toHaveLength(1);
      });
    });
  });
}
