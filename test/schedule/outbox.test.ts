import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/observability/logger.js';
import type { Config } from '../../src/config/schema.js';
import type { ChatSender } from '../../src/delivery/sender.js';
import type { ChannelRecord, DigestRecord, Platform } from '../../src/store/store.js';
import { produceDigest } from '../../src/schedule/produceDigest.js';
import { deliverDigest, deliverPendingDigests, retryDelayMs, type DeliverDeps } from '../../src/schedule/deliverDigests.js';
import { collectStatus, formatStatus } from '../../src/cli/status.js';
import { EnvSchema } from '../../src/config/schema.js';
import { startFakeChat, type FakeChat } from './fakeChat.js';
import { createHttpChatSender } from './httpChatSender.js';
import { addArticles, addChannel, at, baseConfig, futureDay, openTempStore, SimClock, type TempStore } from './world.js';

let world: TempStore;
let chat: FakeChat;
let sender: ChatSender;
let config: Config;
let clock: SimClock;
const day = futureDay(3);

beforeEach(async () => {
  world = await openTempStore();
  chat = await startFakeChat();
  // Short messages, so a digest of a few articles is several messages.
  sender = createHttpChatSender({ baseUrl: chat.url, maxChars: 160 });
  config = baseConfig({ maxAttempts: 12 });
  clock = new SimClock(at(day, '08:00'));
});
afterEach(async () => {
  await chat.close();
  await world.cleanup();
});

const deps = (over: Partial<DeliverDeps> = {}): DeliverDeps => ({
  store: world.store,
  config,
  logger: silentLogger,
  senders: new Map<Platform, ChatSender>([['discord', sender]]),
  owner: 'replica-a',
  now: clock.now,
  random: () => 0.5,
  ...over,
});

/** A channel with `articles` new articles before 08:00 and its 08:00 digest recorded. */
async function recordedDigest(id: string, articles: number): Promise<{ channel: ChannelRecord; digest: DigestRecord }> {
  const channel = await addChannel(world.store, { id });
  await addArticles(world.store, articles, at(day, '07:00'), `${id} story`);
  const produced = await produceDigest({ store: world.store, config, logger: silentLogger, sender }, channel, at(day, '08:00'), clock.now());
  if (produced.kind !== 'recorded') throw new Error(`expected a recorded digest, got ${produced.kind}`);
  return { channel, digest: produced.digest };
}

const stored = async (id: number) => (await world.store.getDigest(id))!;

