/**
 * The alert tests' bot: the served bot (test/helpers/servedBot.ts) with one feed served from
 * 127.0.0.1 that the poller reads. The poller's clock can be moved on, so a feed is due again at
 * once; everything else runs on the real clock.
 */
import { MANAGE_GUILD_PERMISSIONS, ORDINARY_MEMBER_PERMISSIONS } from '../fakes/discord/index.js';
import { startServedBot, type ServedBot } from '../helpers/servedBot.js';
import { startFeedWorld, type FeedWorld } from './world.js';

export const GUILD = '710000000000000001';
export const DISCORD_CHANNEL = '710000000000000011';
export const DISCORD_ADMIN = { id: '720000000000000001', username: 'admin', permissions: MANAGE_GUILD_PERMISSIONS };
export const DISCORD_MEMBER = { id: '720000000000000002', username: 'member', permissions: ORDINARY_MEMBER_PERMISSIONS };
export const SLACK_CHANNEL = 'C0ALERTS01';
export const SLACK_MEMBER = 'U0MEMBER01';
export const SLACK_ADMIN = 'U0ADMIN001';

export interface BotWorld extends ServedBot {
  feed: FeedWorld;
  /** Moves the poller's clock past the poll interval: every feed is due on its next tick. */
  pollSoon(): void;
}

export async function startBotWorld(): Promise<BotWorld> {
  const feed = await startFeedWorld();
  let offsetMs = 0;
  const bot = await startServedBot({
    tmpPrefix: 'newsdigest-alert-bot-',
    guild: GUILD,
    discordChannel: DISCORD_CHANNEL,
    slackChannel: SLACK_CHANNEL,
    slackMember: SLACK_MEMBER,
    slackAdmin: SLACK_ADMIN,
    feedUrl: feed.url,
    local: { ingest: { pollIntervalMinutes: 1 } },
    start: { poller: { now: () => new Date(Date.now() + offsetMs), tickMs: 50 } },
  });
  return {
    ...bot,
    feed,
    pollSoon() {
      offsetMs += 2 * 60_000;
    },
    async close() {
      await bot.close();
      await feed.close();
    },
  };
}
