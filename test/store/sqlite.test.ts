import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { silentLogger, type Logger } from '../../src/observability/logger.js';
import { buildFigureQuery } from '../../src/store/figureQuery.js';
import { bulkInsertFigures } from '../../src/store/sqlite/bulkInsertFigures.js';
import { SqliteStore } from '../../src/store/sqlStore.js';
import type { FigureQuery, Store } from '../../src/store/store.js';
import { describeAlertStoreContract } from './alertContract.js';
import { at, describeStoreContract, item, type StoreHarness } from './storeContract.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

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
describeAlertStoreContract('SQLite', { empty: tempFileHarness, pristine: tempFileHarness });

describe('SqliteStore specifics', () => {
  const cleanups: Array<() => void | Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  function tempDir(): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'newsdigest-sqlite-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
  }

  async function openStore(file: string, options?: Parameters<typeof SqliteStore.open>[2], logger: Logger = silentLogger): Promise<SqliteStore> {
    const store = await SqliteStore.open(file, logger, options);
    cleanups.push(() => store.close());
    await store.migrate();
    return store;
  }

  /** Another process that takes the write lock, inserts a feed, holds the lock for `holdMs`, then commits. */
  async function holdWriteLock(file: string, holdMs: number): Promise<ChildProcess> {
    const script = `
      const Database = require('better-sqlite3');
      const db = new Database(process.argv[1]);
      db.exec('BEGIN IMMEDIATE');
      db.prepare("INSERT INTO feeds (url, trusted, created_at) VALUES ('https://other-process.example/rss', 0, '2024-03-01T00:00:00.000Z')").run();
      process.stdout.write('locked\\n');
      setTimeout(() => { db.exec('COMMIT'); db.close(); process.exit(0); }, Number(process.argv[2]));`;
    const child = spawn(process.execPath, ['-e', script, file, String(holdMs)], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    cleanups.push(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve());
      child.on('exit', (code) => reject(new Error(`lock holder exited early (${code})`)));
    });
    return child;
  }

  function capturingLogger(): { logger: Logger; lines: () => Array<Record<string, unknown>> } {
    const out: string[] = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => out.push(line) });
    return { logger, lines: () => out.map((l) => JSON.parse(l) as Record<string, unknown>) };
  }

  it("':memory:' gives a private, working database", async () => {
    const a = await openStore(':memory:');
    const b = await openStore(':memory:');
    const f = await a.upsertFeed({ url: 'https://a.example/rss', trusted: true });
    await a.saveArticles(f.id, [item()], at(0));
    expect(await a.countArticles()).toBe(1);
    expect(await b.countArticles()).toBe(0);
  });

  it('creates the data folder, and the database runs in WAL mode with foreign keys on', async () => {
    const file = path.join(tempDir(), 'nested', 'data', 'newsdigest.db');
    const store = await openStore(file);
    expect(existsSync(file)).toBe(true);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('records each migration once in schema_migrations, however often migrate() runs', async () => {
    const file = path.join(tempDir(), 'db.sqlite');
    const first = await openStore(file);
    await first.migrate();
    await (await openStore(file)).migrate();
    const rows = first.db.prepare('SELECT version, count(*) AS n FROM schema_migrations GROUP BY version').all() as Array<{ version: number; n: number }>;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.n === 1)).toBe(true);
  });

  it('a database left by the previous store (versions 1 and 2) gains the later versions and keeps its figures, read with status, since and event null', async () => {
    const file = path.join(tempDir(), 'old.sqlite');
    const old = await SqliteStore.open(file, silentLogger);
    old.db.exec(readFileSync(path.join(repoRoot, 'test/store/fixtures/sqliteSchemaV2.sql'), 'utf8'));
    old.db.exec(`INSERT INTO feeds (id, url, title, trusted, created_at) VALUES (1, 'https://old.example/rss', 'Old News', 1, '2026-11-01T00:00:00.000Z');
      INSERT INTO articles (id, guid, link, title, published, published_is_fetch_time, first_seen_at, title_hash) VALUES (1, 'g', 'https://old.example/1', 'Old', '2026-11-01T00:00:00.000Z', 0, '2026-11-01T00:00:00.000Z', 'h');
      INSERT INTO article_sources (article_id, feed_id, guid, title_hash, added_at) VALUES (1, 1, 'g', 'h', '2026-11-01T00:00:00.000Z');
      INSERT INTO figures (article_id, value, unit, qualifier, category, actor, cumulative, quote, start_offset, end_offset, sentence, published) VALUES (1, 5, 'count', 'exact', 'troops', NULL, 0, '5 troops', 0, 8, '5 troops came.', '2026-11-01T00:00:00.000Z');`);
    await old.close();
    const store = await openStore(file);
    await store.migrate();
    const versions = store.db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as Array<{ version: number }>;
    expect(versions.map((v) => v.version)).toEqual(MIGRATIONS.map((m) => m.version));
    expect((await store.findFigures({ category: 'troops' })).map((f) => [f.value, f.status, f.since, f.event, f.sourceName])).toEqual([[5, null, null, null, 'Old News']]);
    await store.replaceFigures(1, [{ ...(await store.findFigures({}))[0]!, status: 'delivered', since: '2022', event: 'hit' }]);
    expect((await store.findFigures({})).map((f) => [f.status, f.since, f.event])).toEqual([['delivered', '2022', 'hit']]);
    expect(await store.figureCatalog()).toEqual([{ category: 'troops', actor: null, count: 1, latestPublished: '2026-11-01T00:00:00.000Z' }]);
  });

  it('a file that is not a database is refused with a message naming it', async () => {
    const file = path.join(tempDir(), 'not-a-db.sqlite');
    writeFileSync(file, 'this is not an SQLite database, just text that is long enough to have a header');
    await expect(SqliteStore.open(file, silentLogger).then((s) => (cleanups.push(() => s.close()), s.migrate()))).rejects.toThrow(/not-a-db\.sqlite|file is not a database/);
  });

  it('a write waits while another process briefly holds the write lock, then both writes are kept', async () => {
    const file = path.join(tempDir(), 'db.sqlite');
    const store = await openStore(file);
    const holder = await holdWriteLock(file, 300);
    await store.upsertFeed({ url: 'https://this-process.example/rss', trusted: true });
    expect(holder.exitCode === 0 || (await new Promise((r) => holder.on('exit', r))) === 0).toBe(true);
    expect((await store.listFeeds()).map((f) => f.url).sort()).toEqual(['https://other-process.example/rss', 'https://this-process.example/rss']);
  });

  it('with a short busy timeout, a locked write is retried with backoff until the lock is released', async () => {
    const file = path.join(tempDir(), 'db.sqlite');
    const { logger, lines } = capturingLogger();
    const store = await openStore(file, { busyTimeoutMs: 10, busyRetries: 20 }, logger);
    await holdWriteLock(file, 400);
    const f = await store.upsertFeed({ url: 'https://this-process.example/rss', trusted: true });
    expect(f.url).toBe('https://this-process.example/rss');
    expect(lines().some((l) => l.msg === 'SQLite database busy; retrying')).toBe(true);
    expect(await store.listFeeds()).toHaveLength(2);
  });

  it('a write that stays locked gives up with an error that says another process holds the database', async () => {
    const file = path.join(tempDir(), 'db.sqlite');
    const store = await openStore(file, { busyTimeoutMs: 10, busyRetries: 2 });
    await holdWriteLock(file, 10_000);
    await expect(store.upsertFeed({ url: 'https://this-process.example/rss', trusted: true })).rejects.toThrow(/stayed locked by another process/);
  });

  it('every findFigures shape walks an index in answer order instead of sorting the table', async () => {
    const store = await openStore(':memory:');
    bulkInsertFigures(store, 5000, 11);
    store.db.exec('ANALYZE');
    const shapes: FigureQuery[] = [
      { category: 'aid', actor: 'Germany', cumulative: true, publishedOnOrBefore: '2024-06-01', limit: 5 },
      { category: 'aid', actor: 'Germany', publishedOnOrBefore: '2024-06-01', limit: 5 },
      { category: 'aid', actor: null, limit: 5 },
      { category: 'aid', publishedOnOrBefore: '2024-06-01', limit: 5 },
      { publishedOnOrBefore: '2023-01-01', limit: 5 },
      { category: ['aid', 'aid_package'], actor: 'United States', limit: 5 },
    ];
    for (const shape of shapes) {
      const built = buildFigureQuery(shape, 'sqlite')!;
      const plan = (store.db.prepare(`EXPLAIN QUERY PLAN ${built.sql}`).all(...built.params) as Array<{ detail: string }>).map((r) => r.detail);
      const figureSteps = plan.filter((d) => /\bfigures\b/.test(d));
      expect(figureSteps.length, JSON.stringify(shape)).toBeGreaterThan(0);
      for (const step of figureSteps) expect(step, JSON.stringify(shape)).toMatch(/USING INDEX figures_/);
      // A sort is only acceptable over the few rows each branch already limited (several categories).
      if (!Array.isArray(shape.category)) expect(plan.join('\n'), JSON.stringify(shape)).not.toMatch(/TEMP B-TREE/);
    }
  });
});

