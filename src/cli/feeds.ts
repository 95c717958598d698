/**
 * `newsdigest feeds`: the feeds the bot knows, and the commands that manage them.
 *   feeds                          every stored feed: topics, who follows it, last fetch, next poll
 *   feeds add URL [--topic ID] [--channel KEY]   fetch it now and follow it (a web page: the feed it names)
 *   feeds remove URL               no channel follows it any more, so it is not polled; articles kept
 *   feeds import FILE.opml / feeds export [--out FILE]   (feedsOpml.ts)
 * Times are in the local time zone (TZ), in words.
 */
import type { Command } from 'commander';
import { closest } from 'fastest-levenshtein';
import type { Runtime } from '../runtime.js';
import { lookUpFeed } from '../feeds/lookUpFeed.js';
import { ingestFeed, type FeedIngestResult } from '../ingest/ingestFeed.js';
import { feedHealth } from '../ingest/feedHealth.js';
import { readFollows } from '../ingest/follows.js';
import { applyFollow, declaredInConfig, planFollow, unfollowEverywhere } from '../ingest/manageFeeds.js';
import type { FeedRecord } from '../store/store.js';
import { registerFeedsOpml } from './feedsOpml.js';
import { collect, followersText, localZone, openQuietRuntime, plural } from './feedsShared.js';

/** What one first read of a feed stored, for people: new articles and backlog kept apart. */
export function fetchedText(r: FeedIngestResult, initialItems: number): string {
  if (r.status === 'failed') return `The fetch failed: ${r.error}.`;
  if (r.status === 'not_modified') return 'Fetched it now: not modified since the last fetch.';
  const backlog = r.backlog > 0 ? `, ${r.backlog} older ${r.backlog === 1 ? 'one' : 'ones'} stored as already seen (a new feed shows only its newest ${initialItems}: ingest.initialItems)` : '';
  const known = r.items - r.new - r.backlog;
  return `Fetched it now: ${plural(r.items, 'item')}; ${r.new} new for the next digest${backlog}${known > 0 ? `, ${known} already stored` : ''}.`;
}

async function listFeeds(rt: Runtime, now: Date): Promise<string> {
  const { store, config } = rt;
  const zone = localZone();
  const follows = await readFollows(store, config);
  const stored = await store.listFeeds();
  const counts = await store.countArticlesByFeed();
  const storedUrls = new Set(stored.map((f) => f.url));
  const declaredOnly = config.feeds.map((f) => f.url.trim()).filter((url) => !storedUrls.has(url));
  const total = stored.length + declaredOnly.length;
  if (total === 0) return 'No feeds yet. Add one: newsdigest feeds add URL (a feed, or a web page that names its feed)\n';

  const lines = [`Feeds (${total}):`];
  const entry = (url: string, feed: FeedRecord | null) => {
    const followers = follows.followersOf(url);
    const origin = declaredInConfig(config, url) ? 'config' : feed && !feed.trusted ? 'added from chat' : 'command line';
    const health = feedHealth(feed, followers.length > 0, zone, now);
    lines.push(`  ${url}${feed?.title ? ` (${feed.title})` : ''} [${origin}]`);
    lines.push(`    topics: ${follows.topicsOf(url).join(', ') || 'none'}; followed by ${followersText(followers)}`);
    lines.push(`    last fetch: ${health.lastFetch}; ${plural(feed ? (counts.get(feed.id) ?? 0) : 0, 'article')} stored`);
    lines.push(`    next poll: ${health.nextPoll}`);
    if (followers.length === 0) lines.push(`    follow it: newsdigest feeds add ${url} --channel KEY; forget it: newsdigest feeds remove ${url}`);
  };
  for (const feed of stored) entry(feed.url, feed);
  for (const url of declaredOnly) entry(url, null);
  return `${lines.join('\n')}\n`;
}

