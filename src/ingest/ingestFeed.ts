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
import { readFeed } from '../feeds/readFeed.js';
import type { UrlPolicy } from '../feeds/urlSafety.js';
import { extractFigures } from '../figures/extractFigures.js';
import type { Figure } from '../figures/figure.js';
import type { Logger } from '../observability/logger.js';
import { metrics } from '../observability/metrics.js';
import { sourceName } from '../store/sourceName.js';
import type { FeedRecord, Store, StoredFigure } from '../store/store.js';
import { timed, timedAsync } from './phaseClock.js';
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
  /** Called with the figures of the articles just stored, once they are committed (serve and the CLI evaluate alerts here). */
  onStored?: (figures: StoredFigure[]) => Promise<void>;
}

/** Article pages fetched per poll of one fullText feed, at most (bounds a poll's duration). */
const MAX_FULL_TEXT_PAGES = 10;

function policyFor(feed: FeedRecord, ctx: IngestContext): UrlPolicy | null {
  if (feed.trusted) return null;
  return ctx.urlPolicy ?? { allowPrivate: ctx.config.ingest.allowPrivateAddresses };
}

/** Newest first by date; items of equal date keep document order (feeds list newest first). */
function newestFirst(items: FeedItem[]): number[] {
  return items
    .map((item, index) => ({ index, t: Date.parse(item.published) }))
    .sort((a, b) => b.t - a.t || a.index - b.index)
    .map((x) => x.index);
}

async function hasStoredArticles(store: Store, feedId: number): Promise<boolean> {
  return (await store.listArticles({ feedIds: [feedId], includeSeeded: true, limit: 1 })).length > 0;
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

  const read = await timedAsync('parse', () => readFeed(fetched.body, { contentType: fetched.contentType, documentUrl: fetched.finalUrl, fetchedAt: now }));
  // A document we could not read keeps the old validators, so the next poll fetches it again.
  if (!read.ok) return fail(read.reason, fetched.httpStatus);
  if (read.repairs.length) logger.debug({ feed: feed.url, repairs: read.repairs }, 'feed document repaired');

  try {
    // A feed seen for the first time: all but its newest N items count as already seen.
    const firstTime = !(await hasStoredArticles(store, feed.id));
    const fresh = new Set(firstTime ? newestFirst(read.feed.items).slice(0, config.ingest.initialItems) : read.feed.items.keys());
    const items = read.feed.items.map((item, index) => ({ ...item, seeded: !fresh.has(index) }));
    if (feed.fullText) await enrichWithFullText(items, feed, ctx);

    // Figures are read before storing so each article and its figures commit together.
    const source = sourceName(feed.title ?? read.feed.title, feed.url);
    const withFigures = items.map((item) => ({ ...item, figures: timed('extract', () => figuresOf(item, source, config, logger, feed.url)) }));
    const saved = await timedAsync('store', () => store.saveArticles(feed.id, withFigures, fetchedAt));
    const stored = saved.inserted.length === 0 ? [] : await store.findFigures({ articleIds: saved.inserted.map((a) => a.id) });
    const figures = stored.length;
    await store.recordFetch(feed.id, {
      lastStatus: fetched.httpStatus,
      lastError: null,
      fetchedAt,
      consecutiveFailures: 0,
      nextPollAt,
      etag: fetched.etag,
      lastModified: fetched.lastModified,
      title: feed.title ? undefined : read.feed.title,
    });
    // The hook catches its own errors: the articles are stored whatever it does.
    if (stored.length > 0) await ctx.onStored?.(stored);
    // The same two counts as `newsdigest ingest` prints: new (for digests) and backlog (stored as seen).
    const backlog = saved.inserted.filter((a) => a.seeded).length;
    const digestible = saved.inserted.length - backlog;
    metrics.articlesIngested.inc(saved.inserted.length);
    metrics.figuresExtracted.inc(figures);
    metrics.feedFetchSeconds.observe({ status: 'ok' }, elapsed());
    logger.info({ feed: feed.url, items: read.feed.items.length, new: digestible, backlog, duplicates: saved.duplicates, figures }, 'feed ingested');
    return { url: feed.url, status: 'ok', items: read.feed.items.length, new: digestible, backlog, error: null };
  } catch (err) {
    return fail(`storing the articles failed: ${(err as Error).message}`, fetched.httpStatus);
  }
}

/** The figures of one item; an extractor bug costs that item its figures, never the article or the feed. */
function figuresOf(item: FeedItem, source: string | null, config: IngestContext['config'], logger: Logger, feedUrl: string): Figure[] {
  try {
    return extractFigures({ title: item.title, text: item.text ?? item.summary ?? '', published: item.published, source }, config.figures);
  } catch (err) {
    logger.error({ feed: feedUrl, item: item.link ?? item.guid ?? item.title, err }, 'figure extraction failed');
    return [];
  }
}
