/**
 * A giver's possessive before its own aid ("Germany's military aid"), past perfects that look back
 * over time ("had already trained"), and the start of an effort as the period of its total
 * ("launched in October 2022").
 */
import { describe, expect, it } from 'vitest';
import { onlyFigure } from './helpers.js';

describe('a possessive giver before a military noun', () => {
  it('gives: "the EU\'s military assistance mission", "Germany\'s military aid"', () => {
    expect(onlyFigure('Sweden\'s military support mission has trained 4,000 Ukrainian soldiers.').actor).toBe('Sweden');
    expect(onlyFigure('Last year, Germany\'s military aid to Kyiv reached €7 billion.').actor).toBe('Germany');
  });

  it('is still the attacker before a war noun, two words on: "Russia\'s military invasion"', () => {
    expect(onlyFigure('Despite Russia\'s military invasion, $4 billion in aid arrived.').actor).toBeNull();
  });
});

describe('a past perfect with a look-back adverb is a running total', () => {
  it('"had already trained", "had earlier delivered"', () => {
    expect(onlyFigure('By then the mission had already trained 9,000 Ukrainian recruits.').cumulative).toBe(true);
    expect(onlyFigure('Norway had earlier delivered 14 howitzers to Ukraine.').cumulative).toBe(true);
  });

  it('a plain past perfect is not: "said it had sent 12 drones"', () => {
    expect(onlyFigure('Kyiv said Moscow had launched 12 drones at the port.').cumulative).toBe(false);
  });
});

describe('the start of an effort as the period of its total', () => {
  it('"launched in October 2022", "began in 2015"', () => {
    const f = onlyFigure('The programme, launched in March 2023, has so far trained 2,500 Ukrainian pilots.');
    expect([f.cumulative, f.since]).toEqual([true, '2023-03']);
    expect(onlyFigure('Training that began in 2015 has reached 40,000 Ukrainian soldiers in total.').since).toBe('2015');
  });

  it('"since" wins, and "began in earnest" names no date', () => {
    expect(onlyFigure('The scheme, launched in 2022, has trained 8,000 Ukrainian soldiers since June 2023.').since).toBe('2023-06');
    expect(onlyFigure('Deliveries began in earnest and Finland has sent 30 howitzers so far.').since).toBeNull();
  });
});
