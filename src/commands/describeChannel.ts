/** Plain-text descriptions of a channel's setup for /digest feeds and /digest status. */
import { CronExpressionParser } from 'cron-parser';
import type { Config } from '../config/schema.js';
import type { ChannelRecord, Store } from '../store/store.js';

export function nextRun(channel: Pick<ChannelRecord, 'schedule' | 'timezone'>, now: Date): string | null {
  try {
    return CronExpressionParser.parse(channel.schedule, { tz: channel.timezone, currentDate: now }).next().toISOString();
  } catch {
    return null;
  }
}

export async function describeSubscriptions(store: Store, config: Config, channelKey: string): Promise<string> {
  const subs = await store.listSubscriptions(channelKey);
  if (subs.length === 0) return 'This channel is not subscribed to anything yet. Use /digest subscribe with a topic id or a feed URL.';
  const lines: string[] = [];
  for (const s of subs) {
    if (s.kind === 'topic') {
      const topic = config.topics.find((t) => t.id === s.value);
      lines.push(`• topic ${s.value}${topic ? ` (${topic.name})` : ' (no longer in config)'}`);
    } else {
      const feed = await store.getFeed(s.value);
      const state = !feed
        ? 'not yet fetched'
        : feed.lastError
          ? `failing (${feed.consecutiveFailures}×): ${feed.lastError}`
          : feed.lastFetchedAt
            ? `ok, last fetched ${feed.lastFetchedAt}`
            : 'not yet fetched';
      lines.push(`• feed ${s.value}: ${state}`);
    }
  }
  return `This channel follows:\n${lines.join('\n')}`;
}

export async function describeStatus(store: Store, channel: ChannelRecord, now: Date): Promise<string> {
  const last = await store.lastDigest(channel.key);
  const next = nextRun(channel, now);
  const parts = [`Schedule "${channel.schedule}" (${channel.timezone}); next digest ${next ?? 'unknown'}.`];
  if (!last) parts.push('No digest yet.');
  else if (last.status === 'sent') parts.push(`Last digest ${last.slot}: sent ${last.sentAt} (${last.articleIds.length} articles).`);
  else if (last.status === 'pending') parts.push(`Last digest ${last.slot}: pending, ${last.attempts} failed attempts${last.lastError ? `, last error: ${last.lastError}` : ''}; next attempt ${last.nextAttemptAt}.`);
  else parts.push(`Last digest ${last.slot}: FAILED after ${last.attempts} attempts: ${last.lastError ?? 'unknown error'}.`);
  return parts.join(' ');
}
