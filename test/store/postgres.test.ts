import { readFileSync } from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { silentLogger } from '../../src/observability/logger.js';
import { StoreUnavailableError } from '../../src/store/postgres/pgErrors.js';
import { PostgresStore } from '../../src/store/sqlStore.js';
import type { Store } from '../../src/store/store.js';
import { ADMIN_URL, createTempDatabase, emptyAllTables, type TempDatabase } from '../helpers/postgres.js';
import { describeAlertStoreContract } from './alertContract.js';
import { at, describeStoreContract, figure, item, type StoreHarness, type StoreHarnessFactory } from './storeContract.js';

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

const harnesses: StoreHarnessFactory = {
  async empty() {
    shared ??= await createTempDatabase();
    const db = shared;
    return harnessOn(db, () => emptyAllTables(db.url));
  },
  async pristine() {
    const db = await createTempDatabase();
    return harnessOn(db, () => db.drop());
  },
};
describeStoreContract('PostgreSQL', harnesses);
describeAlertStoreContract('PostgreSQL', harnesses);

describe('PostgresStore specifics', () => {
  /** A port on 127.0.0.1 where nothing listens. */
  async function closedPort(): Promise<number> {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    return port;
  }

  it('connecting where no server listens fails with a clear error naming host and port, never the password', async () => {
    const port = await closedPort();
    const attempt = PostgresStore.connect(`postgres://newsdigest:s3cr3t-pass@127.0.0.1:${port}/newsdigest`, silentLogger, { connectTimeoutMs: 2000 });
    await expect(attempt).rejects.toBeInstanceOf(StoreUnavailableError);
    await attempt.catch((err: Error) => {
      expect(err.message).toContain(`127.0.0.1:${port}/newsdigest`);
      expect(err.message).toMatch(/ECONNREFUSED/);
      expect(err.message).not.toContain('s3cr3t-pass');
    });
  });

  it('connecting to a database that does not exist fails with a clear error', async () => {
    const url = new URL(ADMIN_URL);
    url.pathname = '/newsdigest_no_such_database';
    await expect(PostgresStore.connect(url.toString(), silentLogger)).rejects.toThrow(/unreachable: .*does not exist.*3D000/);
  });

  it('a database left by the previous store (versions 1 and 2) gains the later versions and keeps its figures, read with status, since and event null', async () => {
    const db = await createTempDatabase();
    const store = await PostgresStore.connect(db.url, silentLogger, { maxConnections: 2 });
    try {
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      await client.query(readFileSync(fileURLToPath(new URL('./fixtures/postgresSchemaV2.sql', import.meta.url)), 'utf8'));
      await client.query(`INSERT INTO feeds (url, title, trusted, created_at) VALUES ('https://old.example/rss', 'Old News', true, '2026-11-01T00:00:00Z');
        INSERT INTO articles (guid, link, title, published, published_is_fetch_time, first_seen_at, title_hash) VALUES ('g', 'https://old.example/1', 'Old', '2026-11-01T00:00:00Z', false, '2026-11-01T00:00:00Z', 'h');
        INSERT INTO article_sources (article_id, feed_id, guid, title_hash, added_at) VALUES (1, 1, 'g', 'h', '2026-11-01T00:00:00Z');
        INSERT INTO figures (article_id, value, unit, qualifier, category, actor, cumulative, quote, start_offset, end_offset, sentence, published) VALUES (1, 5, 'count', 'exact', 'troops', NULL, false, '5 troops', 0, 8, '5 troops came.', '2026-11-01T00:00:00Z');`);
      await store.migrate();
      const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      await client.end();
      expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
      expect((await store.findFigures({ category: 'troops' })).map((f) => [f.value, f.status, f.since, f.event, f.sourceName])).toEqual([[5, null, null, null, 'Old News']]);
      await store.replaceFigures(1, [{ ...(await store.findFigures({}))[0]!, status: 'delivered', since: '2022', event: 'hit' }]);
      expect((await store.findFigures({})).map((f) => [f.status, f.since, f.event])).toEqual([['delivered', '2022', 'hit']]);
      expect(await store.figureCatalog()).toEqual([{ category: 'troops', actor: null, count: 1, latestPublished: '2026-11-01T00:00:00.000Z' }]);
    } finally {
      await store.close();
      await db.drop();
    }
  });

  it('migrating from several connections at once records each version exactly once', async () => {
    const db = await createTempDatabase();
    const stores: Store[] = [];
    try {
      for (let i = 0; i < 4; i++) stores.push(await PostgresStore.connect(db.url, silentLogger, { maxConnections: 2 }));
      await Promise.all(stores.map((s) => s.migrate()));
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      const { rows } = await client.query<{ version: number; n: string }>('SELECT version, count(*) AS n FROM schema_migrations GROUP BY version');
      await client.end();
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => Number(r.n) === 1)).toBe(true);
    } finally {
      for (const s of stores) await s.close();
      await db.drop();
    }
  });

  it('replicas replacing figures of the same categories at once all succeed and leave a correct catalog', async () => {
    // Opposite insertion orders make the catalog-row locks deadlock-prone; PostgreSQL aborts one
    // side and the store runs it again.
    const db = await createTempDatabase();
    const stores: PostgresStore[] = [];
    try {
      for (let i = 0; i < 3; i++) stores.push(await PostgresStore.connect(db.url, silentLogger, { maxConnections: 4 }));
      const [first] = stores;
      await first!.migrate();
      const f = await first!.upsertFeed({ url: 'https://a.example/rss', trusted: true });
      const { inserted } = await first!.saveArticles(f.id, Array.from({ length: 24 }, () => item()), at(0));
      const forward = [figure({ category: 'aid', actor: 'Germany' }), figure({ category: 'troops', actor: 'Allies' }), figure({ category: 'aid', actor: null })];
      const backward = [...forward].reverse();
      for (let round = 0; round < 2; round++) {
        await Promise.all(inserted.map((a, i) => stores[i % stores.length]!.replaceFigures(a.id, i % 2 ? forward : backward)));
      }
      expect(await first!.figureCatalog()).toEqual([
        { category: 'aid', actor: null, count: 24, latestPublished: inserted[0]!.published },
        { category: 'aid', actor: 'Germany', count: 24, latestPublished: inserted[0]!.published },
        { category: 'troops', actor: 'Allies', count: 24, latestPublished: inserted[0]!.published },
      ]);
      expect(await first!.findFigures({})).toHaveLength(72);
    } finally {
      for (const s of stores) await s.close();
      await db.drop();
    }
  });
});
