/**
 * The digest scheduler: one node-cron task per channel (its cron expression in its time zone), a
 * catch-up at start for the most recent slot missed while nothing ran, and a periodic pass that
 * delivers the outbox (retries included), notices schedule changes made by other replicas and makes
 * up for any tick that did not fire.
 *
 * Several replicas may run this against one PostgreSQL: every replica produces each slot, but the
 * outbox records a (channel, slot) once and delivery is leased, so each digest is posted once in
 * total. Runs for one channel never overlap: ticks that find a run in flight are skipped, and
 * "digest now" waits its turn.
 */
import cron, { type ScheduledTask } from 'node-cron';
import pLimit from 'p-limit';
import type { Config } from '../config/schema.js';
import type { Logger } from '../observability/logger.js';
import type { ChannelRecord, DigestRecord, Platform, Store } from '../store/store.js';
import type { ChatSender } from '../delivery/sender.js';
import { deliverPendingDigests, type DeliveryResult, type RetryPolicy } from './deliverDigests.js';
import { produceDigest, type ProduceOutcome } from './produceDigest.js';
import { postDigestNow } from './postDigestNow.js';
import { dueSlot, latestSlotAtOrBefore, nextSlotAfter, slotKey } from './slots.js';
import { scheduleInWords, timeInWords } from '../time/timeWords.js';

export interface SchedulerOptions {
  store: Store;
  config: Config;
  logger: Logger;
  senders: ReadonlyMap<Platform, ChatSender>;
  /** Identifies this replica in leases. */
  owner: string;
  /** The clock (tests pass a simulated one). node-cron ticks still follow the real clock. */
  now?: () => Date;
  /** How often the outbox and the due slots are checked (default 15 s; 0 disables the timer). */
  passIntervalMs?: number;
  deliveryLeaseMs?: number;
  retry?: RetryPolicy;
  /** Digests produced at once across channels (default 4): 08:00 may be due for thousands of channels. */
  produceConcurrency?: number;
  /** Observes runs (tests and diagnostics). */
  onRun?: (event: SchedulerRunEvent) => void;
  /** See ProduceDeps.afterRecord. */
  afterRecord?: (digest: DigestRecord) => void | Promise<void>;
}

export type SchedulerRunEvent =
  | { type: 'start'; channelKey: string; slot: string; reason: RunReason }
  | { type: 'finish'; channelKey: string; slot: string; reason: RunReason; outcome: ProduceOutcome['kind'] | 'error' }
  /** A tick arrived while the channel's previous run was still going: skipped, not queued. */
  | { type: 'overlap'; channelKey: string; slot: string; reason: RunReason };

export type RunReason = 'tick' | 'catch-up';

export interface Scheduler {
  /** Re-reads the channel and re-creates (or removes) its task. */
  reload(channelKey: string): Promise<void>;
  /** Produces and delivers a digest for the current minute; resolves with a line for the user. */
  runNow(channel: ChannelRecord): Promise<string>;
  /** The periodic work, now: schedule changes, due slots, the outbox. */
  runPass(): Promise<DeliveryResult[]>;
  /** Delivers what is due in the outbox now (an alert just fired), beside any pass in progress. */
  deliverOutbox(): Promise<DeliveryResult[]>;
  /** Resolves once no work started so far is in hand. */
  idle(): Promise<void>;
  /** Channels with a task, and their schedule. */
  scheduled(): Array<{ channelKey: string; schedule: string; timezone: string }>;
  /** "ok", or why the scheduler is not doing its work (for /healthz). */
  health(): string;
  /** Stops the ticks and the timer, then waits for the work in hand (deliveries finish, leases are released). */
  stop(): Promise<void>;
}

interface ChannelTask {
  task: ScheduledTask;
  schedule: string;
  timezone: string;
}

const DEFAULT_PASS_INTERVAL_MS = 15_000;
/** A scheduler whose periodic pass has not finished for this long is stuck (a pass may wait out rate limits). */
const STUCK_AFTER_MS = 10 * 60_000;
/** How long after a slot the periodic pass leaves it to the channel's own tick. */
const TICK_GRACE_MS = 60_000;

