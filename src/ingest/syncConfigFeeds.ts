/**
 * Declares the feeds of config in the store, as trusted (config URLs may point at loopback), with
 * the topics config gives them (replacing the ones config gave before, so a topic taken out of
 * config stops counting; topics given with `newsdigest feeds add --topic` are kept).
 */
import type { Config } from '../config/schema.js';
import type { FeedRecord, Store } from '../store/store.js';

export async function syncConfigFeeds(store: Store, config: Pick<Config, 'feeds'>): Promise<FeedRecord[]> {
  const records: FeedRecord[] = [];
  for (const feed of config.feeds) {
    const record = await store.upsertFeed({ url: feed.url.trim(), title: feed.title ?? null, fullText: feed.fullText, trusted: true });
    await store.setFeedTopics(record.id, 'config', feed.topics);
    records.push(record);
  }
  return records;
}
