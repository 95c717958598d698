import { describe, expect, it } from 'vitest';
import { baselineOf, decide, type LatestValue } from '../../src/alerts/decide.js';
import type { AlertRecord } from '../../src/store/store.js';

function alert(overrides: Partial<AlertRecord> = {}): AlertRecord {
  return {
    id: 1, channelKey: 'console:console', measure: 'US aid', condition: 'above', threshold: 70e9, unit: null, origin: 'chat',
    state: 'off', lastFigureId: 10, lastValue: 66e9, lastUnit: 'USD', lastPublished: '2024-10-01T00:00:00.000Z', version: 3,
    createdAt: '2024-09-01T00:00:00.000Z', updatedAt: '2024-10-01T00:00:00.000Z', ...overrides,
  };
}
const value = (figureId: number, v: number, unit = 'USD'): LatestValue => ({ figureId, value: v, unit, published: '2024-10-21T00:00:00.000Z' });

/** Applies a series of values to an alert the way evaluation does, and lists which of them fired. */
function run(start: AlertRecord, values: LatestValue[]): number[] {
  let a = start;
  const fired: number[] = [];
  for (const v of values) {
    const d = decide(a, v, true);
    if (d.kind === 'none') continue;
    if (d.kind === 'fire') fired.push(v.figureId);
    a = { ...a, ...d.baseline, version: a.version + 1 };
  }
  return fired;
}

describe('when an alert fires', () => {
  it('above: once per crossing; restating a value past the line does not fire; back under and over again does', () => {
    expect(run(alert(), [value(11, 71e9), value(12, 71e9), value(13, 72e9), value(14, 69e9), value(15, 69e9), value(16, 75e9)])).toEqual([11, 16]);
  });

  it('below fires when the value goes under the line', () => {
    expect(run(alert({ condition: 'below', threshold: 700, state: 'off', lastValue: 800, lastUnit: 'count' }), [value(11, 900, 'count'), value(12, 650, 'count'), value(13, 600, 'count')])).toEqual([12]);
  });

  it('exactly the line is not past it', () => {
    expect(run(alert(), [value(11, 70e9)])).toEqual([]);
  });

  it('changes: fires when the latest value differs, not when the same value is reported again', () => {
    expect(run(alert({ condition: 'changes', threshold: null, state: 'on', lastValue: 66e9 }), [value(11, 66e9), value(12, 68e9), value(13, 68e9), value(14, 66e9)])).toEqual([12, 14]);
  });

  it('the first value ever seen fires when it is past the line', () => {
    expect(run(alert({ state: 'unknown', lastFigureId: null, lastValue: null, lastUnit: null, lastPublished: null }), [value(11, 80e9)])).toEqual([11]);
  });

  it('the same figure looked at again changes nothing', () => {
    expect(decide(alert({ state: 'on', lastFigureId: 11 }), value(11, 80e9), true)).toEqual({ kind: 'none' });
  });

  it('a line in dollars is not compared with euros', () => {
    expect(decide(alert({ unit: 'USD' }), value(11, 80e9, 'EUR'), true)).toEqual({ kind: 'none' });
  });

  it('a crossing from a feed backlog only moves the baseline', () => {
    expect(decide(alert(), value(11, 80e9), false)).toEqual({ kind: 'baseline', baseline: { state: 'on', lastFigureId: 11, lastValue: 80e9, lastUnit: 'USD', lastPublished: '2024-10-21T00:00:00.000Z' } });
  });

  it('an alert set while the value is already past the line starts "on", so it waits for the next crossing', () => {
    expect(baselineOf({ condition: 'above', threshold: 50e9, unit: null }, value(9, 58e9)).state).toBe('on');
    expect(baselineOf({ condition: 'above', threshold: 50e9, unit: null }, null).state).toBe('unknown');
  });
});
