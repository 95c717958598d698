/**
 * Which channels follow which feeds. A channel follows a feed when it is subscribed to the feed's
 * URL, or to a topic the feed carries (a topic given to the feed in config or with `newsdigest feeds
 * add --topic`). A feed no channel follows is not polled (store.claimDueFeeds applies the same rule
 * in SQL) and reaches no digest. Config is read too, so the answer is right before `serve` has
 * written config's channels and feeds to the store.
 */
import type { Config } from '../config/schema.js';
import type { Store, Subscription } from '../store/store.js';

/** One channel following one feed, and how: directly (topic null) or through a topic. */
export interface Follow {
  channelKey: string;
  topic: string | null;
}

export interface Follows {
  /** Feed URL → its topics (config and store, sorted). */
  topicsOf(url: string): string[];
  /** Topic id → the URLs of the feeds that carry it. */
  feedsOfTopic(topic: string): string[];
  /** Feed URL → the channels that follow it. */
  followersOf(url: string): Follow[];
  /** The feed URLs a channel follows, directly or through its topics. */
  feedsOfChannel(channelKey: string): string[];
  /** Every channel's subscriptions (stored and declared in config). */
  subscriptions: Subscription[];
}

const channelKeyOf = (c: Pick<Config['channels'][number], 'platform' | 'id'>): string => `${c.platform}:${c.id}`;

export async function readFollows(store: Store, config: Pick<Config, 'feeds' | 'channels'>): Promise<Follows> {
  const topicsByUrl = new Map<string, Set<string>>();
  const addTopic = (url: string, topic: string) => {
    const set = topicsByUrl.get(url) ?? new Set<string>();
    set.add(topic);
    topicsByUrl.set(url, set);
  };
  for (const f of config.feeds) for (const t of f.topics) addTopic(f.url.trim(), t);
  for (const ft of await store.listFeedTopics()) addTopic(ft.url, ft.topic);

  const subscriptions = await store.listAllSubscriptions();
  const have = new Set(subscriptions.map((s) => `${s.channelKey}\u0000${s.kind}\u0000${s.value}`));
  const at = new Date(0).toISOString();
  for (const c of config.channels) {
    const channelKey = channelKeyOf(c);
    const declared = [...c.topics.map((value) => ({ kind: 'topic' as const, value })), ...c.feeds.map((value) => ({ kind: 'feed' as const, value: value.trim() }))];
    for (const d of declared) {
      const id = `${channelKey}\u0000${d.kind}\u0000${d.value}`;
      if (have.has(id)) continue;
      have.add(id);
      subscriptions.push({ channelKey, kind: d.kind, value: d.value, createdAt: at });
    }
  }

  const feedsOfTopic = (topic: string): string[] => [...topicsByUrl].filter(([, topics]) => topics.has(topic)).map(([url]) => url);
  return {
    subscriptions,
    topicsOf: (url) => [...(topicsByUrl.get(url) ?? [])].sort(),
    feedsOfTopic,
    followersOf(url) {
      const topics = topicsByUrl.get(url) ?? new Set<string>();
      return subscriptions
        .filter((s) => (s.kind === 'feed' ? s.value === url : topics.has(s.value)))
        .map((s) => ({ channelKey: s.channelKey, topic: s.kind === 'topic' ? s.value : null }));
    },
    feedsOfChannel(channelKey) {
      const urls = new Set<string>();
      for (const s of subscriptions) {
        if (s.channelKey !== channelKey) continue;
        if (s.kind === 'feed') urls.add(s.value);
        else for (const url of feedsOfTopic(s.value)) urls.add(url);
      }
      return [...urls];
    },
  };
}
