/** A temp DATA_DIR whose SQLite database holds the sample feed, ingested as `newsdigest ingest` would. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/load.js';
import { ingestFeeds } from '../../src/ingest/ingestFeeds.js';
import { silentLogger } from '../../src/observability/logger.js';
import { SqliteStore } from '../../src/store/sqlStore.js';
import { repoRoot } from './tempConfig.js';

export interface SampleDataDir {
  dir: string;
  cleanup(): void;
}

export async function sampleDataDir(prefix: string): Promise<SampleDataDir> {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  const { config } = loadConfig({ configDir: path.join(repoRoot, 'config'), env: {} });
  const store = await SqliteStore.open(path.join(dir, 'newsdigest.db'), silentLogger);
  await store.migrate();
  await ingestFeeds({ store, config, logger: silentLogger }, { feeds: [path.join(repoRoot, 'examples/sample-feed.xml')] });
  await store.close();
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
