/**
 * What a figure measures, independent of its value, and the series a running total belongs to.
 * The series rules are the answers' (src/answers/series.ts): a total belongs to its actor, category,
 * unit and period ("since 2014" is never the earlier value of "since February 2022"), and a proposed
 * figure (asked for, stalled) is never in the series of what was given.
 */
import type { FigureStatus } from '../figures/figure.js';
import { periodKey, type SeriesPeriods } from '../answers/series.js';

export interface Measure {
  category: string;
  actor: string | null;
  unit: string;
  status?: FigureStatus | null;
}

/** One string per measure, for maps: `["aid","United States","USD"]`, `[…,"proposed"]` for a proposed one. */
export function measureKey(m: Measure): string {
  return JSON.stringify(m.status === 'proposed' ? [m.category, m.actor, m.unit, 'proposed'] : [m.category, m.actor, m.unit]);
}

/** The series of a running total: its measure and its period's key (null when the report did not say). */
export function seriesKey(m: Measure & { since?: string | null }, periods: SeriesPeriods = []): string {
  return JSON.stringify([measureKey(m), periodKey(m.since ?? null, periods)]);
}
