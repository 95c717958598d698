/**
 * What truly differs between SQLite and PostgreSQL, and nothing else: how a connection is opened,
 * how a transaction starts and is retried (SQLite: BEGIN IMMEDIATE and backoff while another
 * process holds the file; PostgreSQL: run again after a deadlock or serialization failure), row
 * locks (FOR UPDATE SKIP LOCKED, FOR SHARE: PostgreSQL only, SQLite has one writer anyway),
 * booleans, byte-order collation, several statements in one string, the migration lock, and the
 * catalog locks PostgreSQL replicas take to queue instead of deadlocking. SqlStore holds the rest.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, sql, SqliteDialect, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import type { Logger } from '../observability/logger.js';
import type { BuildOptions } from './figureQuery.js';
import type { FigureRow } from './figureRow.js';
import { describeTarget, isConnectionError, StoreUnavailableError, TRANSIENT_CODES, TRANSIENT_OR_UNIQUE, withRetry } from './postgres/pgErrors.js';
import type { Database } from './schema.js';
import { announceMainWaiting, newWriteTurn } from './writeTurn.js';

export type DialectName = 'sqlite' | 'postgres';

export interface StoreDialect {
  readonly name: DialectName;
  readonly db: Kysely<Database>;
  bool(value: boolean): boolean | number;
  /** Starts a transaction on `conn`: a write, or one snapshot for several reads. */
  begin(conn: Kysely<Database>, read: boolean): Promise<void>;
  /** Every write is a transaction begun by `begin` (SQLite: see there). */
  readonly lockWritesUpFront: boolean;
  /** FOR UPDATE SKIP LOCKED on leases and FOR SHARE on the parent of a new row. */
  readonly rowLocks: boolean;
  /** The collation that orders text by bytes, so both databases list in the same order. */
  readonly byteOrder: string;
  /** The SQL function giving the larger of two values (SQLite's max is also an aggregate; PostgreSQL's is greatest). */
  readonly greatest: 'max' | 'greatest';
  /** Runs `fn` (a whole transaction) again while a concurrent writer is in its way. */
  retry<T>(what: string, fn: () => Promise<T>, alsoOnUnique?: boolean): Promise<T>;
  /** Several statements in one string, on the connection of the transaction in progress. */
  exec(conn: Kysely<Database>, statements: string): Promise<void>;
  /** Taken first in the migrating transaction, so replicas starting together take turns. */
  lockMigrations(conn: Kysely<Database>): Promise<void>;
  /** Taken before figures of these groups (and of the article's stored figures) are written or deleted. */
  lockCatalogGroups(conn: Kysely<Database>, rows: readonly FigureRow[], articleId: number | null): Promise<void>;
  readonly figureQueryOptions: BuildOptions;
  close(): Promise<void>;
}

// ---------------------------------------------------------------- SQLite

export interface SqliteStoreOptions {
  /** How long one statement waits for another connection's lock before SQLITE_BUSY (default 5000 ms). */
  busyTimeoutMs?: number;
  /** Further attempts of a write transaction that still got SQLITE_BUSY, with backoff (default 4). */
  busyRetries?: number;
}

