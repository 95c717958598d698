/**
 * The bot as `newsdigest serve` runs it (openRuntime + startApp), in this process, against the fake
 * Discord (HTTP interactions) and the fake Slack, with SQLite in a temp folder and one feed served
 * from 127.0.0.1 that the poller reads. The poller's clock can be moved on, so a feed is due again
 * at once; everything else runs on the real clock.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { startApp, type RunningApp } from '../../src/app/startApp.js';
import { silentLogger } from '../../src/observability/logger.js';
import { createDiscordRest } from '../../src/platforms/discord/restClient.js';
import { registerDiscordCommands } from '../../src/platforms/discord/registerCommands.js';
import { openRuntime, type Runtime } from '../../src/runtime.js';
import { FakeDiscord, MANAGE_GUILD_PERMISSIONS, ORDINARY_MEMBER_PERMISSIONS } from '../fakes/discord/index.js';
import { FakeSlack } from '../fakes/slack/fakeSlack.js';
import { repoRoot } from '../helpers/tempConfig.js';
import { startFeedWorld, type FeedWorld } from './world.js';

export const GUILD = '710000000000000001';
export const DISCORD_CHANNEL = '710000000000000011';
export const DISCORD_ADMIN = { id: '720000000000000001', username: 'admin', permissions: MANAGE_GUILD_PERMISSIONS };
export const DISCORD_MEMBER = { id: '720000000000000002', username: 'member', permissions: ORDINARY_MEMBER_PERMISSIONS };
export const SLACK_CHANNEL = 'C0ALERTS01';
export const SLACK_MEMBER = 'U0MEMBER01';
export const SLACK_ADMIN = 'U0ADMIN001';

export interface BotWorld {
  rt: Runtime;
  app: RunningApp;
  discord: FakeDiscord;
  slack: FakeSlack;
  feed: FeedWorld;
  discordUrl: string;
  slackUrl: string;
  /** Moves the poller's clock past the poll interval: every feed is due on its next tick. */
  pollSoon(): void;
  close(): Promise<void>;
}

export async function startBotWorld(): Promise<BotWorld> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'newsdigest-alert-bot-'));
  const discord = await FakeDiscord.start({ guilds: [{ id: GUILD, name: 'Newsroom', channels: [{ id: DISCORD_CHANNEL, name: 'news' }] }] });
  await registerDiscordCommands(createDiscordRest({ apiBase: discord.apiBase, token: discord.token }), discord.applicationId, GUILD);
  const slack = await FakeSlack.start();
  slack.addChannel(SLACK_CHANNEL);
  slack.setUser(SLACK_MEMBER, {});
  slack.setUser(SLACK_ADMIN, { is_admin: true });
  const feed = await startFeedWorld();

  const configDir = path.join(dir, 'config');
  mkdirSync(configDir);
  copyFileSync(path.join(repoRoot, 'config/default.yaml'), path.join(configDir, 'default.yaml'));
  const topics = ['ukraine-aid', 'ukraine-war'];
  writeFileSync(
    path.join(configDir, 'local.yaml'),
    stringify({
      feeds: [{ url: feed.url, topics }],
      channels: [
        { platform: 'discord', id: DISCORD_CHANNEL, workspaceId: GUILD, topics },
        { platform: 'slack', id: SLACK_CHANNEL, workspaceId: slack.teamId, topics },
      ],
      ingest: { pollIntervalMinutes: 1 },
    }),
  );
  const env = {
    DATA_DIR: path.join(dir, 'data'), HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent',
    DISCORD_TOKEN: discord.token, DISCORD_APPLICATION_ID: discord.applicationId, DISCORD_PUBLIC_KEY: discord.publicKeyHex, DISCORD_RECEIVE: 'http', DISCORD_API_BASE: discord.apiBase,
    SLACK_BOT_TOKEN: slack.botToken, SLACK_SIGNING_SECRET: slack.signingSecret, SLACK_API_URL: slack.apiUrl,
  };
  const rt = await openRuntime({ configDir, env, dotenv: false, logger: silentLogger });
  let offsetMs = 0;
  const app = await startApp(rt, { port: 0, host: '127.0.0.1', poller: { now: () => new Date(Date.now() + offsetMs), tickMs: 50 } });
  return {
    rt, app, discord, slack, feed,
    discordUrl: `http://127.0.0.1:${app.port}/discord/interactions`,
    slackUrl: `http://127.0.0.1:${app.port}/slack/events`,
    pollSoon() {
      offsetMs += 2 * 60_000;
    },
    async close() {
      await app.stop();
      await rt.close();
      await Promise.allSettled([discord.close(), slack.close(), feed.close()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