describe('outbox delivery', () => {
  it('posts every message of a recorded digest once and marks it sent', async () => {
    const { digest } = await recordedDigest('chan-a', 4);
    expect(digest.payload.length).toBeGreaterThanOrEqual(2);

    const results = await deliverPendingDigests(deps());

    expect(results.map((r) => r.outcome)).toEqual(['sent']);
    expect(chat.postsTo('chan-a').map((p) => p.content)).toEqual(digest.payload);
    expect(chat.postsTo('chan-a').map((p) => p.idempotencyKey)).toEqual(digest.payload.map((_, i) => `${digest.id}:${i}`));
    expect(await stored(digest.id)).toMatchObject({ status: 'sent', sentParts: digest.payload.length, sentAt: clock.now().toISOString() });
    // A second pass finds nothing to do.
    expect(await deliverPendingDigests(deps())).toEqual([]);
    expect(chat.posts).toHaveLength(digest.payload.length);
  });

  it('a multi-message digest interrupted after message 1 resumes at message 2, without a duplicate', async () => {
    const { digest } = await recordedDigest('chan-a', 6);
    expect(digest.payload.length).toBeGreaterThanOrEqual(3);
    chat.answerNext(200, 503);

    const first = await deliverPendingDigests(deps());
    expect(first).toMatchObject([{ outcome: 'retrying', sentParts: 1 }]);
    expect(await stored(digest.id)).toMatchObject({ status: 'pending', sentParts: 1, attempts: 1 });
    expect(chat.posts).toHaveLength(1);

    clock.set(new Date((await stored(digest.id)).nextAttemptAt));
    const second = await deliverPendingDigests(deps());

    expect(second).toMatchObject([{ outcome: 'sent', sentParts: digest.payload.length }]);
    expect(chat.postsTo('chan-a').map((p) => p.content)).toEqual(digest.payload);
    expect(chat.duplicateKeys()).toEqual([]);
  });

  it('a permanent error marks the digest failed at once, and status shows it', async () => {
    const { digest } = await recordedDigest('chan-gone', 2);
    chat.unknownChannels.add('chan-gone');

    const results = await deliverPendingDigests(deps());

    expect(results).toMatchObject([{ outcome: 'failed' }]);
    const failed = await stored(digest.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed.lastError).toMatch(/404 Unknown Channel/);
    // Never tried again.
    clock.advance(24 * 3_600_000);
    expect(await deliverPendingDigests(deps())).toEqual([]);
    expect(chat.requests).toBe(1);

    const report = await collectStatus(world.store, config, EnvSchema.parse({}), clock.now());
    const channel = report.channels.find((c) => c.key === 'discord:chan-gone')!;
    expect(channel.failures).toMatchObject([{ id: digest.id, status: 'failed' }]);
    expect(formatStatus(report)).toMatch(/discord:chan-gone[\s\S]*FAILED after 1 attempt .*404 Unknown Channel/);
  });

  it('a transient error is retried later, each time after a longer wait', async () => {
    const { digest } = await recordedDigest('chan-a', 1);
    chat.mode = 'error500';
    const t0 = clock.now().getTime();

    await deliverPendingDigests(deps());
    const afterFirst = await stored(digest.id);
    expect(afterFirst).toMatchObject({ status: 'pending', attempts: 1 });
    expect(afterFirst.lastError).toMatch(/500/);
    const firstWait = Date.parse(afterFirst.nextAttemptAt) - t0;

    // Not before it is due.
    clock.set(new Date(Date.parse(afterFirst.nextAttemptAt) - 1000));
    expect(await deliverPendingDigests(deps())).toEqual([]);
    expect(chat.requests).toBe(1);

    clock.set(new Date(afterFirst.nextAttemptAt));
    await deliverPendingDigests(deps());
    const afterSecond = await stored(digest.id);
    expect(afterSecond.attempts).toBe(2);
    const secondWait = Date.parse(afterSecond.nextAttemptAt) - clock.now().getTime();
    expect(secondWait).toBeGreaterThan(firstWait * 1.5);

    chat.mode = 'ok';
    clock.set(new Date(afterSecond.nextAttemptAt));
    expect(await deliverPendingDigests(deps())).toMatchObject([{ outcome: 'sent' }]);
    expect(chat.postsTo('chan-a').map((p) => p.content)).toEqual(digest.payload);
  });

  it('a rate limit is waited out for at least as long as the chat API asked', async () => {
    const { digest } = await recordedDigest('chan-a', 1);
    chat.mode = 'rateLimited';
    chat.retryAfterSeconds = 600;

    await deliverPendingDigests(deps());

    const pending = await stored(digest.id);
    expect(Date.parse(pending.nextAttemptAt) - clock.now().getTime()).toBeGreaterThanOrEqual(600_000);
  });

  it('after maxAttempts failed attempts the digest is failed for good', async () => {
    config = baseConfig({ maxAttempts: 3 });
    const { digest } = await recordedDigest('chan-a', 1);
    chat.mode = 'error500';

    for (let i = 0; i < 3; i++) {
      await deliverPendingDigests(deps());
      clock.set(new Date((await stored(digest.id)).nextAttemptAt));
    }

    expect(await stored(digest.id)).toMatchObject({ status: 'failed', attempts: 3 });
    clock.advance(24 * 3_600_000);
    await deliverPendingDigests(deps());
    expect(chat.requests).toBe(3);
  });

  it('the chat API down for 10 minutes and back: each pending digest is delivered once afterwards', async () => {
    const a = await recordedDigest('chan-a', 5);
    const b = await recordedDigest('chan-b', 1);
    const t0 = clock.now().getTime();
    chat.mode = 'down';

    // The scheduler's pass runs every 15 s; simulate an hour of passes.
    let recoveredAt: number | null = null;
    for (let t = t0; t <= t0 + 3_600_000; t += 15_000) {
      clock.set(new Date(t));
      if (recoveredAt === null && t >= t0 + 10 * 60_000) {
        chat.mode = 'ok';
        recoveredAt = t;
      }
      await deliverPendingDigests(deps());
    }

    for (const { digest, channel } of [a, b]) {
      const done = await stored(digest.id);
      expect(done.status).toBe('sent');
      expect(Date.parse(done.sentAt!)).toBeGreaterThanOrEqual(recoveredAt!);
      expect(chat.postsTo(channel.externalId).map((p) => p.content)).toEqual(digest.payload);
    }
    expect(chat.duplicateKeys()).toEqual([]);
    // Backoff, not hammering: a handful of attempts per digest during the outage.
    expect((await stored(a.digest.id)).attempts).toBeLessThanOrEqual(6);
  });
});