function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/** Opens (creating the folder and file when needed) the database at `file`; ':memory:' for a private in-memory one. */
export async function sqliteDialect(file: string, logger: Logger, options: SqliteStoreOptions = {}): Promise<StoreDialect & { raw: BetterSqlite3.Database; writeTurn: SharedArrayBuffer }> {
  const writeTurn = newWriteTurn();
  const inMemory = file === ':memory:' || file === '';
  if (!inMemory) mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  let raw: BetterSqlite3.Database;
  try {
    raw = new BetterSqlite3(file);
  } catch (err) {
    throw new Error(`cannot open the SQLite database at ${file}: ${(err as Error).message}`, { cause: err });
  }
  const busyRetries = options.busyRetries ?? 4;
  const busyTimeoutMs = Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000));
  const retry = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn();
      } catch (err) {
        if (!isBusy(err)) throw err;
        if (attempt >= busyRetries) {
          throw new Error(`the SQLite database ${file} stayed locked by another process (${what}, ${attempt + 1} attempts); is another newsdigest writing to it?`, { cause: err });
        }
        const delay = Math.min(2000, 50 * 2 ** attempt) * (0.5 + Math.random());
        logger.warn({ what, attempt: attempt + 1, delayMs: Math.round(delay) }, 'SQLite database busy; retrying');
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  };
  try {
    // busy_timeout first, so that switching to WAL also waits for a process holding the file.
    raw.pragma(`busy_timeout = ${busyTimeoutMs}`);
    if (!inMemory) {
      await retry('enable WAL', async () => raw.pragma('journal_mode = WAL'));
      // In WAL mode NORMAL loses at most the last transactions on power loss, never consistency.
      raw.pragma('synchronous = NORMAL');
    }
    raw.pragma('foreign_keys = ON');
    // Statement journals (a multi-row INSERT that may fail halfway, the delete trigger) in memory:
    // in a temp file they cost more than the statements themselves (system time, page writes).
    raw.pragma('temp_store = MEMORY');
  } catch (err) {
    raw.close();
    throw new Error(`cannot prepare the SQLite database at ${file}: ${(err as Error).message}`, { cause: err });
  }
  // Kysely prepares every statement it runs; query shapes are few, so they are prepared once.
  const statements = new Map<string, BetterSqlite3.Statement>();
  const database: SqliteDatabase = {
    close: () => void (raw.open && raw.close()),
    prepare(text: string) {
      let statement = statements.get(text);
      if (!statement) {
        if (statements.size >= 500) statements.clear();
        statements.set(text, (statement = raw.prepare(text)));
      }
      return statement;
    },
  };
  return {
    name: 'sqlite',
    raw,
    writeTurn,
    db: new Kysely<Database>({ dialect: new SqliteDialect({ database }) }),
    bool: (value) => (value ? 1 : 0),
    // The write lock up front (BEGIN IMMEDIATE: no deadlock-prone upgrade from a read lock), and
    // waited for without blocking the event loop: a transaction now spans several awaits, and a
    // second connection in this process waiting synchronously (busy_timeout) would stall the one
    // holding the lock until the timeout. So busy_timeout is 0 for BEGIN, which is polled instead.
    async begin(_conn, read) {
      if (read) return void raw.exec('BEGIN DEFERRED');
      // While this connection polls, worker threads writing the same file let it go first (writeTurn.ts).
      let waiting: (() => void) | null = null;
      const deadline = Date.now() + busyTimeoutMs;
      try {
        for (let wait = 1; ; wait = Math.min(wait * 2, 50)) {
          raw.pragma('busy_timeout = 0');
          try {
            return void raw.exec('BEGIN IMMEDIATE');
          } catch (err) {
            if (!isBusy(err) || Date.now() >= deadline) throw err;
          } finally {
            raw.pragma(`busy_timeout = ${busyTimeoutMs}`);
          }
          waiting ??= announceMainWaiting(writeTurn);
          await new Promise((resolve) => setTimeout(resolve, wait));
        }
      } finally {
        waiting?.();
      }
    },
    lockWritesUpFront: true,
    rowLocks: false,
    byteOrder: 'BINARY',
    greatest: 'max',
    retry,
    // better-sqlite3 prepares one statement at a time; exec runs a script (same connection).
    exec: async (_conn, statements) => void raw.exec(statements),
    lockMigrations: async () => undefined,
    lockCatalogGroups: async () => undefined,
    // Feeds are few and in process: the feeds a report filter may match are listed right away.
    figureQueryOptions: { feedIds: (query) => raw.prepare(query.sql).all(...query.params).map((r) => Number((r as { id: number }).id)) },
    close: async () => {
      if (raw.open) await (void raw.close());
    },
  };
}

// ---------------------------------------------------------------- PostgreSQL

export interface PostgresStoreOptions {
  /** Pool size (default 10). */
  maxConnections?: number;
  /** Attempts of a transaction aborted by a concurrent one (default 6). */
  attempts?: number;
  connectTimeoutMs?: number;
  statementTimeoutMs?: number;
}

