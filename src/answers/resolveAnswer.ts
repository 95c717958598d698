/**
 * Finds the figure a question asks for in the store. The rules, in order:
 * - only figures of the measure (category, units, cumulative, sentence words) and the actor, published
 *   on or before the as-of day (and within the period, if the question names one);
 * - if the question names a place or body ("Zaporizhzhia"), the report must mention it;
 * - the newest day wins; of several figures in one article the best-matching one stands for it
 *   (for a running total the largest: the whole, not its parts); different values reported by other
 *   articles that same day are shown beside it;
 * - earlier values of the same measure and actor, newest first, are the history.
 * Nothing is inferred: when nothing fits, the resolution says why.
 */
import type { FigureEvent, FigureStatus } from '../figures/figure.js';
import type { FigurePosition, FigureQuery, FigureTextFilter, Store, StoredFigure } from '../store/store.js';
import type { CompiledMeasure, CompiledRules } from './compileRules.js';
import { findPhrase, keyStem, mayHoldAny, textHasAny, toWords, type Word } from './questionText.js';
import { addDays } from './readTimeFrame.js';
import type { Measure } from './rules.js';
import { periodKey, samePeriod, type SeriesPeriods } from './series.js';
import type { Understanding } from './understandQuestion.js';

export type NotFoundReason =
  /** Figures exist, but none published by the as-of day. */
  | 'not-yet'
  /** Figures exist, but none in the period asked about. */
  | 'not-in-period'
  /** Figures of the measure exist, but no report mentions the names in the question. */
  | 'no-mention'
  /** No figure of this measure (and actor) at all. */
  | 'no-figures';

/** What the store knows, for "here is what I can answer instead". */
export interface KnownMeasure {
  measure: string;
  actors: Array<string | null>;
}

export type Resolution =
  | {
      kind: 'found';
      measure: Measure;
      figure: StoredFigure;
      alsoReported: StoredFigure[];
      history: StoredFigure[];
      /**
       * No actor named and a running total asked for: every actor's latest total, largest first
       * (`figure` is the first of them). Absent when one actor answers.
       */
      breakdown?: Picked[];
      /** A newer proposed (requested, stalled) figure of the same actor and category: "Also pending: ...". */
      pending?: StoredFigure;
      /** The group the question named ("Europe") when its members' figures are listed instead. */
      group?: string;
    }
  | { kind: 'unknown-measure'; known: KnownMeasure[] }
  | {
      kind: 'not-found';
      measure: Measure;
      actor: string | null;
      reason: NotFoundReason;
      known: KnownMeasure[];
      /** False when the look-up stopped at the scan limit: older reports were not read. */
      complete: boolean;
    };

/** Rows read per page while looking for candidates (newest first); later pages are larger. */
const PAGE_SIZES = [40, 200, 1000];

interface Candidate {
  figure: StoredFigure;
  focusHits: number;
  preferHits: number;
  /** How well the figure's status fits the question (0 best; see statusRank). */
  statusRank?: number;
}

const dayOf = (iso: string): string => iso.slice(0, 10);


interface Filters {
  measure: CompiledMeasure;
  focus: string[][];
  /** Per focus name, what the report's lower-cased text must contain (the cheap test before its words are read). */
  focusStems: string[][];
  /** Prefer running totals: the question said "so far" or "in total" and the measure leaves it open. */
  preferCumulative: boolean;
  /**
   * What the store can rule out before reading rows: sentences without the required words,
   * reports without the names asked about. Rows it lets through are checked here in full.
   */
  text: FigureTextFilter[];
  /** The event asked for: a figure of another event is not a candidate (one that does not say is). */
  event: FigureEvent | null;
  /** Statuses a figure may have (null: the text did not say), best first. */
  statuses: Array<FigureStatus | null>;
  /** The question asked for a status: within an article, the best-fitting status stands for it. */
  rankStatus: boolean;
  /** The unit asked for ("in pounds"), else null. */
  unit: string | null;
  /** What is counted ("patriot"): the sentence must hold one of these, when any. */
  counted: { keys: string[][]; stems: string[][] };
  /** Actors left out ("other than the US"). */
  excluded: string[];
  /** A plan or target is asked for: sentences with these words come first. */
  target: { keys: string[][]; stems: string[][] } | null;
}

