import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/observability/logger.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/store.js';
import { createTempDatabase, type TempDatabase } from '../helpers/postgres.js';

describe('openStore', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function track(store: Store): Promise<Store> {
    cleanups.push(() => store.close());
    return store;
  }

  it('without DATABASE_URL opens SQLite at DATA_DIR/newsdigest.db, creating the folder', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'newsdigest-open-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const dataDir = path.join(dir, 'data');
    const store = await track(await openStore({ DATA_DIR: dataDir, DATABASE_URL: undefined }, silentLogger));
    await store.migrate();
    expect(store.kind).toBe('sqlite');
    expect(existsSync(path.join(dataDir, 'newsdigest.db'))).toBe(true);
  });

  it('with a postgres:// DATABASE_URL opens PostgreSQL', async () => {
    const db: TempDatabase = await createTempDatabase();
    cleanups.push(() => db.drop());
    const store = await track(await openStore({ DATA_DIR: '/nonexistent', DATABASE_URL: db.url.replace(/^postgres:/, 'postgresql:') }, silentLogger));
    await store.migrate();
    expect(store.kind).toBe('postgres');
    await expect(store.ping()).resolves.toBeUndefined();
  });

  it('a DATABASE_URL of another kind is refused with a message saying what to do', async () => {
    await expect(openStore({ DATA_DIR: './data', DATABASE_URL: 'mysql://root:pw@localhost/db' }, silentLogger)).rejects.toThrow(/must be a postgres:\/\/ URL .*"mysql".*unset it/);
  });
});
