/** How numbers are read: money, scales, words, ordinals, percentages, ranges, hedges. */
import { describe, expect, it } from 'vitest';
import { FigureRulesSchema } from '../../src/figures/rules.js';
import { core, figuresIn, onlyFigure } from './helpers.js';

describe('money', () => {
  it('reads a dollar amount with a scale word', () => {
    expect(core(onlyFigure('The U.S. has sent $58 billion in aid.'))).toEqual([58e9, null, 'USD', 'exact', 'aid']);
  });

  it('reads decimals with a scale word', () => {
    expect(onlyFigure('The U.S. has sent $44.2 billion in aid.').value).toBe(44_200_000_000);
  });

  it('reads euros and pounds with abbreviated scales', () => {
    expect(core(onlyFigure('Germany pledged €3m in aid.'))).toEqual([3e6, null, 'EUR', 'exact', 'aid']);
    expect(core(onlyFigure('Britain pledged £2.5bn in aid.'))).toEqual([2.5e9, null, 'GBP', 'exact', 'aid']);
  });

  it('reads currency codes before the number and currency words after it', () => {
    expect(core(onlyFigure('The bank approved USD 5 million in aid.'))).toEqual([5e6, null, 'USD', 'exact', 'aid']);
    expect(core(onlyFigure('The EU approved 50 billion euros in aid.'))).toEqual([50e9, null, 'EUR', 'exact', 'aid']);
    expect(core(onlyFigure('Kyiv received US$1.2 billion in aid.'))).toEqual([1.2e9, null, 'USD', 'exact', 'aid']);
  });

  it('reads thousands separators', () => {
    expect(onlyFigure('The donors pledged $250,000 in aid.').value).toBe(250_000);
  });

  it('reads a trillion', () => {
    expect(onlyFigure('Allies have provided $1.2 trillion in aid.').value).toBe(1.2e12);
  });
});

describe('counts', () => {
  it('reads digits with thousands separators', () => {
    expect(core(onlyFigure('Pyongyang has shipped over 13,000 containers.'))).toEqual([13_000, null, 'count', 'more_than', 'containers']);
  });

  it('reads "k" as thousands', () => {
    expect(onlyFigure('Russia moved 15k troops to the border.').value).toBe(15_000);
  });

  it('reads a scale word after a count', () => {
    expect(onlyFigure('Russia has lost 1.2 million troops.').value).toBe(1_200_000);
  });

  it('reads counts written in words', () => {
    expect(onlyFigure('The strike killed two people.').value).toBe(2);
    expect(onlyFigure('Eleven drones were shot down.').value).toBe(11);
    expect(onlyFigure('Russia launched twenty-five drones.').value).toBe(25);
    expect(onlyFigure('Russia launched ninety-nine drones.').value).toBe(99);
    expect(onlyFigure('Russia sent three hundred troops.').value).toBe(300);
    expect(onlyFigure('Russia sent two thousand troops.').value).toBe(2000);
  });

  it('reads "a dozen" as twelve', () => {
    expect(core(onlyFigure('A dozen Western allies joined.'))).toEqual([12, null, 'count', 'exact', 'other']);
  });

  it('does not read "dozens" as a number', () => {
    expect(figuresIn('Dozens of drones were launched and dozens of people were hurt.')).toEqual([]);
  });
});

describe('ordinals', () => {
  it('reads an ordinal in digits before a package word', () => {
    expect(core(onlyFigure('The U.S. announced its 68th tranche of aid.'))).toEqual([68, null, 'ordinal', 'exact', 'aid_package']);
  });

  it('reads an ordinal in words', () => {
    expect(core(onlyFigure('It was the fourth package this year.'))).toEqual([4, null, 'ordinal', 'exact', 'aid_package']);
  });
});

describe('percentages', () => {
  const rules = FigureRulesSchema.parse({
    categories: [{ name: 'inflation', triggers: ['inflation'], units: ['percent'] }],
  });

  it('reads the percent sign', () => {
    expect(core(onlyFigure('Inflation rose to 12%.', rules))).toEqual([12, null, 'percent', 'exact', 'inflation']);
  });

  it('reads "percent" and "per cent"', () => {
    expect(onlyFigure('Inflation stood at 9.5 percent.', rules).value).toBe(9.5);
    expect(onlyFigure('Inflation stood at 7 per cent.', rules).value).toBe(7);
  });

  it('reports no percentage where no category takes percentages', () => {
    expect(figuresIn('About 40% of the aid has arrived.')).toEqual([]);
  });
});

describe('ranges', () => {
  it('reads "between X and Y"', () => {
    expect(core(onlyFigure('Between 10,000 and 12,000 North Korean troops are in Russia.'))).toEqual([10_000, 12_000, 'count', 'range', 'troops']);
  });

  it('reads "X-Y" and "X to Y"', () => {
    expect(core(onlyFigure('Russia sent 10,000-12,000 troops.'))).toEqual([10_000, 12_000, 'count', 'range', 'troops']);
    expect(core(onlyFigure('Russia sent 10,000 to 12,000 troops.'))).toEqual([10_000, 12_000, 'count', 'range', 'troops']);
  });

  it('applies a scale written once to both ends', () => {
    expect(core(onlyFigure('Allies will provide $5-6 billion in aid.'))).toEqual([5e9, 6e9, 'USD', 'range', 'aid']);
  });
});

describe('hedges', () => {
  const qualifier = (text: string): string => onlyFigure(text).qualifier;

  it('reads "more than" and "over" as more_than', () => {
    expect(qualifier('The U.S. sent more than $58 billion in aid.')).toBe('more_than');
    expect(qualifier('Pyongyang shipped over 13,000 containers.')).toBe('more_than');
  });

  it('reads "about", "approximately", "some" and "roughly" as about', () => {
    expect(qualifier('Russia sent about 1,500 troops.')).toBe('about');
    expect(qualifier('Russia sent approximately 1,500 troops.')).toBe('about');
    expect(qualifier('Russia sent some 1,500 troops.')).toBe('about');
    expect(qualifier('Russia sent roughly 1,500 troops.')).toBe('about');
  });

  it('reads "almost" and "nearly" as almost', () => {
    expect(qualifier('The U.S. sent almost $19 billion in aid.')).toBe('almost');
    expect(qualifier('The U.S. sent nearly $19 billion in aid.')).toBe('almost');
  });

  it('reads "as many as" and "up to" as up_to', () => {
    expect(qualifier('As many as 12 Russian drones attacked Kyiv.')).toBe('up_to');
    expect(qualifier('Up to 12 Russian drones attacked Kyiv.')).toBe('up_to');
  });

  it('reads "at least" as at_least, and "or more" after the number', () => {
    expect(qualifier('The attack injured at least one person.')).toBe('at_least');
    expect(qualifier('Russia sent 1,500 or more troops.')).toBe('at_least');
  });

  it('keeps "another", "an additional" and "a total of" exact, and in the quote', () => {
    const f = onlyFigure('Allies have contributed another $51 billion in aid.');
    expect([f.qualifier, f.quote]).toEqual(['exact', 'another $51 billion']);
    expect(onlyFigure('An additional $1.7 billion has been provided by the US.').quote).toBe('An additional $1.7 billion');
  });
});
