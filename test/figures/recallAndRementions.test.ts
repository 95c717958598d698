/**
 * Recall of counts that stand away from their noun across an initialism or a hyphenated word, and
 * the re-mentions of a toll that are no figure of their own.
 */
import { describe, expect, it } from 'vitest';
import { core, figuresIn, onlyFigure } from './helpers.js';

describe('a toll named far back, across initialisms and compounds', () => {
  it('an initialism between the toll and its verb ("the deadliest U.S. fire ... stood at 80")', () => {
    const f = onlyFigure('The official toll from the worst U.K. rail crash in decades stood at 80 on Monday.');
    expect(core(f)).toEqual([80, null, 'count', 'exact', 'casualties_killed']);
  });

  it('a hyphenated word between the tally noun and "at" ("since the full-scale invasion at N")', () => {
    const f = onlyFigure('The general put the number of soldiers killed or wounded since the full-scale invasion at 75,000.');
    expect(core(f)).toEqual([75000, null, 'count', 'exact', 'casualties']);
    const g = onlyFigure('Analysts put the number of civilians killed in the long-range drone campaign at 310.');
    expect(core(g)).toEqual([310, null, 'count', 'exact', 'casualties_killed']);
  });

  it('a count with no trigger however far back stays no figure', () => {
    expect(figuresIn('The mayor of the U.S. city said the fire had burned at 900 degrees.')).toEqual([]);
    expect(figuresIn('The long-awaited report put the cost of the new bridge at 40.')).toEqual([]);
  });
});

describe('re-mentions of a toll', () => {
  it('a part of the dead that is only identified, named or recovered is no figure', () => {
    expect(figuresIn('Nineteen of the dead have been formally identified by the coroner.')).toEqual([]);
    expect(figuresIn('Police said 12 of those killed had been named.')).toEqual([]);
  });

  it('a part that says who was hit still counts ("two of those killed were children")', () => {
    expect(onlyFigure('Four of those killed were children.').value).toBe(4);
    expect(onlyFigure('Six of the wounded were taken to hospital.').category).toBe('casualties_injured');
  });

  it('the toll itself in the same sentence still counts', () => {
    const found = figuresIn('The strike killed 31 people, and 20 of the dead have been identified.');
    expect(found.map((f) => f.value)).toEqual([31]);
  });
});
