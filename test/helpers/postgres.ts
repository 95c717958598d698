/**
 * A throwaway PostgreSQL database for a test: created on the server at 127.0.0.1:5432 (or
 * TEST_POSTGRES_ADMIN_URL) and dropped afterwards. There is no "skip when absent": CI runs
 * PostgreSQL, so a missing server is a failing test with a message that says what to start.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const ADMIN_URL = process.env.TEST_POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TempDatabase {
  /** Connection URL of the new, empty database. */
  url: string;
  name: string;
  /** Drops the database, ending any connection still open on it. Safe to call twice. */
  drop(): Promise<void>;
}

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (err) {
    throw new Error(
      `PostgreSQL is required for these tests but ${ADMIN_URL.replace(/\/\/[^@/]*@/, '//')} cannot be reached (${(err as Error).message}). ` +
        'Start PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth) or set TEST_POSTGRES_ADMIN_URL.',
      { cause: err },
    );
  }
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function createTempDatabase(prefix = 'newsdigest_test'): Promise<TempDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unsafe database name ${name}`);
  // template0: never blocked by a session that happens to sit on template1.
  await withAdmin((client) => client.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    url: url.toString(),
    name,
    async drop() {
      if (dropped) return;
      dropped = true;
      await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/**
 * Empties every table except schema_migrations: a migrated database as good as new, for the next
 * test. DELETE rather than TRUNCATE: on tables this small it is several times faster (TRUNCATE
 * creates and syncs new files). Foreign keys are not checked meanwhile (replica role), so the order does not matter.
 */
export async function emptyAllTables(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'`,
    );
    await client.query('BEGIN');
    await client.query('SET LOCAL session_replication_role = replica');
    for (const { name } of rows) await client.query(`DELETE FROM ${name}`);
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}
