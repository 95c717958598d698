import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { createLogger, silentLogger } from '../../src/observability/logger.js';
import type { ChatSender } from '../../src/delivery/sender.js';
import type { Platform, Store } from '../../src/store/store.js';
import { startScheduler, type Scheduler, type SchedulerOptions, type SchedulerRunEvent } from '../../src/schedule/scheduler.js';
import { startFakeChat, type FakeChat } from './fakeChat.js';
import { createHttpChatSender } from './httpChatSender.js';
import { addArticles, addChannel, at, baseConfig, futureDay, openTempStore, SimClock, type TempStore } from './world.js';

let world: TempStore;
let chat: FakeChat;
let sender: ChatSender;
const running: Scheduler[] = [];
const day = futureDay(3);
const nextDay = (n: number) => new Date(day.getTime() + n * 86_400_000);

beforeEach(async () => {
  world = await openTempStore();
  chat = await startFakeChat();
  sender = createHttpChatSender({ baseUrl: chat.url, maxChars: 400 });
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
  await chat.close();
  await world.cleanup();
});

async function start(over: Partial<SchedulerOptions> = {}): Promise<Scheduler> {
  const scheduler = await startScheduler({
    store: world.store,
    config: baseConfig(),
    logger: silentLogger,
    senders: new Map<Platform, ChatSender>([['discord', sender]]),
    owner: 'replica-a',
    passIntervalMs: 0,
    ...over,
  });
  running.push(scheduler);
  return scheduler;
}

const digestsOf = async (key: string, store: Store = world.store) => (await store.listDigests(key, 100)).reverse();

