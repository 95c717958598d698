/** Chooses the store: PostgreSQL when DATABASE_URL is a postgres:// URL, else SQLite in DATA_DIR. */
import path from 'node:path';
import type { Env } from '../config/schema.js';
import type { Logger } from '../observability/logger.js';
import type { Store } from './store.js';

export async function openStore(env: Pick<Env, 'DATA_DIR' | 'DATABASE_URL'>, logger: Logger): Promise<Store> {
  const url = env.DATABASE_URL;
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    const { PostgresStore } = await import('./sqlStore.js');
    return PostgresStore.connect(url, logger);
  }
  if (url) throw new Error(`DATABASE_URL must be a postgres:// URL (got a "${url.split(':')[0]}" URL); unset it to use SQLite in DATA_DIR`);
  const { SqliteStore } = await import('./sqlStore.js');
  return SqliteStore.open(path.join(env.DATA_DIR, 'newsdigest.db'), logger);
}
