/** A stock of weapons a country holds is no figure; the same words after a giving verb are. */
import { describe, expect, it } from 'vitest';
import { figuresIn } from './helpers.js';

const values = (text: string): number[] => figuresIn(text).map((f) => f.value);

describe('stocks held', () => {
  it('"at its disposal", "in storage", "in service" after the noun: no figure', () => {
    expect(values('Norway has 57 F-16s at its disposal.')).toEqual([]);
    expect(values('The army keeps some 800 howitzers in storage.')).toEqual([]);
  });

  it('given all the same after a giving verb, or with the words elsewhere', () => {
    expect(values('Spain will supply 10 tanks in storage to Kyiv.')).toEqual([10]);
    expect(values('Italy sent 30 howitzers, which had been in storage since 2010.')).toEqual([30]);
  });
});