/**
 * The statuses that may answer, best first. A proposed (requested, stalled) figure answers only a
 * question or measure that asks for one; "pledged" prefers pledged figures, "delivered" delivered.
 */
export function allowedStatuses(asked: FigureStatus | null, measureStatuses: ReadonlyArray<FigureStatus | 'none'> | undefined): Array<FigureStatus | null> {
  if (measureStatuses && measureStatuses.length > 0) return measureStatuses.map((st) => (st === 'none' ? null : st));
  switch (asked) {
    case 'proposed':
      return ['proposed'];
    case 'pledged':
      return ['pledged', null, 'delivered'];
    case 'delivered':
      return ['delivered', null];
    default:
      return [null, 'delivered', 'pledged'];
  }
}

export interface FilterOptions {
  event?: FigureEvent | null;
  status?: FigureStatus | null;
  unit?: string | null;
  counted?: string[][];
  excluded?: string[];
  targetWords?: string[][] | null;
}

function filtersFor(measure: CompiledMeasure, focus: string[][], preferCumulative: boolean, o: FilterOptions = {}): Filters {
  // The same test focusHits makes first (each key less its last letter: "ally" is folded from "allies").
  const focusStems = focus.map((keys) => keys.map((k) => (k.length > 3 ? k.slice(0, -1) : k)));
  const text: FigureTextFilter[] = [];
  if (measure.requireFilter) text.push(measure.requireFilter);
  if (focusStems.length > 0) text.push({ within: 'report', anyOf: focusStems });
  const counted = o.counted ?? [];
  const target = o.targetWords && o.targetWords.length > 0 ? { keys: o.targetWords, stems: o.targetWords.map((g) => g.map(keyStem)) } : null;
  return {
    measure,
    focus,
    focusStems,
    preferCumulative,
    text,
    event: o.event ?? null,
    statuses: allowedStatuses(o.status ?? null, measure.measure.statuses),
    rankStatus: (o.status ?? null) !== null,
    unit: o.unit ?? null,
    counted: { keys: counted, stems: counted.map((g) => g.map(keyStem)) },
    excluded: o.excluded ?? [],
    target,
  };
}

function words(cache: Map<number, Word[]>, f: StoredFigure): Word[] {
  let w = cache.get(f.id);
  if (!w) {
    w = toWords(f.sentence ?? '');
    cache.set(f.id, w);
  }
  return w;
}

/** Does the sentence hold one of the phrases? The cheap substring test first, the words only if it may. */
function sentenceHasAny(f: StoredFigure, phrases: string[][], stems: string[][], cache: Map<number, Word[]>): boolean {
  return mayHoldAny(f.sentence ?? '', stems) && textHasAny(words(cache, f), phrases);
}

function accepts(f: StoredFigure, filters: Filters, cache: Map<number, Word[]>): boolean {
  const m = filters.measure;
  if (filters.event !== null && f.event !== null && f.event !== filters.event) return false;
  if (m.measure.units && !m.measure.units.includes(f.unit)) return false;
  if (filters.unit !== null && f.unit !== filters.unit) return false;
  if (!filters.statuses.includes(f.status)) return false;
  if (f.actor !== null && filters.excluded.includes(f.actor)) return false;
  if (filters.counted.keys.length > 0 && !sentenceHasAny(f, filters.counted.keys, filters.counted.stems, cache)) return false;
  if (m.require.length > 0 && !sentenceHasAny(f, m.require, m.stems.require, cache)) return false;
  if (m.exclude.length > 0 && sentenceHasAny(f, m.exclude, m.stems.exclude, cache)) return false;
  return true;
}

function focusHits(f: StoredFigure, filters: Filters, cache: Map<number, Word[]>): number {
  const { focus, focusStems } = filters;
  if (focus.length === 0) return 0;
  // Cheap test first: a name absent from the raw text cannot be among its words.
  const raw = `${f.sentence ?? ''} ${f.articleTitle} ${f.sourceName ?? ''}`.toLowerCase();
  if (!focusStems.some((stems) => stems.every((stem) => raw.includes(stem)))) return 0;
  const haystack = [...words(cache, f), ...toWords(`${f.articleTitle} ${f.sourceName ?? ''}`)];
  return focus.filter((keys) => findPhrase(haystack, keys, { fuzzy: false, contiguous: true }) !== null).length;
}

