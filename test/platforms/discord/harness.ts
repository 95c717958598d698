/**
 * The bot's Discord side, wired for real against the fake Discord: SQLite store on a temp dir,
 * the real command runner and its real dependencies (answers, digests through the outbox), the
 * real HTTP server, and startDiscord in the chosen receiving mode.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../src/config/load.js';
import { EnvSchema, type Config } from '../../../src/config/schema.js';
import { SqliteStore } from '../../../src/store/sqlStore.js';
import type { ChannelRecord, Platform, Store } from '../../../src/store/store.js';
import { createCommandRunner, type CommandRunner } from '../../../src/commands/handleCommand.js';
import { buildCommandDeps } from '../../../src/app/commandDeps.js';
import { postDigestNow } from '../../../src/schedule/postDigestNow.js';
import type { ChatSender } from '../../../src/delivery/sender.js';
import { createHttpServer, type HttpServer } from '../../../src/server/httpServer.js';
import { silentLogger } from '../../../src/observability/logger.js';
import { startDiscord, type DiscordAdapter } from '../../../src/platforms/discord/index.js';
import { createDiscordRest } from '../../../src/platforms/discord/restClient.js';
import { registerDiscordCommands } from '../../../src/platforms/discord/registerCommands.js';
import { FakeDiscord, MANAGE_GUILD_PERMISSIONS, ORDINARY_MEMBER_PERMISSIONS, type FakeDiscordOptions, type InvokeRequest } from '../../fakes/discord/index.js';
import { repoRoot } from '../../helpers/tempConfig.js';

export const GUILD = '310000000000000001';
export const CHANNEL = '310000000000000011';
export const DM_CHANNEL = '310000000000000099';
export const ADMIN = { id: '320000000000000001', username: 'admin', permissions: MANAGE_GUILD_PERMISSIONS };
export const MEMBER = { id: '320000000000000002', username: 'member', permissions: ORDINARY_MEMBER_PERMISSIONS };

export interface Harness {
  fake: FakeDiscord;
  store: Store;
  config: Config;
  server: HttpServer;
  adapter: DiscordAdapter;
  /** The bot's interactions endpoint. */
  url: string;
  /** Commands the runner received (to prove a refused request never reached it). */
  invocations: string[];
  changedChannels: string[];
  /** A user runs a command in the test guild's channel, delivered the harness's way. */
  run(request: Omit<InvokeRequest, 'via' | 'guildId' | 'channelId'> & Partial<Pick<InvokeRequest, 'guildId' | 'channelId'>>): ReturnType<FakeDiscord['invoke']>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  mode: 'http' | 'gateway';
  fake?: FakeDiscordOptions;
  deferAfterMs?: number;
  /** Wraps the real runner (e.g. to make it slow, like a busy database). */
  wrapRunner?: (runner: CommandRunner) => CommandRunner;
}

