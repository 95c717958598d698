/**
 * The store as it will look once config channels are synced, without writing anything: a
 * `--dry-run` must change nothing, yet a channel declared in config but never started should still
 * show what its digest would hold.
 */
import type { Config } from '../config/schema.js';
import type { ChannelRecord, Store, Subscription } from '../store/store.js';
import { channelKeyFor, desiredChannel } from './syncConfigChannels.js';

export function configChannelView(store: Store, config: Config, now: Date): Store {
  const declared = new Map(config.channels.map((c) => [channelKeyFor(c), c]));

  async function getChannel(key: string): Promise<ChannelRecord | null> {
    const existing = await store.getChannel(key);
    const entry = declared.get(key);
    if (!entry) return existing;
    const at = now.toISOString();
    return { ...desiredChannel(entry, config, existing), key, createdAt: existing?.createdAt ?? at, updatedAt: existing?.updatedAt ?? at };
  }

  async function listSubscriptions(key: string): Promise<Subscription[]> {
    const stored = await store.listSubscriptions(key);
    const entry = declared.get(key);
    if (!entry) return stored;
    const have = new Set(stored.map((s) => `${s.kind}\u0000${s.value}`));
    const at = now.toISOString();
    const fromConfig: Subscription[] = [
      ...entry.topics.map((value) => ({ channelKey: key, kind: 'topic' as const, value, createdAt: at })),
      ...entry.feeds.map((value) => ({ channelKey: key, kind: 'feed' as const, value, createdAt: at })),
    ].filter((s) => !have.has(`${s.kind}\u0000${s.value}`));
    return [...stored, ...fromConfig];
  }

  async function listChannels(): Promise<ChannelRecord[]> {
    const stored = await store.listChannels();
    const keys = new Set([...stored.map((c) => c.key), ...declared.keys()]);
    const out: ChannelRecord[] = [];
    for (const key of keys) {
      const channel = await getChannel(key);
      if (channel) out.push(channel);
    }
    return out;
  }

  const overrides: Partial<Store> = { getChannel, listSubscriptions, listChannels };
  return new Proxy(store, {
    get(target, prop) {
      if (typeof prop === 'string' && prop in overrides) return overrides[prop as keyof Store];
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
