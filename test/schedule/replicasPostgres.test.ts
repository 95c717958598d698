import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/observability/logger.js';
import { PostgresStore } from '../../src/store/sqlStore.js';
import type { ChatSender } from '../../src/delivery/sender.js';
import type { Platform, Store } from '../../src/store/store.js';
import { startScheduler, type Scheduler } from '../../src/schedule/scheduler.js';
import { createTempDatabase, type TempDatabase } from '../helpers/postgres.js';
import { startFakeChat, type FakeChat } from './fakeChat.js';
import { createHttpChatSender } from './httpChatSender.js';
import { addArticles, addChannel, at, baseConfig, futureDay, SimClock } from './world.js';

let db: TempDatabase;
let chat: FakeChat;
const stores: Store[] = [];
const schedulers: Scheduler[] = [];
const day = futureDay(3);

beforeEach(async () => {
  db = await createTempDatabase('newsdigest_schedule');
  chat = await startFakeChat();
});
afterEach(async () => {
  await Promise.all(schedulers.splice(0).map((s) => s.stop()));
  await Promise.all(stores.splice(0).map((s) => s.close()));
  await chat.close();
  await db.drop();
});

async function connect(): Promise<Store> {
  const store = await PostgresStore.connect(db.url, silentLogger);
  await store.migrate();
  stores.push(store);
  return store;
}

describe('replicas on PostgreSQL', () => {
  it('three replicas produce and deliver one digest per channel and slot', async () => {
    const replicas = await Promise.all([connect(), connect(), connect()]);
    const keys: string[] = [];
    for (const id of ['chan-a', 'chan-b', 'chan-c', 'chan-d']) keys.push((await addChannel(replicas[0]!, { id })).key);
    await addArticles(replicas[0]!, 4, at(day, '07:00'));
    const clock = new SimClock(at(day, '08:00', 3));

    const started = await Promise.all(
      replicas.map((store, i) =>
        startScheduler({
          store,
          config: baseConfig(),
          logger: silentLogger,
          senders: new Map<Platform, ChatSender>([['discord', createHttpChatSender({ baseUrl: chat.url, maxChars: 300 })]]),
          owner: `replica-${i}`,
          now: clock.now,
          passIntervalMs: 0,
        }),
      ),
    );
    schedulers.push(...started);
    await Promise.all(started.map((s) => s.idle()));
    await Promise.all(started.map((s) => s.runPass()));

    for (const key of keys) {
      const digests = await replicas[1]!.listDigests(key, 10);
      expect(digests.map((d) => [d.slot, d.status])).toEqual([[at(day, '08:00').toISOString(), 'sent']]);
      expect(chat.postsTo(key.split(':')[1]!).map((p) => p.content)).toEqual(digests[0]!.payload);
    }
    expect(chat.duplicateKeys()).toEqual([]);
  });

  it('a replica without a sender for a platform leaves that platform\'s digests to the others', async () => {
    const [store] = await Promise.all([connect()]);
    const discord = await addChannel(store!, { id: 'chan-a' });
    const slack = await addChannel(store!, { platform: 'slack', id: 'C0SLACK' });
    await addArticles(store!, 1, at(day, '07:00'));
    const clock = new SimClock(at(day, '08:00', 3));
    const scheduler = await startScheduler({
      store: store!,
      config: baseConfig(),
      logger: silentLogger,
      senders: new Map<Platform, ChatSender>([['discord', createHttpChatSender({ baseUrl: chat.url })]]),
      owner: 'discord-only',
      now: clock.now,
      passIntervalMs: 0,
    });
    schedulers.push(scheduler);
    await scheduler.idle();

    expect((await store!.listDigests(discord.key, 10)).map((d) => d.status)).toEqual(['sent']);
    expect(await store!.listDigests(slack.key, 10)).toEqual([]);
    // A Slack digest recorded by another replica stays unclaimed here.
    await store!.recordDigest({ channelKey: slack.key, slot: at(day, '08:00').toISOString(), payload: ['hi'], articleIds: [], periodStart: at(day, '07:00').toISOString(), periodEnd: at(day, '08:00').toISOString() }, clock.now().toISOString());
    await scheduler.runPass();
    expect(await store!.claimPendingDigests(clock.now().toISOString(), 'slack-replica', 60_000, 10, ['slack'])).toHaveLength(1);
  });
});
