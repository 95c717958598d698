/** People deported, arrested, rescued or stranded are "other"; soldiers stationed or arrived are troops. */
import { describe, expect, it } from 'vitest';
import { figuresIn } from './helpers.js';

const kind = (text: string): Array<[number, string]> => figuresIn(text).map((f) => [f.value, f.category]);

describe('people held, moved or rescued', () => {
  it('deported, forcibly transferred, arrested, rescued, stranded', () => {
    expect(kind('Officials say 6,000 children have been deported.')).toEqual([[6000, 'other']]);
    expect(kind('About 900 Ukrainian children were forcibly transferred to Belarus.')).toEqual([[900, 'other']]);
    expect(kind('About 70 people were rescued from the rubble.')).toEqual([[70, 'other']]);
    expect(kind('Some 2,000 people remain stranded at the border.')).toEqual([[2000, 'other']]);
  });

  it('soldiers stationed or arrived are troops; things that arrived keep their kind', () => {
    expect(kind('Around 2,000 soldiers are stationed in Belarus.')).toEqual([[2000, 'troops']]);
    expect(kind('About 4,000 soldiers arrived in the region.')).toEqual([[4000, 'troops']]);
    expect(kind('Twelve howitzers arrived in Lviv.')).toEqual([[12, 'equipment']]);
  });

  it('people coming home by other verbs', () => {
    expect(kind('Kyiv said 140 Ukrainians were returning home after the swap.')).toEqual([[140, 'other']]);
  });
});
