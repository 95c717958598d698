/**
 * The chat API down for 10 minutes and back, with the real Slack sender (Bolt's WebClient, as the
 * app builds it) posting to the fake Slack through a proxy that plays the outage: HTTP 503 from a
 * load balancer, or connections refused. Time is simulated: the outbox is run every 15 s of an
 * hour. Each pending digest must be posted once afterwards, every message exactly once, in order.
 * (test/schedule covers the outbox logic with a test sender; this is the same fault end to end
 * through the platform client.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { EnvSchema, type Config } from '../../src/config/schema.js';
import type { FeedItem } from '../../src/feeds/feedItem.js';
import { silentLogger } from '../../src/observability/logger.js';
import { startSlack, type SlackAdapter } from '../../src/platforms/slack/index.js';
import { deliverPendingDigests } from '../../src/schedule/deliverDigests.js';
import { produceDigest } from '../../src/schedule/produceDigest.js';
import { createHttpServer, type HttpServer } from '../../src/server/httpServer.js';
import { SqliteStore } from '../../src/store/sqlStore.js';
import type { ChannelRecord, DigestRecord } from '../../src/store/store.js';
import { FakeSlack } from '../fakes/slack/fakeSlack.js';
import { repoRoot } from '../helpers/tempConfig.js';
import { startOutageProxy, type OutageMode, type OutageProxy } from './outageProxy.js';

const FEED_URL = 'https://wire.example/feed.xml';
const config: Config = loadConfig({ configDir: path.join(repoRoot, 'config'), env: {} }).config;

let dir: string;
let store: SqliteStore;
let fake: FakeSlack;
let proxy: OutageProxy;
let server: HttpServer;
let slack: SlackAdapter;
let clock: number;
const now = (): Date => new Date(clock);

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'newsdigest-chat-down-'));
  store = await SqliteStore.open(path.join(dir, 'newsdigest.db'), silentLogger);
  await store.migrate();
  fake = await FakeSlack.start();
  proxy = await startOutageProxy(fake.apiUrl);
  server = createHttpServer(silentLogger);
  const env = EnvSchema.parse({ SLACK_BOT_TOKEN: fake.botToken, SLACK_SIGNING_SECRET: fake.signingSecret, SLACK_API_URL: `${proxy.origin}/api/` });
  slack = await startSlack({ env, config, logger: silentLogger, runCommand: async () => ({ text: 'unused', ephemeral: true }), server });
  clock = Date.now();
});

afterEach(async () => {
  await slack.stop();
  await server.close();
  await proxy.close();
  await fake.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A Slack channel following the wire feed, with `articles` new articles, and its digest recorded (pending). */
async function pendingDigest(channelId: string, articles: number): Promise<{ channel: ChannelRecord; digest: DigestRecord }> {
  fake.addChannel(channelId);
  const feed = (await store.getFeed(FEED_URL)) ?? (await store.upsertFeed({ url: FEED_URL, title: 'Wire', trusted: true }));
  const seenAt = new Date(clock - 3_600_000).toISOString();
  const items: FeedItem[] = Array.from({ length: articles }, (_, i) => ({
    guid: `${channelId}-${i}`,
    link: `https://wire.example/${channelId}/${i}`,
    title: `${channelId} report ${i}: the United States has provided $${60 + i} billion in military aid to date`,
    published: seenAt,
    publishedIsFetchTime: false,
    author: null,
    summary: null,
    text: `The United States has provided $${60 + i} billion in military aid to date.`,
  }));
  await store.saveArticles(feed.id, items, seenAt);
  const channel = await store.upsertChannel({ platform: 'slack', externalId: channelId, workspaceId: fake.teamId, schedule: '0 8 * * *', timezone: 'UTC', maxArticles: 100, postWhenEmpty: false, origin: 'config' });
  await store.addSubscription(channel.key, 'feed', FEED_URL);
  const produced = await produceDigest({ store, config, logger: silentLogger, sender: slack.sender }, channel, now(), now());
  if (produced.kind !== 'recorded') throw new Error(`expected a recorded digest, got ${produced.kind}`);
  return { channel, digest: produced.digest };
}

/** The outage for 10 simulated minutes from now, then the API back; the outbox runs every 15 s for an hour. */
async function outageThenRecovery(mode: Exclude<OutageMode, 'up'>): Promise<number> {
  const start = clock;
  await proxy.setMode(mode);
  let recoveredAt = 0;
  for (let t = start; t <= start + 3_600_000; t += 15_000) {
    clock = t;
    if (recoveredAt === 0 && t >= start + 10 * 60_000) {
      await proxy.setMode('up');
      recoveredAt = t;
    }
    await deliverPendingDigests({ store, config, logger: silentLogger, senders: new Map([['slack', slack.sender]]), owner: 'faults-test', now });
  }
  return recoveredAt;
}

async function expectDeliveredOnceAfter(recoveredAt: number, ...pending: Array<{ channel: ChannelRecord; digest: DigestRecord }>): Promise<void> {
  for (const { channel, digest } of pending) {
    const done = (await store.getDigest(digest.id))!;
    expect(done.status).toBe('sent');
    expect(Date.parse(done.sentAt!)).toBeGreaterThanOrEqual(recoveredAt);
    // Tried during the outage, with backoff rather than every pass.
    expect(done.attempts).toBeGreaterThanOrEqual(2);
    expect(done.attempts).toBeLessThanOrEqual(6);
    // Every message once, in order, exactly as recorded.
    const posted = fake.posts.filter((p) => p.channel === channel.externalId).map((p) => p.text);
    expect(posted).toEqual((digest.payload as Array<{ text: string }>).map((m) => m.text));
  }
}

describe('the Slack API down for 10 minutes and back', () => {
  it('answering HTTP 503: each pending digest is posted once afterwards, every message exactly once', async () => {
    const big = await pendingDigest('C0DOWN0001', 100); // more than one message's 12,000 block characters
    const small = await pendingDigest('C0DOWN0002', 2);
    expect(big.digest.payload.length).toBeGreaterThan(1);

    const recoveredAt = await outageThenRecovery('http503');

    expect(proxy.refusedRequests).toBeGreaterThanOrEqual(2);
    await expectDeliveredOnceAfter(recoveredAt, big, small);
  });

  it('refusing connections: each pending digest is posted once afterwards, every message exactly once', async () => {
    const big = await pendingDigest('C0DOWN0001', 100); // more than one message's 12,000 block characters
    const small = await pendingDigest('C0DOWN0002', 2);

    const recoveredAt = await outageThenRecovery('refused');

    await expectDeliveredOnceAfter(recoveredAt, big, small);
  });
});