/** Polls until `check` holds (real time), failing after `ms`. */
async function eventually(check: () => Promise<boolean>, ms = 8000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Each (channel, slot) has one digest, sent, whose messages the chat got exactly once. */
async function expectEachSlotPostedOnce(keys: string[], store: Store = world.store): Promise<void> {
  for (const key of keys) {
    const digests = await digestsOf(key, store);
    expect(new Set(digests.map((d) => d.slot)).size).toBe(digests.length);
    const externalId = key.split(':')[1]!;
    const expected = digests.filter((d) => d.status === 'sent').flatMap((d) => d.payload);
    expect(chat.postsTo(externalId).map((p) => p.content)).toEqual(expected);
  }
  expect(chat.duplicateKeys()).toEqual([]);
}

describe('digest scheduler', () => {
  it('tells the operator when each channel\'s next digest is due, at start and after each run, in its zone', async () => {
    await addChannel(world.store, { id: 'chan-kyiv', timezone: 'Europe/Kyiv' });
    const lines: string[] = [];
    const out = new PassThrough();
    out.on('data', (b: Buffer) => lines.push(...b.toString().split('\n').filter(Boolean)));
    // 05:30 UTC is 07:30 in Kyiv (UTC+2 in winter, UTC+3 in summer: both before 08:00 local).
    const clock = new SimClock(at(day, '04:30'));
    const scheduler = await start({ now: clock.now, logger: createLogger({ destination: out }) });
    await scheduler.idle();
    const nextLines = () => lines.map((l) => JSON.parse(l) as { msg: string; channel?: string }).filter((l) => l.msg.startsWith('next digest'));
    expect(nextLines().map((l) => l.msg)).toEqual(['next digest for discord:chan-kyiv: today 08:00 Kyiv time, schedule "0 8 * * *" (at 08:00, every day, Kyiv time)']);
    // The key is said once per line: the message carries the words, the field the channel.
    expect(lines.every((l) => (l.match(/"channel":/g) ?? []).length <= 1)).toBe(true);

    await addArticles(world.store, 1, at(day, '04:00'), 'Morning');
    clock.set(at(day, '07:00'));
    await scheduler.runPass();
    await scheduler.idle();
    expect(nextLines().map((l) => l.msg).at(-1)).toBe('next digest for discord:chan-kyiv: tomorrow 08:00 Kyiv time, schedule "0 8 * * *" (at 08:00, every day, Kyiv time)');
    // The run's own lines say its slot in words too, not as an ISO timestamp.
    const messages = lines.map((l) => (JSON.parse(l) as { msg: string }).msg);
    expect(messages).toContain('digest recorded for discord:chan-kyiv (slot today 08:00 Kyiv time)');
    expect(messages).toContain('digest sent to discord:chan-kyiv (slot today 08:00 Kyiv time)');
  });

  it('two channels due in the same minute each get one digest', async () => {
    await addChannel(world.store, { id: 'chan-a' });
    await addChannel(world.store, { id: 'chan-b' });
    await addArticles(world.store, 2, at(day, '07:00'));
    const clock = new SimClock(at(day, '08:00', 5));

    const scheduler = await start({ now: clock.now });
    await scheduler.idle();
    await scheduler.runPass();

    for (const key of ['discord:chan-a', 'discord:chan-b']) {
      const digests = await digestsOf(key);
      expect(digests.map((d) => [d.slot, d.status])).toEqual([[at(day, '08:00').toISOString(), 'sent']]);
      expect(digests[0]!.articleIds).toHaveLength(2);
    }
    await expectEachSlotPostedOnce(['discord:chan-a', 'discord:chan-b']);
  });

  it('two channels whose cron ticks in the same second each get one digest per slot (real node-cron ticks)', async () => {
    await addChannel(world.store, { id: 'chan-a', schedule: '* * * * * *' });
    await addChannel(world.store, { id: 'chan-b', schedule: '* * * * * *' });
    await addArticles(world.store, 2, new Date(Date.now() - 120_000));

    const scheduler = await start();
    await eventually(async () => (await digestsOf('discord:chan-a')).some((d) => d.status === 'sent') && (await digestsOf('discord:chan-b')).some((d) => d.status === 'sent'));
    // Let several more ticks of the same minute go by.
    await new Promise((r) => setTimeout(r, 1500));
    await scheduler.stop();

    await expectEachSlotPostedOnce(['discord:chan-a', 'discord:chan-b']);
    for (const key of ['discord:chan-a', 'discord:chan-b']) {
      const withArticles = (await digestsOf(key)).filter((d) => d.articleIds.length > 0);
      expect(withArticles).toHaveLength(1);
    }
  });

  it('after downtime spanning three slots, the most recent one is caught up once, covering everything missed', async () => {
    const channel = await addChannel(world.store, { id: 'chan-a' });
    await addArticles(world.store, 1, at(day, '07:00'), 'Before');
    const clock = new SimClock(at(day, '08:00', 1));
    const before = await start({ now: clock.now });
    await before.idle();
    await before.stop();
    expect(await digestsOf(channel.key)).toHaveLength(1);

    // Down from day 0 09:00 to day 3 09:30: the 08:00 slots of days 1, 2 and 3 are missed.
    const missed = [
      ...(await addArticles(world.store, 1, at(nextDay(1), '12:00'), 'Day one')),
      ...(await addArticles(world.store, 1, at(nextDay(2), '12:00'), 'Day two')),
      ...(await addArticles(world.store, 1, at(nextDay(3), '07:00'), 'Day three')),
    ];
    clock.set(at(nextDay(3), '09:30'));
    const events: SchedulerRunEvent[] = [];
    const after = await start({ now: clock.now, onRun: (e) => events.push(e) });
    await after.idle();
    await after.runPass();
    await after.idle();

    const digests = await digestsOf(channel.key);
    expect(digests.map((d) => d.slot)).toEqual([at(day, '08:00').toISOString(), at(nextDay(3), '08:00').toISOString()]);
    const caughtUp = digests[1]!;
    expect(caughtUp).toMatchObject({ status: 'sent', periodStart: at(day, '08:00').toISOString(), periodEnd: at(nextDay(3), '08:00').toISOString() });
    expect(caughtUp.articleIds).toHaveLength(3);
    for (const title of missed) expect(chat.posts.map((p) => p.content).join('\n')).toContain(title);
    expect(events.filter((e) => e.type === 'start').map((e) => e.type === 'start' && e.reason)).toEqual(['catch-up']);

    // Another restart the same morning catches nothing up again.
    await after.stop();
    clock.set(at(nextDay(3), '10:00'));
    const again = await start({ now: clock.now });
    await again.idle();
    expect(await digestsOf(channel.key)).toHaveLength(2);
    await expectEachSlotPostedOnce([channel.key]);
  });

  it('a slot with nothing new records nothing and is not produced again on every pass', async () => {
    const channel = await addChannel(world.store, { id: 'chan-a' });
    const clock = new SimClock(at(day, '08:00', 5));
    const events: SchedulerRunEvent[] = [];
    const scheduler = await start({ now: clock.now, onRun: (e) => events.push(e) });
    await scheduler.idle();
    await scheduler.runPass();
    await scheduler.runPass();

    expect(await digestsOf(channel.key)).toEqual([]);
    expect(chat.requests).toBe(0);
    expect(events.filter((e) => e.type === 'finish')).toMatchObject([{ outcome: 'empty' }]);
  });

  it('a channel created after the day\'s slot passed is not caught up at start', async () => {
    // Daily at the minute five minutes ago: today's slot passed before the channel existed.
    const fiveMinutesAgo = new Date(Date.now() - 5 * 60_000);
    const schedule = `${fiveMinutesAgo.getUTCMinutes()} ${fiveMinutesAgo.getUTCHours()} * * *`;
    const channel = await addChannel(world.store, { id: 'chan-a', schedule });
    await addArticles(world.store, 1, new Date(Date.now() - 60_000));
    const clock = new SimClock(new Date(Date.now() + 60_000));
    const events: SchedulerRunEvent[] = [];
    const scheduler = await start({ now: clock.now, onRun: (e) => events.push(e) });
    await scheduler.idle();
    expect(events).toEqual([]);
    expect(await digestsOf(channel.key)).toEqual([]);

    // The next day's slot, if its tick never fires, is made up by the periodic pass once the tick is overdue.
    const tomorrow = Math.floor(fiveMinutesAgo.getTime() / 60_000) * 60_000 + 86_400_000;
    clock.set(new Date(tomorrow + 30_000));
    await scheduler.runPass();
    expect(await digestsOf(channel.key)).toEqual([]);
    clock.set(new Date(tomorrow + 90_000));
    await scheduler.runPass();
    expect((await digestsOf(channel.key)).map((d) => d.status)).toEqual(['sent']);
  });

  it('a schedule changed from chat takes effect on reload', async () => {
    const channel = await addChannel(world.store, { id: 'chan-a', schedule: '0 0 1 1 *' });
    await addArticles(world.store, 1, new Date(Date.now() - 120_000));
    const scheduler = await start();
    expect(scheduler.scheduled()).toEqual([{ channelKey: channel.key, schedule: '0 0 1 1 *', timezone: 'UTC' }]);

    await world.store.upsertChannel({ ...channel, schedule: '* * * * * *' });
    await scheduler.reload(channel.key);

    expect(scheduler.scheduled()).toEqual([{ channelKey: channel.key, schedule: '* * * * * *', timezone: 'UTC' }]);
    await eventually(async () => (await digestsOf(channel.key)).some((d) => d.status === 'sent'));
  });

  it('a schedule changed on another replica is picked up by the next pass', async () => {
    const channel = await addChannel(world.store, { id: 'chan-a', schedule: '0 8 * * *' });
    const scheduler = await start();
    await scheduler.idle();

    await world.store.upsertChannel({ ...channel, schedule: '30 18 * * 1-5', timezone: 'Europe/Kyiv' });
    await scheduler.runPass();

    expect(scheduler.scheduled()).toEqual([{ channelKey: channel.key, schedule: '30 18 * * 1-5', timezone: 'Europe/Kyiv' }]);
  });

  it('only channels whose platform has a sender are scheduled', async () => {
    await addChannel(world.store, { id: 'chan-a' });
    await addChannel(world.store, { platform: 'slack', id: 'C0SLACK' });
    const scheduler = await start();
    expect(scheduler.scheduled().map((s) => s.channelKey)).toEqual(['discord:chan-a']);
  });

  it('runs of one channel never overlap: a tick that arrives during a slow run is skipped', async () => {
    // Simulated time runs 60× fast, so every one-second tick is a new minute slot.
    const origin = Date.now();
    const base = at(day, '08:00');
    const now = () => new Date(base.getTime() + (Date.now() - origin) * 60);
    const channel = await addChannel(world.store, { id: 'chan-a', schedule: '* * * * * *', postWhenEmpty: true });
    chat.delayMs = 2500;
    const events: SchedulerRunEvent[] = [];
    let inRun = 0;
    let maxInRun = 0;
    const scheduler = await start({
      now,
      onRun: (e) => {
        events.push(e);
        if (e.type === 'start') maxInRun = Math.max(maxInRun, ++inRun);
        if (e.type === 'finish') inRun--;
      },
    });

    await new Promise((r) => setTimeout(r, 4500));
    await scheduler.stop();

    expect(events.filter((e) => e.type === 'overlap').length).toBeGreaterThanOrEqual(1);
    expect(maxInRun).toBe(1);
    expect(chat.maxInFlight.get('chan-a')).toBe(1);
    expect(chat.duplicateKeys()).toEqual([]);
    const sent = (await digestsOf(channel.key)).filter((d) => d.status === 'sent');
    expect(sent.length).toBeGreaterThanOrEqual(1);
    expect(chat.posts).toHaveLength(sent.reduce((n, d) => n + d.payload.length, 0));
  });

  it('two replicas on one database produce and deliver one digest per channel and slot', async () => {
    const otherStore = await world.openAnother();
    for (const id of ['chan-a', 'chan-b', 'chan-c']) await addChannel(world.store, { id });
    await addArticles(world.store, 3, at(day, '07:00'));
    const clock = new SimClock(at(day, '08:00', 2));
    const senderB = createHttpChatSender({ baseUrl: chat.url, maxChars: 400 });

    const [a, b] = await Promise.all([
      start({ now: clock.now, owner: 'replica-a' }),
      start({ now: clock.now, owner: 'replica-b', store: otherStore, senders: new Map([['discord', senderB]]) }),
    ]);
    await Promise.all([a.idle(), b.idle()]);
    await Promise.all([a.runPass(), b.runPass()]);

    for (const key of ['discord:chan-a', 'discord:chan-b', 'discord:chan-c']) {
      expect((await digestsOf(key)).map((d) => [d.slot, d.status])).toEqual([[at(day, '08:00').toISOString(), 'sent']]);
    }
    await expectEachSlotPostedOnce(['discord:chan-a', 'discord:chan-b', 'discord:chan-c']);
  });

  it('two replicas ticking every second on one database post each slot once (real node-cron ticks)', async () => {
    const otherStore = await world.openAnother();
    for (const id of ['chan-a', 'chan-b']) await addChannel(world.store, { id, schedule: '* * * * * *', postWhenEmpty: true });
    await addArticles(world.store, 2, new Date(Date.now() - 120_000));
    const senderB = createHttpChatSender({ baseUrl: chat.url, maxChars: 400 });

    const a = await start({ owner: 'replica-a' });
    const b = await start({ owner: 'replica-b', store: otherStore, senders: new Map([['discord', senderB]]) });
    await new Promise((r) => setTimeout(r, 2500));
    await Promise.all([a.stop(), b.stop()]);

    for (const key of ['discord:chan-a', 'discord:chan-b']) expect((await digestsOf(key)).length).toBeGreaterThanOrEqual(1);
    await expectEachSlotPostedOnce(['discord:chan-a', 'discord:chan-b']);
  });

  it('digest now posts the articles not yet digested and says so; a second request in the same minute posts nothing more', async () => {
    const channel = await addChannel(world.store, { id: 'chan-a' });
    await addArticles(world.store, 3, at(day, '09:00'));
    const clock = new SimClock(at(day, '09:30', 10));
    const scheduler = await start({ now: clock.now });
    await scheduler.idle();

    const reply = await scheduler.runNow(channel);
    expect(reply).toMatch(/^Posted a digest of 3 articles in \d+ messages? to discord:chan-a\.$/);
    const posts = chat.posts.length;
    expect(posts).toBeGreaterThanOrEqual(1);

    clock.advance(20_000);
    const again = await scheduler.runNow(channel);
    expect(again).toMatch(/^A digest for this minute was already posted to discord:chan-a \(3 articles\); nothing more was posted\.$/);
    expect(chat.posts).toHaveLength(posts);

    clock.advance(60_000);
    expect(await scheduler.runNow(channel)).toMatch(/^Nothing new for discord:chan-a since/);
  });

  it('digest now includes an article stored seconds ago, within the current minute', async () => {
    const channel = await addChannel(world.store, { id: 'chan-a' });
    await addArticles(world.store, 1, at(day, '09:30', 5));
    const clock = new SimClock(at(day, '09:30', 40));
    const scheduler = await start({ now: clock.now });
    await scheduler.idle();
    expect(await scheduler.runNow(channel)).toMatch(/^Posted a digest of 1 article in \d+ messages? to discord:chan-a\.$/);
  });

  it('digest now for a platform this process cannot post to says so and records nothing', async () => {
    const channel = await addChannel(world.store, { platform: 'slack', id: 'C0SLACK' });
    await addArticles(world.store, 1, new Date(Date.now() - 60_000));
    const scheduler = await start();
    expect(await scheduler.runNow(channel)).toMatch(/Cannot post to slack:C0SLACK: this process has no slack connection/);
    expect(await digestsOf(channel.key)).toEqual([]);
  });

  it('stop waits for the delivery in hand, which ends sent with no lease left behind', async () => {
    const channel = await addChannel(world.store, { id: 'chan-a' });
    await addArticles(world.store, 1, at(day, '07:00'));
    chat.delayMs = 800;
    const clock = new SimClock(at(day, '08:00', 5));
    const scheduler = await start({ now: clock.now });
    await eventually(async () => chat.requests > 0);

    await scheduler.stop();

    const [digest] = await digestsOf(channel.key);
    expect(digest).toMatchObject({ status: 'sent' });
    expect(await world.store.claimPendingDigests(clock.now().toISOString(), 'replica-b', 60_000, 10)).toEqual([]);
  });
});

describe('schedules in local time across daylight-saving changes', () => {
  it.each([
    ['Europe/Kyiv, spring forward', 'Europe/Kyiv', ['2027-03-27T06:00:00.000Z', '2027-03-28T05:00:00.000Z']],
    ['Europe/Kyiv, fall back', 'Europe/Kyiv', ['2027-10-30T05:00:00.000Z', '2027-10-31T06:00:00.000Z']],
    ['America/New_York, spring forward', 'America/New_York', ['2027-03-13T13:00:00.000Z', '2027-03-14T12:00:00.000Z']],
  ])('%s: "0 8 * * *" posts at 08:00 local on both days, one digest each', async (_name, timezone, slots) => {
    await addChannel(world.store, { id: 'chan-dst', timezone, postWhenEmpty: true });
    const clock = new SimClock(new Date(Date.parse(slots[0]!) + 2 * 60_000));
    const scheduler = await start({ now: clock.now });
    await scheduler.idle();
    await scheduler.runPass();
    clock.set(new Date(Date.parse(slots[1]!) - 60 * 60_000));
    await scheduler.runPass();
    clock.set(new Date(Date.parse(slots[1]!) + 2 * 60_000));
    await scheduler.runPass();
    const digests = await digestsOf('discord:chan-dst');
    expect(digests.map((d) => [d.slot, d.status])).toEqual(slots.map((slot) => [slot, 'sent']));
    expect(scheduler.scheduled()).toEqual([{ channelKey: 'discord:chan-dst', schedule: '0 8 * * *', timezone }]);
    await expectEachSlotPostedOnce(['discord:chan-dst']);
  });
});


describe('scheduler health (for /healthz)', () => {
  it('is ok while passes finish, "stuck" once none has for over ten minutes, and "stopped" after stop', async () => {
    await addChannel(world.store, { id: 'chan-health' });
    const clock = new SimClock(at(day, '07:00'));
    // Every minute in real time: the simulated clock runs far ahead of it, as a stuck pass would.
    const scheduler = await start({ now: clock.now, passIntervalMs: 60_000 });
    await scheduler.idle();
    expect(scheduler.health()).toBe('ok');
    clock.advance(9 * 60_000);
    expect(scheduler.health()).toBe('ok');
    clock.advance(2 * 60_000);
    expect(scheduler.health()).toBe('stuck: no outbox pass has finished for 11 minutes');
    await scheduler.runPass();
    expect(scheduler.health()).toBe('ok');
    await scheduler.stop();
    expect(scheduler.health()).toBe('stopped');
  });
});
