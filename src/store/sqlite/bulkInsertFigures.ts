/**
 * Bench support: fills a SqliteStore with `n` synthetic figures (and the articles they belong to)
 * in one transaction with prepared statements, so answer benchmarks can run over a million
 * figures. Deterministic for a given seed. Not used by the bot itself.
 */
import type { SqliteStore } from '../sqlStore.js';
import { prng } from '../../util/prng.js';

export interface BulkFigureOptions {
  /** PRNG seed (default 1): the same seed gives the same rows. */
  seed?: number;
  /** Figures per synthetic article (default 4). */
  figuresPerArticle?: number;
  categories?: readonly string[];
  /** Actors to draw from; null means "no actor". */
  actors?: ReadonlyArray<string | null>;
  /** Published dates are spread uniformly over [from, to] (ISO). */
  from?: string;
  to?: string;
}

export interface BulkFigureResult {
  feedId: number;
  articles: number;
  figures: number;
  elapsedMs: number;
}

export const BENCH_CATEGORIES = ['aid', 'aid_package', 'troops', 'casualties', 'refugees', 'sanctions', 'weapons', 'funding'] as const;
export const BENCH_ACTORS = ['United States', 'Germany', 'United Kingdom', 'European Union', 'France', 'Allies', 'Russia', 'Ukraine', 'Poland', 'Japan', null] as const;

const UNITS: Record<string, string> = { aid: 'USD', aid_package: 'USD', funding: 'EUR', sanctions: 'count', refugees: 'count', troops: 'count', casualties: 'count', weapons: 'count' };


export function bulkInsertFigures(store: SqliteStore, n: number, seedOrOptions: number | BulkFigureOptions = {}): BulkFigureResult {
  if (!Number.isInteger(n) || n < 0) throw new Error(`bulkInsertFigures: n must be a non-negative integer (got ${n})`);
  const options: BulkFigureOptions = typeof seedOrOptions === 'number' ? { seed: seedOrOptions } : seedOrOptions;
  const seed = options.seed ?? 1;
  const perArticle = options.figuresPerArticle ?? 4;
  const categories = options.categories ?? BENCH_CATEGORIES;
  const actors = options.actors ?? BENCH_ACTORS;
  const from = Date.parse(options.from ?? '2022-02-24T00:00:00.000Z');
  const to = Date.parse(options.to ?? '2025-12-31T23:59:59.000Z');
  if (!(perArticle > 0) || categories.length === 0 || actors.length === 0 || !(to >= from)) throw new Error('bulkInsertFigures: bad options');
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const db = store.db;
  const started = performance.now();

  const insertFeed = db.prepare(
    `INSERT INTO feeds (url, title, trusted, created_at) VALUES (?, 'Synthetic bench feed', 1, ?)
     ON CONFLICT (url) DO UPDATE SET title = excluded.title RETURNING id`,
  );
  const insertArticle = db.prepare(
    `INSERT INTO articles (guid, link, title, published, published_is_fetch_time, first_seen_at, seeded, title_hash)
     VALUES (?, ?, ?, ?, 0, ?, 0, ?) RETURNING id`,
  );
  const insertSource = db.prepare('INSERT INTO article_sources (article_id, feed_id, guid, title_hash, added_at) VALUES (?, ?, ?, ?, ?)');
  const insertFigure = db.prepare(
    `INSERT INTO figures (article_id, value, value_max, unit, qualifier, category, actor, cumulative, quote, start_offset, end_offset, sentence, published)
     VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  const run = db.transaction((): BulkFigureResult => {
    // Bulk-load the usual way: drop the figure indexes and triggers, insert, then rebuild them
    // from their own stored definitions (building an index by sorting is far cheaper than a
    // million index inserts) and recount the catalog. All in this one transaction.
    const derived = db
      .prepare(`SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'figures' AND type IN ('index', 'trigger') AND sql IS NOT NULL`)
      .all() as Array<{ type: 'index' | 'trigger'; name: string; sql: string }>;
    for (const d of derived) db.exec(`DROP ${d.type === 'index' ? 'INDEX' : 'TRIGGER'} "${d.name}"`);
    const now = new Date().toISOString();
    const feedId = Number((insertFeed.get(`bench://synthetic/${seed}`, now) as { id: number }).id);
    // Keys continue after what is stored, so a second call (same seed or not) adds rather than collides.
    const base = Number((db.prepare('SELECT coalesce(max(id), 0) AS n FROM articles').get() as { n: number }).n);
    // Dates are drawn first and inserted in time order, as real ingestion roughly is: every index
    // then grows at its end instead of at random pages, which makes a million rows minutes faster.
    const dates = Array.from({ length: Math.ceil(n / perArticle) }, () => from + Math.floor(random() * (to - from))).sort((x, y) => x - y);
    let articles = 0;
    let articleId = 0;
    let published = '';
    for (let i = 0; i < n; i++) {
      if (i % perArticle === 0) {
        published = new Date(dates[articles]!).toISOString();
        const key = `${seed}-${base + articles}`;
        const hash = `bench${key}`;
        articleId = Number((insertArticle.get(`bench-${key}`, `https://bench.example/${key}`, `Synthetic article ${key}`, published, now, hash) as { id: number }).id);
        insertSource.run(articleId, feedId, `bench-${key}`, hash, now);
        articles++;
      }
      const category = pick(categories);
      const actor = pick(actors);
      const value = Math.round(random() * 1e6) * (UNITS[category] === 'count' ? 1 : 1000);
      const quote = `${value.toLocaleString('en-US')} ${category}`;
      const sentence = `${actor ?? 'Officials'} reported ${quote}.`;
      const start = sentence.indexOf(quote);
      insertFigure.run(articleId, value, UNITS[category] ?? 'count', random() < 0.2 ? 'more_than' : 'exact', category, actor, random() < 0.3 ? 1 : 0, quote, start, start + quote.length, sentence, published);
    }
    for (const d of derived) db.exec(d.sql);
    db.exec(`DELETE FROM figure_catalog;
      INSERT INTO figure_catalog (category, actor_key, actor, figure_count, latest_published)
      SELECT category, ifnull(actor, ''), actor, count(*), max(published) FROM figures GROUP BY category, actor`);
    return { feedId, articles, figures: n, elapsedMs: 0 };
  });
  const result = run.immediate();
  return { ...result, elapsedMs: performance.now() - started };
}
