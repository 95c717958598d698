/**
 * The key-figures section of a digest: the new figures worth a reader's glance, one line each,
 * running totals with how they changed since the previous report.
 *
 * Articles often state a total and its parts ("more than $44.2 billion ... about $23.6 billion of
 * that ... almost $19 billion ..."), or a breakdown ("18 drones ... eleven over Rostov, four over
 * Bryansk"). A digest line wants the headline number, so each article contributes its largest value
 * per measure; a running total contributes only its newest report, within its series (the answers'
 * series rules: actor, category, unit, period, and proposed apart from given).
 *
 * The lines are balanced: figures are grouped by what they are called (the `labels:` rule that names
 * them, see figureLabel), groups take turns in the order of those rules (running totals, the newest
 * package, the day's casualties and attacks, ...), a running total two lines a turn (two donors) and
 * any other group one, so ten money lines cannot crowd the war's figures out. Proposed figures come last.
 */
import type { StoredFigure } from '../store/store.js';
import type { SeriesPeriods } from '../answers/series.js';
import { samePeriod } from '../answers/series.js';
import { formatFigure, formatValue } from '../figures/formatFigure.js';
import type { DigestFigure, FigureChange } from './digest.js';
import { figureLabel, namingRule, type FigureLabelRule } from './figureLabel.js';
import { measureKey, seriesKey } from './measureKey.js';

export const DEFAULT_MAX_FIGURES = 10;
/** Lines a group of running totals gives each turn (e.g. the two largest donors' totals). */
const TOTALS_PER_TURN = 2;

export interface KeyFigureOptions {
  /** The latest earlier report of each running-total series (see seriesKey), from articles outside this digest. */
  previousFigures: ReadonlyMap<string, StoredFigure>;
  maxFigures?: number;
  /** The naming rules (config `labels:`), in the order their groups are shown. */
  labels?: readonly FigureLabelRule[];
  /** Named periods of running totals (config answers.seriesPeriods). */
  periods?: SeriesPeriods;
}

const MONEY_UNITS = new Set(['USD', 'EUR', 'GBP']);

