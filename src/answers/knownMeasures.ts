/**
 * What the store holds an answer for, for "what I have figures on": the measures and actors with
 * figures, checked against each measure's own filters where measures share a category.
 */
import type { Store } from '../store/store.js';
import type { ReadCatalog } from './catalogOnce.js';
import type { CompiledRules } from './compileRules.js';
import { filtersFor } from './figureFilters.js';
import type { Word } from './questionText.js';
import { anyAccepted, baseQuery } from './scanFigures.js';

/** What the store knows, for "here is what I can answer instead". */
export interface KnownMeasure {
  measure: string;
  actors: Array<string | null>;
}

/** Rows looked at to tell whether a measure that shares its category has any figure for an actor. */
const KNOWN_CHECK_ROWS = 50;

/** The "what is known" list per store, kept until the catalog changes (it is asked for on every miss). */
const knownCache = new WeakMap<Store, { key: string; rules: CompiledRules; known: KnownMeasure[] }>();

/**
 * The measures and actors that have figures, in config order (what "ask me about" lists). The
 * catalog counts categories; where several measures share one (stalled aid and total aid), each
 * measure is checked against its own filters on its newest figures, so the list does not offer what
 * is not there.
 */
export async function knownMeasures(store: Store, rules: CompiledRules, readCatalog: ReadCatalog = () => store.figureCatalog()): Promise<KnownMeasure[]> {
  const catalog = await readCatalog();
  const key = catalog.map((e) => `${e.category}\u0000${e.actor}\u0000${e.count}\u0000${e.latestPublished}`).join('\n');
  const held = knownCache.get(store);
  if (held && held.key === key && held.rules === rules) return held.known;

  const perCategory = new Map<string, number>();
  for (const m of rules.measures) perCategory.set(m.measure.category, (perCategory.get(m.measure.category) ?? 0) + 1);
  const known: KnownMeasure[] = [];
  for (const m of rules.measures) {
    let actors = [...new Set(catalog.filter((e) => e.category === m.measure.category && e.count > 0).map((e) => e.actor))];
    if ((perCategory.get(m.measure.category) ?? 0) > 1) {
      const filters = filtersFor(m, [], false);
      const cache = new Map<number, Word[]>();
      const checked: Array<string | null> = [];
      for (const actor of actors) {
        if (await anyAccepted(store, baseQuery(m.measure, actor), filters, cache, KNOWN_CHECK_ROWS)) checked.push(actor);
      }
      actors = checked;
    }
    if (actors.length > 0) known.push({ measure: m.measure.name, actors });
  }
  knownCache.set(store, { key, rules, known });
  return known;
}

