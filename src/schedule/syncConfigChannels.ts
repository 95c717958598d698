/**
 * Channels declared in config (`channels:`) are written to the store at start-up, with their
 * subscriptions, so the scheduler sees one list of channels whether they came from config or chat.
 *
 * A key set in config wins; a key config leaves out keeps what the channel already has (an admin may
 * have changed it from chat), or the `digest:` default for a new channel. Subscriptions are only
 * added: the store does not know which ones came from config, and removing one an admin added from
 * chat would lose it silently. Channels made from chat are never touched.
 */
import type { ChannelConfig, Config } from '../config/schema.js';
import { ConfigError } from '../config/load.js';
import type { ChannelInput, ChannelRecord, Store } from '../store/store.js';

export interface SyncConfigChannelsResult {
  created: string[];
  updated: string[];
  unchanged: string[];
  subscriptionsAdded: number;
}

export const channelKeyFor = (c: Pick<ChannelConfig, 'platform' | 'id'>): string => `${c.platform}:${c.id}`;

/** What the channel should look like after applying its config entry over what it has. */
export function desiredChannel(entry: ChannelConfig, config: Config, existing: ChannelRecord | null): ChannelInput {
  const base = existing ?? {
    schedule: config.digest.schedule,
    timezone: config.digest.timezone,
    maxArticles: config.digest.maxArticles,
    postWhenEmpty: config.digest.postWhenEmpty,
    workspaceId: null,
  };
  return {
    platform: entry.platform,
    externalId: entry.id,
    workspaceId: entry.workspaceId ?? base.workspaceId,
    schedule: entry.schedule ?? base.schedule,
    timezone: entry.timezone ?? base.timezone,
    maxArticles: entry.maxArticles ?? base.maxArticles,
    postWhenEmpty: entry.postWhenEmpty ?? base.postWhenEmpty,
    origin: 'config',
  };
}

const sameChannel = (a: ChannelInput, b: ChannelRecord): boolean =>
  a.platform === b.platform &&
  a.externalId === b.externalId &&
  a.workspaceId === b.workspaceId &&
  a.schedule === b.schedule &&
  a.timezone === b.timezone &&
  a.maxArticles === b.maxArticles &&
  a.postWhenEmpty === b.postWhenEmpty &&
  a.origin === b.origin;

export async function syncConfigChannels(store: Store, config: Config): Promise<SyncConfigChannelsResult> {
  const result: SyncConfigChannelsResult = { created: [], updated: [], unchanged: [], subscriptionsAdded: 0 };
  const seen = new Map<string, number>();
  config.channels.forEach((entry, i) => {
    const key = channelKeyFor(entry);
    const first = seen.get(key);
    if (first !== undefined) throw new ConfigError(`channels[${i}]: ${key} is already declared at channels[${first}]; declare each channel once`);
    seen.set(key, i);
  });
  for (const entry of config.channels) {
    const key = channelKeyFor(entry);

    const existing = await store.getChannel(key);
    const desired = desiredChannel(entry, config, existing);
    // Upsert only on a real change: updatedAt marks when the schedule took effect, and slots before
    // it are never caught up, so touching it on every start would cancel catch-up after downtime.
    if (!existing) {
      await store.upsertChannel(desired);
      result.created.push(key);
    } else if (!sameChannel(desired, existing)) {
      await store.upsertChannel(desired);
      result.updated.push(key);
    } else {
      result.unchanged.push(key);
    }

    for (const topic of entry.topics) if (await store.addSubscription(key, 'topic', topic)) result.subscriptionsAdded++;
    for (const url of entry.feeds.map((u) => u.trim())) {
      // A feed named only under a channel is still a configured (trusted) feed that must be polled.
      if (!(await store.getFeed(url))) await store.upsertFeed({ url, trusted: true });
      if (await store.addSubscription(key, 'feed', url)) result.subscriptionsAdded++;
    }
  }
  return result;
}