describe('answer look-ups over many figures', () => {
  const opened: SqliteStore[] = [];
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
  });

  async function openStore(): Promise<SqliteStore> {
    const store = await SqliteStore.open(':memory:', silentLogger);
    opened.push(store);
    await store.migrate();
    return store;
  }

  const planOf = (store: SqliteStore, query: FigureQuery): string => {
    const built = buildFigureQuery(query, 'sqlite')!;
    return (store.db.prepare(`EXPLAIN QUERY PLAN ${built.sql}`).all(...built.params) as Array<{ detail: string }>).map((r) => r.detail).join('\n');
  };

  it('each shape walks the index made for it, also for one unit of a measure', async () => {
    const store = await openStore();
    bulkInsertFigures(store, 2000, 3);
    const shapes: Array<[FigureQuery, string]> = [
      [{ category: 'aid_package', actor: 'United States', unit: 'ordinal', publishedOnOrBefore: '2024-06-01', limit: 40 }, 'figures_category_actor_unit'],
      [{ category: 'aid', actor: 'Germany', cumulative: true, unit: 'USD', limit: 40 }, 'figures_category_actor_unit'],
      [{ category: 'aid', actor: 'Germany', cumulative: true, limit: 40 }, 'figures_category_actor_cumulative'],
      [{ category: 'aid', actor: null, limit: 40 }, 'figures_category_actor'],
      [{ category: 'aid', cumulative: false, limit: 40 }, 'figures_category'],
      [{ publishedOnOrBefore: '2024-06-01', limit: 40 }, 'figures_published'],
    ];
    for (const [shape, index] of shapes) expect(planOf(store, shape), JSON.stringify(shape)).toMatch(new RegExp(`SEARCH figures USING INDEX ${index} `));
  });

  it('a window between two figures is walked between them, and the article of a figure looked up by its id', async () => {
    const store = await openStore();
    bulkInsertFigures(store, 2000, 3);
    const [top, bottom] = [(await store.findFigures({ category: 'aid', actor: 'Germany', limit: 1 }))[0]!, (await store.findFigures({ category: 'aid', actor: 'Germany', offset: 10, limit: 1 }))[0]!];
    const plan = planOf(store, { category: 'aid', actor: 'Germany', olderThan: top, notOlderThan: bottom, text: [{ within: 'report', anyOf: [['kharkiv']] }] });
    expect(plan).toMatch(/SEARCH figures USING INDEX figures_category_actor \(category=\? AND actor=\? AND published>\? AND published<\?\)/);
    expect(plan).toMatch(/SEARCH ta USING INTEGER PRIMARY KEY/);
    expect(plan).not.toMatch(/SCAN (ta|articles|figures)\b/);
  });
});

