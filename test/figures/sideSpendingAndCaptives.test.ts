/**
 * Money a side at war spends on it is "other" (a donor's money stays aid); people held captive,
 * trapped or handed back, and a sub-count "including N who ..." of people already counted.
 */
import { describe, expect, it } from 'vitest';
import { figuresIn } from './helpers.js';

const kind = (text: string): Array<[number, string]> => figuresIn(text).map((f) => [f.value, f.category]);

describe("a side's own war spending", () => {
  it('the side that spends is named first in the clause', () => {
    expect(kind("Moscow's defence spending will climb to $145 billion next year.")).toEqual([[145e9, 'other']]);
    expect(kind('Kyiv plans to spend $31 billion on weapons in 2025.')).toEqual([[31e9, 'other']]);
  });

  it("a donor's spending is aid, or nothing without an aid word", () => {
    expect(kind('Britain has spent £12 billion on military aid for Ukraine.')).toEqual([[12e9, 'aid']]);
    expect(kind('Canada has spent $4 billion on new hospitals.')).toEqual([]);
    expect(kind("The grant takes Norway's spending on Ukraine's army to $3 billion.")).not.toContainEqual([3e9, 'other']);
  });
});

describe('people held or handed back', () => {
  it('captive, trapped, handed back, defenders', () => {
    expect(kind('Russia is holding 1,200 Ukrainians captive.')).toEqual([[1200, 'other']]);
    expect(kind('Around 60 workers remain trapped in the mine.')).toEqual([[60, 'other']]);
    expect(kind('Moscow handed back 48 defenders of the fortress.')).toEqual([[48, 'other']]);
  });

  it('"including N who ...": a part of people counted before in the sentence', () => {
    expect(kind('The swap freed 150 Ukrainian soldiers, including 40 who had defended the port.')).toEqual([
      [150, 'other'],
      [40, 'other'],
    ]);
    expect(kind('The mayor, who took office in 2019, thanked 12 volunteers.')).toEqual([]);
  });
});