export function isMoneyUnit(unit: string): boolean {
  return MONEY_UNITS.has(unit) || /^[A-Z]{3}$/.test(unit);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byNewest(a: StoredFigure, b: StoredFigure): number {
  return cmp(b.published, a.published) || b.articleId - a.articleId || a.start - b.start;
}

/** The article's headline value of each measure: the largest, first stated on a tie. */
function largestPerArticleAndMeasure(figures: readonly StoredFigure[], periods: SeriesPeriods): StoredFigure[] {
  const best = new Map<string, StoredFigure>();
  for (const f of figures) {
    if (!Number.isFinite(f.value)) continue;
    const key = `${f.articleId}\u0000${f.cumulative ? `1\u0000${seriesKey(f, periods)}` : `0\u0000${measureKey(f)}`}`;
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

/** The latest report before `current` in its series: another article's, earlier or at the same time. */
function previousReport(current: StoredFigure, series: readonly StoredFigure[], before: StoredFigure | undefined): StoredFigure | null {
  const candidates = series.filter(
    // A repeat of the same total within this digest is not a change; the reader sees one report.
    (f) => f.articleId !== current.articleId && f.published <= current.published && f.value !== current.value,
  );
  if (before && before.articleId !== current.articleId && before.published <= current.published) candidates.push(before);
  candidates.sort(byNewest);
  return candidates[0] ?? null;
}

function toDigestFigure(f: StoredFigure, previous: StoredFigure | null, labels: readonly FigureLabelRule[]): DigestFigure {
  return {
    articleId: f.articleId,
    label: figureLabel(f, labels),
    category: f.category,
    actor: f.actor,
    value: f.value,
    value_max: f.value_max,
    unit: f.unit,
    qualifier: f.qualifier,
    cumulative: f.cumulative,
    status: f.status ?? null,
    event: f.event ?? null,
    text: formatFigure(f),
    quote: f.quote,
    source: f.sourceName,
    published: f.published,
    link: f.articleLink,
    previous: previous ? changeFrom(f, previous) : null,
  };
}

/** Running totals: one per series (newest report), with the change since the report before it. */
function runningTotals(headline: readonly StoredFigure[], options: KeyFigureOptions, labels: readonly FigureLabelRule[]): DigestFigure[] {
  const periods = options.periods ?? [];
  const series = new Map<string, StoredFigure[]>();
  for (const f of headline.filter((x) => x.cumulative)) {
    const key = seriesKey(f, periods);
    const list = series.get(key);
    if (list) list.push(f);
    else series.set(key, [f]);
  }
  const lines: DigestFigure[] = [];
  for (const [key, reports] of series) {
    reports.sort(byNewest);
    const newest = reports[0]!;
    const before = options.previousFigures.get(key);
    const proposed = (f: StoredFigure): boolean => f.status === 'proposed';
    const inSeries = before && proposed(before) === proposed(newest) && samePeriod(before.since, newest.since, periods) ? before : undefined;
    lines.push(toDigestFigure(newest, previousReport(newest, reports, inSeries), labels));
  }
  return lines;
}

/** Other figures: one line per distinct statement, from the article that reported it first. */
function statements(headline: readonly StoredFigure[], labels: readonly FigureLabelRule[]): DigestFigure[] {
  const first = new Map<string, StoredFigure>();
  for (const f of headline.filter((x) => !x.cumulative)) {
    const key = JSON.stringify([measureKey(f), f.value, f.value_max, f.qualifier]);
    const current = first.get(key);
    if (!current || byNewest(current, f) < 0) first.set(key, f);
  }
  return [...first.values()].map((f) => toDigestFigure(f, null, labels));
}

/** Within a group: running totals largest first (the main donors), other figures newest first. */
function withinGroup(a: DigestFigure, b: DigestFigure): number {
  if (a.cumulative !== b.cumulative) return a.cumulative ? -1 : 1;
  if (a.cumulative && a.value !== b.value) return b.value - a.value;
  return cmp(b.published, a.published) || b.value - a.value || a.articleId - b.articleId || cmp(a.label, b.label);
}

interface Group {
  rank: number;
  lines: DigestFigure[];
}

/** Without a naming rule: money totals, money, other totals, counts, ordinals ("68th tranche") last. */
function kindRank(f: DigestFigure): number {
  if (f.unit === 'ordinal') return 4;
  const money = isMoneyUnit(f.unit);
  return f.cumulative && money ? 0 : money ? 1 : f.cumulative ? 2 : 3;
}

/**
 * A figure's group and its rank: the rule that names it (its place in `labels:`), else its category
 * after every rule; proposed figures after all the others.
 */
function groupOf(f: DigestFigure, labels: readonly FigureLabelRule[]): { key: string; rank: number } {
  const rule = namingRule(f, labels);
  const proposed = f.status === 'proposed';
  const base = rule >= 0 ? rule : labels.length + kindRank(f) / 5;
  return { key: JSON.stringify([rule >= 0 ? rule : f.category, proposed]), rank: (proposed ? labels.length + 1 : 0) + base };
}

/** Lines a group gives each turn: two when it holds running totals of two actors (two donors' totals), else one. */
function perTurn(g: Group): number {
  const [a, b] = g.lines;
  return a && b && a.cumulative && b.cumulative && a.actor !== b.actor ? TOTALS_PER_TURN : 1;
}

/** Picks, words and orders the key figures of the digest's articles. */
export function selectKeyFigures(figures: readonly StoredFigure[], options: KeyFigureOptions): DigestFigure[] {
  const max = Math.max(0, options.maxFigures ?? DEFAULT_MAX_FIGURES);
  const labels = options.labels ?? [];
  const headline = largestPerArticleAndMeasure(figures, options.periods ?? []);
  const lines = [...runningTotals(headline, options, labels), ...statements(headline, labels)];

  const groups = new Map<string, Group>();
  for (const line of lines) {
    const { key, rank } = groupOf(line, labels);
    const group = groups.get(key) ?? { rank, lines: [] };
    group.lines.push(line);
    groups.set(key, group);
  }
  const ordered = [...groups.values()].sort((a, b) => a.rank - b.rank || cmp(a.lines[0]!.category, b.lines[0]!.category));
  for (const g of ordered) g.lines.sort(withinGroup);

  // Groups take turns until the section is full; each keeps its own lines together when shown.
  const taken = new Map<Group, number>();
  let total = 0;
  for (let turn = 0; total < max; turn++) {
    let progressed = false;
    for (const g of ordered) {
      const have = taken.get(g) ?? 0;
      const want = Math.min(g.lines.length, (turn + 1) * perTurn(g));
      const add = Math.min(want - have, max - total);
      if (add <= 0) continue;
      taken.set(g, have + add);
      total += add;
      progressed = true;
      if (total >= max) break;
    }
    if (!progressed) break;
  }
  return ordered.flatMap((g) => g.lines.slice(0, taken.get(g) ?? 0));
}