describe('bulkInsertFigures (bench support)', () => {
  it('stores N synthetic figures that findFigures and figureCatalog see, the same for the same seed', async () => {
    const a = await SqliteStore.open(':memory:', silentLogger);
    const b = await SqliteStore.open(':memory:', silentLogger);
    try {
      await a.migrate();
      await b.migrate();
      const result = bulkInsertFigures(a, 2000, 5);
      bulkInsertFigures(b, 2000, 5);
      expect(result).toMatchObject({ figures: 2000, articles: 500 });
      const catalog = await a.figureCatalog();
      expect(catalog.reduce((sum, e) => sum + e.count, 0)).toBe(2000);
      const newest = await a.findFigures({ limit: 50 });
      expect(newest).toHaveLength(50);
      for (let i = 1; i < newest.length; i++) expect(newest[i - 1]!.published >= newest[i]!.published).toBe(true);
      expect(newest[0]!.quote).toBe(newest[0]!.sentence.slice(newest[0]!.start, newest[0]!.end));
      expect((await b.findFigures({ limit: 50 })).map((f) => [f.value, f.category, f.actor, f.published])).toEqual(newest.map((f) => [f.value, f.category, f.actor, f.published]));
      // A second batch adds to the first, and the store keeps working normally afterwards.
      bulkInsertFigures(a, 100, 5);
      expect((await a.figureCatalog()).reduce((sum, e) => sum + e.count, 0)).toBe(2100);
      const [article] = await a.listArticles({ limit: 1 });
      await a.replaceFigures(article!.id, []);
      expect((await a.figureCatalog()).reduce((sum, e) => sum + e.count, 0)).toBe(2096);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
