/** A real SQLite store in a temp folder and the repo's config with test-sized ingest settings. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/schema.js';
import { silentLogger } from '../../src/observability/logger.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/store.js';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { repoRoot, startFeedServer, type FeedServer } from '../fakes/feedServer.js';

export interface IngestHarness {
  store: Store;
  config: Config;
  rt: { store: Store; config: Config; logger: typeof silentLogger };
  dataDir: string;
  cleanup(): Promise<void>;
}

export async function openIngestHarness(ingest: Partial<Config['ingest']> = {}): Promise<IngestHarness> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'newsdigest-ingest-'));
  const store = await openStore({ DATA_DIR: dataDir, DATABASE_URL: undefined }, silentLogger);
  await store.migrate();
  const base = loadConfig({ configDir: path.join(repoRoot, 'config'), env: {} }).config;
  const config: Config = { ...base, feeds: [], ingest: { ...base.ingest, timeoutMs: 2000, ...ingest } };
  return {
    store,
    config,
    rt: { store, config, logger: silentLogger },
    dataDir,
    async cleanup() {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The hooks of an ingest test file: one fake feed server for the whole file, and a fresh harness
 * with these ingest settings for each test, cleaned up after it. `use` is handed each as it is made.
 */
export function ingestHooks(ingest: Partial<Config['ingest']>, use: { server(s: FeedServer): void; harness(h: IngestHarness): void }): void {
  let server: FeedServer;
  let h: IngestHarness;
  beforeAll(async () => {
    server = await startFeedServer();
    use.server(server);
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(async () => {
    h = await openIngestHarness(ingest);
    use.harness(h);
  });
  afterEach(async () => {
    await h.cleanup();
  });
}

/** A channel in the store that follows these feeds directly: only followed feeds are polled. */
export async function followFeeds(store: Store, ...urls: string[]): Promise<void> {
  await store.upsertChannel({ platform: 'console', externalId: 'reader', workspaceId: null, schedule: '0 8 * * *', timezone: 'UTC', maxArticles: 10, postWhenEmpty: false, origin: 'chat' });
  for (const url of urls) await store.addSubscription('console:reader', 'feed', url);
}

/** An RSS document with the given items (newest first), for feeds whose content a test controls. */
export function rssDocument(title: string, items: Array<{ id: string; title: string; date: string; link?: string; description?: string }>): string {
  const body = items
    .map(
      (i) => `<item><title>${i.title}</title><guid isPermaLink="false">${i.id}</guid>${i.link ? `<link>${i.link}</link>` : ''}<pubDate>${new Date(i.date).toUTCString()}</pubDate><description>${i.description ?? `About ${i.title}.`}</description></item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>${title}</title><link>https://${title.toLowerCase().replace(/\W+/g, '-')}.example/</link>\n${body}\n</channel></rss>`;
}