/** A figure read for a question: how it matches the names, the preferred words and the status asked. */
function candidateOf(figure: StoredFigure, filters: Filters, cache: Map<number, Word[]>): Candidate {
  const target = filters.target && sentenceHasAny(figure, filters.target.keys, filters.target.stems, cache) ? 4 : 0;
  return { figure, focusHits: focusHits(figure, filters, cache), preferHits: preferHits(figure, filters.measure, cache) + target, statusRank: filters.rankStatus ? filters.statuses.indexOf(figure.status) : 0 };
}

function preferHits(f: StoredFigure, measure: CompiledMeasure, cache: Map<number, Word[]>): number {
  if (measure.prefer.length === 0) return 0;
  const inQuote = mayHoldAny(f.quote, measure.stems.prefer) && textHasAny(toWords(f.quote), measure.prefer) ? 2 : 0;
  const inSentence = sentenceHasAny(f, measure.prefer, measure.stems.prefer, cache) ? 1 : 0;
  return inQuote + inSentence;
}

function baseQuery(measure: Measure, actor: string | null | undefined): FigureQuery {
  const q: FigureQuery = { category: measure.category };
  if (actor !== undefined) q.actor = actor;
  if (measure.cumulative !== undefined) q.cumulative = measure.cumulative;
  if (measure.units && measure.units.length === 1) q.unit = measure.units[0]!;
  return q;
}

/** Is `a` after `b` in answer order (older, or as old with a smaller id)? */
const isAfter = (a: FigurePosition, b: FigurePosition): boolean => a.published < b.published || (a.published === b.published && a.id < b.id);

/**
 * One page of the scan: the first `limit` rows of `query` (answer order) as the store holds them,
 * but only those rows that may pass `text` are read out. `last` is the page's last row (absent when
 * fewer than `limit` rows are left), found by skipping along the index, which costs no row reads.
 */
async function readPage(store: Store, query: FigureQuery, limit: number, text: FigureTextFilter[]): Promise<{ rows: StoredFigure[]; last: StoredFigure | undefined }> {
  if (text.length === 0) {
    const rows = await store.findFigures({ ...query, limit });
    return { rows, last: rows.length === limit ? rows[rows.length - 1] : undefined };
  }
  const [last] = await store.findFigures({ ...query, offset: limit - 1, limit: 1 });
  const rows = await store.findFigures({ ...query, ...(last ? { notOlderThan: last } : {}), text });
  return { rows, last };
}

interface Scan {
  candidates: Candidate[];
  /** Some figure passed the measure's filters but mentioned none of the question's names. */
  unfocused: boolean;
  /** Every matching row was read (the scan did not stop at its limit). */
  complete: boolean;
  /** The rows scanned: `query` down to `last` in answer order (all of them when absent). */
  query: FigureQuery;
  last?: FigurePosition;
}

/**
 * Reads figures newest first, page by page, keeping those that pass the measure's filters, until
 * some pass and the newest day among them is complete (so reports of that day are all seen), or
 * `maxScan` rows were read. Pages after the first start at the last row read (inclusive, so rows
 * sharing its instant are not skipped; rows read again count towards `maxScan`).
 */
