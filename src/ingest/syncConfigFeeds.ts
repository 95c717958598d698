/** Declares the feeds of config in the store, as trusted (config URLs may point at loopback). */
import type { Config } from '../config/schema.js';
import type { FeedRecord, Store } from '../store/store.js';

export async function syncConfigFeeds(store: Store, config: Pick<Config, 'feeds'>): Promise<FeedRecord[]> {
  const records: FeedRecord[] = [];
  for (const feed of config.feeds) {
    records.push(await store.upsertFeed({ url: feed.url.trim(), title: feed.title ?? null, fullText: feed.fullText, trusted: true }));
  }
  return records;
}
