/**
 * Reads a newsdigest SQLite file the way a careful auditor would after a crash: SQLite's own
 * integrity and foreign-key checks, articles without a source, figures without an article, the
 * figure catalog against the figures it counts, and each article's figures keyed by its guid.
 */
import Database from 'better-sqlite3';

export interface DatabaseReport {
  integrity: string;
  foreignKeyViolations: number;
  articles: number;
  sources: number;
  figures: number;
  articlesWithoutSource: number;
  figuresWithoutArticle: number;
  /** Catalog rows whose count differs from the figures table (or figures missing from the catalog). */
  catalogMismatches: number;
  /** Guids stored more than once in the feed. */
  duplicateGuids: number;
  /** guid -> the article's figures, each as a sorted "category|value|unit|quote" string. */
  figuresByGuid: Map<string, string[]>;
}

export function inspectDatabase(file: string): DatabaseReport {
  // Not read-only: opening replays the WAL a killed writer left behind, as the next process would.
  const db = new Database(file, { fileMustExist: true });
  try {
    const one = (sql: string): number => Number((db.prepare(sql).get() as { n: number }).n);
    const figuresByGuid = new Map<string, string[]>();
    const rows = db
      .prepare(
        `SELECT s.guid, f.category, f.value, f.unit, f.quote
         FROM article_sources s LEFT JOIN figures f ON f.article_id = s.article_id
         ORDER BY s.guid`,
      )
      .all() as Array<{ guid: string; category: string | null; value: number | null; unit: string | null; quote: string | null }>;
    for (const r of rows) {
      const list = figuresByGuid.get(r.guid) ?? [];
      if (r.category !== null) list.push(`${r.category}|${r.value}|${r.unit}|${r.quote}`);
      figuresByGuid.set(r.guid, list);
    }
    for (const list of figuresByGuid.values()) list.sort();
    return {
      integrity: String((db.prepare('PRAGMA integrity_check').get() as Record<string, unknown>).integrity_check),
      foreignKeyViolations: db.prepare('PRAGMA foreign_key_check').all().length,
      articles: one('SELECT count(*) AS n FROM articles'),
      sources: one('SELECT count(*) AS n FROM article_sources'),
      figures: one('SELECT count(*) AS n FROM figures'),
      articlesWithoutSource: one('SELECT count(*) AS n FROM articles a WHERE NOT EXISTS (SELECT 1 FROM article_sources s WHERE s.article_id = a.id)'),
      figuresWithoutArticle: one('SELECT count(*) AS n FROM figures f WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = f.article_id)'),
      catalogMismatches: one(
        `SELECT count(*) AS n FROM (
           SELECT category, ifnull(actor, '') AS actor_key, count(*) AS c FROM figures GROUP BY 1, 2
         ) f FULL OUTER JOIN figure_catalog c ON c.category = f.category AND c.actor_key = f.actor_key
         WHERE ifnull(c.figure_count, 0) <> ifnull(f.c, 0)`,
      ),
      duplicateGuids: one('SELECT count(*) AS n FROM (SELECT guid FROM article_sources GROUP BY feed_id, guid HAVING count(*) > 1)'),
      figuresByGuid,
    };
  } finally {
    db.close();
  }
}

/**
 * Counts of what a polling reader sees while another process writes: a read-only connection, opened
 * once the file exists and kept (each query sees the latest commit); null until the schema is there.
 */
export class CountsPeek {
  private db: Database.Database | null = null;

  constructor(private readonly file: string) {}

  counts(): { articles: number; figures: number } | null {
    try {
      this.db ??= new Database(this.file, { readonly: true, fileMustExist: true });
      const articles = Number((this.db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n);
      const figures = Number((this.db.prepare('SELECT count(*) AS n FROM figures').get() as { n: number }).n);
      return { articles, figures };
    } catch {
      // No file yet, or the writer is still creating the schema.
      return null;
    }
  }

  close(): void {
    this.db?.close();
    this.db = null;
  }
}

/**
 * True while another connection holds the write lock: BEGIN IMMEDIATE with no busy wait fails.
 * When it succeeds the lock is given back at once.
 */
export function writerActive(db: Database.Database): boolean {
  try {
    db.prepare('BEGIN IMMEDIATE').run();
  } catch (err) {
    if (String((err as { code?: string }).code).startsWith('SQLITE_BUSY')) return true;
    throw err;
  }
  db.prepare('ROLLBACK').run();
  return false;
}
