/**
 * Partitives with long modifiers and their wholes, the rest of a list ("the remaining five"), and
 * tallies with no kind of their own ("bringing the total to N").
 */
import { describe, expect, it } from 'vitest';
import { figuresIn } from './helpers.js';

const kind = (text: string): Array<[number, string]> => figuresIn(text).map((f) => [f.value, f.category]);

describe('partitives', () => {
  it('a long string of modifiers before the partitive noun', () => {
    expect(kind('Nine of the Russia-launched Iranian-designed Shahed drones were downed.')).toEqual([[9, 'drones']]);
    expect(kind('Six of the long-range Russian-made Kh-555 cruise missiles were shot down.')).toEqual([[6, 'missiles']]);
  });

  it('a partitive of something untracked stays no figure', () => {
    expect(kind('Nine of the old wooden Soviet-era village churches were damaged.')).toEqual([]);
  });

  it('the whole of "N of the M drones" is quoted with its article, apart from the same count said before', () => {
    const found = figuresIn('Russia sent 300 drones overnight. Air defences downed 290 of the 300 drones.');
    expect(found.map((f) => [f.value, f.quote])).toEqual([
      [300, '300 drones'],
      [290, '290 of the 300 drones'],
      [300, 'the 300 drones'],
    ]);
  });
});

describe('the rest of a list', () => {
  it('"the remaining N", "the other N" after counts of the same kind', () => {
    expect(kind('Norway will hand over four jets this year and the remaining two next year.')).toEqual([
      [4, 'equipment'],
      [2, 'equipment'],
    ]);
    expect(kind('Ten tanks came in June and the other six in July.')).toEqual([
      [10, 'equipment'],
      [6, 'equipment'],
    ]);
  });

  it('with nothing counted before, "the remaining two" is no figure', () => {
    expect(kind('The remaining two weeks of talks were cancelled.')).toEqual([]);
    expect(kind('He met the other two in Paris.')).toEqual([]);
  });
});

describe('tallies with no kind of their own', () => {
  it('"bringing the total to N" counts what the sentence counted, as a running total', () => {
    const found = figuresIn('Officials confirmed 40 more deaths, bringing the total to 310.');
    expect(found.map((f) => [f.value, f.category, f.cumulative])).toEqual([
      [40, 'casualties_killed', false],
      [310, 'casualties_killed', true],
    ]);
    expect(kind('An estimate of Russian casualties gave totals of up to 90,000.')).toEqual([[90000, 'casualties']]);
  });

  it('"stand at N" links a toll to its number', () => {
    expect(kind('Casualties now stand at 2,400.')).toEqual([[2400, 'casualties']]);
  });

  it('a total of nothing tracked is no figure', () => {
    expect(kind('The total came to 40.')).toEqual([]);
    expect(kind('He said the score stood at 3 and the total at 15.')).toEqual([]);
  });
});
