/**
 * Why a digest came out empty, in words, with the command that changes it. Three causes cover
 * what a newcomer meets: the new articles came from feeds this channel does not follow; every new
 * article of its feeds is a new feed's backlog (stored as already seen); or no feed it follows was
 * polled in the period (serve not running, feeds failing, nothing published). Reads only.
 */
import type { Config } from '../config/schema.js';
import { readFollows } from '../ingest/follows.js';
import type { ChannelRecord, FeedRecord, Store, StoredArticle } from '../store/store.js';
import type { DigestPeriod } from './produceDigest.js';
import { timeInWords } from '../time/timeWords.js';

/** Whom the advice is for: someone at the command line, or in the chat channel itself. */
export type Audience = 'cli' | 'chat';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
/** At most this many feeds are named in one sentence. */
const NAMED = 3;

function countBy(articles: StoredArticle[], keep: (url: string) => boolean): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const a of articles) for (const s of a.sources) if (keep(s.feedUrl)) counts.set(s.feedUrl, (counts.get(s.feedUrl) ?? 0) + 1);
  return [...counts].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
}

function named(counts: Array<[string, number]>): string {
  const shown = counts.slice(0, NAMED).map(([url, n]) => `${url} (${n})`);
  return counts.length > NAMED ? `${shown.join(', ')} and ${plural(counts.length - NAMED, 'more feed')}` : shown.join(', ');
}

export async function explainEmptyDigest(
  deps: { store: Store; config: Config },
  channel: ChannelRecord,
  period: DigestPeriod,
  now: Date,
  audience: Audience,
): Promise<string> {
  const { store, config } = deps;
  const when = (iso: string) => timeInWords(iso, channel.timezone, now);
  const follows = await readFollows(store, config);
  const followed = new Set(follows.feedsOfChannel(channel.key));
  const articles = await store.listArticles({ since: period.periodStart, until: period.periodEnd, includeSeeded: true });
  const isFollowed = (a: StoredArticle) => a.sources.some((s) => followed.has(s.feedUrl));
  const mine = articles.filter(isFollowed);
  const elsewhere = countBy(articles.filter((a) => !a.seeded && !isFollowed(a)), (url) => !followed.has(url));
  const follow = (url: string) => (audience === 'cli' ? `newsdigest feeds add ${url} --channel ${channel.key}` : `/digest subscribe ${url}`);

  const lines = [`Nothing new for ${channel.key} since ${when(period.periodStart)}.`];
  if (elsewhere.length > 0) {
    const n = elsewhere.reduce((sum, [, c]) => sum + c, 0);
    lines.push(`${plural(n, 'new article')} came from feeds this channel does not follow: ${named(elsewhere)}. To follow one: ${follow(elsewhere[0]![0])}`);
  }

  if (followed.size === 0) {
    const topics = follows.subscriptions.filter((s) => s.channelKey === channel.key && s.kind === 'topic').map((s) => s.value);
    const why = topics.length > 0 ? `This channel follows ${topics.length === 1 ? 'the topic' : 'the topics'} ${topics.join(', ')}, but no feed carries ${topics.length === 1 ? 'it' : 'them'}` : 'This channel follows no feed yet';
    const fix = audience === 'cli' ? `newsdigest feeds add URL --channel ${channel.key}${topics[0] ? ` (or --topic ${topics[0]})` : ''}` : '/digest subscribe <topic or feed URL>';
    lines.push(`${why}. Add one: ${fix}`);
    return lines.join('\n');
  }

  const fresh = mine.filter((a) => !a.seeded);
  const backlog = mine.filter((a) => a.seeded);
  if (fresh.length > 0) {
    lines.push(`${plural(fresh.length, 'new article')} from the feeds it follows matched none of its topics (their keywords in config decide). Change topics[].keywords in config, or follow the feed itself: ${follow(countBy(fresh, (u) => followed.has(u))[0]![0])}`);
    return lines.join('\n');
  }
  if (backlog.length > 0) {
    const feeds = countBy(backlog, (url) => followed.has(url));
    lines.push(
      `All ${plural(backlog.length, 'article')} stored since then from its feeds are a new feed's backlog: ${named(feeds)}. A feed read for the first time keeps only its newest ${config.ingest.initialItems} items as new (ingest.initialItems) and stores the older ones as already seen. Its next new items will be in the next digest${audience === 'cli' ? '; poll now with: newsdigest ingest' : ''}.`,
    );
    return lines.join('\n');
  }
  if (elsewhere.length > 0) return lines.join('\n');

  const stored = (await store.listFeeds()).filter((f) => followed.has(f.url));
  const polled = stored.map((f) => f.lastFetchedAt).filter((t): t is string => t !== null).sort();
  const last = polled.at(-1) ?? null;
  const pollNow = audience === 'cli' ? 'Poll them now with: newsdigest ingest (newsdigest serve polls them on its own).' : `The bot polls them every ${config.ingest.pollIntervalMinutes} minutes while it runs.`;
  if (last === null) {
    lines.push(`None of the ${plural(followed.size, 'feed')} it follows has been fetched yet. ${pollNow}`);
  } else if (last <= period.periodStart) {
    lines.push(`No feed it follows was polled since ${when(period.periodStart)}; the last poll was ${when(last)}. ${audience === 'cli' ? 'Is newsdigest serve running? ' : ''}${pollNow}`);
  } else {
    lines.push(`Its ${plural(followed.size, 'feed')} ${followed.size === 1 ? 'was' : 'were'} polled (last ${when(last)}) and had nothing new.`);
  }
  const failing = stored.filter((f: FeedRecord) => f.consecutiveFailures > 0);
  if (failing.length > 0) {
    const list = failing.slice(0, NAMED).map((f) => `${f.url}: ${f.lastError ?? 'unknown error'}`).join('; ');
    lines.push(`${plural(failing.length, 'feed')} ${failing.length === 1 ? 'is' : 'are'} failing: ${list}. See ${audience === 'cli' ? 'newsdigest feeds' : '/digest feeds'}.`);
  }
  return lines.join('\n');
}
