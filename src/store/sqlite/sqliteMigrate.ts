/**
 * Applies SQLite migrations under BEGIN IMMEDIATE: the write lock is taken before the applied
 * versions are read, so two processes starting at once apply each migration exactly once (the
 * second waits on busy_timeout, then finds nothing left to do).
 */
import type Database from 'better-sqlite3';
import type { Logger } from '../../observability/logger.js';
import { checkMigrations, type Migration } from '../migrations/migration.js';

export function migrateSqlite(db: Database.Database, migrations: readonly Migration[], logger: Logger): number {
  checkMigrations(migrations);
  const run = db.transaction((): number => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at TEXT NOT NULL
    )`);
    const applied = new Set((db.prepare('SELECT version FROM schema_migrations').all() as Array<{ version: number }>).map((r) => r.version));
    const newest = Math.max(0, ...applied);
    const known = migrations.at(-1)?.version ?? 0;
    if (newest > known) logger.warn({ databaseVersion: newest, codeVersion: known }, 'the database schema is newer than this program knows; running anyway');
    let count = 0;
    for (const m of migrations) {
      if (applied.has(m.version)) continue;
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
      logger.info({ version: m.version, name: m.name }, 'applied schema migration');
      count++;
    }
    return count;
  });
  return run.immediate();
}
