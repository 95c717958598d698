import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { loadConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/schema.js';
import { ConsoleSender } from '../../src/delivery/consoleSender.js';
import { silentLogger } from '../../src/observability/logger.js';
import { postDigestNow } from '../../src/schedule/postDigestNow.js';
import { SqliteStore } from '../../src/store/sqlStore.js';
import type { ChannelRecord, Store } from '../../src/store/store.js';
import { repoRoot } from '../helpers/tempConfig.js';

// Friday 4 Dec 2026, 12:00 UTC; the channel's first digest looks 24 hours back, to Thursday 12:00.
const NOW = new Date('2026-12-04T12:00:00.000Z');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000).toISOString();

let store: Store;
let config: Config;
let channel: ChannelRecord;
let out: PassThrough;

beforeEach(async () => {
  config = loadConfig({ configDir: path.join(repoRoot, 'config'), env: {} }).config;
  config = { ...config, feeds: [], channels: [] };
  store = await SqliteStore.open(':memory:', silentLogger);
  await store.migrate();
  channel = await store.upsertChannel({ platform: 'console', externalId: 'newsroom', workspaceId: null, schedule: '0 8 * * *', timezone: 'Europe/Kyiv', maxArticles: 10, postWhenEmpty: false, origin: 'chat' });
  out = new PassThrough();
});
afterEach(async () => store.close());

const digestNow = async () =>
  (await postDigestNow({ store, config, logger: silentLogger, senders: new Map([['console', new ConsoleSender({ out })]]), owner: 'test', now: () => NOW }, channel)).text;

async function feedFollowed(url: string, fetchedHoursAgo: number | null, failing?: string) {
  const feed = await store.upsertFeed({ url, title: null, trusted: false });
  await store.addSubscription(channel.key, 'feed', url);
  if (fetchedHoursAgo !== null) {
    await store.recordFetch(feed.id, { lastStatus: failing ? 500 : 200, lastError: failing ?? null, fetchedAt: hoursAgo(fetchedHoursAgo), consecutiveFailures: failing ? 2 : 0, nextPollAt: hoursAgo(-1) });
  }
  return feed;
}

const story = (n: number, seeded = false) => ({ guid: `s${n}`, link: `https://wire.example/s${n}`, title: `Story ${n}`, published: hoursAgo(2), publishedIsFetchTime: false, author: null, summary: null, text: null, seeded });

describe('/digest now with nothing new says why, and what to do in chat', () => {
  it('this channel follows nothing: it says so and names /digest subscribe', async () => {
    expect(await digestNow()).toBe('Nothing new for console:newsroom since yesterday 14:00 Kyiv time.\nThis channel follows no feed yet. Add one: /digest subscribe <topic or feed URL>\nNo digest was posted.');
  });

  it('new articles came only from a feed the channel does not follow: it counts them and names the feed to subscribe to', async () => {
    await feedFollowed('https://ours.example/rss', 1);
    const other = await store.upsertFeed({ url: 'https://theirs.example/rss', trusted: true });
    await store.saveArticles(other.id, [story(1), story(2)], hoursAgo(1));
    expect(await digestNow()).toBe(
      'Nothing new for console:newsroom since yesterday 14:00 Kyiv time.\n2 new articles came from feeds this channel does not follow: https://theirs.example/rss (2). To follow one: /digest subscribe https://theirs.example/rss\nNo digest was posted.',
    );
  });

  it('all new articles of its feed are a new feed\'s backlog: it says so, with the setting', async () => {
    const feed = await feedFollowed('https://ours.example/rss', 1);
    await store.saveArticles(feed.id, [story(1, true), story(2, true)], hoursAgo(1));
    expect(await digestNow()).toBe(
      "Nothing new for console:newsroom since yesterday 14:00 Kyiv time.\nAll 2 articles stored since then from its feeds are a new feed's backlog: https://ours.example/rss (2). A feed read for the first time keeps only its newest 3 items as new (ingest.initialItems) and stores the older ones as already seen. Its next new items will be in the next digest.\nNo digest was posted.",
    );
  });

  it("new articles of its feeds match none of its topics' keywords: it says so, and what to change", async () => {
    const feed = await store.upsertFeed({ url: 'https://harbour.example/rss', trusted: true });
    await store.addFeedTopic(feed.id, 'ukraine-war', 'cli');
    await store.addSubscription(channel.key, 'topic', 'ukraine-war');
    await store.saveArticles(feed.id, [{ ...story(1), title: 'Harbour festival opens with a regatta' }], hoursAgo(1));
    expect(await digestNow()).toBe(
      'Nothing new for console:newsroom since yesterday 14:00 Kyiv time.\n1 new article from the feeds it follows matched none of its topics (their keywords in config decide). Change topics[].keywords in config, or follow the feed itself: /digest subscribe https://harbour.example/rss\nNo digest was posted.',
    );
  });

  it('no feed it follows was polled since the period began: it says when the last poll was', async () => {
    await feedFollowed('https://ours.example/rss', 30);
    expect(await digestNow()).toBe(
      'Nothing new for console:newsroom since yesterday 14:00 Kyiv time.\nNo feed it follows was polled since yesterday 14:00 Kyiv time; the last poll was yesterday 08:00 Kyiv time. The bot polls them every 15 minutes while it runs.\nNo digest was posted.',
    );
  });

  it('its feeds were polled and had nothing new; a failing one is named with its error', async () => {
    await feedFollowed('https://ours.example/rss', 1);
    await feedFollowed('https://broken.example/rss', 2, 'HTTP 500 Internal Server Error');
    expect(await digestNow()).toBe(
      'Nothing new for console:newsroom since yesterday 14:00 Kyiv time.\nIts 2 feeds were polled (last today 13:00 Kyiv time) and had nothing new.\n1 feed is failing: https://broken.example/rss: HTTP 500 Internal Server Error. See /digest feeds.\nNo digest was posted.',
    );
  });

  it('a feed never fetched yet: it says none has been fetched', async () => {
    await feedFollowed('https://ours.example/rss', null);
    expect(await digestNow()).toBe('Nothing new for console:newsroom since yesterday 14:00 Kyiv time.\nNone of the 1 feed it follows has been fetched yet. The bot polls them every 15 minutes while it runs.\nNo digest was posted.');
  });
});
