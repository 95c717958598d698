/**
 * Polls many feeds at once: at most `ingest.concurrency` in flight, at most
 * `ingest.perHostConcurrency` per host (a publisher is not hammered because we follow ten of its
 * feeds). One feed failing, throwing or hanging never stops the others: each ends as a result.
 */
import pLimit from 'p-limit';
import type { Config } from '../config/schema.js';
import { isLocalFeed } from '../feeds/fetchFeed.js';
import type { UrlPolicy } from '../feeds/urlSafety.js';
import type { Logger } from '../observability/logger.js';
import type { FeedRecord, Store } from '../store/store.js';
import type { FeedWork } from '../workers/feedWork.js';
import { ingestFeed, type FeedIngestResult, type IngestContext } from './ingestFeed.js';
import { readFollows } from './follows.js';
import { syncConfigFeeds } from './syncConfigFeeds.js';

export type { FeedIngestResult } from './ingestFeed.js';

export interface IngestRuntime {
  store: Store;
  config: Config;
  logger: Logger;
}

export interface IngestProgress {
  done: number;
  total: number;
  /** Items read so far, over all feeds. */
  items: number;
  new: number;
  failures: number;
  /** The feed that just finished. */
  last: FeedIngestResult;
}

export interface IngestOptions {
  /** URLs or file paths to ingest (trusted, like config); omit for every feed some channel follows. */
  feeds?: string[];
  now?: Date;
  onProgress?: (p: IngestProgress) => void;
  signal?: AbortSignal;
  /** Address policy for untrusted (chat-added) feeds; default from config. */
  urlPolicy?: UrlPolicy;
  /** Worker threads for parsing and figures (feedWorkFor); default: inline on this thread. */
  work?: FeedWork;
  /** See IngestContext.onStored. */
  onStored?: IngestContext['onStored'];
}

/** The key the per-host limit counts by: the URL's host name, or "(local files)". */
export function hostKey(location: string): string {
  if (isLocalFeed(location)) return '(local files)';
  try {
    return new URL(location).hostname.toLowerCase();
  } catch {
    return location;
  }
}

/** Runs `work` for each feed under the global and per-host limits, in input order of results. */
export async function ingestFeedRecords(feeds: FeedRecord[], ctx: IngestContext, options: { now?: Date; onProgress?: (p: IngestProgress) => void } = {}): Promise<FeedIngestResult[]> {
  const { ingest } = ctx.config;
  const global = pLimit(ingest.concurrency);
  const perHost = new Map<string, ReturnType<typeof pLimit>>();
  const hostLimit = (key: string) => {
    let limit = perHost.get(key);
    if (!limit) {
      // Local files are not a remote host: only the global limit applies to them.
      limit = pLimit(key === '(local files)' ? ingest.concurrency : ingest.perHostConcurrency);
      perHost.set(key, limit);
    }
    return limit;
  };
  const progress = { done: 0, total: feeds.length, items: 0, new: 0, failures: 0 };
  return Promise.all(
    feeds.map((feed) =>
      // Host slot first, then a global slot: a feed waiting for its host holds no global slot.
      hostLimit(hostKey(feed.url))(() =>
        global(async (): Promise<FeedIngestResult> => {
          let result: FeedIngestResult;
          try {
            result = await ingestFeed(feed, ctx, options.now ?? new Date());
          } catch (err) {
            ctx.logger.error({ feed: feed.url, err }, 'feed ingestion crashed');
            result = { url: feed.url, status: 'failed', items: 0, new: 0, backlog: 0, error: `internal error: ${(err as Error).message}` };
          }
          progress.done++;
          progress.items += result.items;
          progress.new += result.new;
          if (result.status === 'failed') progress.failures++;
          options.onProgress?.({ ...progress, last: result });
          return result;
        }),
      ),
    ),
  );
}

export async function ingestFeeds(rt: IngestRuntime, options: IngestOptions = {}): Promise<FeedIngestResult[]> {
  const { store, config } = rt;
  let feeds: FeedRecord[];
  if (options.feeds && options.feeds.length > 0) {
    // Given on the command line: trusted, like config, for this run. A feed that chat added keeps
    // its stored (untrusted) standing, so its address checks come back on the next poll.
    const unique = [...new Set(options.feeds.map((f) => f.trim()).filter(Boolean))];
    feeds = [];
    for (const url of unique) {
      const known = await store.getFeed(url);
      feeds.push(known ? { ...known, trusted: true } : await store.upsertFeed({ url, trusted: true }));
    }
  } else {
    // Every feed some channel follows; a feed nobody follows is not polled (as in serve's poller).
    await syncConfigFeeds(store, config);
    const follows = await readFollows(store, config);
    feeds = (await store.listFeeds()).filter((f) => follows.followersOf(f.url).length > 0);
  }
  return ingestFeedRecords(feeds, { ...rt, urlPolicy: options.urlPolicy, signal: options.signal, work: options.work, onStored: options.onStored }, { now: options.now, onProgress: options.onProgress });
}
