/**
 * The feed poller of `newsdigest serve`. Every tick (about 30 s) it leases the feeds that are due
 * (store.claimDueFeeds: a feed leased by one replica is not handed to another) and ingests them;
 * each success schedules the feed's next slot at its stable offset (see pollSchedule.ts), so with
 * several replicas every feed is still polled once per interval. stop() lets the work in hand
 * finish, then resolves.
 */
import type { Config } from '../config/schema.js';
import type { UrlPolicy } from '../feeds/urlSafety.js';
import type { Logger } from '../observability/logger.js';
import type { Store } from '../store/store.js';
import type { FeedIngestResult, IngestContext } from './ingestFeed.js';
import { feedWorkFor, type FeedWork } from '../workers/feedWork.js';
import { ingestFeedRecords } from './ingestFeeds.js';
import { syncConfigFeeds } from './syncConfigFeeds.js';

export interface FeedPollerOptions {
  store: Store;
  config: Config;
  logger: Logger;
  /** Names this replica in leases (e.g. hostname:pid). */
  owner: string;
  /** Time between ticks (default 30 s). */
  tickMs?: number;
  /** How long a claimed feed stays leased to this replica (default: max(5 min, 20 × ingest.timeoutMs)). */
  leaseMs?: number;
  /** Clock (tests). */
  now?: () => Date;
  urlPolicy?: UrlPolicy;
  /** Called after each feed (tests, metrics). */
  onResult?: (result: FeedIngestResult) => void;
  /** Where documents are parsed and figures read (default: feedWorkFor(config), closed by stop()). */
  work?: FeedWork;
  /** See IngestContext.onStored (alerts). */
  onStored?: IngestContext['onStored'];
}

export interface FeedPoller {
  stop(): Promise<void>;
  /** Runs one tick now (tests); resolves when its feeds are done. */
  tick(): Promise<number>;
}

export function startFeedPoller(options: FeedPollerOptions): FeedPoller {
  const { store, config, logger, owner } = options;
  const tickMs = options.tickMs ?? 30_000;
  const now = options.now ?? (() => new Date());
  // A lease outlives the slowest poll of a batch (fetch timeout plus article pages) with room to spare.
  const leaseMs = options.leaseMs ?? Math.max(5 * 60_000, config.ingest.timeoutMs * 20);
  const batchSize = Math.max(config.ingest.concurrency * 4, 16);
  let stopping = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;
  // Worker threads start with a poll's first document and stop when idle, so a quiet bot holds none.
  const work = options.work ?? feedWorkFor(config);
  const synced = syncConfigFeeds(store, config).catch((err: unknown) => {
    logger.error({ err }, 'could not declare the config feeds');
  });

  async function runTick(): Promise<number> {
    await synced;
    let polled = 0;
    // Keep claiming while feeds are due, so a backlog drains within one tick.
    while (!stopping) {
      const due = await store.claimDueFeeds(now().toISOString(), owner, leaseMs, batchSize);
      if (due.length === 0) break;
      const results = await ingestFeedRecords(due, { store, config, logger, urlPolicy: options.urlPolicy, onStored: options.onStored, work }, { now: options.now ? now() : undefined });
      for (const r of results) options.onResult?.(r);
      polled += due.length;
      if (due.length < batchSize) break;
    }
    return polled;
  }

  function tick(): Promise<number> {
    if (running) return running;
    running = runTick()
      .catch((err: unknown) => {
        logger.error({ err }, 'feed poll tick failed');
        return 0;
      })
      .finally(() => {
        running = null;
        schedule();
      });
    return running;
  }

  function schedule(): void {
    if (stopping || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void tick();
    }, tickMs);
  }

  // First tick right away: feeds new to the store are due now.
  void tick();

  return {
    tick,
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      timer = null;
      if (running) await running;
      if (!options.work) await work.close();
    },
  };
}
