/**
 * Alert messages have the digests' delivery guarantees, because they are rows of the same outbox:
 * a failed post is retried later and goes out once, and a post that Slack accepted just before the
 * worker died is found by its outbox key instead of being posted again.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addAlert } from '../../src/alerts/addAlert.js';
import { alertsOnStored } from '../../src/alerts/evaluateAlerts.js';
import { ingestFeeds } from '../../src/ingest/ingestFeeds.js';
import { silentLogger } from '../../src/observability/logger.js';
import { createSlackPostingSender } from '../../src/platforms/slack/postingSender.js';
import { deliverPendingDigests } from '../../src/schedule/deliverDigests.js';
import type { ChatSender } from '../../src/delivery/sender.js';
import type { Platform, Store } from '../../src/store/store.js';
import { FakeSlack } from '../fakes/slack/fakeSlack.js';
import { aidReport, alertConfig, startFeedWorld, tempSqlite, type FeedWorld, type TempSqlite } from './world.js';

const CHANNEL = 'C0DELIVER1';
const config = alertConfig();
let db: TempSqlite;
let store: Store;
let feed: FeedWorld;
let slack: FakeSlack;
let senders: Map<Platform, ChatSender>;

beforeEach(async () => {
  db = await tempSqlite();
  store = db.store;
  feed = await startFeedWorld();
  slack = await FakeSlack.start();
  slack.addChannel(CHANNEL);
  senders = new Map([['slack', createSlackPostingSender({ botToken: slack.botToken, apiUrl: slack.apiUrl }, silentLogger)]]);
  const channel = await store.upsertChannel({ platform: 'slack', externalId: CHANNEL, workspaceId: slack.teamId, schedule: '0 8 * * *', timezone: 'UTC', maxArticles: 10, postWhenEmpty: false, origin: 'chat' });
  await addAlert({ store, config }, channel, { measure: 'US aid to Ukraine', condition: 'above', value: '70bn' }, 'chat', new Date());
  feed.publish(aidReport('p1', '2024-11-04', '$66 billion'));
  await ingest();
  feed.publish(aidReport('p2', '2024-11-11', '$71 billion'));
  await ingest();
});
afterEach(async () => {
  await slack.close();
  await feed.close();
  await db.cleanup();
});

async function ingest(): Promise<void> {
  await ingestFeeds({ store, config, logger: silentLogger }, { feeds: [feed.url], onStored: alertsOnStored({ store, config, logger: silentLogger, now: () => new Date() }) });
}

const deliver = (owner: string, at: Date) => deliverPendingDigests({ store, config, logger: silentLogger, senders, owner, now: () => at, random: () => 0.5 });
const posts = () => slack.posts.filter((p) => p.channel === CHANNEL);

describe('alert delivery', () => {
  it('a post Slack refuses is retried later and goes out once', async () => {
    slack.forceError('chat.postMessage', 'internal_error');
    const t0 = new Date(Date.now() + 1000);
    const [first] = await deliver('worker-a', t0);
    expect(first).toMatchObject({ outcome: 'retrying', sentParts: 0 });
    expect(posts()).toHaveLength(0);
    expect(await deliver('worker-a', new Date(t0.getTime() + 5_000))).toEqual([]);
    const [second] = await deliver('worker-a', new Date(first!.nextAttemptAt!));
    expect(second).toMatchObject({ outcome: 'sent', sentParts: 1 });
    expect(posts().map((p) => p.text)).toEqual(['Alert: total aid (United States) went above $70 billion: more than $71 billion']);
  });

  it('a post accepted before its worker died is found by its outbox key once the lease expires, and not posted again', async () => {
    const t0 = new Date(Date.now() + 1000);
    // A worker leases the message and posts it, then dies before recording that it did.
    const [leased] = await store.claimPendingDigests(t0.toISOString(), 'worker-dead', 5 * 60_000, 10);
    expect(leased!.kind).toBe('alert');
    await senders.get('slack')!.post(CHANNEL, leased!.payload[0], `${leased!.id}:0`);
    expect(await deliver('worker-b', new Date(t0.getTime() + 60_000))).toEqual([]);
    const [resumed] = await deliver('worker-b', new Date(t0.getTime() + 5 * 60_000 + 1));
    expect(resumed).toMatchObject({ outcome: 'sent', sentParts: 1 });
    expect(posts()).toHaveLength(1);
    expect((await store.getDigest(leased!.id))!.status).toBe('sent');
  });
});
