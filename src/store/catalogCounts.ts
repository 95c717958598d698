/**
 * The figure catalog ((category, actor) -> count and newest date) kept up to date by the code that
 * inserts figures, once per batch: one multi-row upsert of a batch's groups instead of a trigger
 * firing for each of its figures (migration 7 dropped the insert trigger; the delete trigger stays,
 * since deletes are rare and must find the next newest date). Runs in the inserting transaction.
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** One figure as the catalog counts it. */
export interface CatalogFigure {
  category: string;
  actor: string | null;
  published: string;
}

/** Groups with their count and newest date, in key order (the order PostgreSQL locks their rows in). */
export function catalogGroups(figures: Iterable<CatalogFigure>): Array<{ category: string; actor_key: string; actor: string | null; figure_count: number; latest_published: string }> {
  const groups = new Map<string, { category: string; actor_key: string; actor: string | null; figure_count: number; latest_published: string }>();
  for (const f of figures) {
    const actorKey = f.actor ?? '';
    const key = `${f.category}\u001f${actorKey}`;
    const group = groups.get(key);
    if (!group) groups.set(key, { category: f.category, actor_key: actorKey, actor: f.actor, figure_count: 1, latest_published: f.published });
    else {
      group.figure_count++;
      // ISO timestamps of one format (toIsoTimestamp): text order is time order.
      if (f.published > group.latest_published) group.latest_published = f.published;
    }
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, g]) => g);
}

/** Adds the figures just inserted to the catalog; `newest` is the dialect's two-argument maximum (max, greatest). */
export async function addToCatalog(q: Kysely<Database>, figures: Iterable<CatalogFigure>, newest: 'max' | 'greatest'): Promise<void> {
  const groups = catalogGroups(figures);
  // A few dozen groups at most per batch; chunked anyway so a huge batch stays within parameter limits.
  for (let i = 0; i < groups.length; i += 500) {
    await q.insertInto('figure_catalog').values(groups.slice(i, i + 500)).onConflict((oc) =>
        oc.columns(['category', 'actor_key']).doUpdateSet((eb) => ({
          figure_count: eb('figure_catalog.figure_count', '+', eb.ref('excluded.figure_count')),
          latest_published: eb.fn(newest, [eb.ref('figure_catalog.latest_published'), eb.ref('excluded.latest_published')]),
        })),
      ).execute();
  }
}
