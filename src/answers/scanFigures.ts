/**
 * Reading figures from the store for a question, newest first and bounded: page by page until the
 * newest day with a fitting figure is complete, or the scan limit is reached. Lookups for rare
 * words (names a report must mention) let the database test the words within a window of rows, in
 * one statement, so a name that is nowhere costs one walk of the window.
 */
import type { FigurePosition, FigureQuery, FigureTextFilter, Store, StoredFigure } from '../store/store.js';
import { accepts, candidateOf, focusHits, type Candidate, type Filters } from './figureFilters.js';
import { dayOf } from './pickFigure.js';
import type { Word } from './questionText.js';
import type { Measure } from './rules.js';

/** Rows read per page while looking for candidates (newest first); later pages are larger. */
const PAGE_SIZES = [40, 200, 1000];

export function baseQuery(measure: Measure, actor: string | null | undefined): FigureQuery {
  const q: FigureQuery = { category: measure.category };
  if (actor !== undefined) q.actor = actor;
  if (measure.cumulative !== undefined) q.cumulative = measure.cumulative;
  if (measure.units && measure.units.length === 1) q.unit = measure.units[0]!;
  return q;
}

/** Is `a` after `b` in answer order (older, or as old with a smaller id)? */
const isAfter = (a: FigurePosition, b: FigurePosition): boolean => a.published < b.published || (a.published === b.published && a.id < b.id);

/** One page of the scan: the first `limit` rows of `query` (answer order); `last` is its last row (absent when fewer were left). */
async function readPage(store: Store, query: FigureQuery, limit: number): Promise<{ rows: StoredFigure[]; last: StoredFigure | undefined }> {
  const rows = await store.findFigures({ ...query, limit });
  return { rows, last: rows.length === limit ? rows[rows.length - 1] : undefined };
}

export interface Scan {
  candidates: Candidate[];
  /** Some figure passed the measure's filters but mentioned none of the question's names. */
  unfocused: boolean;
  /** Every matching row was read (the scan did not stop at its limit). */
  complete: boolean;
  /** The rows scanned: `query` down to `last` in answer order (all of them when absent). */
  query: FigureQuery;
  last?: FigurePosition;
  /**
   * The scan read every fitting row of a window of this many rows (query.within): it is complete
   * only if the query holds no more figures than that (see isComplete).
   */
  window?: number;
}

/** Did the scan see every figure of its query? A windowed scan asks the store once (a skip along the index). */
export async function isComplete(store: Store, scan: Scan): Promise<boolean> {
  if (scan.window === undefined) return scan.complete;
  const { within: _window, text: _text, ...query } = scan.query;
  return (await store.findFigures({ ...query, offset: scan.window, limit: 1 })).length === 0;
}

/** Fitting rows read out per statement of a windowed scan. */
const MATCH_PAGE = 40;
/** Rows of a windowed scan's first page: a name in the newest reports is found without walking the window. */
const FIRST_PAGE = 40;

/**
 * A scan for rare words (a place the report must name, words the sentence must hold): the store
 * tests the words and reads out only the rows that may hold them. The newest FIRST_PAGE rows
 * first (a skip along the index finds their last); then, unless the newest day with a fitting
 * figure ended within them, the rest of the newest `maxScan` rows in one walk, read out a page of
 * fitting rows at a time. A name that is nowhere costs three statements and one walk of the window.
 */
async function scanWindow(store: Store, query: FigureQuery, filters: Filters, cache: Map<number, Word[]>, maxScan: number, wholeHistory: boolean): Promise<Scan> {
  const candidates: Candidate[] = [];
  let unfocused = false;
  const keep = (rows: StoredFigure[]): void => {
    for (const figure of rows) {
      if (!accepts(figure, filters, cache)) continue;
      if (filters.focus.length > 0 && focusHits(figure, filters, cache) === 0) {
        unfocused = true;
        continue;
      }
      candidates.push(candidateOf(figure, filters, cache));
    }
  };
  const dayEnded = (last: StoredFigure): boolean => !wholeHistory && candidates.length > 0 && dayOf(last.published) < dayOf(candidates[0]!.figure.published);
  const firstRows = Math.min(FIRST_PAGE, maxScan);
  const [firstLast] = await store.findFigures({ ...query, offset: firstRows - 1, limit: 1 });
  keep(await store.findFigures({ ...query, text: filters.text, ...(firstLast ? { notOlderThan: firstLast } : {}) }));
  // The end of the figures, or of the scan.
  if (!firstLast) return { candidates, unfocused, complete: true, query };
  if (firstRows >= maxScan || dayEnded(firstLast)) return { candidates, unfocused, complete: false, query, last: firstLast };
  const windowed: FigureQuery = { ...query, within: maxScan };
  let after: StoredFigure = firstLast;
  for (;;) {
    const rows = await store.findFigures({ ...windowed, text: filters.text, olderThan: after, limit: MATCH_PAGE });
    keep(rows);
    if (rows.length < MATCH_PAGE) return { candidates, unfocused, complete: false, query: windowed, window: maxScan };
    after = rows[rows.length - 1]!;
    if (dayEnded(after)) return { candidates, unfocused, complete: false, query: windowed };
  }
}

