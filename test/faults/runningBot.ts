/**
 * The fault tests' bot: the served bot (test/helpers/servedBot.ts) whose one feed is served from
 * 127.0.0.1. The feed is ingested before start-up, two minutes back on the clock, so a digest made
 * now includes it; the app polls nothing after that.
 */
import { ingestFeeds } from '../../src/ingest/ingestFeeds.js';
import type { Store } from '../../src/store/store.js';
import { MANAGE_GUILD_PERMISSIONS, ORDINARY_MEMBER_PERMISSIONS } from '../fakes/discord/index.js';
import { startFeedServer, type FeedServer } from '../fakes/feedServer.js';
import { startServedBot, type ServedBot } from '../helpers/servedBot.js';

export const GUILD = '610000000000000001';
export const DISCORD_CHANNEL = '610000000000000011';
export const DISCORD_ADMIN = { id: '620000000000000001', username: 'admin', permissions: MANAGE_GUILD_PERMISSIONS };
export const DISCORD_MEMBER = { id: '620000000000000002', username: 'member', permissions: ORDINARY_MEMBER_PERMISSIONS };
export const SLACK_CHANNEL = 'C0FAULTS01';
export const SLACK_MEMBER = 'U0MEMBER01';
export const SLACK_ADMIN = 'U0ADMIN001';

export interface RunningBot extends ServedBot {
  feeds: FeedServer;
}

export async function startRunningBot(feedXml: string): Promise<RunningBot> {
  const feeds = await startFeedServer();
  feeds.setDocument('feed.xml', { body: feedXml, contentType: 'application/rss+xml' });
  const bot = await startServedBot({
    tmpPrefix: 'newsdigest-running-bot-',
    guild: GUILD,
    discordChannel: DISCORD_CHANNEL,
    slackChannel: SLACK_CHANNEL,
    slackMember: SLACK_MEMBER,
    slackAdmin: SLACK_ADMIN,
    // No title: the feed's own (stranger-written) title is what digests show as its source.
    feedUrl: feeds.url('/docs/feed.xml'),
    local: { slack: { adminUserIds: [] } },
    async beforeStart(rt) {
      const [ingested] = await ingestFeeds(rt, { now: new Date(Date.now() - 2 * 60_000) });
      if (ingested?.status !== 'ok') throw new Error(`the test feed was not ingested: ${JSON.stringify(ingested)}`);
    },
    start: { poll: false },
  });
  return {
    ...bot,
    feeds,
    async close() {
      await bot.close();
      await feeds.close();
    },
  };
}

/** Everything a command could change: channels, their subscriptions, feeds and digests. */
export async function storeSnapshot(store: Store) {
  const channels = await store.listChannels();
  return {
    channels,
    subscriptions: await Promise.all(channels.map((c) => store.listSubscriptions(c.key))),
    feeds: (await store.listFeeds()).map((f) => f.url),
    digests: await Promise.all(channels.map((c) => store.listDigests(c.key, 100))),
  };
}
