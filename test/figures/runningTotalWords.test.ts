/** More ways a text says a figure is a running total: a perfect participle, and "now totals" (config cumulativeMarkers). */
import { describe, expect, it } from 'vitest';
import { onlyFigure } from './helpers.js';

describe('running totals in other words', () => {
  it('a perfect participle: "having provided", "having sent"', () => {
    expect(onlyFigure('Germany is the second-largest donor, having provided €28 billion.').cumulative).toBe(true);
    expect(onlyFigure('Having sent 60 howitzers, Portugal is now looking at air defence.').cumulative).toBe(true);
  });

  it('"now totals", "now stands at"', () => {
    expect(onlyFigure('Japanese aid to Ukraine now totals $12 billion.').cumulative).toBe(true);
    expect(onlyFigure('Canada\'s military aid now stands at C$4 billion.').cumulative).toBe(true);
  });

  it('but not a package that totals an amount, nor a plain present', () => {
    expect(onlyFigure('The new package totals $400 million in weapons.').cumulative).toBe(false);
    expect(onlyFigure('Russia now fires 100 drones a night at Ukraine.').cumulative).toBe(false);
  });
});
