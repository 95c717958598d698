/**
 * One poll of one feed: fetch (conditional), read, enrich short items with the article page when
 * the feed asks for it, store new articles (a new feed's backlog as already seen), extract their
 * figures, and record how it went so the next poll is scheduled (or backed off). Never throws for
 * a bad feed: the outcome is a FeedIngestResult whose `error` says what went wrong.
 */
import type { Config } from '../config/schema.js';
import type { FeedItem } from '../feeds/feedItem.js';
import { fetchFeed, type FetchFeedResult } from '../feeds/fetchFeed.js';
import { fetchFullText } from '../feeds/fetchFullText.js';
import type { UrlPolicy } from '../feeds/urlSafety.js';
import type { Logger } from '../observability/logger.js';
import { metrics } from '../observability/metrics.js';
import type { FeedRecord, Store, StoredFigure } from '../store/store.js';
import { inlineFeedWork, type FeedWork } from '../workers/feedWork.js';
import type { IngestResult, ReadTask } from '../workers/feedTasks.js';
import { markBacklog, storeItems, type StoredItems } from './storeItems.js';
import { timedAsync } from './phaseClock.js';
import { nextPollAfterFailure, nextPollSlot } from './pollSchedule.js';

export interface FeedIngestResult {
  url: string;
  status: 'ok' | 'not_modified' | 'failed';
  /** Items read from the document. */
  items: number;
  /** Articles stored for the first time that digests will show. */
  new: number;
  /**
   * Articles stored for the first time as already seen: a feed read for the first time keeps only
   * its newest `ingest.initialItems` as new, the older ones are its backlog (never digested).
   */
  backlog: number;
  /** A clear reason when status is 'failed', else null. */
  error: string | null;
}

export interface IngestContext {
  store: Store;
  config: Config;
  logger: Logger;
  /** Overrides the address policy for untrusted feeds (tests; default from config). */
  urlPolicy?: UrlPolicy;
  signal?: AbortSignal;
  /** Folder that relative feed paths are read from (default: the working directory). */
  baseDir?: string;
  /** Where documents are parsed and figures read (default: inline, on this thread). */
  work?: FeedWork;
  /** Called with the figures of the articles just stored, once they are committed (serve and the CLI evaluate alerts here). */
  onStored?: (figures: StoredFigure[]) => Promise<void>;
}

/** Article pages fetched per poll of one fullText feed, at most (bounds a poll's duration). */
const MAX_FULL_TEXT_PAGES = 10;

function policyFor(feed: FeedRecord, ctx: IngestContext): UrlPolicy | null {
  if (feed.trusted) return null;
  return ctx.urlPolicy ?? { allowPrivate: ctx.config.ingest.allowPrivateAddresses };
}

/** Items of a fullText feed that have only a short summary and are not stored yet. */
async function enrichWithFullText(items: Array<FeedItem & { seeded?: boolean }>, feed: FeedRecord, ctx: IngestContext): Promise<void> {
  const { ingest } = ctx.config;
  const candidates = items.filter((i) => !i.seeded && !i.text && i.link && (i.summary ?? '').length < ingest.fullTextMinChars);
  if (candidates.length === 0) return;
  const known = await ctx.store.listArticles({ feedIds: [feed.id], includeSeeded: true, limit: Math.max(200, items.length * 2) });
  const seen = new Set<string>();
  for (const a of known) {
    if (a.guid) seen.add(`g:${a.guid}`);
    if (a.link) seen.add(`l:${a.link}`);
  }
  const fresh = candidates.filter((i) => !(i.guid && seen.has(`g:${i.guid}`)) && !(i.link && seen.has(`l:${i.link}`))).slice(0, MAX_FULL_TEXT_PAGES);
  const policy = policyFor(feed, ctx);
  // Two pages at a time: polite to the publisher, bounded for us.
  for (let i = 0; i < fresh.length; i += 2) {
    await Promise.all(
      fresh.slice(i, i + 2).map(async (item) => {
        const page = await fetchFullText(item.link!, { timeoutMs: ingest.timeoutMs, maxBytes: ingest.maxBytes, maxRedirects: ingest.maxRedirects, policy, signal: ctx.signal });
        if (page.ok) item.text = page.text;
        else ctx.logger.debug({ feed: feed.url, link: item.link, reason: page.reason }, 'full text not fetched');
      }),
    );
  }
}

/**
 * `prefetched`: the document already fetched for this feed just now (`feeds add` looks a URL up
 * before storing it), so it is not fetched twice.
 */
