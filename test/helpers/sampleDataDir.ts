/**
 * A test file's DATA_DIR whose SQLite database holds the sample feed, ingested as `newsdigest ingest`
 * would: made before the file's tests, removed after them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { ingestFeeds } from '../../src/ingest/ingestFeeds.js';
import { silentLogger } from '../../src/observability/logger.js';
import { SqliteStore } from '../../src/store/sqlStore.js';
import { repoRoot } from './tempConfig.js';

/** `dir` is the folder, once the file's tests have begun. */
export function useSampleDataDir(prefix: string): { readonly dir: string } {
  let dir: string | undefined;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), prefix));
    const { config } = loadConfig({ configDir: path.join(repoRoot, 'config'), env: {} });
    const store = await SqliteStore.open(path.join(dir, 'newsdigest.db'), silentLogger);
    await store.migrate();
    await ingestFeeds({ store, config, logger: silentLogger }, { feeds: [path.join(repoRoot, 'examples/sample-feed.xml')] });
    await store.close();
  });
  afterAll(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      if (dir === undefined) throw new Error('the sample DATA_DIR is made before the tests; read it inside one');
      return dir;
    },
  };
}
