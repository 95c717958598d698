/**
 * Running totals among casualty figures: a part of a total is a total too, a war's toll that has
 * passed a mark is one, and the toll of one event (config singleEventNouns) stays that event's.
 */
import { describe, expect, it } from 'vitest';
import { figuresIn, onlyFigure } from './helpers.js';

describe('a part of a running total (config partWords)', () => {
  it('inherits the whole\'s running total and its period', () => {
    const found = figuresIn('Moscow has suffered 250,000 casualties since the invasion, including 70,000 killed.');
    expect(found.map((f) => [f.value, f.cumulative, f.since])).toEqual([[250000, true, '2022-02'], [70000, true, '2022-02']]);
    const among = figuresIn('Kyiv says 45,000 of its soldiers have been killed so far, among them 9,000 officers.');
    expect(among.map((f) => f.cumulative)).toEqual([true, true]);
  });

  it('a part of one event stays one event', () => {
    const found = figuresIn('A Russian missile killed 14 people in Sumy on Monday, including three children.');
    expect(found.map((f) => f.cumulative)).toEqual([false, false]);
  });
});

describe('a toll that has passed a mark', () => {
  it('is a running total when the sentence names no single event', () => {
    expect(onlyFigure('The Lebanese death toll has passed 3,000, the health ministry in Beirut said.').cumulative).toBe(true);
    expect(onlyFigure('The death toll of the conflict in Sudan has risen to 20,000.').cumulative).toBe(true);
  });

  it('is one event\'s toll when the sentence names the earthquake, the fire or the strike', () => {
    expect(onlyFigure('The number of people killed in the earthquake in Turkey has now climbed to 41,000.').cumulative).toBe(false);
    expect(onlyFigure('Nine firefighters have been killed in the blaze, officials said.').cumulative).toBe(false);
    expect(onlyFigure('Twenty soldiers have been killed in the strike on the base.').cumulative).toBe(false);
  });

  it('many attacks still add up: the singular names one event only', () => {
    expect(onlyFigure('Drone attacks have killed 120 civilians in Kherson.').cumulative).toBe(true);
  });
});
