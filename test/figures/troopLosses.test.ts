/** Troops a side lost, and a part of troops counted before that was killed, are casualties, not troops. */
import { describe, expect, it } from 'vitest';
import { figuresIn } from './helpers.js';

const kind = (text: string): Array<[number, string]> => figuresIn(text).map((f) => [f.value, f.category]);

describe('troops lost or killed', () => {
  it('"lost N troops" counts casualties', () => {
    expect(kind('The army lost 900 troops in the battle.')).toEqual([[900, 'casualties']]);
  });

  it('"lost" before other things keeps their kind, and before people of no army counts nothing', () => {
    expect(kind('The brigade lost 14 tanks in the assault.')).toEqual([[14, 'equipment']]);
    expect(kind('The factory lost 250 workers last year.')).toEqual([]);
  });

  it('"N of them have been killed" after troops counted in the sentence is a casualty figure', () => {
    expect(kind('About 8,000 troops were sent, and 600 of them have been killed.')).toEqual([
      [8000, 'troops'],
      [600, 'casualties_killed'],
    ]);
    expect(kind('About 8,000 troops were sent, and 600 of them arrived in June.')).toEqual([
      [8000, 'troops'],
      [600, 'troops'],
    ]);
  });
});
