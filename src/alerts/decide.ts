/**
 * What a new look at an alert's series means, given where it stood at the last look. Pure.
 * - above/below fire when the latest value moves past the line from this side of it (or from no
 *   value at all): going back and over again is a new crossing, a restatement of a value already
 *   past the line is not;
 * - changes fires when the latest value differs from the one seen last (or is the first);
 * - a figure from a feed's backlog (an article stored as already seen) only moves the baseline;
 * - a figure in another unit than the line's ("$70 billion" against euros) is not compared at all.
 */
import type { AlertBaseline, AlertRecord } from '../store/store.js';

export interface LatestValue {
  figureId: number;
  value: number;
  unit: string;
  published: string;
}

export type Decision =
  /** Nothing to record: the same figure as last time, or one the line does not apply to. */
  | { kind: 'none' }
  /** The series moved without a crossing: record where it stands now. */
  | { kind: 'baseline'; baseline: AlertBaseline }
  | { kind: 'fire'; baseline: AlertBaseline };

export function isPastLine(alert: Pick<AlertRecord, 'condition' | 'threshold'>, value: number): boolean {
  if (alert.threshold === null) return false;
  return alert.condition === 'above' ? value > alert.threshold : alert.condition === 'below' ? value < alert.threshold : false;
}

/** The baseline an alert starts from, given the series' latest value now (null: none yet). */
export function baselineOf(alert: Pick<AlertRecord, 'condition' | 'threshold' | 'unit'>, latest: LatestValue | null): AlertBaseline {
  if (!latest || (alert.unit !== null && latest.unit !== alert.unit)) return { state: 'unknown', lastFigureId: null, lastValue: null, lastUnit: null, lastPublished: null };
  const state = alert.condition === 'changes' || isPastLine(alert, latest.value) ? 'on' : 'off';
  return { state, lastFigureId: latest.figureId, lastValue: latest.value, lastUnit: latest.unit, lastPublished: latest.published };
}

/** `fresh`: the figure's article is new news (not a feed's backlog). */
export function decide(alert: AlertRecord, latest: LatestValue, fresh: boolean): Decision {
  if (alert.unit !== null && latest.unit !== alert.unit) return { kind: 'none' };
  if (latest.figureId === alert.lastFigureId) return { kind: 'none' };
  const baseline = baselineOf(alert, latest);
  const crossed =
    alert.condition === 'changes'
      ? alert.lastValue === null || latest.value !== alert.lastValue || latest.unit !== alert.lastUnit
      : baseline.state === 'on' && alert.state !== 'on';
  return crossed && fresh ? { kind: 'fire', baseline } : { kind: 'baseline', baseline };
}
