/** What a figure means: its category (from config triggers), its actor (from config aliases) and whether it is a running total. */
import { describe, expect, it } from 'vitest';
import { figuresIn, onlyFigure } from './helpers.js';

const actorOf = (text: string): string | null => onlyFigure(text).actor;

describe('category', () => {
  it('comes from the noun the number counts', () => {
    expect(onlyFigure('Russia launched 120 drones.').category).toBe('drones');
    expect(onlyFigure('Russia fired eight missiles.').category).toBe('missiles');
    expect(onlyFigure('North Korea sent 1,500 troops.').category).toBe('troops');
    expect(onlyFigure('The U.S. announced a $250 million package.').category).toBe('aid_package');
  });

  it('takes the last noun of a compound ("aid package")', () => {
    expect(onlyFigure('The Pentagon announced a new $2.5 billion military aid package.').category).toBe('aid_package');
  });

  it('lets a casualty predicate take over the noun ("600 troops have been killed")', () => {
    expect(onlyFigure('About 600 North Korean troops have been killed.').category).toBe('casualties_killed');
  });

  it('gives people of no stated kind the category the sentence names', () => {
    expect(onlyFigure('The strike killed two people.').category).toBe('casualties_killed');
    expect(onlyFigure('The United States has trained approximately 16,300 soldiers in Germany.').category).toBe('trained');
  });

  it('serves several categories with one trigger, by unit ("sent")', () => {
    expect(figuresIn('Washington sent $1 billion and Pyongyang sent 1,000 soldiers.').map((f) => f.category)).toEqual(['aid', 'troops']);
  });

  it('prefers a package named in the sentence for money bound to no noun', () => {
    expect(figuresIn('The U.S. announced its 68th tranche of military aid since the war began, about $400 million in new armaments.').map((f) => f.category)).toEqual([
      'aid_package',
      'aid_package',
    ]);
  });

  it('reads money with no aid word from the sentence before', () => {
    const found = figuresIn('The US gave $44.2 billion in security assistance. About $23.6 billion came from stockpiles and almost $19 billion went to contracts.');
    expect(found.map((f) => f.category)).toEqual(['aid', 'aid', 'aid']);
  });
});

describe('actor', () => {
  it('normalizes the names of the United States', () => {
    for (const name of ['The U.S.', 'The US', 'The United States', 'Washington', 'The Pentagon', 'America']) {
      expect(actorOf(`${name} has sent $1 billion in aid.`)).toBe('United States');
    }
  });

  it('normalizes allies and partners to Allies', () => {
    expect(actorOf('Western allies have given another $51 billion in aid.')).toBe('Allies');
    expect(actorOf('Partners have given another $51 billion in aid.')).toBe('Allies');
    expect(actorOf('A dozen Western allies joined.')).toBe('Allies');
  });

  it('normalizes Pyongyang, the DPRK and "North Korean" to North Korea', () => {
    expect(actorOf('Pyongyang has shipped over 13,000 containers.')).toBe('North Korea');
    expect(actorOf('The DPRK has shipped over 13,000 containers.')).toBe('North Korea');
    expect(actorOf('About 11,000 North Korean infantry troops are in training.')).toBe('North Korea');
  });

  it('reads the side from an adjective before the weapon ("Russian drones", "Ukrainian drones")', () => {
    expect(actorOf('As many as 12 Russian drones attacked Kyiv.')).toBe('Russia');
    expect(actorOf('Russia said it destroyed 18 Ukrainian drones.')).toBe('Ukraine');
  });

  it('gives shot-down drones to the side that launched them, named a sentence before', () => {
    const found = figuresIn('Russian drones also targeted Mykolaiv. Governor Kim said air defenses downed three drones overnight.');
    expect(found.map((f) => [f.value, f.actor])).toEqual([[3, 'Russia']]);
  });

  it('normalizes the EU', () => {
    expect(actorOf('The EU has approved a €50 billion aid package.')).toBe('European Union');
    expect(actorOf('The European Union has approved a €50 billion aid package.')).toBe('European Union');
  });

  it('takes the subject, not a recipient after "for" or "to"', () => {
    expect(actorOf('The U.S. has delivered more than $58 billion in security assistance for Ukraine since Russia\'s invasion.')).toBe('United States');
    expect(actorOf('Pyongyang has shipped Russia over 13,000 containers.')).toBe('North Korea');
  });

  it('takes the giver named after "by" or "from"', () => {
    expect(actorOf('An additional $1.7 billion has been provided by the US State Department.')).toBe('United States');
    expect(actorOf('Ukraine has received $5 billion in aid from the EU.')).toBe('European Union');
  });

  it('gives casualties to the side hit, not to the attacker', () => {
    expect(actorOf('A Russian missile attack on the city of Zaporizhzhia killed two people.')).toBe('Ukraine');
    expect(actorOf('Russian drone attacks injured at least one person in Kyiv.')).toBe('Ukraine');
  });

  it('gives counts of countries to the Allies', () => {
    expect(actorOf('The United States will host a meeting of about 50 countries.')).toBe('Allies');
  });

  it('is null when the text names no actor', () => {
    expect(actorOf('The strike killed 4 people.')).toBeNull();
  });
});

describe('running total (cumulative)', () => {
  const cumulative = (text: string): boolean => onlyFigure(text).cumulative;

  it('is true with a marker from config ("since", "to date", "so far", "a total of")', () => {
    expect(cumulative('The U.S. sent more than $58 billion in aid since February 2022.')).toBe(true);
    expect(cumulative('Allies trained 118,000 soldiers to date.')).toBe(true);
    expect(cumulative('Russia lost 600 troops so far.')).toBe(true);
    expect(cumulative('Allies trained a total of 118,000 soldiers.')).toBe(true);
  });

  it('is true for a present perfect that governs the number', () => {
    expect(cumulative('Pyongyang has shipped over 13,000 containers.')).toBe(true);
    expect(cumulative('About 600 North Korean troops have been killed.')).toBe(true);
    expect(cumulative('Zelensky said 43,000 Ukrainian soldiers had been killed.')).toBe(true);
  });

  it('is true for a tranche ordinal, which counts every tranche before it', () => {
    expect(cumulative('It was the fourth tranche.')).toBe(true);
  });

  it('is false for a single event', () => {
    expect(cumulative('Russia launched 120 drones overnight.')).toBe(false);
    expect(cumulative('The strike killed two people.')).toBe(false);
    expect(cumulative('Russia has launched 120 drones overnight.')).toBe(false);
  });

  it('is false for a package announced or an amount held up', () => {
    expect(cumulative('The Pentagon announced a $250 million package.')).toBe(false);
    expect(cumulative('Congress has stalled more than $110 billion in aid.')).toBe(false);
  });

  it('is false for a count of countries, even in a present perfect (config: cumulative false)', () => {
    expect(cumulative('A total of 27 countries have joined.')).toBe(false);
  });

  it('carries to the next item of a list that began with a running total', () => {
    const found = figuresIn('The United States has trained approximately 18,000 fighters, including approximately 16,300 soldiers in Germany.');
    expect(found.map((f) => [f.value, f.cumulative])).toEqual([
      [18_000, true],
      [16_300, true],
    ]);
  });
});