/** An arbitrary, fixed key: "newsdigest migrations". */
const MIGRATION_LOCK_KEY = '7142390565104452871';
/** Advisory lock namespace (first key) for figure catalog groups; the second key is the group's hash. */
const CATALOG_LOCK_CLASS = 0x4e44;

/** A pool on `url`; the store pings it before use. */
export function postgresDialect(url: string, logger: Logger, options: PostgresStoreOptions = {}): StoreDialect {
  const target = describeTarget(url);
  const maxConnections = options.maxConnections ?? 10;
  const attempts = options.attempts ?? 6;
  const pool = new pg.Pool({
    connectionString: url,
    max: maxConnections,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    statement_timeout: options.statementTimeoutMs ?? 30_000,
    // A replica that dies mid-transaction must not keep its row locks.
    idle_in_transaction_session_timeout: 60_000,
    application_name: 'newsdigest',
  });
  // Without a listener an idle client's network error would crash the process.
  pool.on('error', (err) => logger.error({ err, database: target }, 'an idle PostgreSQL connection failed'));
  // The same for a client in use (inside a transaction when the server goes away): its query fails
  // and is retried or reported, but the 'error' event it also emits needs a listener of its own.
  pool.on('connect', (client) => client.on('error', (err) => logger.warn({ err, database: target }, 'a PostgreSQL connection in use failed')));
  const surface = (err: unknown): unknown => {
    if (err instanceof StoreUnavailableError) return err;
    // pg-pool says "timeout exceeded when trying to connect" both for a dead server and for a pool
    // whose connections are all in use; only the first means the database is unreachable.
    if (/timeout exceeded when trying to connect/.test((err as Error | null)?.message ?? '') && pool.totalCount >= maxConnections) {
      return new Error(`no free PostgreSQL connection to ${target}: all ${maxConnections} connections of the pool stayed busy`, { cause: err });
    }
    return isConnectionError(err) ? new StoreUnavailableError(target, err) : err;
  };
  let closed = false;
  return {
    name: 'postgres',
    db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
    bool: (value) => value,
    // Read-only snapshots: never a serialization failure.
    begin: async (conn, read) => void (await sql.raw(read ? 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' : 'BEGIN').execute(conn)),
    lockWritesUpFront: false,
    rowLocks: true,
    byteOrder: '"C"',
    greatest: 'greatest',
    async retry(what, fn, alsoOnUnique = false) {
      try {
        return await withRetry(fn, {
          // A unique violation in saveArticles: another replica stored the same link meanwhile; the next attempt finds it.
          retryOn: alsoOnUnique ? TRANSIENT_OR_UNIQUE : TRANSIENT_CODES,
          attempts,
          // A first conflict is routine between replicas; repeated ones are worth a look.
          onRetry: (err, attempt, delayMs) =>
            logger[attempt > 1 ? 'warn' : 'debug']({ what, attempt, delayMs: Math.round(delayMs), code: (err as { code?: string }).code }, 'PostgreSQL transaction conflicted with another; retrying'),
        });
      } catch (err) {
        throw surface(err);
      }
    },
    // Without parameters node-postgres uses the simple protocol, which runs several statements.
    exec: async (conn, statements) => void (await sql.raw(statements).execute(conn)),
    lockMigrations: async (conn) => void (await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY}::bigint)`.execute(conn)),
    // The catalog upsert and delete trigger lock one figure_catalog row per (category, actor); two
    // replicas touching the same groups in another order would deadlock. An advisory lock per
    // group, taken in one global order first, makes them queue instead.
    async lockCatalogGroups(conn, rows, articleId) {
      const groups = await sql<{ k: number }>`
        SELECT DISTINCT hashtext(category || chr(31) || coalesce(actor, '')) AS k
        FROM (SELECT category, actor FROM figures WHERE article_id = ${articleId ?? 0}
              UNION SELECT * FROM unnest(${rows.map((f) => f.category)}::text[], ${rows.map((f) => f.actor)}::text[])) AS g(category, actor)
        ORDER BY k`.execute(conn);
      for (const { k } of groups.rows) await sql`SELECT pg_advisory_xact_lock(${CATALOG_LOCK_CLASS}, ${k})`.execute(conn);
    },
    figureQueryOptions: {},
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