describe('outbox leases', () => {
  it('a delivery whose lease runs short stops between messages; after the lease expires another replica resumes where it stopped', async () => {
    const { digest } = await recordedDigest('chan-a', 6);
    expect(digest.payload.length).toBeGreaterThanOrEqual(4);
    const [claimed] = await world.store.claimPendingDigests(clock.now().toISOString(), 'replica-a', 10_000, 1);
    // Every look at the clock takes 3 s of simulated time: two messages fit in 80 % of the 10 s lease.
    const slowClock = () => clock.advance(3000);

    const first = await deliverDigest(deps({ now: slowClock, leaseMs: 10_000 }), claimed!, clock.now());

    expect(first).toMatchObject({ outcome: 'handed-back', sentParts: 2 });
    expect(await stored(digest.id)).toMatchObject({ status: 'pending', sentParts: 2, attempts: 0 });
    // Still leased to replica-a: nobody else takes it yet.
    expect(await deliverPendingDigests(deps({ owner: 'replica-b' }))).toEqual([]);

    clock.advance(10_000);
    const [second] = await deliverPendingDigests(deps({ owner: 'replica-b' }));

    expect(second).toMatchObject({ outcome: 'sent' });
    expect(chat.postsTo('chan-a').map((p) => p.content)).toEqual(digest.payload);
    expect(chat.duplicateKeys()).toEqual([]);
  });
});

describe('outbox and platforms', () => {
  it('digests of a platform this process cannot post to are left, untouched, for a process that can', async () => {
    const { digest: discord } = await recordedDigest('chan-a', 1);
    const slackChannel = await addChannel(world.store, { platform: 'slack', id: 'C0SLACK' });
    const slackSender = createHttpChatSender({ baseUrl: chat.url, platform: 'slack' });
    const produced = await produceDigest({ store: world.store, config, logger: silentLogger, sender: slackSender }, slackChannel, at(day, '08:00'), clock.now());
    if (produced.kind !== 'recorded') throw new Error(produced.kind);

    const results = await deliverPendingDigests(deps());

    expect(results.map((r) => r.digestId)).toEqual([discord.id]);
    expect(await stored(produced.digest.id)).toMatchObject({ status: 'pending', attempts: 0, lastError: null });
    // Not even leased: the Slack process takes it at once.
    const slackResults = await deliverPendingDigests(deps({ owner: 'slack-replica', senders: new Map([['slack', slackSender]]) }));
    expect(slackResults).toMatchObject([{ digestId: produced.digest.id, outcome: 'sent' }]);
    expect(chat.postsTo('C0SLACK').map((p) => p.content)).toEqual(produced.digest.payload);
  });
});

describe('retry delays', () => {
  it('grow exponentially up to the cap, with a little jitter, and never undercut Retry-After', () => {
    const policy = { baseMs: 30_000, maxMs: 30 * 60_000 };
    expect(retryDelayMs(1, undefined, policy, () => 0.5)).toBe(30_000);
    expect(retryDelayMs(2, undefined, policy, () => 0.5)).toBe(60_000);
    expect(retryDelayMs(5, undefined, policy, () => 0.5)).toBe(480_000);
    expect(retryDelayMs(20, undefined, policy, () => 0.5)).toBe(30 * 60_000);
    expect(retryDelayMs(1, undefined, policy, () => 0)).toBe(27_000);
    expect(retryDelayMs(1, undefined, policy, () => 1)).toBe(33_000);
    expect(retryDelayMs(1, 120, policy, () => 0.5)).toBe(120_000);
  });
});
