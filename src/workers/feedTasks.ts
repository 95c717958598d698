/**
 * The CPU-heavy part of a poll, as plain functions of plain data so that it runs the same on the
 * main thread or in a worker thread (feedWorker.ts): a fetched document's bytes → its normalized
 * items (decode, XML repair, parse, HTML → text) and, unless the feed still needs its article
 * pages, each item's figures; then (readAndStore) the store step, on whichever thread has a
 * connection to the store. Nothing here touches the network. Storing an article with its figures
 * is one transaction wherever it runs.
 */
import type { Config } from '../config/schema.js';
import type { FeedItem, ParsedFeed } from '../feeds/feedItem.js';
import { readFeed } from '../feeds/readFeed.js';
import { extractFigures } from '../figures/extractFigures.js';
import type { Figure } from '../figures/figure.js';
import { timed, timedAsync } from '../ingest/phaseClock.js';
import { markBacklog, storeItems, type StoredItems } from '../ingest/storeItems.js';
import { sourceName } from '../store/sourceName.js';
import type { Store } from '../store/store.js';

export type FigureRules = Config['figures'];

export interface ReadTask {
  bytes: Uint8Array;
  contentType: string | null;
  /** Where the document was read from; relative links resolve against it. */
  documentUrl: string | null;
  /** ISO time of the fetch (items without a date get it). */
  fetchedAt: string;
  /** The feed's stored title and URL: the source name of its figures. */
  feedTitle: string | null;
  feedUrl: string;
  /** False for a fullText feed: its items' text may still come from their pages. */
  extract: boolean;
}

/** An item whose figures could not be read: it is stored without them, and the reason is logged. */
export interface ExtractionFailure {
  index: number;
  message: string;
}

export interface ExtractResult {
  /** Figures per item, in item order. */
  figures: Figure[][];
  failures: ExtractionFailure[];
}

export type ReadResult =
  | { ok: true; feed: ParsedFeed; repairs: string[]; source: string | null; extracted: ExtractResult | null }
  | { ok: false; reason: string };

/** The figures of each item; an extractor bug costs that item its figures, never the article or the feed. */
export function extractItems(items: readonly FeedItem[], source: string | null, rules: FigureRules): ExtractResult {
  const failures: ExtractionFailure[] = [];
  const figures = items.map((item, index) =>
    timed('extract', () => {
      try {
        return extractFigures({ title: item.title, text: item.text ?? item.summary ?? '', published: item.published, source }, rules);
      } catch (err) {
        failures.push({ index, message: (err as Error)?.message ?? String(err) });
        return [];
      }
    }),
  );
  return { figures, failures };
}

export async function readAndExtract(task: ReadTask, rules: FigureRules): Promise<ReadResult> {
  const read = await timedAsync('parse', () => readFeed(task.bytes, { contentType: task.contentType, documentUrl: task.documentUrl, fetchedAt: new Date(task.fetchedAt) }));
  if (!read.ok) return { ok: false, reason: read.reason };
  const source = sourceName(task.feedTitle ?? read.feed.title, task.feedUrl);
  return { ok: true, feed: read.feed, repairs: read.repairs, source, extracted: task.extract ? extractItems(read.feed.items, source, rules) : null };
}

/** A whole poll after the fetch, for a feed whose text is in the document (not a fullText feed). */
export interface IngestTask extends Omit<ReadTask, 'extract'> {
  feedId: number;
  /** ingest.initialItems: how many items of a feed read for the first time count as new. */
  initialItems: number;
}

export type IngestResult =
  | { ok: false; reason: string }
  | {
      ok: true;
      items: number;
      /** The document's own title (the feed record takes it when it has none). */
      title: string | null;
      repairs: string[];
      /** Items whose figures could not be read, named by link, guid or title. */
      failures: Array<{ item: string; message: string }>;
      /** What was stored, or why storing failed (nothing of this feed is then stored). */
      stored: StoredItems | { error: string };
    };

/** Runs the write when it is this thread's turn (threads writing one SQLite file take turns, store/writeTurn.ts). */
export type WriteTurn = <T>(write: () => Promise<T>) => Promise<T>;

/** Reads the document with `read` (here or on a worker thread), then stores it in the store on this thread (opened only when there is something to store). */
export async function readThenStore(read: (task: ReadTask) => Promise<ReadResult>, task: IngestTask, storeHere: Store | (() => Promise<Store>), writing: WriteTurn = (write) => write()): Promise<IngestResult> {
  const result = await read({ ...task, extract: true });
  if (!result.ok) return result;
  const items = result.feed.items;
  const extracted = result.extracted ?? { figures: [], failures: [] };
  const failures = extracted.failures.map((f) => {
    const item = items[f.index]!;
    return { item: item.link ?? item.guid ?? item.title, message: f.message };
  });
  let stored: StoredItems | { error: string };
  try {
    const store = typeof storeHere === 'function' ? await storeHere() : storeHere;
    const firstTime = !(await store.feedHasArticles(task.feedId));
    stored = await writing(() => storeItems(store, task.feedId, markBacklog(items, firstTime, task.initialItems), extracted, task.fetchedAt));
  } catch (err) {
    stored = { error: (err as Error)?.message ?? String(err) };
  }
  return { ok: true, items: items.length, title: result.feed.title, repairs: result.repairs, failures, stored };
}

/** Read, figures and store, all on this thread. */
export function readAndStore(task: IngestTask, rules: FigureRules, store: Store | (() => Promise<Store>), writing?: WriteTurn): Promise<IngestResult> {
  return readThenStore((t) => readAndExtract(t, rules), task, store, writing);
}
