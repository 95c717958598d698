/**
 * The "other" counts: drones and missiles counted together, aerial targets, people who fled or came
 * back from captivity, prisoners exchanged unit for unit, members of a bloc.
 */
import { describe, expect, it } from 'vitest';
import { figuresIn, onlyFigure } from './helpers.js';

const kind = (text: string): Array<[number, string]> => figuresIn(text).map((f) => [f.value, f.category]);

describe('drones and missiles counted together', () => {
  it('one count over two event kinds joined by "and"/"or" is "other", for the launcher', () => {
    const f = onlyFigure('Moscow hurled 96 rockets and drones at the capital overnight.');
    expect([f.value, f.category, f.actor, f.event]).toEqual([96, 'other', 'Russia', null]);
    expect(kind('The army said 75 cruise missiles or kamikaze drones were launched.')).toEqual([[75, 'other']]);
  });

  it('two counts, or one kind with a modifier, stay apart', () => {
    expect(kind('Russia fired 14 missiles and 60 drones.')).toEqual([[14, 'missiles'], [60, 'drones']]);
    expect(kind('Around 30 drones and three missiles were seen over the region.')).toEqual([[30, 'drones'], [3, 'missiles']]);
    expect(kind('Air defences downed 25 drones and intercepted the rest.')).toEqual([[25, 'drones']]);
  });

  it('aerial targets are "other"', () => {
    expect(kind('Air defences destroyed 47 aerial targets overnight.')).toEqual([[47, 'other']]);
  });
});

describe('people who fled, were held or came home', () => {
  it('fled, brought home, returned from captivity, taken prisoner', () => {
    expect(kind('More than 4 million Syrians have fled abroad.')).toEqual([[4000000, 'other']]);
    expect(kind('Kyiv brought home 84 soldiers on Tuesday.')).toEqual([[84, 'other']]);
    expect(kind('Moscow returned 140 Ukrainian servicemen held in captivity.')).toEqual([[140, 'other']]);
    expect(kind('Ukrainian forces took 120 Russian soldiers prisoner.')).toEqual([[120, 'other']]);
  });

  it('soldiers sent or deployed stay troops', () => {
    expect(kind('Pyongyang has sent 3,000 soldiers to the front.')).toEqual([[3000, 'troops']]);
  });

  it('"N-for-N": a count exchanged unit for unit', () => {
    const f = onlyFigure('The sides agreed a 500-for-500 prisoner swap.');
    expect([f.value, f.category]).toEqual([500, 'other']);
    expect(figuresIn('A 500-for-500 split of the prize money was agreed.')).toEqual([]);
    expect(figuresIn('The 14-day-long ceasefire ended.')).toEqual([]);
  });
});

describe('members of a bloc', () => {
  it('"27 EU members", "32 NATO members" count countries', () => {
    expect(kind('All 27 EU members signed the declaration.')).toEqual([[27, 'other']]);
  });
});

describe('counts glued to their noun, and air attack means', () => {
  it('"a 40-nation coalition", "a 70-drone attack" count nations and drones', () => {
    expect(kind('A 40-nation coalition pledged support.')).toEqual([[40, 'other']]);
    expect(kind('Moscow staged a 70-drone attack on Odesa.')).toEqual([[70, 'drones']]);
  });

  it('other compounds stay adjectives: "a 14-month war", "the 12-member crew"', () => {
    expect(kind('A 14-month war has ruined the town.')).toEqual([]);
    expect(kind('The 12-member crew was rescued.')).toEqual([]);
  });

  it('"means of air attack" and "aerial weapons" are aerial targets', () => {
    expect(kind('The enemy used 210 means of air attack.')).toEqual([[210, 'other']]);
    expect(kind('Overall, 96 aerial weapons were neutralised.')).toEqual([[96, 'other']]);
  });
});
