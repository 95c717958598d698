/**
 * What the digest scale-out tests share: one throwaway PostgreSQL database, the fake Slack Web API
 * (test/fakes/slack) behind a stalling proxy, the bundled sample feed on a local feed server, and a
 * config with several Slack channels on an every-minute schedule that post even when nothing is
 * new. The channels exist in the database from ten minutes ago (replicas restarting on a bot that
 * was already configured), so starting replicas catch up the latest slot at once and the next slot
 * comes from the minute ticks: two slots within about a minute.
 *
 * The outcome is read from two independent places: the digests table (what the replicas recorded)
 * and the fake Slack's accepted posts (what reached the chat).
 */
import pg from 'pg';
import { loadConfig } from '../../src/config/load.js';
import { silentLogger } from '../../src/observability/logger.js';
import { syncConfigChannels } from '../../src/schedule/syncConfigChannels.js';
import { PostgresStore } from '../../src/store/sqlStore.js';
import { FakeDiscord } from '../fakes/discord/index.js';
import { FakeSlack } from '../fakes/slack/fakeSlack.js';
import { startFeedServer, type FeedServer } from '../fakes/feedServer.js';
import { createTempDatabase, type TempDatabase } from '../helpers/postgres.js';
import { makeTempConfig, type TempConfig } from '../helpers/tempConfig.js';
import { startStallingProxy, type StallingProxy } from './stallingProxy.js';

/** A message as the Slack renderer records it in the outbox and as the fake Slack received it. */
export interface SlackMessage {
  text: string;
  blocks?: unknown[];
}

export interface DigestRow {
  id: number;
  channelKey: string;
  slot: string;
  status: string;
  payload: SlackMessage[];
  sentParts: number;
  attempts: number;
  leaseOwner: string | null;
  leaseUntil: string | null;
}

export interface DigestWorld {
  db: TempDatabase;
  platform: 'slack' | 'discord';
  slack: FakeSlack;
  /** Started in a Discord world only (its channels are Discord channels then, and the proxy fronts its REST API). */
  discord: FakeDiscord | null;
  proxy: StallingProxy;
  /** Channel ids; their channel keys are `<platform>:<id>`. */
  channelIds: string[];
  /** The environment of a replica (database, config, Slack credentials pointing at the proxy). */
  replicaEnv: Record<string, string>;
  digests(): Promise<DigestRow[]>;
  sentDigests(channelId: string, rows: DigestRow[]): DigestRow[];
  /** The messages the fake Slack accepted in `channelId`, in order. */
  posted(channelId: string): SlackMessage[];
  close(): Promise<void>;
}

export const DISCORD_GUILD = '810000000000000001';

export async function createDigestWorld(channelCount: number, platform: 'slack' | 'discord' = 'slack'): Promise<DigestWorld> {
  const db = await createTempDatabase('newsdigest_replicas');
  const cleanups: Array<() => Promise<unknown> | void> = [() => db.drop()];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  try {
    const slack = await FakeSlack.start();
    cleanups.push(() => slack.close());
    const channelIds = Array.from({ length: channelCount }, (_, i) => (platform === 'slack' ? `C0REPLICA${i + 1}` : `81000000000000001${i + 1}`));
    const discord = platform === 'discord' ? await FakeDiscord.start({ guilds: [{ id: DISCORD_GUILD, name: 'Replicas', channels: channelIds.map((id) => ({ id, name: `news-${id.slice(-2)}` })) }] }) : null;
    if (discord) cleanups.push(() => discord.close());
    const proxy = await startStallingProxy(discord ? discord.apiBase : slack.apiUrl);
    cleanups.push(() => proxy.close());
    const feeds: FeedServer = await startFeedServer();
    cleanups.push(() => feeds.close());
    if (platform === 'slack') for (const id of channelIds) slack.addChannel(id);
    const config: TempConfig = makeTempConfig({
      localYaml: [
        'feeds:',
        `  - url: ${feeds.url('/sample-feed.xml')}`,
        '    title: newsdigest sample',
        '    topics: [ukraine-aid, ukraine-war]',
        'channels:',
        ...channelIds.map((id) => `  - { platform: ${platform}, id: "${id}", ${platform === 'discord' ? `workspaceId: "${DISCORD_GUILD}", ` : ''}topics: [ukraine-aid, ukraine-war], schedule: "* * * * *", postWhenEmpty: true }`),
        '',
      ].join('\n'),
    });
    cleanups.push(() => config.cleanup());

    // The channels were configured ten minutes ago: the replicas' start is a restart, not a first run.
    const store = await PostgresStore.connect(db.url, silentLogger);
    try {
      await store.migrate();
      await syncConfigChannels(store, loadConfig({ configDir: config.dir, env: {} }).config);
    } finally {
      await store.close();
    }
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    cleanups.push(() => client.end());
    await client.query(`UPDATE channels SET created_at = now() - interval '10 minutes', updated_at = now() - interval '10 minutes'`);

    const digests = async (): Promise<DigestRow[]> => {
      const { rows } = await client.query<{
        id: string; channel_key: string; slot: Date; status: string; payload: SlackMessage[];
        sent_parts: number; attempts: number; lease_owner: string | null; lease_until: Date | null;
      }>('SELECT id, channel_key, slot, status, payload, sent_parts, attempts, lease_owner, lease_until FROM digests ORDER BY channel_key, slot');
      return rows.map((r) => ({
        id: Number(r.id),
        channelKey: r.channel_key,
        slot: r.slot.toISOString(),
        status: r.status,
        payload: r.payload,
        sentParts: r.sent_parts,
        attempts: r.attempts,
        leaseOwner: r.lease_owner,
        leaseUntil: r.lease_until ? r.lease_until.toISOString() : null,
      }));
    };

    return {
      db,
      platform,
      slack,
      discord,
      proxy,
      channelIds,
      replicaEnv: {
        DATABASE_URL: db.url,
        NEWSDIGEST_CONFIG_DIR: config.dir,
        DATA_DIR: config.dir,
        ...(discord
          ? { DISCORD_TOKEN: discord.token, DISCORD_APPLICATION_ID: discord.applicationId, DISCORD_PUBLIC_KEY: discord.publicKeyHex, DISCORD_RECEIVE: 'http', DISCORD_API_BASE: proxy.apiUrl }
          : { SLACK_BOT_TOKEN: slack.botToken, SLACK_SIGNING_SECRET: slack.signingSecret, SLACK_API_URL: proxy.apiUrl }),
      },
      digests,
      sentDigests: (channelId, rows) => rows.filter((r) => r.channelKey === `${platform}:${channelId}` && r.status === 'sent'),
      posted: (channelId) =>
        slack.posts.filter((p) => p.channel === channelId).map((p) => ({ text: p.text ?? '', ...(p.blocks ? { blocks: p.blocks } : {}) })),
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

/**
 * What must have reached the channel if every digest was posted exactly once: the messages each
 * digest recorded as out (all of them once it is sent), digest after digest in slot order.
 */
export function expectedMessages(channelId: string, rows: DigestRow[]): SlackMessage[] {
  return rows.filter((r) => r.channelKey === `slack:${channelId}`).flatMap((r) => r.payload.slice(0, r.sentParts));
}

/** The same messages in a canonical order: comparing these compares multisets. */
export const asMultiset = (messages: SlackMessage[]): string[] => messages.map((m) => JSON.stringify(m)).sort();
