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
import type { FigureQuery, Store, StoredFigure } from '../store/store.js';
import { latestPerActor } from './breakdown.js';
import { catalogOnce, type ReadCatalog } from './catalogOnce.js';
import type { CompiledMeasure, CompiledRules } from './compileRules.js';
import { accepts, filtersFor, focusHits, type Filters } from './figureFilters.js';
import { knownMeasures, type KnownMeasure } from './knownMeasures.js';
import { dayOf, pickFigure, type Picked, type PickOptions } from './pickFigure.js';
import { toWords, type Word } from './questionText.js';
import { addDays } from './readTimeFrame.js';
import type { Measure } from './rules.js';
import { anyAccepted, baseQuery, isComplete, scanFigures, someFigure, type Scan } from './scanFigures.js';
import type { Understanding } from './understandQuestion.js';

export type { KnownMeasure } from './knownMeasures.js';

export type NotFoundReason =
  /** Figures exist, but none published by the as-of day. */
  | 'not-yet'
  /** Figures exist, but none in the period asked about. */
  | 'not-in-period'
  /** Figures of the measure exist, but no report mentions the names in the question. */
  | 'no-mention'
  /** No figure of this measure (and actor) at all. */
  | 'no-figures';

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
  /** The store's catalog, read once for the whole question (see catalogOnce). */
  catalog?: ReadCatalog;
}

/** Rows read for a newer proposed figure of the answer's actor ("Also pending: ..."). */
const PENDING_CHECK_ROWS = 20;

export async function resolveAnswer(u: Understanding, ctx: ResolveContext): Promise<Resolution> {
  const { store, rules } = ctx;
  const compiled = u.measure ? rules.measures.find((m) => m.measure === u.measure) : undefined;
  if (!u.measure || !compiled) return { kind: 'unknown-measure', known: await knownMeasures(store, rules, ctx.catalog) };

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

  /** Each actor's own latest figure, largest first (a breakdown; never summed), in one look-up. */
  const breakdownOf = (actors: string[]): Promise<Picked[]> => latestPerActor(store, timed(baseQuery(measure, undefined)), actors, filters, cache, pickOptions, rules.rules.scanLimit);
  // The catalog says which actors hold figures of the category; read once per question.
  const readCatalog = ctx.catalog ?? catalogOnce(store);
  const actorsWithFigures = async (): Promise<Set<string>> => {
    const catalog = await readCatalog();
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
  // A question naming only places reads the actor's figures and then those without an actor: the
  // scan limit is shared between them, so a name found nowhere costs one limit's rows, not two.
  const scanLimit = onlyPlaces && tries.length > 1 ? Math.ceil(rules.rules.scanLimit / tries.length) : rules.rules.scanLimit;
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
      const scan = await scanFigures(store, timed(query(actor)), filters, cache, scanLimit, u.time.largest);
      scans.push(scan);
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
  const known = reason === 'no-figures' || reason === 'no-mention' ? await knownMeasures(store, rules, readCatalog) : [];
  let complete = true;
  for (const scan of scans) complete &&= await isComplete(store, scan);
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
