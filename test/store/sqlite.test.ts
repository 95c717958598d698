import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../src/observability/logger.js';
import { SqliteStore } from '../../src/store/sqlite/sqliteStore.js';
import type { Store } from '../../src/store/store.js';
import { describeStoreContract, type StoreHarness } from './storeContract.js';

/** A database file of its own in a temp folder (a file, not ':memory:', so several connections can share it). */
async function tempFileHarness(): Promise<StoreHarness> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'newsdigest-store-'));
  const file = path.join(dir, 'data', 'newsdigest.db');
  const opened: Store[] = [];
  return {
    async open() {
      const store = await SqliteStore.open(file, silentLogger);
      opened.push(store);
      return store;
    },
    async cleanup() {
      for (const store of opened) await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describeStoreContract('SQLite', { empty: tempFileHarness, pristine: tempFileHarness });
