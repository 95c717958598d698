/**
 * The store step of a poll, shared by the main thread and the worker threads (src/workers): mark a
 * new feed's backlog as already seen, then store every new article with its figures in one
 * transaction. Runs wherever the store connection is, so a worker that owns a connection to the
 * same SQLite file stores what it parsed without sending the items back across the thread boundary.
 */
import type { FeedItem } from '../feeds/feedItem.js';
import type { Store } from '../store/store.js';
import type { ExtractResult } from '../workers/feedTasks.js';
import { timedAsync } from './phaseClock.js';

export type SeededItem = FeedItem & { seeded: boolean };

/** Newest first by date; items of equal date keep document order (feeds list newest first). */
function newestFirst(items: readonly FeedItem[]): number[] {
  return items
    .map((item, index) => ({ index, t: Date.parse(item.published) }))
    .sort((a, b) => b.t - a.t || a.index - b.index)
    .map((x) => x.index);
}

/** A feed seen for the first time: all but its newest `initialItems` items count as already seen. */
export function markBacklog(items: readonly FeedItem[], firstTime: boolean, initialItems: number): SeededItem[] {
  const fresh = new Set(firstTime ? newestFirst(items).slice(0, initialItems) : items.keys());
  return items.map((item, index) => ({ ...item, seeded: !fresh.has(index) }));
}

/** What was stored, small enough to send between threads: the new articles' ids, not the articles. */
export interface StoredItems {
  inserted: Array<{ id: number; seeded: boolean }>;
  duplicates: number;
  /** Figures stored with the new articles. */
  figures: number;
}

/** Stores items (seeded already marked) with the figures extracted for them, in item order; one transaction. */
export async function storeItems(store: Store, feedId: number, items: readonly SeededItem[], extracted: ExtractResult, fetchedAt: string): Promise<StoredItems> {
  const withFigures = items.map((item, index) => ({ ...item, figures: extracted.figures[index] ?? [] }));
  const saved = await timedAsync('store', () => store.saveArticles(feedId, withFigures, fetchedAt));
  const inserted = saved.inserted.map((a) => ({ id: a.id, seeded: a.seeded }));
  const figures = inserted.length === 0 ? 0 : await store.countFigures(inserted.map((a) => a.id));
  return { inserted, duplicates: saved.duplicates, figures };
}
