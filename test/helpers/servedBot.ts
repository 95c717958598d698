/**
 * The bot as `newsdigest serve` runs it (openRuntime + startApp: one HTTP server, Discord over HTTP
 * interactions, Slack over HTTP), in this process, against the fake Discord (one guild, one channel,
 * the commands registered) and the fake Slack (one channel, a member and an admin), with SQLite in a
 * temp folder and a config whose one feed both channels follow.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApp, type RunningApp, type StartOptions } from '../../src/app/startApp.js';
import { silentLogger } from '../../src/observability/logger.js';
import { createDiscordRest } from '../../src/platforms/discord/restClient.js';
import { registerDiscordCommands } from '../../src/platforms/discord/registerCommands.js';
import { openRuntime, type Runtime } from '../../src/runtime.js';
import { FakeDiscord } from '../fakes/discord/index.js';
import { FakeSlack } from '../fakes/slack/fakeSlack.js';
import { writeConfigFolder } from './tempConfig.js';

/** The environment that points the bot at the fakes: Discord over HTTP interactions, and Slack. */
export function chatEnv(discord: FakeDiscord, slack: FakeSlack, discordPublicKeyHex = discord.publicKeyHex): Record<string, string> {
  return {
    DISCORD_TOKEN: discord.token,
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_PUBLIC_KEY: discordPublicKeyHex,
    DISCORD_RECEIVE: 'http',
    DISCORD_API_BASE: discord.apiBase,
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: slack.signingSecret,
    SLACK_API_URL: slack.apiUrl,
  };
}

/** The fake Slack with these channels, an ordinary member and a workspace admin. */
export async function startSlackWith(channels: string[], users: { member: string; admin: string }): Promise<FakeSlack> {
  const slack = await FakeSlack.start();
  for (const id of channels) slack.addChannel(id);
  slack.setUser(users.member, {});
  slack.setUser(users.admin, { is_admin: true });
  return slack;
}

export interface ServedBotOptions {
  /** Names the temp folder. */
  tmpPrefix: string;
  guild: string;
  discordChannel: string;
  slackChannel: string;
  slackMember: string;
  slackAdmin: string;
  /** The one feed, which both channels follow. */
  feedUrl: string;
  /** The rest of local.yaml, beside the feed and the two channels. */
  local?: Record<string, unknown>;
  /** Runs on the opened runtime before the app starts (a first ingest, say). */
  beforeStart?: (rt: Runtime) => Promise<void>;
  start?: Omit<StartOptions, 'port' | 'host'>;
}

export interface ServedBot {
  rt: Runtime;
  app: RunningApp;
  discord: FakeDiscord;
  slack: FakeSlack;
  discordUrl: string;
  slackUrl: string;
  close(): Promise<void>;
}

export async function startServedBot(o: ServedBotOptions): Promise<ServedBot> {
  const dir = mkdtempSync(path.join(os.tmpdir(), o.tmpPrefix));
  const discord = await FakeDiscord.start({ guilds: [{ id: o.guild, name: 'Newsroom', channels: [{ id: o.discordChannel, name: 'news' }] }] });
  // As an operator would before anyone can use them: `newsdigest register-commands --guild`.
  await registerDiscordCommands(createDiscordRest({ apiBase: discord.apiBase, token: discord.token }), discord.applicationId, o.guild);
  const slack = await startSlackWith([o.slackChannel], { member: o.slackMember, admin: o.slackAdmin });

  const topics = ['ukraine-aid', 'ukraine-war'];
  const configDir = writeConfigFolder(path.join(dir, 'config'), {
    feeds: [{ url: o.feedUrl, topics }],
    channels: [
      { platform: 'discord', id: o.discordChannel, workspaceId: o.guild, topics },
      { platform: 'slack', id: o.slackChannel, workspaceId: slack.teamId, topics },
    ],
    ...o.local,
  });
  const env = { DATA_DIR: path.join(dir, 'data'), HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent', ...chatEnv(discord, slack) };
  const rt = await openRuntime({ configDir, env, dotenv: false, logger: silentLogger });
  await o.beforeStart?.(rt);
  const app = await startApp(rt, { ...o.start, port: 0, host: '127.0.0.1' });
  return {
    rt,
    app,
    discord,
    slack,
    discordUrl: `http://127.0.0.1:${app.port}/discord/interactions`,
    slackUrl: `http://127.0.0.1:${app.port}/slack/events`,
    async close() {
      await app.stop();
      await rt.close();
      await Promise.allSettled([discord.close(), slack.close()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
