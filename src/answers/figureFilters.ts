/**
 * What a figure must be to answer a question, and how well it matches: the measure's units, words
 * and statuses, the event asked for, the names the report must mention. Pure (a per-look-up cache of
 * sentence words aside).
 */
import type { FigureEvent, FigureStatus } from '../figures/figure.js';
import type { FigureTextFilter, StoredFigure } from '../store/store.js';
import type { CompiledMeasure } from './compileRules.js';
import { findPhrase, keyStem, mayHoldAny, textHasAny, toWords, type Word } from './questionText.js';

export interface Candidate {
  figure: StoredFigure;
  focusHits: number;
  preferHits: number;
  /** How well the figure's status fits the question (0 best; see statusRank). */
  statusRank?: number;
}


export interface Filters {
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

export function filtersFor(measure: CompiledMeasure, focus: string[][], preferCumulative: boolean, o: FilterOptions = {}): Filters {
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

export function accepts(f: StoredFigure, filters: Filters, cache: Map<number, Word[]>): boolean {
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

/** The words of the article's opening, kept per article (under its negated id: figure ids are positive). */
function ledeWords(cache: Map<number, Word[]>, f: StoredFigure): Word[] {
  let w = cache.get(-f.articleId);
  if (!w) {
    w = toWords(f.articleLede ?? '');
    cache.set(-f.articleId, w);
  }
  return w;
}

/**
 * How many of the names asked about the report mentions: in the figure's sentence, the article's
 * title, its source, or the article's opening (the dateline names the place: "VINNYTSIA, Ukraine (AP)").
 */
export function focusHits(f: StoredFigure, filters: Filters, cache: Map<number, Word[]>): number {
  const { focus, focusStems } = filters;
  if (focus.length === 0) return 0;
  // Cheap test first: a name absent from the raw text cannot be among its words.
  const raw = `${f.sentence ?? ''} ${f.articleTitle} ${f.sourceName ?? ''}`.toLowerCase();
  const lede = (f.articleLede ?? '').toLowerCase();
  const mayHold = (text: string): boolean => focusStems.some((stems) => stems.every((stem) => text.includes(stem)));
  const inReport = mayHold(raw);
  const inLede = mayHold(lede);
  if (!inReport && !inLede) return 0;
  const haystack = inReport ? [...words(cache, f), ...toWords(`${f.articleTitle} ${f.sourceName ?? ''}`)] : [];
  const opening = inLede ? ledeWords(cache, f) : [];
  const found = (keys: string[], text: Word[]): boolean => text.length > 0 && findPhrase(text, keys, { fuzzy: false, contiguous: true }) !== null;
  return focus.filter((keys) => found(keys, haystack) || found(keys, opening)).length;
}

/** A figure read for a question: how it matches the names, the preferred words and the status asked. */
export function candidateOf(figure: StoredFigure, filters: Filters, cache: Map<number, Word[]>): Candidate {
  const target = filters.target && sentenceHasAny(figure, filters.target.keys, filters.target.stems, cache) ? 4 : 0;
  return { figure, focusHits: focusHits(figure, filters, cache), preferHits: preferHits(figure, filters.measure, cache) + target, statusRank: filters.rankStatus ? filters.statuses.indexOf(figure.status) : 0 };
}

function preferHits(f: StoredFigure, measure: CompiledMeasure, cache: Map<number, Word[]>): number {
  if (measure.prefer.length === 0) return 0;
  const inQuote = mayHoldAny(f.quote, measure.stems.prefer) && textHasAny(toWords(f.quote), measure.prefer) ? 2 : 0;
  const inSentence = sentenceHasAny(f, measure.prefer, measure.stems.prefer, cache) ? 1 : 0;
  return inQuote + inSentence;
}
