/** A package that lawmakers vote on is a bill: its money is aid; a package announced or drawn down stays a package. */
import { describe, expect, it } from 'vitest';
import { figuresIn } from './helpers.js';

const kinds = (text: string): Array<[number, string]> => figuresIn(text).map((f) => [f.value, f.category]);

describe('bills and packages', () => {
  it('a package voted on or passed by a chamber is aid', () => {
    expect(kinds('Lawmakers voted 280-140 to approve the $48 billion package.')).toEqual([[48e9, 'aid']]);
    expect(kinds('The $20bn package, passed by the Senate last week, now goes to the president.')).toEqual([[20e9, 'aid']]);
  });

  it('a package announced or drawn down stays one package, whatever else the sentence says', () => {
    expect(kinds('The Pentagon announced a $300 million package on Friday.')).toEqual([[300e6, 'aid_package']]);
    expect(kinds('The $150 million drawdown package, announced as lawmakers voted on the budget, includes shells.')).toEqual([[150e6, 'aid_package']]);
  });
});
