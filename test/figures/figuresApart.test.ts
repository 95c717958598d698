/** Figures standing apart from their noun, breakdowns of a total, and headlines repeated by the scrape. */
import { describe, expect, it } from 'vitest';
import { figuresIn, onlyFigure } from './helpers.js';

describe('a figure apart from its noun', () => {
  it('reads a count right after its verb ("injured 15")', () => {
    const f = onlyFigure('A strike on Kharkiv injured 15 in the city center.');
    expect([f.value, f.category, f.quote]).toEqual([15, 'casualties_injured', 'injured 15']);
  });

  it('reads a count before its verb ("15 were injured")', () => {
    const found = figuresIn('Two people were killed and 15 were injured in Odesa.');
    expect(found.map((f) => [f.value, f.category])).toEqual([
      [2, 'casualties_killed'],
      [15, 'casualties_injured'],
    ]);
  });

  it('reads "wounded 219 others"', () => {
    const found = figuresIn('The attack killed at least 51 people and wounded 219 others.');
    expect(found.map((f) => [f.value, f.category])).toEqual([
      [51, 'casualties_killed'],
      [219, 'casualties_injured'],
    ]);
  });

  it('reads a total after a linking verb ("the death toll rose to 25")', () => {
    const f = onlyFigure('The death toll from the strike rose to 25 on Monday.');
    expect([f.value, f.category]).toEqual([25, 'casualties_killed']);
  });

  it('reads a total after "of" ("a total deployment of 15,000")', () => {
    const f = onlyFigure('Troops were killed out of a total deployment of 15,000, Seoul said.');
    expect([f.value, f.category, f.cumulative]).toEqual([15_000, 'troops', true]);
  });

  it('reads each part of a breakdown after its total', () => {
    const found = figuresIn(
      "Russia's Defense Ministry reported it destroyed 18 Ukrainian drones. Eleven of the drones were shot down over the Rostov region, while another four were destroyed over Bryansk, two over Kursk and one over Oryol.",
    );
    expect(found.map((f) => [f.quote, f.value, f.category, f.actor])).toEqual([
      ['18 Ukrainian drones', 18, 'drones', 'Ukraine'],
      ['Eleven of the drones', 11, 'drones', 'Ukraine'],
      ['another four', 4, 'drones', 'Ukraine'],
      ['two over Kursk', 2, 'drones', 'Ukraine'],
      ['one over Oryol', 1, 'drones', 'Ukraine'],
    ]);
  });

  it('reads a part of a count ("23 of 26 drones")', () => {
    expect(figuresIn('Ukraine said it downed 23 of 26 Russian drones.').map((f) => f.value)).toEqual([23, 26]);
  });

  it('reads a part of money named just before ("About $23.6 billion of that")', () => {
    const found = figuresIn('The US has provided more than $44.2 billion in security assistance since 2022. About $23.6 billion of that was pulled from stockpiles.');
    expect(found.map((f) => [f.value, f.category, f.actor, f.cumulative])).toEqual([
      [44.2e9, 'aid', 'United States', true],
      [23.6e9, 'aid', 'United States', true],
    ]);
  });

  it('does not take a bare number for a figure just because a trigger is in the sentence', () => {
    expect(figuresIn('Drones hit the city; officials said 40 was the number of calls received in Kyiv.').map((f) => f.quote)).toEqual([]);
  });
});

describe('converted amounts', () => {
  it('reports money in brackets right after other money once, as first written', () => {
    expect(figuresIn('The bloc agreed on a 50 billion euro ($54 billion) aid package.').map((f) => [f.value, f.unit])).toEqual([[50e9, 'EUR']]);
  });

  it('still reports bracketed money that is a part, not a conversion', () => {
    expect(figuresIn('The U.S. sent $5 billion in aid ($3 billion of it in weapons).').map((f) => f.value)).toEqual([5e9, 3e9]);
  });
});

describe('repeated text', () => {
  it('reports a headline repeated in the body once', () => {
    const headline = 'Pentagon Has No More Money for Ukraine as It Hosts a Meeting of 50 Allies on Support for Kyiv';
    const found = figuresIn(`${headline}\n\nCaption.\n\n${headline}\n\nThe meeting of about 50 countries starts Tuesday.`);
    expect(found.map((f) => f.quote)).toEqual(['50 Allies', 'about 50 countries']);
  });

  it('reports the same figure twice when it is worded differently', () => {
    expect(figuresIn('Russia sent 1,500 troops. In all, 1,500 soldiers were deployed.')).toHaveLength(2);
  });
});

describe('offsets', () => {
  it('gives the quote as text[start, end) and the sentence that holds it', () => {
    const text = 'Officials said Monday.\nThe U.S. has delivered more than $58 billion in aid since 2022. Other news.';
    const [f] = figuresIn(text);
    expect(text.slice(f!.start, f!.end)).toBe('more than $58 billion');
    expect(f!.sentence).toBe('The U.S. has delivered more than $58 billion in aid since 2022.');
  });

  it('keeps "Dec. 27" and "U.S. Defense" inside one sentence', () => {
    const [f] = figuresIn('The U.S. Defense Department announced on Dec. 27 a $250 million package.');
    expect(f!.sentence).toBe('The U.S. Defense Department announced on Dec. 27 a $250 million package.');
  });
});
