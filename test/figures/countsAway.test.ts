/**
 * Counts that stand away from their noun (tallies, copulas, rising totals, partitives, model names,
 * coordinated modifiers) are read, and the look-alikes that count something else are not.
 */
import { describe, expect, it } from 'vitest';
import { core, figuresIn, onlyFigure } from './helpers.js';

describe('tallies and totals that name their kind far back', () => {
  it('"takes the tally of X ... to N" is a running total of X', () => {
    const f = onlyFigure('The delivery takes the tally of howitzers that Italy has sent since the spring to 48.');
    expect([f.value, f.category, f.actor, f.cumulative]).toEqual([48, 'equipment', 'Italy', true]);
  });

  it('"put the number of X ... at N"', () => {
    const f = onlyFigure('The report put the number of soldiers killed or wounded in the fighting at 12,000.');
    expect(core(f)).toEqual([12000, null, 'count', 'exact', 'casualties']);
  });

  it('copulas and rising verbs reach back to the count\'s word', () => {
    expect(core(onlyFigure('The death toll from the collapse of the apartment block in the eastern city is 41.'))).toEqual([41, null, 'count', 'exact', 'casualties_killed']);
    expect(core(onlyFigure('The toll rose to more than 70, officials said.'))).toEqual([70, null, 'count', 'more_than', 'casualties_killed']);
    expect(onlyFigure('The number of people killed by the storm that hit the coast last week has now increased to 64.').quote).toBe('increased to 64');
  });

  it('"rose by N" is a change, not a count', () => {
    expect(figuresIn('The number of wounded rose by 12 overnight.')).toEqual([]);
  });
});

describe('counts and their noun', () => {
  it('a count of missing or hostage people is "other", for the side whose people they are', () => {
    const found = figuresIn('In Kharkiv 17 people remain missing. Militants took 12 Israelis hostage.');
    expect(found.map((f) => [f.value, f.category])).toEqual([[17, 'other'], [12, 'other']]);
    expect(found[0]!.actor).toBe('Ukraine');
  });

  it('a partitive with a spelled whole: "two of the five missiles"', () => {
    expect(figuresIn('Gunners hit two of the five incoming missiles.').map((f) => f.value)).toEqual([2, 5]);
  });

  it('model names inside the noun: M1, F-16s, Leopard 2 A6, KN-23', () => {
    expect(figuresIn('Poland will send 10 M1 Abrams tanks, six F-16s and four Leopard 2 A6 tanks.').map((f) => [f.value, f.category])).toEqual([
      [10, 'equipment'],
      [6, 'equipment'],
      [4, 'equipment'],
    ]);
    expect(onlyFigure('Russia fired three Iskander-M/KN-23 missiles.').category).toBe('missiles');
  });

  it('modifiers joined by "and" and an -ing word before the noun: "coastal and riverine patrol boats", "bridge-laying tanks"', () => {
    expect(figuresIn('The list has 12 coastal and riverine patrol boats and three bridge-laying tanks.').map((f) => f.value)).toEqual([12, 3]);
  });

  it('a trigger that only modifies another noun counts nothing: "two tank battalions"', () => {
    expect(figuresIn('Enough armour for two tank battalions was promised.')).toEqual([]);
  });

  it('a possessor is no head: "40 of the country\'s 300 districts"', () => {
    expect(figuresIn('The storm hit 40 of the country\'s 300 districts.')).toEqual([]);
  });

  it('a difference between two amounts is not an amount: "£100 million more than"', () => {
    expect(figuresIn('This package is £100 million more than last year\'s.').map((f) => f.quote)).toEqual([]);
  });
});

describe('counts whose owner is only the one named with them', () => {
  it('aid trucks let into a place carry no side over from earlier sentences (config carryActor: false)', () => {
    const found = figuresIn('Israel said 20 hostages were freed. Officials said 40 trucks with food crossed into the strip on Monday.');
    expect(found.map((f) => [f.value, f.category, f.actor])).toEqual([
      [20, 'other', 'Israel'],
      [40, 'other', null],
    ]);
  });
});