async function scanFigures(store: Store, query: FigureQuery, filters: Filters, cache: Map<number, Word[]>, maxScan: number, wholeHistory = false): Promise<Scan> {
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
    const { rows, last } = await readPage(store, { ...query, ...(before !== undefined ? { publishedOnOrBefore: before } : {}) }, limit, filters.text);
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
    // The page's last row, read out whatever its words: when the store's text filter kept it out
    // and it passes the measure's filters, it is a figure that does not name what was asked.
    if (last && filters.focus.length > 0 && !seen.has(last.id) && accepts(last, filters, cache)) unfocused = true;
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
async function someFigure(store: Store, query: FigureQuery, test: (f: StoredFigure) => boolean, text: FigureTextFilter[], rows?: number): Promise<boolean> {
  let bounded = query;
  // Figures left to look at; a text filter makes pages skip figures, so the window is fixed first.
  let left = rows ?? Number.POSITIVE_INFINITY;
  if (text.length > 0 && rows !== undefined) {
    const [last] = await store.findFigures({ ...query, offset: rows - 1, limit: 1 });
    if (last) bounded = { ...query, notOlderThan: last };
    left = Number.POSITIVE_INFINITY;
  }
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
function anyAccepted(store: Store, query: FigureQuery, filters: Filters, cache: Map<number, Word[]>, rows?: number): Promise<boolean> {
  const require = filters.measure.requireFilter;
  return someFigure(store, query, (f) => accepts(f, filters, cache), require ? [require] : [], rows);
}

/** Within one article: the figure that best stands for the measure. */
/** Two statements of one figure ("nearly $1 billion", "$988 million"; "more than 30", "33"): within 10% of each other. */
const sameFigure = (a: StoredFigure, b: StoredFigure): boolean => a.unit === b.unit && Math.abs(a.value - b.value) <= 0.1 * Math.max(Math.abs(a.value), Math.abs(b.value));

function betterInArticle(a: Candidate, b: Candidate, wantTotal: boolean): number {
  if (a.focusHits !== b.focusHits) return b.focusHits - a.focusHits;
  if (a.preferHits !== b.preferHits) return b.preferHits - a.preferHits;
  if ((a.statusRank ?? 0) !== (b.statusRank ?? 0)) return (a.statusRank ?? 0) - (b.statusRank ?? 0);
  // The precise statement of a figure stands for its rounded, hedged one.
  if (sameFigure(a.figure, b.figure) && (a.figure.qualifier === 'exact') !== (b.figure.qualifier === 'exact')) return a.figure.qualifier === 'exact' ? -1 : 1;
  if (wantTotal && a.figure.value !== b.figure.value) return b.figure.value - a.figure.value;
  return a.figure.start - b.figure.start;
}

/** Across articles: the best match, then the newest. */
function betterAcrossArticles(a: Candidate, b: Candidate): number {
  if (a.focusHits !== b.focusHits) return b.focusHits - a.focusHits;
  if (a.preferHits !== b.preferHits) return b.preferHits - a.preferHits;
  if (a.figure.published !== b.figure.published) return a.figure.published < b.figure.published ? 1 : -1;
  return b.figure.id - a.figure.id;
}

function bestPerArticle(candidates: Candidate[], wantTotal: boolean): Candidate[] {
  const byArticle = new Map<number, Candidate>();
  for (const c of candidates) {
    const held = byArticle.get(c.figure.articleId);
    if (!held || betterInArticle(c, held, wantTotal) < 0) byArticle.set(c.figure.articleId, c);
  }
  return [...byArticle.values()];
}

/** Actors listed when a total is asked for with no actor named. */
const BREAKDOWN_LIMIT = 5;
/** Rows read per actor for a breakdown (the one-actor answer reads up to rules.scanLimit). */
const BREAKDOWN_SCAN_ROWS = 8;

/**
 * Largest first, each actor's latest total; the most common unit leads (dollars are not compared
 * with euros by value: another unit's totals follow, largest first). Pure.
 */
export function rankBreakdown(picked: Picked[]): Picked[] {
  const perUnit = new Map<string, number>();
  for (const p of picked) perUnit.set(p.figure.unit, (perUnit.get(p.figure.unit) ?? 0) + 1);
  const unitRank = (u: string): number => -(perUnit.get(u) ?? 0);
  return [...picked].sort((a, b) => unitRank(a.figure.unit) - unitRank(b.figure.unit) || a.figure.unit.localeCompare(b.figure.unit) || b.figure.value - a.figure.value || (a.figure.actor ?? '').localeCompare(b.figure.actor ?? ''));
}

export interface PickOptions {
  wantTotal: boolean;
  preferCumulative: boolean;
  historyLimit: number;
  /** The period key the question asks for (see series.ts), or null/absent. */
  since?: string | null;
  periods?: SeriesPeriods;
  /** The event asked for (see Understanding.event), or null/absent. */
  event?: FigureEvent | null;
  /** Running totals first where both kinds are there ("has trained"); single figures first for a target. */
  prefer?: 'cumulative' | 'single' | null;
  /** The largest value of all candidates answers (its day may be any), not the newest. */
  largest?: boolean;
}

export interface Picked {
  figure: StoredFigure;
  alsoReported: StoredFigure[];
  history: StoredFigure[];
}

/** Chooses the answer among candidates (newest first). Pure. */
export function pickFigure(all: Candidate[], options: PickOptions): Picked | null {
  let candidates = all;
  if ((options.preferCumulative || options.prefer === 'cumulative') && candidates.some((c) => c.figure.cumulative)) candidates = candidates.filter((c) => c.figure.cumulative);
  if (options.prefer === 'single' && candidates.some((c) => !c.figure.cumulative)) candidates = candidates.filter((c) => !c.figure.cumulative);
  // The period asked for ("since 2014") picks its series; totals that do not say their period come next.
  const periods = options.periods ?? [];
  if (options.since) {
    const exact = candidates.filter((c) => periodKey(c.figure.since, periods) === options.since);
    const open = candidates.filter((c) => c.figure.since === null);
    if (exact.length > 0) candidates = exact;
    else if (open.length > 0) candidates = open;
  }
  // The event asked for ("shot down"): figures of that event, else those that do not say theirs;
  // a launch count never answers how many were shot down.
  if (options.event) {
    const exact = candidates.filter((c) => c.figure.event === options.event);
    candidates = exact.length > 0 ? exact : candidates.filter((c) => c.figure.event === null);
  }
  if (candidates.length === 0) return null;
  // "The biggest so far": the largest value wins, on whatever day it was reported (newest on a tie).
  const largest = options.largest ? candidates.reduce((m, c) => (c.figure.value > m.figure.value || (c.figure.value === m.figure.value && c.figure.published > m.figure.published) ? c : m)) : null;
  const newestDay = largest ? dayOf(largest.figure.published) : candidates.reduce((d, c) => (dayOf(c.figure.published) > d ? dayOf(c.figure.published) : d), '');
  const sameDay = bestPerArticle(
    candidates.filter((c) => dayOf(c.figure.published) === newestDay),
    options.wantTotal,
  ).sort(betterAcrossArticles);
  const primary = largest ? largest.figure : sameDay[0]!.figure;
  // One series: the same actor and, for running totals, the same period.
  const sameActor = (f: StoredFigure): boolean => f.actor === primary.actor && (!primary.cumulative || !f.cumulative || samePeriod(primary.since, f.since, periods));

  const alsoReported: StoredFigure[] = [];
  for (const c of sameDay.slice(1)) {
    if (!sameActor(c.figure)) continue;
    if (c.figure.value === primary.value && c.figure.unit === primary.unit) continue;
    if (alsoReported.some((f) => f.value === c.figure.value && f.unit === c.figure.unit)) continue;
    alsoReported.push(c.figure);
  }

  const earlier = candidates.filter((c) => c.figure.id !== primary.id && (largest ? c.figure.published !== primary.published : dayOf(c.figure.published) < newestDay) && sameActor(c.figure) && c.figure.unit === primary.unit);
  const history = bestPerArticle(earlier, options.wantTotal)
    .sort((a, b) => (a.figure.published !== b.figure.published ? (a.figure.published < b.figure.published ? 1 : -1) : b.figure.id - a.figure.id))
    .slice(0, options.historyLimit)
    .map((c) => c.figure);
  return { figure: primary, alsoReported, history };
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
export async function knownMeasures(store: Store, rules: CompiledRules): Promise<KnownMeasure[]> {
  const catalog = await store.figureCatalog();
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


/** Figures looked at (newest first) to tell whether the figure was reported outside the time asked about. */
const OUTSIDE_CHECK_ROWS = 200;

/** Why nothing fits: reported only outside the time asked about, or not about the names asked, or never. */
async function whyNotFound(store: Store, u: Understanding, measure: CompiledMeasure, actor: string | null | undefined, filters: Filters, scans: Scan[]): Promise<NotFoundReason> {
  const cache = new Map<number, Word[]>();
  const fits = (f: StoredFigure): boolean => accepts(f, filters, cache) && (filters.focus.length === 0 || focusHits(f, filters, cache) > 0);
  const outside: FigureQuery[] = [{ ...baseQuery(measure.measure, actor), publishedAfter: u.time.asOf }];
  if (u.time.from !== null) outside.push({ ...baseQuery(measure.measure, actor), publishedOnOrBefore: addDays(u.time.from, -1) });
  for (const q of outside) {
    if (await someFigure(store, q, fits, filters.text, OUTSIDE_CHECK_ROWS)) return u.time.from !== null ? 'not-in-period' : 'not-yet';
  }
  if (filters.focus.length === 0) return 'no-figures';
  // Names were asked about: did the figures scanned pass the measure's filters without naming them?
  // The scans saw only rows that may name them; the others are asked for now, once it matters.
  if (scans.some((s) => s.unfocused)) return 'no-mention';
  for (const scan of scans) {
    if (await anyAccepted(store, scan.last ? { ...scan.query, notOlderThan: scan.last } : scan.query, filters, cache)) return 'no-mention';
  }
  return 'no-figures';
}

export interface ResolveContext {
  store: Store;
  rules: CompiledRules;
  /** Look up exactly this actor (null: figures without one) instead of the question's actors. */
  exactActor?: string | null;
}

/** Rows read for a newer proposed figure of the answer's actor ("Also pending: ..."). */
const PENDING_CHECK_ROWS = 20;

export async function resolveAnswer(u: Understanding, ctx: ResolveContext): Promise<Resolution> {
  const { store, rules } = ctx;
  const compiled = u.measure ? rules.measures.find((m) => m.measure === u.measure) : undefined;
  if (!u.measure || !compiled) return { kind: 'unknown-measure', known: await knownMeasures(store, rules) };

  const measure = u.measure;
  const filters = filtersFor(
    compiled,
    u.focus.map((w) => toWords(w).map((x) => x.key)).filter((k) => k.length > 0),
    measure.cumulative === undefined && u.time.cumulative,
    { event: u.event, status: u.status, unit: u.unit, counted: u.counted, excluded: u.excluded, targetWords: u.time.target ? rules.targetWords : null },
  );
  const askedTotal = measure.cumulative === true || u.time.cumulative;
  const pickOptions: PickOptions = {
    wantTotal: askedTotal || measure.whole,
    preferCumulative: filters.preferCumulative,
    historyLimit: rules.rules.historyLimit,
    since: u.time.since,
    periods: rules.rules.seriesPeriods,
    event: u.event,
    prefer: u.time.target ? 'single' : u.time.perfect && measure.cumulative === undefined ? 'cumulative' : null,
    largest: u.time.largest,
  };
  const cache = new Map<number, Word[]>();
  const timed = (q: FigureQuery): FigureQuery => ({
    ...q,
    publishedOnOrBefore: u.time.asOf,
    ...(u.time.from !== null ? { publishedAfter: addDays(u.time.from, -1) } : {}),
  });
  // The measure's own figures first; then, if configured, single figures of a running-total
  // measure (a bill passed) and single figures of a related category (a package filed as aid).
  const queries: Array<(actor: string | null | undefined) => FigureQuery> = [(a) => baseQuery(measure, a)];
  // A question naming a period ("since February 2022") wants a running total: no single figure.
  if (measure.cumulative === true && measure.singleFallback && u.time.since === null) queries.push((a) => ({ ...baseQuery(measure, a), cumulative: false }));
  if (measure.fallbackCategory) queries.push((a) => ({ ...baseQuery(measure, a), category: measure.fallbackCategory!, cumulative: false }));

  /** Each actor's own latest figure, largest first (a breakdown; never summed). */
  const breakdownOf = async (actors: string[]): Promise<Picked[]> => {
    const perActor: Picked[] = [];
    for (const actor of actors) {
      // One short read per actor (its newest figures that may pass the words filter): an actor's
      // latest total is among them, and many actors share the time budget of one answer.
      const rows = await store.findFigures({ ...timed(baseQuery(measure, actor)), ...(filters.text.length > 0 ? { text: filters.text } : {}), limit: BREAKDOWN_SCAN_ROWS });
      const candidates = rows.filter((f) => accepts(f, filters, cache) && (filters.focus.length === 0 || focusHits(f, filters, cache) > 0)).map((f) => candidateOf(f, filters, cache));
      const picked = pickFigure(candidates, pickOptions);
      if (picked) perActor.push(picked);
    }
    return rankBreakdown(perActor).slice(0, BREAKDOWN_LIMIT);
  };
  const actorsWithFigures = async (): Promise<Set<string>> => {
    const catalog = await store.figureCatalog();
    return new Set(catalog.filter((e) => e.category === measure.category && e.count > 0 && e.actor !== null).map((e) => e.actor as string));
  };
  const found = async (picked: Picked, extra: { breakdown?: Picked[]; group?: string } = {}): Promise<Resolution> => {
    const pending = filters.statuses.includes('proposed') ? undefined : await pendingAfter(store, picked.figure, u.time.asOf, picked.figure.status !== null);
    return { kind: 'found', measure, ...picked, ...extra, ...(pending ? { pending } : {}) };
  };

  // A place ("Gaza") names where, not who: with only places named, figures of no actor may answer too.
  const onlyPlaces = u.mentions.length > 0 && u.mentions.every((m) => m.place);
  const tries: Array<string | null | undefined> = ctx.exactActor !== undefined ? [ctx.exactActor] : u.actors.length > 0 ? [...u.actors, ...(onlyPlaces ? [null] : [])] : [undefined];
  const scans: Scan[] = [];
  let complete = true;
  // No actor named and a total asked for: each actor's own latest total, never just the donor
  // reported last. The catalog says which actors hold figures of the category.
  if (ctx.exactActor === undefined && u.actors.length === 0 && askedTotal) {
    const actors = [...(await actorsWithFigures())].filter((a) => !u.excluded.includes(a));
    if (actors.length > 1) {
      const ranked = await breakdownOf(actors);
      if (ranked.length === 1) return found(ranked[0]!);
      if (ranked.length > 1) return found(ranked[0]!, { breakdown: ranked });
    }
  }
  for (const actor of tries) {
    for (const query of queries) {
      const scan = await scanFigures(store, timed(query(actor)), filters, cache, rules.rules.scanLimit, u.time.largest);
      scans.push(scan);
      complete &&= scan.complete;
      const picked = pickFigure(scan.candidates, pickOptions);
      if (picked) return found(picked);
    }
    // A group ("Europe") without a figure of its own: each member's own figure, listed.
    const members = actor ? rules.groups.get(actor) : undefined;
    if (members && ctx.exactActor === undefined) {
      const held = await actorsWithFigures();
      const ranked = await breakdownOf(members.filter((m) => m !== actor && held.has(m) && !u.excluded.includes(m)));
      if (ranked.length === 1) return found(ranked[0]!, { group: actor! });
      if (ranked.length > 1) return found(ranked[0]!, { breakdown: ranked, group: actor! });
    }
  }

  const firstActor = tries[0];
  const reason = await whyNotFound(store, u, compiled, firstActor, filters, scans);
  const known = reason === 'no-figures' || reason === 'no-mention' ? await knownMeasures(store, rules) : [];
  return { kind: 'not-found', measure, actor: firstActor ?? null, reason, known, complete };
}

/**
 * A proposed figure (requested, stalled) of the answer's actor and category, reported the same day
 * or later: it may follow the answer as "Also pending", never stand for what was given.
 */
async function pendingAfter(store: Store, f: StoredFigure, asOf: string, statusCategory: boolean): Promise<StoredFigure | undefined> {
  // Only money and equipment carry a status; a figure that said none of its category is not checked.
  if (f.status === 'proposed' || !statusCategory) return undefined;
  const rows = await store.findFigures({ category: f.category, actor: f.actor, publishedOnOrBefore: asOf, notOlderThan: { published: f.published, id: 0 }, limit: PENDING_CHECK_ROWS });
  return rows.find((r) => r.status === 'proposed' && r.unit === f.unit && dayOf(r.published) >= dayOf(f.published));
}
