/**
 * A schema migration: applied once, in version order, and recorded in schema_migrations.
 * Migrations are append-only: never edit one that has shipped, add the next version instead.
 */
export interface Migration {
  version: number;
  name: string;
  /** One or more statements, run in the migrating transaction. */
  sql: string;
}

/** Checks the list is strictly increasing, so a mistake in it fails loudly at start-up, not halfway. */
export function checkMigrations(migrations: readonly Migration[]): void {
  let previous = 0;
  for (const m of migrations) {
    if (!Number.isInteger(m.version) || m.version <= previous) throw new Error(`migrations must have strictly increasing versions (${m.version} after ${previous})`);
    previous = m.version;
  }
}
