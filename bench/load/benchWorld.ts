/**
 * Everything the load benchmark runs against, on 127.0.0.1 in a temp folder: the fake Discord and
 * fake Slack (from test/fakes), a config with the sample feed and a generated 200-report feed and
 * `channels` digest channels (half Discord, half Slack), and a SQLite database that the real ingest
 * pipeline has filled before the bot starts.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FakeDiscord } from '../../test/fakes/discord/index.js';
import type { FakeSlack } from '../../test/fakes/slack/fakeSlack.js';
import { chatEnv, startSlackWith } from '../../test/helpers/servedBot.js';
import { writeConfigFolder } from '../../test/helpers/tempConfig.js';
import { benchFeedXml } from './benchFeed.js';
import { openRuntime } from '../../src/runtime.js';
import { ingestFeeds } from '../../src/ingest/ingestFeeds.js';
import { silentLogger } from '../../src/observability/logger.js';
import { cliEnv, repoRoot } from './botProcess.js';
import { snowflake } from './signedRequests.js';

export const GUILD_ID = '410000000000000001';
export const DISCORD_USER = '510000000000000001';
export const SLACK_MEMBER = 'U0BENCHMEM';
export const SLACK_ADMIN = 'U0BENCHADM';

export interface BenchWorld {
  dir: string;
  discord: FakeDiscord;
  slack: FakeSlack;
  /** The application's key pair, made here: the bot gets the public half as DISCORD_PUBLIC_KEY. */
  privateKey: KeyObject;
  publicKeyHex: string;
  discordChannels: string[];
  slackChannels: string[];
  articles: number;
  /** Environment of `newsdigest serve` for this world. */
  serveEnv: NodeJS.ProcessEnv;
  /** What ingestion reported per feed. */
  ingested: Array<{ url: string; status: string; items: number; new: number; error: string | null }>;
  close(): Promise<void>;
}

export async function createBenchWorld(options: { channels: number; articles: number }): Promise<BenchWorld> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'newsdigest-bench-load-'));
  const discordCount = Math.ceil(options.channels / 2);
  const slackCount = options.channels - discordCount;
  const discordChannels = Array.from({ length: discordCount }, (_, i) => snowflake(Date.now() - 86_400_000 + i));
  const slackChannels = Array.from({ length: slackCount }, (_, i) => `C0BENCH${String(i).padStart(3, '0')}`);

  const discord = await FakeDiscord.start({ guilds: [{ id: GUILD_ID, name: 'bench', channels: discordChannels.map((id, i) => ({ id, name: `news-${i}` })) }] });
  const slack = await startSlackWith(slackChannels, { member: SLACK_MEMBER, admin: SLACK_ADMIN });

  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const publicKeyHex = (publicKey.export({ format: 'der', type: 'spki' }) as Buffer).subarray(-32).toString('hex');

  const feedFile = path.join(dir, 'bench-feed.xml');
  writeFileSync(feedFile, benchFeedXml(options.articles));
  const topics = ['ukraine-aid', 'ukraine-war'];
  const configDir = writeConfigFolder(path.join(dir, 'config'), {
    // Every item is new: the digests carry all of them, not a first-poll backlog of three.
    ingest: { initialItems: 10_000 },
    feeds: [
      { url: path.join(repoRoot, 'examples/sample-feed.xml'), title: 'newsdigest sample', topics },
      { url: feedFile, title: 'Bench Wire', topics },
    ],
    channels: [
      ...discordChannels.map((id) => ({ platform: 'discord', id, workspaceId: GUILD_ID, topics, maxArticles: options.articles + 5 })),
      ...slackChannels.map((id) => ({ platform: 'slack', id, workspaceId: slack.teamId, topics, maxArticles: options.articles + 5 })),
    ],
    slack: { adminUserIds: [] },
  });

  const base = { DATA_DIR: path.join(dir, 'data'), NEWSDIGEST_CONFIG_DIR: configDir, LOG_LEVEL: process.env.BENCH_BOT_LOG_LEVEL ?? 'info', DATABASE_URL: '' };
  // The real ingest pipeline, with its clock set two minutes back: digests cover articles first
  // seen up to the minute their slot falls in, so reports seen "just now" would wait for the next one.
  const rt = await openRuntime({ configDir, env: base, dotenv: false, logger: silentLogger });
  let ingested: BenchWorld['ingested'];
  try {
    ingested = await ingestFeeds(rt, { now: new Date(Date.now() - 2 * 60_000) });
  } finally {
    await rt.close();
  }

  const serveEnv = cliEnv({ ...base, HOST: '127.0.0.1', PORT: '0', ...chatEnv(discord, slack, publicKeyHex) });

  return {
    dir,
    discord,
    slack,
    privateKey,
    publicKeyHex,
    discordChannels,
    slackChannels,
    articles: options.articles,
    serveEnv,
    ingested,
    async close() {
      await Promise.allSettled([discord.close(), slack.close()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
