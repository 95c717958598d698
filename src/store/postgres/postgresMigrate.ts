/**
 * Applies PostgreSQL migrations in one transaction under a transaction-level advisory lock, so
 * replicas starting together take turns: the first applies, the others wait and find nothing left.
 * The lock is taken before schema_migrations is even created (CREATE TABLE IF NOT EXISTS races otherwise).
 */
import type { Logger } from '../../observability/logger.js';
import { checkMigrations, type Migration } from '../migrations/migration.js';

/** An arbitrary, fixed key: "newsdigest migrations". */
export const MIGRATION_LOCK_KEY = '7142390565104452871';

/** Runs inside the caller's transaction; `q` runs one statement on its connection. */
export async function migratePostgres(q: (sql: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>>, migrations: readonly Migration[], logger: Logger): Promise<number> {
  checkMigrations(migrations);
  await q('SELECT pg_advisory_xact_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
  await q(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const rows = await q('SELECT version FROM schema_migrations');
  const applied = new Set(rows.map((r) => Number(r.version)));
  const newest = Math.max(0, ...applied);
  const known = migrations.at(-1)?.version ?? 0;
  if (newest > known) logger.warn({ databaseVersion: newest, codeVersion: known }, 'the database schema is newer than this program knows; running anyway');
  let count = 0;
  for (const m of migrations) {
    if (applied.has(m.version)) continue;
    await q(m.sql);
    await q('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
    logger.info({ version: m.version, name: m.name }, 'applied schema migration');
    count++;
  }
  return count;
}
