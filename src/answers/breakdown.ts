/**
 * "Total aid to date" with no actor named: each actor's own latest figure, largest first, read in
 * one look-up for all actors (never summed, never only the actor reported last).
 */
import type { FigureQuery, Store, StoredFigure } from '../store/store.js';
import { accepts, candidateOf, focusHits, type Filters } from './figureFilters.js';
import { dayOf, pickFigure, rankBreakdown, type Picked, type PickOptions } from './pickFigure.js';
import type { Word } from './questionText.js';

/** Actors listed when a total is asked for with no actor named. */
export const BREAKDOWN_LIMIT = 5;
/** Fitting rows read per actor at most: an actor's latest total is among its newest few. */
const ROWS_PER_ACTOR = 8;
/** Rows read per actor first: most actors' newest figure stands out within them (see settled). */
const FIRST_ROWS = 3;

type Rows = Map<string | null, StoredFigure[]>;

/** One look-up for all the actors: each actor's newest `limit` rows, newest first. */
async function readPerActor(store: Store, query: FigureQuery, actors: string[], limit: number, filters: Filters, window: number): Promise<Rows> {
  const byActor: Rows = new Map();
  const rows = await store.findFigures({ ...query, actors, limit, ...(filters.text.length > 0 ? { text: filters.text, within: window } : {}) });
  for (const f of rows) byActor.set(f.actor, [...(byActor.get(f.actor) ?? []), f]);
  return byActor;
}

/**
 * Each actor's own latest figure of `query` (which names no actor), largest first, at most
 * BREAKDOWN_LIMIT. `window` bounds how far back each actor's figures are tested for the words.
 * A few rows per actor first; an actor whose newest day may go on past them (or whose rows did not
 * fit) is read again deeper, and so is the first actor listed, whose history the answer carries.
 */
export async function latestPerActor(store: Store, query: FigureQuery, actors: string[], filters: Filters, cache: Map<number, Word[]>, pickOptions: PickOptions, window: number): Promise<Picked[]> {
  const pick = (rows: StoredFigure[]): Picked | null =>
    pickFigure(
      rows.filter((f) => accepts(f, filters, cache) && (filters.focus.length === 0 || focusHits(f, filters, cache) > 0)).map((f) => candidateOf(f, filters, cache)),
      pickOptions,
    );
  // Options that choose among a series' figures by more than the newest day need all the rows.
  const plain = !pickOptions.since && !pickOptions.event && !pickOptions.prefer && !pickOptions.largest;
  const first = plain ? FIRST_ROWS : ROWS_PER_ACTOR;
  const rows = await readPerActor(store, query, actors, first, filters, window);
  // Settled: every row of the actor was read, or the picked figure's day ended within the rows read.
  const settled = (held: StoredFigure[], picked: Picked | null): boolean =>
    held.length < first || (picked !== null && dayOf(held[held.length - 1]!.published) < dayOf(picked.figure.published) && (!pickOptions.preferCumulative || picked.figure.cumulative));
  const picks = new Map<string, Picked | null>();
  const again: string[] = [];
  for (const actor of actors) {
    const held = rows.get(actor) ?? [];
    const picked = pick(held);
    picks.set(actor, picked);
    if (first < ROWS_PER_ACTOR && !settled(held, picked)) again.push(actor);
  }
  if (again.length > 0) {
    const deeper = await readPerActor(store, query, again, ROWS_PER_ACTOR, filters, window);
    for (const actor of again) picks.set(actor, pick(deeper.get(actor) ?? []));
  }
  const ranked = rankBreakdown([...picks.values()].filter((p): p is Picked => p !== null)).slice(0, BREAKDOWN_LIMIT);
  // The first actor's history and same-day reports, as the one-actor answer would read them.
  const lead = ranked[0];
  if (lead && first < ROWS_PER_ACTOR && !again.includes(lead.figure.actor!) && (rows.get(lead.figure.actor)?.length ?? 0) >= first) {
    const deeper = await readPerActor(store, query, [lead.figure.actor!], ROWS_PER_ACTOR, filters, window);
    ranked[0] = pick(deeper.get(lead.figure.actor) ?? []) ?? lead;
  }
  return ranked;
}