/**
 * Reads figures newest first, page by page, keeping those that pass the measure's filters, until
 * some pass and the newest day among them is complete (so reports of that day are all seen), or
 * `maxScan` rows were read. Pages after the first start at the last row read (inclusive, so rows
 * sharing its instant are not skipped; rows read again count towards `maxScan`).
 */
export async function scanFigures(store: Store, query: FigureQuery, filters: Filters, cache: Map<number, Word[]>, maxScan: number, wholeHistory = false): Promise<Scan> {
  if (filters.text.length > 0) return scanWindow(store, query, filters, cache, maxScan, wholeHistory);
  const candidates: Candidate[] = [];
  const seen = new Set<number>();
  let unfocused = false;
  let before = query.publishedOnOrBefore;
  let previous: StoredFigure | undefined;
  let scanned = 0;
  const stop = (complete: boolean): Scan => ({ candidates, unfocused, complete, query, ...(previous ? { last: previous } : {}) });
  for (let page = 0; ; page++) {
    if (scanned >= maxScan) return stop(false);
    const limit = Math.min(PAGE_SIZES[Math.min(page, PAGE_SIZES.length - 1)]!, maxScan - scanned);
    const { rows, last } = await readPage(store, { ...query, ...(before !== undefined ? { publishedOnOrBefore: before } : {}) }, limit);
    for (const figure of rows) {
      if (seen.has(figure.id)) continue;
      seen.add(figure.id);
      if (!accepts(figure, filters, cache)) continue;
      const hits = focusHits(figure, filters, cache);
      if (filters.focus.length > 0 && hits === 0) {
        unfocused = true;
        continue;
      }
      candidates.push(candidateOf(figure, filters, cache));
    }
    // The end of the figures.
    if (!last) {
      previous = undefined;
      return stop(true);
    }
    scanned += limit;
    // A page that only repeated rows (one instant holding more than a page): its last row was read before.
    if (previous && !isAfter(last, previous)) return stop(false);
    previous = last;
    // The largest in the history ("biggest attack so far") reads on to the scan limit.
    if (!wholeHistory && candidates.length > 0 && dayOf(last.published) < dayOf(candidates[0]!.figure.published)) return stop(false);
    // Next page: from the last row read (inclusive, so rows sharing its instant are not skipped).
    before = last.published;
  }
}

/**
 * Does any of the first `rows` figures of the query (all of them when absent) pass `test`? Reads
 * small pages first (the first figure usually decides) and, with a text filter, only the figures
 * that may pass it.
 */
export async function someFigure(store: Store, query: FigureQuery, test: (f: StoredFigure) => boolean, text: FigureTextFilter[], rows?: number): Promise<boolean> {
  // A text filter makes pages skip figures, so the store bounds the window instead of a count of rows.
  const windowed = text.length > 0 && rows !== undefined;
  const bounded: FigureQuery = windowed ? { ...query, within: rows } : query;
  let left = windowed ? Number.POSITIVE_INFINITY : (rows ?? Number.POSITIVE_INFINITY);
  let after: StoredFigure | undefined;
  for (let page = 4; left > 0; page = Math.min(page * 5, 500)) {
    const limit = Math.min(page, left);
    const found = await store.findFigures({ ...bounded, ...(after ? { olderThan: after } : {}), ...(text.length > 0 ? { text } : {}), limit });
    if (found.some(test)) return true;
    if (found.length < limit) return false;
    left -= limit;
    after = found[found.length - 1];
  }
  return false;
}

/** Does any of the first `rows` figures (all when absent) pass the measure's filters (units, required and excluded words), names aside? */
export function anyAccepted(store: Store, query: FigureQuery, filters: Filters, cache: Map<number, Word[]>, rows?: number): Promise<boolean> {
  const require = filters.measure.requireFilter;
  return someFigure(store, query, (f) => accepts(f, filters, cache), require ? [require] : [], rows);
}
