/** Numbers that must not be reported: each case names what a reader sees and must not count. */
import { describe, expect, it } from 'vitest';
import { figuresIn } from './helpers.js';

const quotes = (text: string): string[] => figuresIn(text).map((f) => f.quote);

describe('not a key figure', () => {
  it('a year', () => {
    expect(quotes('Russia invaded Ukraine in February 2022 and troops have fought since 2014.')).toEqual([]);
  });

  it('a date written as "Dec. 27", "November 1" or "March 9, 2017"', () => {
    expect(quotes('The Pentagon announced the aid on Dec. 27.')).toEqual([]);
    expect(quotes('The troops are expected to be ready by November 1.')).toEqual([]);
    expect(quotes('A flag flutters at the embassy in Kuala Lumpur, Malaysia March 9, 2017.')).toEqual([]);
    expect(quotes('The troops arrived on 27 December.')).toEqual([]);
  });

  it('a time of day', () => {
    expect(quotes('Drones struck Kyiv at 10:30 and again at 4 a.m.')).toEqual([]);
  });

  it('an age', () => {
    expect(quotes('A 45-year-old soldier was killed.')).toEqual([]);
    expect(quotes('Troops aged 18 were sent.')).toEqual([]);
    expect(quotes('Ivanov, 45, said the troops were ready.')).toEqual([]);
    expect(quotes('The actor is dead at 77, his family said.')).toEqual([]);
  });

  it('a calibre such as "155 mm"', () => {
    expect(quotes('The package included 155 mm rounds and 155-mm shells.')).toEqual([]);
  });

  it('"World War Two"', () => {
    expect(quotes('Russia marks the victory over Nazi Germany in World War Two with troops on parade.')).toEqual([]);
  });

  it('an anniversary', () => {
    expect(quotes('Troops paraded for the 80th anniversary of the victory.')).toEqual([]);
  });

  it('a duration such as "32-month war" or "three years"', () => {
    expect(quotes('Troops have fought the 32-month war for three years and 24 hours of shelling killed many.')).toEqual([]);
  });

  it('a phone number', () => {
    expect(quotes('For aid, call +1 202-555-0123 or (202) 555-0199 to reach the troops office.')).toEqual([]);
  });

  it('"the first time"', () => {
    expect(quotes('For the first time since 2022 the United States will host the meeting of allies.')).toEqual([]);
  });

  it('"No one system" and "each one of which"', () => {
    expect(quotes('No one system will end the assault on the drones.')).toEqual([]);
    expect(quotes('They have become distracted by bogeymen, each one of which is more absurd than the drones.')).toEqual([]);
  });

  it('"the two countries"', () => {
    expect(quotes('Pyongyang and Moscow have denied it, although the two countries have confirmed the deployment of troops.')).toEqual([]);
  });

  it('"thousands of troops", which gives no value', () => {
    expect(quotes('North Korea may send thousands of troops to Russia.')).toEqual([]);
  });

  it('page noise: a lone number on its own line, and "TT"', () => {
    expect(quotes('Pentagon hosts 50 allies\nTT\n20\n\nMore text about aid.')).toEqual(['50 allies']);
  });

  it('a count of something the beat does not track ("more than 30 residential buildings")', () => {
    expect(quotes('The missile attack damaged more than 30 residential buildings.')).toEqual([]);
  });

  it('"all of them were destroyed", a statement without a number', () => {
    expect(quotes('Drones attacked Kyiv, but all of them were destroyed.')).toEqual([]);
  });

  it('a count of something else that a people noun follows later ("10 error messages enraging people")', () => {
    expect(quotes('Dead Rising is out, with 10 error messages enraging people.')).toEqual([]);
  });

  it('a model name such as "F-16" or "S-300"', () => {
    expect(quotes('Ukraine received F-16 jets and S-300 missiles from allies.')).toEqual([]);
  });

  it('a label number such as "Resolution 2231" or "No. 5"', () => {
    expect(quotes('Resolution 2231 bans missiles; Article 5 covers allies; see No. 5 on troops.')).toEqual([]);
  });

  it('a money amount with no aid word anywhere near it', () => {
    expect(quotes('The World Bank estimates reconstruction will cost $486 billion over the next decade.')).toEqual([]);
  });
});
