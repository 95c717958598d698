/**
 * The CPU-heavy part of a poll, as plain functions of plain data so that it runs the same on the
 * main thread or in a worker thread (feedWorker.ts): a fetched document's bytes → its normalized
 * items (decode, XML repair, parse, HTML → text) and, unless the feed still needs its article
 * pages, each item's figures. Nothing here touches the store or the network; storing an article
 * with its figures stays one transaction on the thread that owns the store.
 */
import type { Config } from '../config/schema.js';
import type { FeedItem, ParsedFeed } from '../feeds/feedItem.js';
import { readFeed } from '../feeds/readFeed.js';
import { extractFigures } from '../figures/extractFigures.js';
import type { Figure } from '../figures/figure.js';
import { timed, timedAsync } from '../ingest/phaseClock.js';
import { sourceName } from '../store/sourceName.js';

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
