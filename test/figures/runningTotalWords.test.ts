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

describe('counted people as the subject of an active perfect', () => {
  it('"have fled", "have died" add up', () => {
    expect(onlyFigure('Nearly 4 million Syrians have fled abroad.').cumulative).toBe(true);
    expect(onlyFigure('Some 900 Lebanese civilians have died in the fighting.').cumulative).toBe(true);
  });

  it('not when the sentence names one event, nor for a plain past', () => {
    expect(onlyFigure('About 300 residents have fled the landslide.').cumulative).toBe(false);
    expect(onlyFigure('About 300 residents fled the town on Monday.').cumulative).toBe(false);
  });
});

describe('drones counted as taking part in an attack were launched (config eventWords)', () => {
  it('"were involved in the attack", "took part in the raid"', () => {
    expect(onlyFigure('Around 40 Russian drones were involved in the attack, though most of them were downed.').event).toBe('launched');
    expect(onlyFigure('Up to 25 Ukrainian drones took part in the raid on the airfield.').event).toBe('launched');
  });
});