export async function ingestFeed(feed: FeedRecord, ctx: IngestContext, now: Date = new Date(), prefetched?: FetchFeedResult): Promise<FeedIngestResult> {
  const { store, config, logger } = ctx;
  const started = process.hrtime.bigint();
  const fetchedAt = now.toISOString();
  const elapsed = () => Number(process.hrtime.bigint() - started) / 1e9;

  const fail = async (reason: string, httpStatus: number | null): Promise<FeedIngestResult> => {
    const failures = feed.consecutiveFailures + 1;
    metrics.feedFetchFailures.inc();
    metrics.feedFetchSeconds.observe({ status: 'failed' }, elapsed());
    logger.warn({ feed: feed.url, reason, consecutiveFailures: failures }, 'feed failed');
    try {
      await store.recordFetch(feed.id, {
        lastStatus: httpStatus,
        lastError: reason,
        fetchedAt,
        consecutiveFailures: failures,
        nextPollAt: nextPollAfterFailure(failures, config.ingest.backoff, now).toISOString(),
      });
    } catch (err) {
      logger.error({ feed: feed.url, err }, 'could not record the failure of a feed');
    }
    return { url: feed.url, status: 'failed', items: 0, new: 0, backlog: 0, error: reason };
  };

  const fetched = prefetched ?? await timedAsync('fetch', () => fetchFeed(feed.url, {
    etag: feed.etag,
    lastModified: feed.lastModified,
    timeoutMs: config.ingest.timeoutMs,
    maxBytes: config.ingest.maxBytes,
    maxRedirects: config.ingest.maxRedirects,
    policy: policyFor(feed, ctx),
    signal: ctx.signal,
    baseDir: ctx.baseDir,
  }));
  if (fetched.status === 'failed') return fail(fetched.reason, fetched.httpStatus);

  const nextPollAt = nextPollSlot(feed.url, config.ingest.pollIntervalMinutes, now).toISOString();
  if (fetched.status === 'not_modified') {
    await store.recordFetch(feed.id, { lastStatus: fetched.httpStatus, lastError: null, fetchedAt, consecutiveFailures: 0, nextPollAt, etag: fetched.etag, lastModified: fetched.lastModified });
    metrics.feedFetchSeconds.observe({ status: 'not_modified' }, elapsed());
    return { url: feed.url, status: 'not_modified', items: 0, new: 0, backlog: 0, error: null };
  }

  const work = ctx.work ?? inlineFeedWork(config.figures);
  const task = { bytes: fetched.body, contentType: fetched.contentType, documentUrl: fetched.finalUrl, fetchedAt, feedTitle: feed.title, feedUrl: feed.url };
  // Parsed, turned into text, read for figures and (with a SQLite file) stored off the event loop
  // when ctx.work is a pool; a fullText feed fetches article pages between reading and figures.
  const outcome = feed.fullText ? await readEnrichStore(feed, task, work, ctx) : await work.ingest({ ...task, feedId: feed.id, initialItems: config.ingest.initialItems }, store);
  // A document we could not read keeps the old validators, so the next poll fetches it again.
  if (!outcome.ok) return fail(outcome.reason, fetched.httpStatus);
  if (outcome.repairs.length) logger.debug({ feed: feed.url, repairs: outcome.repairs }, 'feed document repaired');
  for (const failure of outcome.failures) logger.error({ feed: feed.url, item: failure.item, err: failure.message }, 'figure extraction failed');
  if ('error' in outcome.stored) return fail(`storing the articles failed: ${outcome.stored.error}`, fetched.httpStatus);
  const saved = outcome.stored;

  try {
    const ids = saved.inserted.map((a) => a.id);
    // The stored figures themselves only for the alerts hook; otherwise their count will do.
    const stored = ids.length > 0 && ctx.onStored ? await store.findFigures({ articleIds: ids }) : [];
    const figures = ctx.onStored ? stored.length : saved.figures;
    await store.recordFetch(feed.id, {
      lastStatus: fetched.httpStatus,
      lastError: null,
      fetchedAt,
      consecutiveFailures: 0,
      nextPollAt,
      etag: fetched.etag,
      lastModified: fetched.lastModified,
      title: feed.title ? undefined : outcome.title,
    });
    // The hook catches its own errors: the articles are stored whatever it does.
    if (stored.length > 0) await ctx.onStored?.(stored);
    // The same two counts as `newsdigest ingest` prints: new (for digests) and backlog (stored as seen).
    const backlog = saved.inserted.filter((a) => a.seeded).length;
    const digestible = saved.inserted.length - backlog;
    metrics.articlesIngested.inc(saved.inserted.length);
    metrics.figuresExtracted.inc(figures);
    metrics.feedFetchSeconds.observe({ status: 'ok' }, elapsed());
    logger.info({ feed: feed.url, items: outcome.items, new: digestible, backlog, duplicates: saved.duplicates, figures }, 'feed ingested');
    return { url: feed.url, status: 'ok', items: outcome.items, new: digestible, backlog, error: null };
  } catch (err) {
    return fail(`storing the articles failed: ${(err as Error).message}`, fetched.httpStatus);
  }
}

/** A fullText feed: read (figures not yet), fetch the pages of short new items, then figures and store, here. */
async function readEnrichStore(feed: FeedRecord, task: Omit<ReadTask, 'extract'>, work: FeedWork, ctx: IngestContext): Promise<IngestResult> {
  const read = await work.read({ ...task, extract: false });
  if (!read.ok) return read;
  let stored: StoredItems | { error: string };
  let failures: Array<{ item: string; message: string }> = [];
  try {
    const firstTime = !(await ctx.store.feedHasArticles(feed.id));
    const items = markBacklog(read.feed.items, firstTime, ctx.config.ingest.initialItems);
    await enrichWithFullText(items, feed, ctx);
    // Figures are read before storing so each article and its figures commit together.
    const extracted = read.extracted ?? (await work.extract(items, read.source));
    failures = extracted.failures.map((f) => ({ item: items[f.index]!.link ?? items[f.index]!.guid ?? items[f.index]!.title, message: f.message }));
    stored = await storeItems(ctx.store, feed.id, items, extracted, task.fetchedAt);
  } catch (err) {
    stored = { error: (err as Error).message };
  }
  return { ok: true, items: read.feed.items.length, title: read.feed.title, repairs: read.repairs, failures, stored };
}
