import { describe, expect, it } from 'vitest';
import { startFeedPoller } from '../../src/ingest/feedPoller.js';
import { slotOffsetMs } from '../../src/ingest/pollSchedule.js';
import type { FeedIngestResult } from '../../src/ingest/ingestFeeds.js';
import type { FeedServer } from '../fakes/feedServer.js';
import { followFeeds, ingestHooks, type IngestHarness } from './harness.js';

let server: FeedServer;
let h: IngestHarness;
ingestHooks({ pollIntervalMinutes: 15 }, { server: (s) => (server = s), harness: (x) => (h = x) });

const follow = (...urls: string[]) => followFeeds(h.store, ...urls);

describe('startFeedPoller', () => {
  it('does not poll a feed no channel follows; once a channel follows it (here by a topic it carries), the next tick does', async () => {
    const url = server.url('/fixtures/small.xml?unfollowed');
    h.config.feeds = [{ url, topics: [], fullText: false }];
    const poller = startFeedPoller({ ...h.rt, owner: 'replica-a', tickMs: 60_000 });
    expect(await poller.tick()).toBe(0);
    expect(server.requestsTo('/fixtures/small.xml?unfollowed')).toHaveLength(0);

    await h.store.upsertChannel({ platform: 'console', externalId: 'reader', workspaceId: null, schedule: '0 8 * * *', timezone: 'UTC', maxArticles: 10, postWhenEmpty: false, origin: 'chat' });
    await h.store.addSubscription('console:reader', 'topic', 'ukraine-aid');
    await h.store.addFeedTopic((await h.store.getFeed(url))!.id, 'ukraine-aid', 'cli');
    expect(await poller.tick()).toBe(1);
    await poller.stop();
    expect(server.requestsTo('/fixtures/small.xml?unfollowed')).toHaveLength(1);
  });

  it('polls the config feeds that are due and schedules each at its slot of the next interval', async () => {
    const url = server.url('/fixtures/small.xml?poller');
    h.config.feeds = [{ url, topics: [], fullText: false }];
    await follow(url);
    const results: FeedIngestResult[] = [];
    const poller = startFeedPoller({ ...h.rt, owner: 'replica-a', tickMs: 60_000, onResult: (r) => results.push(r) });
    await poller.tick();
    await poller.stop();
    expect(results).toEqual([{ url, status: 'ok', items: 2, new: 2, backlog: 0, error: null }]);
    const feed = (await h.store.getFeed(url))!;
    expect(Date.parse(feed.nextPollAt!) % (15 * 60_000)).toBe(slotOffsetMs(url, 15 * 60_000));
    expect(Date.parse(feed.nextPollAt!)).toBeGreaterThan(Date.now());
  });

  it('polls each feed once per interval even with two replicas ticking together', async () => {
    const urls = Array.from({ length: 6 }, (_, i) => server.url(`/slow/fixtures/small.xml?ms=50&replicas=${i}`));
    h.config.feeds = urls.map((url) => ({ url, topics: [], fullText: false }));
    await follow(...urls);
    const a = startFeedPoller({ ...h.rt, owner: 'replica-a', tickMs: 60_000 });
    const b = startFeedPoller({ ...h.rt, owner: 'replica-b', tickMs: 60_000 });
    await Promise.all([a.tick(), b.tick()]);
    await Promise.all([a.tick(), b.tick()]);
    await Promise.all([a.stop(), b.stop()]);
    for (let i = 0; i < urls.length; i++) expect(server.requestsTo(`/slow/fixtures/small.xml?ms=50&replicas=${i}`)).toHaveLength(1);
  });

  it('stop() waits for the feeds in hand', async () => {
    const url = server.url('/slow/fixtures/small.xml?ms=300&stopping');
    h.config.feeds = [{ url, topics: [], fullText: false }];
    await follow(url);
    const poller = startFeedPoller({ ...h.rt, owner: 'replica-a', tickMs: 60_000 });
    await new Promise((r) => setTimeout(r, 100));
    await poller.stop();
    expect((await h.store.getFeed(url))!.lastFetchedAt).not.toBeNull();
  });
});
