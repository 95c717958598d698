/**
 * Following and unfollowing feeds from the command line (`newsdigest feeds add|remove|import`,
 * `ingest --channel/--topic`): who should follow a feed, checked before anything changes, and the
 * store writes that make it so. A feed followed by no channel is kept (with its articles) but not polled.
 */
import type { Config } from '../config/schema.js';
import type { FeedRecord, Store } from '../store/store.js';
import { channelKeyFor, syncConfigChannels } from '../schedule/syncConfigChannels.js';

export interface FollowRequest {
  /** Topic ids or names (any case). */
  topics: readonly string[];
  /** Channel keys, platform:id. */
  channels: readonly string[];
}

export interface FollowPlan {
  topics: string[];
  channels: string[];
  /** Said when the plan was chosen for the user ("the only channel"). */
  note: string | null;
}

/** A topic's id from its id or its name (any case), or null. */
export function topicIdOf(config: Pick<Config, 'topics'>, raw: string): string | null {
  const wanted = raw.trim().toLowerCase();
  return config.topics.find((t) => t.id === wanted || t.name.toLowerCase() === wanted)?.id ?? null;
}

/** Channels the store has, and those config declares (synced when serve or digest starts). */
export async function knownChannels(store: Store, config: Pick<Config, 'channels'>): Promise<string[]> {
  const keys = new Set((await store.listChannels()).map((c) => c.key));
  for (const c of config.channels) keys.add(channelKeyFor(c));
  return [...keys].sort();
}

/**
 * Who is to follow: the topics and channels asked for, checked; with neither, the one channel
 * there is. An error text when something asked for does not exist or there is no one obvious.
 */
export async function planFollow(store: Store, config: Config, request: FollowRequest): Promise<FollowPlan | { error: string }> {
  const channels = await knownChannels(store, config);
  const topics: string[] = [];
  for (const raw of request.topics) {
    const id = topicIdOf(config, raw);
    if (!id) return { error: `--topic: there is no topic "${raw}"; topics: ${config.topics.map((t) => `${t.id} (${t.name})`).join(', ') || 'none (declare them under topics: in config)'}` };
    if (!topics.includes(id)) topics.push(id);
  }
  const wanted: string[] = [];
  for (const raw of request.channels) {
    const key = raw.trim();
    if (!channels.includes(key)) return { error: `--channel: there is no channel ${key}; channels: ${channels.join(', ') || 'none'} (declare one under channels: in config, or use /digest subscribe in a chat)` };
    if (!wanted.includes(key)) wanted.push(key);
  }
  if (topics.length > 0 || wanted.length > 0) return { topics, channels: wanted, note: null };
  if (channels.length === 1) return { topics, channels: [channels[0]!], note: 'the only channel' };
  return {
    error:
      channels.length === 0
        ? 'no channel to follow the feed: declare one under channels: in config, or give --topic ID for a topic a channel follows'
        : `say who follows it: --channel KEY (one of ${channels.join(', ')}) or --topic ID (one of ${config.topics.map((t) => t.id).join(', ')})`,
  };
}

/** Makes the plan so: the feed carries the topics, the channels subscribe to it. What changed, for the user. */
export async function applyFollow(store: Store, config: Config, feed: FeedRecord, plan: FollowPlan): Promise<{ topicsAdded: string[]; channelsAdded: string[] }> {
  const topicsAdded: string[] = [];
  const channelsAdded: string[] = [];
  for (const topic of plan.topics) if (await store.addFeedTopic(feed.id, topic, 'cli')) topicsAdded.push(topic);
  if (plan.channels.length > 0) {
    const stored = new Set((await store.listChannels()).map((c) => c.key));
    // A channel config declares but no process has written yet: write config's channels first.
    if (plan.channels.some((k) => !stored.has(k))) await syncConfigChannels(store, config);
    for (const key of plan.channels) if (await store.addSubscription(key, 'feed', feed.url)) channelsAdded.push(key);
  }
  return { topicsAdded, channelsAdded };
}

/** Whether config declares the feed (under feeds:, or under a channel's feeds:). */
export function declaredInConfig(config: Pick<Config, 'feeds' | 'channels'>, url: string): boolean {
  return config.feeds.some((f) => f.url.trim() === url) || config.channels.some((c) => c.feeds.some((f) => f.trim() === url));
}

/** Stops every channel following the feed; its row and articles stay. The channels unsubscribed. */
export async function unfollowEverywhere(store: Store, feed: FeedRecord): Promise<string[]> {
  const removed: string[] = [];
  for (const s of await store.listAllSubscriptions()) {
    if (s.kind === 'feed' && s.value === feed.url && (await store.removeSubscription(s.channelKey, 'feed', feed.url))) removed.push(s.channelKey);
  }
  await store.setFeedTopics(feed.id, 'cli', []);
  await store.setFeedTopics(feed.id, 'config', []);
  return removed;
}