async function addFeed(rt: Runtime, url: string, opts: { topic: string[]; channel: string[] }, now: Date): Promise<string> {
  const { store, config, logger } = rt;
  const plan = await planFollow(store, config, { topics: opts.topic, channels: opts.channel });
  if ('error' in plan) throw new Error(`feeds add: ${plan.error}. Nothing was changed.`);
  const { ingest } = config;
  // From the command line: trusted like config (loopback and local files allowed).
  const found = await lookUpFeed(url, { timeoutMs: ingest.timeoutMs, maxBytes: ingest.maxBytes, maxRedirects: ingest.maxRedirects, policy: null, now });
  if (!found.ok) throw new Error(`could not add ${url}: ${found.reason}. Nothing was changed.`);

  const feed = await store.upsertFeed({ url: found.url, title: (await store.getFeed(found.url))?.title ?? null, trusted: true });
  await applyFollow(store, config, feed, plan);
  const result = await ingestFeed(feed, { store, config, logger }, now, found.fetched);
  const followers = (await readFollows(store, config)).followersOf(feed.url);
  const title = (await store.getFeed(feed.url))?.title;
  const lines = [
    ...(found.discoveredFrom ? [`${url} is a web page; it names the feed ${found.url}.`] : []),
    `Added ${feed.url}${title ? ` (${title})` : ''}, followed by ${followersText(followers)}${plan.note ? `, ${plan.note}` : ''}.`,
    fetchedText(result, ingest.initialItems),
  ];
  if (followers.length === 0) lines.push(`No channel follows ${plan.topics.length === 1 ? `the topic ${plan.topics[0]}` : 'its topics'} yet, so it is not polled. Follow it: newsdigest feeds add ${feed.url} --channel KEY`);
  else lines.push(`newsdigest serve polls it every ${ingest.pollIntervalMinutes} minutes. See the next digest now: newsdigest digest --dry-run --channel ${followers[0]!.channelKey}`);
  if (result.status === 'failed') process.exitCode = 1;
  return `${lines.join('\n')}\n`;
}

async function removeFeed(rt: Runtime, url: string): Promise<string> {
  const { store, config } = rt;
  if (declaredInConfig(config, url)) {
    throw new Error(`feeds remove: ${url} is declared in config (feeds: or a channel's feeds: in config/default.yaml or config/local.yaml); remove it there, or it comes back at the next start. Nothing was changed.`);
  }
  const feed = await store.getFeed(url);
  if (!feed) {
    const urls = (await store.listFeeds()).map((f) => f.url);
    const near = urls.length > 0 ? closest(url, urls) : null;
    throw new Error(`feeds remove: there is no feed ${url}${near ? `; did you mean ${near}?` : ''} (newsdigest feeds lists them). Nothing was changed.`);
  }
  const channels = await unfollowEverywhere(store, feed);
  const articles = (await store.countArticlesByFeed()).get(feed.id) ?? 0;
  return `Removed ${feed.url}: ${channels.length > 0 ? `unsubscribed ${channels.join(', ')}; ` : ''}no channel follows it, so it is no longer polled. Its ${plural(articles, 'stored article')} and their key figures are kept (for /ask and the digests already sent).\n`;
}

export function registerFeeds(program: Command): void {
  const feeds = program
    .command('feeds')
    .description('list the feeds: topics, who follows each, last fetch, status and next poll (add, remove, import, export manage them)')
    .action(async () => {
      const rt = await openQuietRuntime();
      try {
        process.stdout.write(await listFeeds(rt, new Date()));
      } finally {
        await rt.close();
      }
    });
  feeds
    .command('add <url>')
    .description('fetch a feed (or the feed a web page names) now and follow it: --topic puts it under a topic, --channel subscribes a channel')
    .option('--topic <id>', 'a topic (id or name) the feed carries; channels following the topic follow it (repeatable)', collect, [])
    .option('--channel <key>', 'a channel (platform:id) to subscribe to the feed (repeatable); default: the only channel there is', collect, [])
    .action(async (url: string, opts: { topic: string[]; channel: string[] }) => {
      const rt = await openQuietRuntime();
      try {
        process.stdout.write(await addFeed(rt, url.trim(), opts, new Date()));
      } finally {
        await rt.close();
      }
    });
  feeds
    .command('remove <url>')
    .description('stop following a feed everywhere: it is no longer polled; its articles and figures are kept')
    .action(async (url: string) => {
      const rt = await openQuietRuntime();
      try {
        process.stdout.write(await removeFeed(rt, url.trim()));
      } finally {
        await rt.close();
      }
    });
  registerFeedsOpml(feeds);
}
