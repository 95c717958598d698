/**
 * Coordinated and continued counts ("one was killed and nine were wounded", "downed 18. Two more
 * vanished") take their own kind; ages, magnitudes, fractions of people and vote tallies are no figures.
 */
import { describe, expect, it } from 'vitest';
import { figuresIn } from './helpers.js';

const kinds = (text: string): Array<[number, string]> => figuresIn(text).map((f) => [f.value, f.category]);

describe('coordinated and continued counts', () => {
  it('"one soldier was killed and nine were wounded": nine is injured', () => {
    expect(kinds('One soldier was killed and nine were wounded near the border.')).toEqual([
      [1, 'casualties_killed'],
      [9, 'casualties_injured'],
    ]);
  });

  it('an adverb or "others" between the count and its verb: "34 had been seriously hurt", "five others were hurt"', () => {
    expect(kinds('Four were killed and 34 had been seriously hurt.')).toEqual([[4, 'casualties_killed'], [34, 'casualties_injured']]);
    expect(kinds('Two were killed, and five others were hurt.')).toEqual([[2, 'casualties_killed'], [5, 'casualties_injured']]);
  });

  it('a bare count after a shoot-down verb, and "N more", go on from the drones just counted', () => {
    const found = figuresIn('Russia launched 30 drones overnight. Air defences downed 25. Three more were jammed.');
    expect(found.map((f) => [f.value, f.category, f.actor, f.event])).toEqual([
      [30, 'drones', 'Russia', 'launched'],
      [25, 'drones', 'Russia', 'shot_down'],
      [3, 'drones', 'Russia', 'shot_down'],
    ]);
  });

  it('a bare count with no drones counted before it is nothing', () => {
    expect(figuresIn('Air defences downed 25.')).toEqual([]);
  });
});

describe('not figures', () => {
  it('ages and lists of ages', () => {
    expect(kinds('Two men aged 33 and 57 were killed in the strike.')).toEqual([[2, 'casualties_killed']]);
    expect(kinds('The toll was eight, including girls aged 3, 6 and 12.')).toEqual([[8, 'casualties_killed']]);
  });

  it('magnitudes, and fractions of a count', () => {
    expect(kinds('A 6.4 magnitude earthquake killed 90 people.')).toEqual([[90, 'casualties_killed']]);
    expect(kinds('A magnitude 6.4 quake killed 90 people.')).toEqual([[90, 'casualties_killed']]);
  });

  it('vote tallies and percentages of GDP', () => {
    expect(kinds('By 298-120, the House passed $40 billion in aid.')).toEqual([[40e9, 'aid']]);
    expect(kinds('Estonia gives 0.25 percent of its GDP to Ukraine.')).toEqual([]);
  });
});
