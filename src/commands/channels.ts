/** Channels as commands see them: the key of the channel a command came from, created on first use. */
import type { Config } from '../config/schema.js';
import type { ChannelRecord, Store } from '../store/store.js';
import type { Invocation } from './command.js';

export const channelKeyOf = (inv: Pick<Invocation, 'platform' | 'channelId'>): string => `${inv.platform}:${inv.channelId}`;

/** The channel's record, created with the configured digest defaults the first time an admin sets it up. */
export async function ensureChannel(store: Store, config: Config, inv: Pick<Invocation, 'platform' | 'channelId' | 'workspaceId'>): Promise<ChannelRecord> {
  const existing = await store.getChannel(channelKeyOf(inv));
  if (existing) return existing;
  return store.upsertChannel({
    platform: inv.platform,
    externalId: inv.channelId,
    workspaceId: inv.workspaceId,
    schedule: config.digest.schedule,
    timezone: config.digest.timezone,
    maxArticles: config.digest.maxArticles,
    postWhenEmpty: config.digest.postWhenEmpty,
    origin: 'chat',
  });
}
