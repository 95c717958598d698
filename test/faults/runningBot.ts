/**
 * The bot as `newsdigest serve` runs it (openRuntime + startApp: one HTTP server, Discord over HTTP
 * interactions, Slack over HTTP), in this process, against the fake Discord and fake Slack, with
 * SQLite in a temp folder and a config whose one feed is served from 127.0.0.1. The feed is
 * ingested before start-up, two minutes back on the clock, so a digest made now includes it.
 */
import { mkdirSync, mkdtempSync, copyFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { startApp, type RunningApp } from '../../src/app/startApp.js';
import { ingestFeeds } from '../../src/ingest/ingestFeeds.js';
import { silentLogger } from '../../src/observability/logger.js';
import { createDiscordRest } from '../../src/platforms/discord/restClient.js';
import { registerDiscordCommands } from '../../src/platforms/discord/registerCommands.js';
import { openRuntime, type Runtime } from '../../src/runtime.js';
import type { Store } from '../../src/store/store.js';
import { FakeDiscord, MANAGE_GUILD_PERMISSIONS, ORDINARY_MEMBER_PERMISSIONS } from '../fakes/discord/index.js';
import { startFeedServer, type FeedServer } from '../fakes/feedServer.js';
import { FakeSlack } from '../fakes/slack/fakeSlack.js';
import { repoRoot } from '../helpers/tempConfig.js';

export const GUILD = '610000000000000001';
export const DISCORD_CHANNEL = '610000000000000011';
export const DISCORD_ADMIN = { id: '620000000000000001', username: 'admin', permissions: MANAGE_GUILD_PERMISSIONS };
export const DISCORD_MEMBER = { id: '620000000000000002', username: 'member', permissions: ORDINARY_MEMBER_PERMISSIONS };
export const SLACK_CHANNEL = 'C0FAULTS01';
export const SLACK_MEMBER = 'U0MEMBER01';
export const SLACK_ADMIN = 'U0ADMIN001';

export interface RunningBot {
  rt: Runtime;
  app: RunningApp;
  discord: FakeDiscord;
  slack: FakeSlack;
  feeds: FeedServer;
  discordUrl: string;
  slackUrl: string;
  close(): Promise<void>;
}

export async function startRunningBot(feedXml: string): Promise<RunningBot> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'newsdigest-running-bot-'));
  const discord = await FakeDiscord.start({ guilds: [{ id: GUILD, name: 'Newsroom', channels: [{ id: DISCORD_CHANNEL, name: 'news' }] }] });
  // As an operator would before anyone can use them: `newsdigest register-commands --guild`.
  await registerDiscordCommands(createDiscordRest({ apiBase: discord.apiBase, token: discord.token }), discord.applicationId, GUILD);
  const slack = await FakeSlack.start();
  slack.addChannel(SLACK_CHANNEL);
  slack.setUser(SLACK_MEMBER, {});
  slack.setUser(SLACK_ADMIN, { is_admin: true });
  const feeds = await startFeedServer();
  feeds.setDocument('feed.xml', { body: feedXml, contentType: 'application/rss+xml' });

  const configDir = path.join(dir, 'config');
  mkdirSync(configDir);
  copyFileSync(path.join(repoRoot, 'config/default.yaml'), path.join(configDir, 'default.yaml'));
  const topics = ['ukraine-aid', 'ukraine-war'];
  writeFileSync(
    path.join(configDir, 'local.yaml'),
    stringify({
      // No title: the feed's own (stranger-written) title is what digests show as its source.
      feeds: [{ url: feeds.url('/docs/feed.xml'), topics }],
      channels: [
        { platform: 'discord', id: DISCORD_CHANNEL, workspaceId: GUILD, topics },
        { platform: 'slack', id: SLACK_CHANNEL, workspaceId: slack.teamId, topics },
      ],
      slack: { adminUserIds: [] },
    }),
  );
  const env = {
    DATA_DIR: path.join(dir, 'data'),
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
    DISCORD_TOKEN: discord.token,
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_PUBLIC_KEY: discord.publicKeyHex,
    DISCORD_RECEIVE: 'http',
    DISCORD_API_BASE: discord.apiBase,
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: slack.signingSecret,
    SLACK_API_URL: slack.apiUrl,
  };
  const rt = await openRuntime({ configDir, env, dotenv: false, logger: silentLogger });
  const [ingested] = await ingestFeeds(rt, { now: new Date(Date.now() - 2 * 60_000) });
  if (ingested?.status !== 'ok') throw new Error(`the test feed was not ingested: ${JSON.stringify(ingested)}`);
  const app = await startApp(rt, { port: 0, host: '127.0.0.1', poll: false });

  return {
    rt,
    app,
    discord,
    slack,
    feeds,
    discordUrl: `http://127.0.0.1:${app.port}/discord/interactions`,
    slackUrl: `http://127.0.0.1:${app.port}/slack/events`,
    async close() {
      await app.stop();
      await rt.close();
      await Promise.allSettled([discord.close(), slack.close(), feeds.close()]);
      rmSync(dir, { recursive: true, force: true });
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
