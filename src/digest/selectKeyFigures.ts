/**
 * The key-figures section of a digest: the new figures worth a reader's glance, one line each,
 * running totals with how they changed since the previous report.
 *
 * Articles often state a total and its parts ("more than $44.2 billion ... about $23.6 billion of
 * that ... almost $19 billion ..."), or a breakdown ("18 drones ... eleven over Rostov, four over
 * Bryansk"). A digest line wants the headline number, so each article contributes its largest value
 * per measure; a running total contributes only its newest report.
 */
import type { StoredFigure } from '../store/store.js';
import { formatFigure, formatValue } from '../figures/formatFigure.js';
import type { DigestFigure, FigureChange } from './digest.js';
import { figureLabel } from './figureLabel.js';
import { measureKey } from './measureKey.js';

export const DEFAULT_MAX_FIGURES = 10;

export interface KeyFigureOptions {
  /** The latest earlier report of each running-total measure, from articles outside this digest. */
  previousFigures: ReadonlyMap<string, StoredFigure>;
  maxFigures?: number;
  categoryLabels?: Readonly<Record<string, string>>;
}

const MONEY_UNITS = new Set(['USD', 'EUR', 'GBP']);

export function isMoneyUnit(unit: string): boolean {
  return MONEY_UNITS.has(unit) || /^[A-Z]{3}$/.test(unit);
}

function byNewest(a: StoredFigure, b: StoredFigure): number {
  return cmp(b.published, a.published) || b.articleId - a.articleId || a.start - b.start;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The article's headline value of each measure: the largest, first stated on a tie. */
function largestPerArticleAndMeasure(figures: readonly StoredFigure[]): StoredFigure[] {
  const best = new Map<string, StoredFigure>();
  for (const f of figures) {
    if (!Number.isFinite(f.value)) continue;
    const key = `${f.articleId}\u0000${f.cumulative ? 1 : 0}\u0000${measureKey(f)}`;
    const current = best.get(key);
    if (!current || f.value > current.value || (f.value === current.value && f.start < current.start)) best.set(key, f);
  }
  return [...best.values()];
}

function changeFrom(current: StoredFigure, previous: StoredFigure): FigureChange {
  return {
    value: previous.value,
    qualifier: previous.qualifier,
    // "up from $44.2 billion": the earlier hedge is kept in `qualifier`, the line reads better without it.
    text: previous.qualifier === 'range' ? formatFigure(previous) : formatValue(previous.value, previous.unit),
    published: previous.published,
    source: previous.sourceName,
    direction: current.value > previous.value ? 'up' : current.value < previous.value ? 'down' : 'unchanged',
  };
}

/** The latest report before `current`: another article's, earlier or at the same time. */
function previousReport(current: StoredFigure, inDigest: readonly StoredFigure[], before: StoredFigure | undefined): StoredFigure | null {
  const candidates = inDigest.filter(
    // A repeat of the same total within this digest is not a change; the reader sees one report.
    (f) => f.articleId !== current.articleId && f.published <= current.published && f.value !== current.value,
  );
  if (before && before.articleId !== current.articleId && before.published <= current.published) candidates.push(before);
  candidates.sort(byNewest);
  return candidates[0] ?? null;
}

function toDigestFigure(f: StoredFigure, previous: StoredFigure | null, labels: KeyFigureOptions['categoryLabels']): DigestFigure {
  return {
    articleId: f.articleId,
    label: figureLabel(f.category, f.actor, labels),
    category: f.category,
    actor: f.actor,
    value: f.value,
    value_max: f.value_max,
    unit: f.unit,
    qualifier: f.qualifier,
    cumulative: f.cumulative,
    text: formatFigure(f),
    quote: f.quote,
    source: f.sourceName,
    published: f.published,
    link: f.articleLink,
    previous: previous ? changeFrom(f, previous) : null,
  };
}

/**
 * Importance, most important first: running totals of money, other money, other running totals,
 * other figures, ordinals ("68th tranche") last. Within a rank: money by size, others newest first.
 */
function rank(f: DigestFigure): number {
  if (f.unit === 'ordinal') return 4;
  const money = isMoneyUnit(f.unit);
  if (f.cumulative && money) return 0;
  if (money) return 1;
  if (f.cumulative) return 2;
  return 3;
}

function byImportance(a: DigestFigure, b: DigestFigure): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (ra <= 1 && a.value !== b.value) return b.value - a.value;
  return cmp(b.published, a.published) || b.value - a.value || a.articleId - b.articleId || cmp(a.label, b.label);
}

/** Picks, words and orders the key figures of the digest's articles. */
export function selectKeyFigures(figures: readonly StoredFigure[], options: KeyFigureOptions): DigestFigure[] {
  const max = Math.max(0, options.maxFigures ?? DEFAULT_MAX_FIGURES);
  const headline = largestPerArticleAndMeasure(figures);
  const selected: DigestFigure[] = [];

  // Running totals: one line per measure, its newest report, with the change since the one before.
  const totals = new Map<string, StoredFigure[]>();
  for (const f of headline.filter((x) => x.cumulative)) {
    const key = measureKey(f);
    const list = totals.get(key);
    if (list) list.push(f);
    else totals.set(key, [f]);
  }
  for (const [key, reports] of totals) {
    reports.sort(byNewest);
    const newest = reports[0]!;
    selected.push(toDigestFigure(newest, previousReport(newest, reports, options.previousFigures.get(key)), options.categoryLabels));
  }

  // Other figures: one line per distinct statement, from the article that reported it first.
  const statements = new Map<string, StoredFigure>();
  for (const f of headline.filter((x) => !x.cumulative)) {
    const key = JSON.stringify([measureKey(f), f.value, f.value_max, f.qualifier]);
    const current = statements.get(key);
    if (!current || byNewest(current, f) < 0) statements.set(key, f);
  }
  for (const f of statements.values()) selected.push(toDigestFigure(f, null, options.categoryLabels));

  return selected.sort(byImportance).slice(0, max);
}
