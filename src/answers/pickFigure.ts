/**
 * Chooses the answer among the candidates a look-up found: the series asked for (period, event,
 * running total or single figure), the newest day, the best figure of each article, then what else
 * was reported that day and the series' history. Pure.
 */
import type { FigureEvent } from '../figures/figure.js';
import type { StoredFigure } from '../store/store.js';
import type { Candidate } from './figureFilters.js';
import { periodKey, samePeriod, type SeriesPeriods } from './series.js';

/** The UTC day of a stored timestamp. */
export const dayOf = (iso: string): string => iso.slice(0, 10);

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
