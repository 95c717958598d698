/** Plain-text descriptions of a channel's setup for /digest feeds and /digest status. */
import { CronExpressionParser } from 'cron-parser';
import type { Config } from '../config/schema.js';
import type { ChannelRecord, Store } from '../store/store.js';
import { scheduleInWords, timeInWords } from '../time/timeWords.js';
import { feedHealth } from '../ingest/feedHealth.js';
import { readFollows } from '../ingest/follows.js';

export function nextRun(channel: Pick<ChannelRecord, 'schedule' | 'timezone'>, now: Date): string | null {
  try {
    return CronExpressionParser.parse(channel.schedule, { tz: channel.timezone, currentDate: now }).next().toISOString();
  } catch {
    return null;
  }
}

/** What the channel follows, with each feed's URL and health (also the feeds its topics bring). */
export async function describeSubscriptions(store: Store, config: Config, channelKey: string, now: Date = new Date(), timezone = 'UTC'): Promise<string> {
  const subs = await store.listSubscriptions(channelKey);
  if (subs.length === 0) return 'This channel is not subscribed to anything yet. Use /digest subscribe with a topic (id or name), a feed URL or a web page that names its feed.';
  const follows = await readFollows(store, config);
  const feeds = new Map((await store.listFeeds()).map((f) => [f.url, f]));
  const feedLine = (url: string, indent: string): string => {
    const health = feedHealth(feeds.get(url) ?? null, follows.followersOf(url).length > 0, timezone, now);
    return `${indent}${url}: last fetch ${health.lastFetch}; next poll ${health.nextPoll}`;
  };
  const lines: string[] = [];
  for (const s of subs) {
    if (s.kind === 'topic') {
      const topic = config.topics.find((t) => t.id === s.value);
      const urls = follows.feedsOfTopic(s.value);
      lines.push(`• topic ${s.value}${topic ? ` (${topic.name})` : ' (no longer in config)'}${urls.length === 0 ? ': no feed carries it yet' : ''}`);
      for (const url of urls) lines.push(feedLine(url, '   – '));
    } else {
      lines.push(feedLine(s.value, '• feed '));
    }
  }
  return `This channel follows:\n${lines.join('\n')}`;
}

export async function describeStatus(store: Store, channel: ChannelRecord, now: Date): Promise<string> {
  const last = await store.lastDigest(channel.key);
  const next = nextRun(channel, now);
  // Every time in the channel's own zone, in words: a reader should not convert ISO timestamps.
  const when = (iso: string | null) => (iso ? timeInWords(iso, channel.timezone, now) : 'unknown');
  const parts = [`Schedule ${scheduleInWords(channel.schedule, channel.timezone)}; next digest ${when(next)}.`];
  if (!last) parts.push('No digest yet.');
  else if (last.status === 'sent') parts.push(`Last digest (${when(last.slot)}): sent ${when(last.sentAt)} (${last.articleIds.length} articles).`);
  else if (last.status === 'pending') parts.push(`Last digest (${when(last.slot)}): pending, ${last.attempts} failed attempts${last.lastError ? `, last error: ${last.lastError}` : ''}; next attempt ${when(last.nextAttemptAt)}.`);
  else parts.push(`Last digest (${when(last.slot)}): FAILED after ${last.attempts} attempts: ${last.lastError ?? 'unknown error'}.`);
  return parts.join(' ');
}