export function testConfig(): Config {
  return loadConfig({ configDir: path.join(repoRoot, 'config'), env: {} }).config;
}

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const fake = await FakeDiscord.start({ guilds: [{ id: GUILD, name: 'Newsroom', channels: [{ id: CHANNEL, name: 'news' }] }], dmChannels: [DM_CHANNEL], ...options.fake });
  // As an operator would: `newsdigest register-commands --guild`, before anyone can use them.
  await registerDiscordCommands(createDiscordRest({ apiBase: fake.apiBase, token: fake.token }), fake.applicationId, GUILD);

  const dir = mkdtempSync(path.join(tmpdir(), 'newsdigest-discord-'));
  const store = await SqliteStore.open(path.join(dir, 'newsdigest.db'), silentLogger);
  await store.migrate();
  const config = testConfig();
  const senders = new Map<Platform, ChatSender>();
  const invocations: string[] = [];
  const changedChannels: string[] = [];
  // The app's own wiring of the command handlers (src/app/commandDeps.ts); digests go through the outbox.
  const deps = buildCommandDeps(
    { store, config, logger: silentLogger },
    {
      postDigestNow: async (channel: ChannelRecord) =>
        (await postDigestNow({ store, config, logger: silentLogger, senders, owner: 'discord-test', now: () => new Date() }, channel)).text,
      onChannelChanged: (key) => changedChannels.push(key),
    },
  );
  const real = createCommandRunner(deps);
  const counted: CommandRunner = (inv) => {
    invocations.push(`${inv.command}${inv.subcommand ? ` ${inv.subcommand}` : ''}`);
    return real(inv);
  };
  const runCommand = options.wrapRunner ? options.wrapRunner(counted) : counted;

  const env = EnvSchema.parse({
    DISCORD_TOKEN: fake.token,
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_PUBLIC_KEY: options.mode === 'http' ? fake.publicKeyHex : undefined,
    DISCORD_RECEIVE: options.mode,
    DISCORD_API_BASE: fake.apiBase,
  });
  const server = createHttpServer(silentLogger);
  const adapter = await startDiscord({ env, config, logger: silentLogger, runCommand, server, requests: store, deferAfterMs: options.deferAfterMs });
  senders.set('discord', adapter.sender);
  const port = await server.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}/discord/interactions`;

  return {
    fake,
    store,
    config,
    server,
    adapter,
    url,
    invocations,
    changedChannels,
    run: (request) => fake.invoke({ guildId: GUILD, channelId: CHANNEL, ...request, via: options.mode === 'http' ? { http: url } : 'gateway' }),
    async close() {
      await adapter.stop();
      await server.close();
      await fake.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Channels, subscriptions and feeds: what an admin command could change. */
export async function storeSnapshot(store: Store): Promise<unknown> {
  const channels = await store.listChannels();
  const subscriptions = await Promise.all(channels.map((c) => store.listSubscriptions(c.key)));
  return { channels, subscriptions, feeds: await store.listFeeds() };
}

/**
 * A Discord channel subscribed to one feed holding `titles` as fresh articles (stored now), so a
 * digest for it has exactly those items.
 */
export async function seedChannelWithArticles(store: Store, config: Config, channelId: string, titles: string[]): Promise<ChannelRecord> {
  const feed = await store.upsertFeed({ url: 'https://feeds.example/wire.xml', title: 'Wire', trusted: true });
  const channel = await store.upsertChannel({
    platform: 'discord',
    externalId: channelId,
    workspaceId: GUILD,
    schedule: config.digest.schedule,
    timezone: 'UTC',
    maxArticles: 500,
    postWhenEmpty: false,
    origin: 'chat',
  });
  await store.addSubscription(channel.key, 'feed', feed.url);
  const published = new Date(Date.now() - 60 * 60_000).toISOString();
  await store.saveArticles(
    feed.id,
    titles.map((title, i) => ({
      guid: `wire-${i}`,
      link: `https://news.example/story/${i}`,
      title,
      published,
      publishedIsFetchTime: false,
      author: null,
      summary: null,
      text: null,
    })),
    new Date(Date.now() - 30 * 60_000).toISOString(),
  );
  return channel;
}

/** One stored article from VOA with one key figure: the running total of US aid. */
export async function seedAidFigure(store: Store): Promise<void> {
  const feed = await store.upsertFeed({ url: 'https://feeds.example/voa.xml', title: 'VOA', trusted: true });
  const text = 'The United States has provided more than $58 billion in military aid since February 2022.';
  const { inserted } = await store.saveArticles(
    feed.id,
    [{ guid: 'voa-1', link: 'https://voa.example/us_aid_total', title: 'US aid total passes $58 billion', published: '2024-10-21T12:00:00.000Z', publishedIsFetchTime: false, author: null, summary: null, text }],
    '2024-10-21T12:05:00.000Z',
  );
  const quote = 'more than $58 billion';
  await store.replaceFigures(inserted[0]!.id, [
    { value: 58e9, value_max: null, unit: 'USD', qualifier: 'more_than', category: 'aid', actor: 'United States', cumulative: true, status: null, since: null, event: null, quote, start: text.indexOf(quote), end: text.indexOf(quote) + quote.length, sentence: text },
  ]);
}
