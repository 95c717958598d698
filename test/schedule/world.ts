/**
 * The world the schedule tests run in: a SQLite store in a temp folder, the repo's config with test
 * settings, channels subscribed to a feed, and articles first seen at simulated times.
 *
 * Simulated times lie in the future: channels get their createdAt from the real clock, and slots
 * before a channel existed are never caught up.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/schema.js';
import { SqliteStore } from '../../src/store/sqlStore.js';
import type { ChannelRecord, FeedRecord, Platform, Store } from '../../src/store/store.js';
import { silentLogger } from '../../src/observability/logger.js';
import { repoRoot } from '../helpers/tempConfig.js';

export const FEED_URL = 'https://news.example/feed.xml';
export const FEED_TITLE = 'Example News';

export function baseConfig(digest: Partial<Config['digest']> = {}): Config {
  const config = loadConfig({ configDir: path.join(repoRoot, 'config'), env: {} }).config;
  return { ...config, channels: [], digest: { ...config.digest, ...digest } };
}

export interface TempStore {
  dir: string;
  file: string;
  store: Store;
  /** Another connection to the same database (a second replica). */
  openAnother(): Promise<Store>;
  cleanup(): Promise<void>;
}

export async function openTempStore(): Promise<TempStore> {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsdigest-schedule-'));
  const file = path.join(dir, 'newsdigest.db');
  const store = await SqliteStore.open(file, silentLogger);
  await store.migrate();
  const others: Store[] = [];
  return {
    dir,
    file,
    store,
    async openAnother() {
      const other = await SqliteStore.open(file, silentLogger);
      others.push(other);
      return other;
    },
    async cleanup() {
      for (const s of [store, ...others]) await s.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Midnight UTC `days` days from now: a simulated day after every channel was created. */
export function futureDay(days = 3): Date {
  const d = new Date();
  d.setUTCHours(0, 0, 0, 0);
  return new Date(d.getTime() + days * 86_400_000);
}

export const at = (day: Date, hhmm: string, seconds = 0): Date => {
  const [h, m] = hhmm.split(':').map(Number);
  return new Date(day.getTime() + (h! * 60 + m!) * 60_000 + seconds * 1000);
};

export async function ensureFeed(store: Store, url = FEED_URL, title = FEED_TITLE): Promise<FeedRecord> {
  const feed = (await store.getFeed(url)) ?? (await store.upsertFeed({ url, title, trusted: true }));
  return feed;
}

export interface ChannelSpec {
  platform?: Platform;
  id: string;
  schedule?: string;
  timezone?: string;
  postWhenEmpty?: boolean;
  maxArticles?: number;
}

/** A channel made from chat, subscribed to the test feed. */
export async function addChannel(store: Store, spec: ChannelSpec): Promise<ChannelRecord> {
  const channel = await store.upsertChannel({
    platform: spec.platform ?? 'discord',
    externalId: spec.id,
    workspaceId: null,
    schedule: spec.schedule ?? '0 8 * * *',
    timezone: spec.timezone ?? 'UTC',
    maxArticles: spec.maxArticles ?? 25,
    postWhenEmpty: spec.postWhenEmpty ?? false,
    origin: 'chat',
  });
  await ensureFeed(store);
  await store.addSubscription(channel.key, 'feed', FEED_URL);
  return channel;
}

let articleSerial = 0;

/** Stores `count` new articles of the test feed, first seen at `firstSeenAt`; returns their titles. */
export async function addArticles(store: Store, count: number, firstSeenAt: Date, titlePrefix = 'Story'): Promise<string[]> {
  const feed = await ensureFeed(store);
  const items = Array.from({ length: count }, () => {
    const n = ++articleSerial;
    return {
      guid: `guid-${n}-${firstSeenAt.getTime()}`,
      link: `https://news.example/articles/${n}-${firstSeenAt.getTime()}`,
      title: `${titlePrefix} ${n}: aid package announced`,
      published: new Date(firstSeenAt.getTime() - 60_000).toISOString(),
      publishedIsFetchTime: false,
      author: null,
      summary: `Summary of story ${n}.`,
      text: null,
    };
  });
  await store.saveArticles(feed.id, items, firstSeenAt.toISOString());
  return items.map((i) => i.title);
}

/** A clock the test moves by hand. */
export class SimClock {
  constructor(private t: Date) {}
  now = (): Date => new Date(this.t.getTime());
  set(t: Date): void {
    this.t = new Date(t.getTime());
  }
  advance(ms: number): Date {
    this.t = new Date(this.t.getTime() + ms);
    return this.now();
  }
}
