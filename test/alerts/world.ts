/**
 * The world the alert tests run in: the repo's config, a store, and a feed served from 127.0.0.1
 * whose reports a test writes (sentences written for these tests), ingested by the real ingest path.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/schema.js';
import { silentLogger } from '../../src/observability/logger.js';
import { SqliteStore } from '../../src/store/sqlStore.js';
import type { Store } from '../../src/store/store.js';
import { startFeedServer, type FeedServer } from '../fakes/feedServer.js';
import { repoRoot } from '../helpers/tempConfig.js';

export function alertConfig(): Config {
  const config = loadConfig({ configDir: path.join(repoRoot, 'config'), env: {} }).config;
  return { ...config, channels: [], feeds: [] };
}

export interface Report {
  id: string;
  title: string;
  text: string;
  /** YYYY-MM-DD */
  day: string;
}

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function rss(title: string, reports: Report[]): string {
  const items = [...reports]
    .reverse()
    .map((r) => `<item><title>${escapeXml(r.title)}</title><link>https://wire.example/${r.id}</link><guid>${r.id}</guid><pubDate>${new Date(`${r.day}T10:00:00Z`).toUTCString()}</pubDate><description>${escapeXml(r.text)}</description></item>`)
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${escapeXml(title)}</title><link>https://wire.example/</link><description>test</description>\n${items}\n</channel></rss>`;
}

/** A report of the US aid running total: "$71 billion" → a figure of 71e9 USD, cumulative, since 2022-02. */
export function aidReport(id: string, day: string, amount: string, hedge = 'more than'): Report {
  return {
    id,
    day,
    title: `US aid to Ukraine reaches ${amount}`,
    text: `The Pentagon said the United States has now provided ${hedge} ${amount} in military aid to Ukraine since February 2022.`,
  };
}

export interface FeedWorld {
  feeds: FeedServer;
  url: string;
  reports: Report[];
  /** Adds reports to the feed document (newest last). */
  publish(...reports: Report[]): void;
  close(): Promise<void>;
}

export async function startFeedWorld(title = 'Wire'): Promise<FeedWorld> {
  const feeds = await startFeedServer();
  const reports: Report[] = [];
  const world: FeedWorld = {
    feeds,
    url: feeds.url('/docs/wire.xml'),
    reports,
    publish(...more) {
      reports.push(...more);
      feeds.setDocument('wire.xml', { body: rss(title, reports), contentType: 'application/rss+xml' });
    },
    close: () => feeds.close(),
  };
  world.publish();
  return world;
}

export interface TempSqlite {
  store: Store;
  file: string;
  cleanup(): Promise<void>;
}

export async function tempSqlite(): Promise<TempSqlite> {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsdigest-alerts-'));
  const file = path.join(dir, 'newsdigest.db');
  const store = await SqliteStore.open(file, silentLogger);
  await store.migrate();
  return {
    store,
    file,
    async cleanup() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A stream that keeps what is written to it (the console channel's output). */
export function captured(): { out: Writable; text: () => string } {
  const chunks: string[] = [];
  const out = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { out, text: () => chunks.join('') };
}