export async function startScheduler(options: SchedulerOptions): Promise<Scheduler> {
  const { store, config, logger, senders, owner } = options;
  const now = options.now ?? (() => new Date());
  const startedAt = now().getTime();
  const tasks = new Map<string, ChannelTask>();
  /** The run of each channel in flight (a chain: "digest now" queues behind a scheduled run). */
  const running = new Map<string, Promise<unknown>>();
  /**
   * The latest slot instant (ms) this process has dealt with per channel, so an empty slot is not
   * produced again every pass. Instants, not minute keys: a schedule with seconds has several slots
   * in one minute, and one that predates the channel must not hide the next.
   */
  const handled = new Map<string, number>();
  const work = new Set<Promise<unknown>>();
  /** Digests this process is posting: a second outbox pass here must not take them again. */
  const inHand = new Set<number>();
  const markHandled = (channelKey: string, slot: Date): void => {
    const seen = handled.get(channelKey);
    if (seen === undefined || seen < slot.getTime()) handled.set(channelKey, slot.getTime());
  };
  let stopping = false;
  let pass: Promise<DeliveryResult[]> | null = null;
  const producing = pLimit(Math.max(1, options.produceConcurrency ?? 4));

  const cronLogger = {
    info: (m: string) => logger.debug({ component: 'node-cron' }, m),
    warn: (m: string) => logger.warn({ component: 'node-cron' }, m),
    error: (m: string | Error, err?: Error) => logger.error({ component: 'node-cron', err: err ?? m }, typeof m === 'string' ? m : m.message),
    debug: (m: string | Error) => logger.debug({ component: 'node-cron' }, typeof m === 'string' ? m : m.message),
  };

  const deliverDeps = {
    store,
    config,
    logger,
    senders,
    owner,
    now,
    leaseMs: options.deliveryLeaseMs,
    retry: options.retry,
    inHand,
    stopping: () => stopping,
  };

  /** Keeps track of background work so stop() can wait for it; errors are logged, never thrown away silently. */
  function track<T>(promise: Promise<T>, what: string): Promise<T | undefined> {
    const tracked = promise.catch((err: unknown) => {
      logger.error({ err }, `${what} failed`);
      return undefined;
    });
    work.add(tracked);
    void tracked.finally(() => work.delete(tracked));
    return tracked;
  }

  /** Runs `fn` as the channel's only run: 'skip' drops it when one is in flight, 'queue' waits for it. */
  function exclusive<T>(channelKey: string, mode: 'skip' | 'queue', fn: () => Promise<T>): Promise<T> | null {
    const previous = running.get(channelKey);
    if (previous && mode === 'skip') return null;
    const run = (previous ?? Promise.resolve()).catch(() => undefined).then(fn);
    running.set(channelKey, run);
    void run
      .catch(() => undefined)
      .finally(() => {
        if (running.get(channelKey) === run) running.delete(channelKey);
      });
    return run;
  }

  const outboxPass = (): Promise<DeliveryResult[]> => deliverPendingDigests(deliverDeps);

  const nextSaid = new Map<string, string>();
  /** The operator's line "next digest for X: tomorrow 08:00 Kyiv time", in the channel's zone. */
  function logNextDigest(channel: Pick<ChannelRecord, 'key' | 'schedule' | 'timezone'>): void {
    let next: Date | null = null;
    try {
      next = nextSlotAfter(channel, now());
    } catch {
      next = null;
    }
    const when = next ? timeInWords(next, channel.timezone, now()) : 'never (the schedule has no future slot)';
    // A catch-up run that found nothing due leaves the next slot as it was: say it once, not again.
    const said = `${next?.getTime() ?? 'never'} ${channel.schedule} ${channel.timezone}`;
    if (nextSaid.get(channel.key) === said) return;
    nextSaid.set(channel.key, said);
    logger.info({ channel: channel.key }, `next digest for ${channel.key}: ${when}, schedule ${scheduleInWords(channel.schedule, channel.timezone)}`);
  }

  async function produceSlot(channelKey: string, slot: Date, reason: RunReason): Promise<void> {
    const key = slotKey(slot);
    const ran = exclusive(channelKey, 'skip', async () => {
      const seen = handled.get(channelKey);
      if (seen !== undefined && seen >= slot.getTime()) return;
      const channel = await store.getChannel(channelKey);
      const sender = channel ? senders.get(channel.platform) : undefined;
      if (!channel || !sender) return;
      options.onRun?.({ type: 'start', channelKey, slot: key, reason });
      let outcome: ProduceOutcome['kind'] | 'error' = 'error';
      try {
        const produced = await producing(() => produceDigest({ store, config, logger, sender, afterRecord: options.afterRecord }, channel, slot, now()));
        outcome = produced.kind;
        markHandled(channelKey, slot);
        if (produced.kind === 'recorded' || (produced.kind === 'existing' && produced.digest.status === 'pending')) await outboxPass();
      } finally {
        options.onRun?.({ type: 'finish', channelKey, slot: key, reason, outcome });
        logNextDigest(channel);
      }
    });
    if (!ran) {
      options.onRun?.({ type: 'overlap', channelKey, slot: key, reason });
      logger.warn({ channel: channelKey, slot: key, reason }, 'previous digest run of this channel still in progress: this one is skipped');
      return;
    }
    await ran;
  }

  function schedule(channel: ChannelRecord): void {
    unschedule(channel.key);
    if (!senders.has(channel.platform)) {
      logger.debug({ channel: channel.key }, `no ${channel.platform} sender: channel not scheduled in this process`);
      return;
    }
    let task: ScheduledTask;
    try {
      task = cron.schedule(
        channel.schedule,
        (ctx) => track(onTick(channel.key, channel.schedule, channel.timezone, ctx.date), `digest run for ${channel.key}`),
        // Overlap is prevented by exclusive() rather than node-cron's noOverlap, so that one guard
        // covers ticks, catch-up and "digest now" alike, and a skipped tick is reported.
        { name: `digest ${channel.key}`, timezone: channel.timezone, noOverlap: false, logger: cronLogger },
      );
    } catch (err) {
      logger.error({ err, channel: channel.key, schedule: channel.schedule, timezone: channel.timezone }, 'cannot schedule this channel: invalid schedule');
      return;
    }
    tasks.set(channel.key, { task, schedule: channel.schedule, timezone: channel.timezone });
  }

  function unschedule(channelKey: string): void {
    const existing = tasks.get(channelKey);
    if (!existing) return;
    tasks.delete(channelKey);
    void Promise.resolve(existing.task.destroy()).catch((err: unknown) => logger.warn({ err, channel: channelKey }, 'stopping a schedule failed'));
  }

  async function onTick(channelKey: string, scheduleAtStart: string, timezoneAtStart: string, at: Date): Promise<void> {
    if (stopping) return;
    const channel = await store.getChannel(channelKey);
    if (!channel) return unschedule(channelKey);
    // Changed on another replica: this tick belongs to the old schedule.
    if (channel.schedule !== scheduleAtStart || channel.timezone !== timezoneAtStart) return schedule(channel);
    // The slot is read from our clock, not the tick's date, so that a tick that fires late (a busy
    // event loop) produces the latest slot, and a simulated clock drives the slots in tests.
    let slot = at;
    try {
      slot = latestSlotAtOrBefore(channel, now()) ?? at;
    } catch {
      // An expression node-cron runs but cron-parser refuses: the tick's own date will do.
    }
    await produceSlot(channelKey, slot, 'tick');
  }

  /** Keeps the tasks in line with the store: channels added or changed elsewhere, or removed. */
  async function reconcile(channels: ChannelRecord[]): Promise<void> {
    const present = new Set(channels.map((c) => c.key));
    for (const key of [...tasks.keys()]) if (!present.has(key)) unschedule(key);
    for (const channel of channels) {
      if (!senders.has(channel.platform)) continue;
      const current = tasks.get(channel.key);
      if (!current || current.schedule !== channel.schedule || current.timezone !== channel.timezone) schedule(channel);
    }
  }

  /** Produces the most recent slot of each channel that has no digest yet (catch-up, or a tick that never fired). */
  async function produceDueSlots(channels: ChannelRecord[]): Promise<void> {
    const at = now();
    await Promise.all(
      channels
        .filter((c) => senders.has(c.platform))
        .map(async (channel) => {
          let slot: Date | null;
          try {
            // Cheap first: a slot this process has already dealt with needs no query.
            const latest = latestSlotAtOrBefore(channel, at);
            if (!latest) return;
            const seen = handled.get(channel.key);
            if (seen !== undefined && seen >= latest.getTime()) return;
            const last = await store.lastDigest(channel.key);
            slot = dueSlot(
              {
                schedule: channel.schedule,
                timezone: channel.timezone,
                scheduledSince: channel.updatedAt > channel.createdAt ? channel.updatedAt : channel.createdAt,
                lastDigestSlot: last?.slot ?? null,
              },
              at,
            );
            // Covered already (a digest exists, or the slot predates the schedule): nothing to do until the next one.
            if (!slot) return markHandled(channel.key, latest);
          } catch (err) {
            logger.error({ err, channel: channel.key }, 'cannot work out the due slot of this channel');
            return;
          }
          // A slot that fell while this process was running belongs to its tick for a while yet.
          if (slot.getTime() >= startedAt && at.getTime() - slot.getTime() < TICK_GRACE_MS) return;
          logger.info({ channel: channel.key, slot: slotKey(slot) }, `catching up the most recent missed slot of ${channel.key}: ${timeInWords(slot, channel.timezone, at)}`);
          await produceSlot(channel.key, slot, 'catch-up');
        }),
    );
  }

  let lastPassEndedAt = startedAt;
  function runPass(): Promise<DeliveryResult[]> {
    if (stopping) return Promise.resolve([]);
    pass ??= (async () => {
      try {
        const channels = await store.listChannels();
        await reconcile(channels);
        await produceDueSlots(channels);
        return await outboxPass();
      } finally {
        pass = null;
        lastPassEndedAt = now().getTime();
      }
    })();
    return pass;
  }

  const startChannels = await store.listChannels();
  for (const channel of startChannels) schedule(channel);
  logger.info({ owner, channels: tasks.size, platforms: [...senders.keys()] }, 'digest scheduler started');
  for (const channel of startChannels) if (tasks.has(channel.key)) logNextDigest(channel);
  // Catch-up and the first outbox pass run in the background: start-up does not wait on a chat API.
  void track(runPass(), 'start-up catch-up and outbox pass');

  const intervalMs = options.passIntervalMs ?? DEFAULT_PASS_INTERVAL_MS;
  const timer = intervalMs > 0 ? setInterval(() => void track(runPass(), 'periodic outbox pass'), intervalMs) : null;

  async function idle(): Promise<void> {
    while (work.size > 0 || running.size > 0 || pass) {
      await Promise.allSettled([...work, ...running.values(), ...(pass ? [pass] : [])]);
    }
  }

  let stopped: Promise<void> | null = null;
  return {
    async reload(channelKey) {
      if (stopping) return;
      const channel = await store.getChannel(channelKey);
      if (!channel) return unschedule(channelKey);
      const before = tasks.get(channelKey);
      schedule(channel);
      if (!before || before.schedule !== channel.schedule || before.timezone !== channel.timezone) {
        logger.info({ channel: channelKey, schedule: channel.schedule, timezone: channel.timezone }, 'digest schedule loaded');
        logNextDigest(channel);
      }
    },
    async runNow(channel) {
      if (stopping) return 'The bot is shutting down; try again in a moment.';
      const run = exclusive(channel.key, 'queue', () =>
        postDigestNow({ ...deliverDeps, afterRecord: options.afterRecord }, channel).then((r) => {
          if (r.digestId !== null) markHandled(channel.key, now());
          return r.text;
        }),
      )!;
      return (await track(run, `digest now for ${channel.key}`)) ?? `Something went wrong while making the digest for ${channel.key}; see the logs.`;
    },
    runPass,
    async deliverOutbox() {
      if (stopping) return [];
      // Safe beside a running pass: leases and `inHand` keep any message from being taken twice.
      return (await track(outboxPass(), 'outbox pass for new alerts')) ?? [];
    },
    idle,
    scheduled: () => [...tasks.entries()].map(([channelKey, t]) => ({ channelKey, schedule: t.schedule, timezone: t.timezone })),
    health() {
      if (stopping) return 'stopped';
      const since = now().getTime() - lastPassEndedAt;
      if (intervalMs > 0 && since > Math.max(STUCK_AFTER_MS, 4 * intervalMs)) return `stuck: no outbox pass has finished for ${Math.round(since / 60_000)} minutes`;
      return 'ok';
    },
    stop() {
      stopped ??= (async () => {
        stopping = true;
        if (timer) clearInterval(timer);
        for (const key of [...tasks.keys()]) unschedule(key);
        await idle();
        logger.info({ owner }, 'digest scheduler stopped');
      })();
      return stopped;
    },
  };
}
