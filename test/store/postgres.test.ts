import { afterAll } from 'vitest';
import { silentLogger } from '../../src/observability/logger.js';
import { PostgresStore } from '../../src/store/postgres/postgresStore.js';
import type { Store } from '../../src/store/store.js';
import { createTempDatabase, emptyAllTables, type TempDatabase } from '../helpers/postgres.js';
import { describeStoreContract, type StoreHarness } from './storeContract.js';

function harnessOn(db: TempDatabase, onCleanup: () => Promise<void>): StoreHarness {
  const opened: Store[] = [];
  return {
    async open() {
      const store = await PostgresStore.connect(db.url, silentLogger, { maxConnections: 4 });
      opened.push(store);
      return store;
    },
    async cleanup() {
      for (const store of opened.splice(0)) await store.close();
      await onCleanup();
    },
  };
}

// Creating and migrating a database costs about a second here, so the tests share one and empty
// it after each test; only the migration tests get a database of their own.
let shared: TempDatabase | undefined;
afterAll(async () => {
  await shared?.drop();
});

describeStoreContract('PostgreSQL', {
  async empty() {
    shared ??= await createTempDatabase();
    const db = shared;
    return harnessOn(db, () => emptyAllTables(db.url));
  },
  async pristine() {
    const db = await createTempDatabase();
    return harnessOn(db, () => db.drop());
  },
});
