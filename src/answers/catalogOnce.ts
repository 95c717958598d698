/**
 * The figure catalog read at most once per question: resolving, listing what is known and finding
 * the closest figure held all look at it, and it is a few hundred rows.
 */
import type { FigureCatalogEntry, Store } from '../store/store.js';

export type ReadCatalog = () => Promise<FigureCatalogEntry[]>;

/** A reader of the store's catalog that reads it on first use and hands out that read after. */
export function catalogOnce(store: Store): ReadCatalog {
  let read: Promise<FigureCatalogEntry[]> | undefined;
  return () => (read ??= store.figureCatalog());
}
