/**
 * Whose figure it is, read from the figure's own clause first: the giver named there beats one
 * carried over; a body that only reports the figure is not its actor; several givers named
 * together are the group.
 */
import { describe, expect, it } from 'vitest';
import { figuresIn, onlyFigure } from './helpers.js';

describe('actor named in the figure\'s own clause', () => {
  it('the giver of this clause wins over the one of the sentence before', () => {
    const found = figuresIn('Sweden sent eight howitzers last spring. Later Norway pledged $200 million in aid.');
    expect(found.map((f) => [f.value, f.actor])).toEqual([[8, 'Sweden'], [200e6, 'Norway']]);
  });

  it('a possessive giver counts: "Finland\'s promise to hand over 12 tanks"', () => {
    expect(onlyFigure('The news followed Finland\'s promise to hand over 12 Leopard tanks.').actor).toBe('Finland');
    expect(onlyFigure('The news followed Finland\'s promise to hand over 12 Leopard tanks.').qualifier).toBe('exact');
  });

  it('a possessive of a time or a war names no giver', () => {
    expect(onlyFigure('Since Russia\'s February 2022 invasion, Canada has provided $4 billion in aid.').actor).toBe('Canada');
  });

  it('an actor before a war noun (config warNouns) is the attacker, not the giver of aid', () => {
    expect(onlyFigure('Russian aggression has not stopped the $2 billion in aid that arrived this year.').actor).toBeNull();
    expect(onlyFigure('Aid worth $3 billion has reached Kyiv since the Russian occupation began.').actor).toBeNull();
    expect(onlyFigure('Since Russia\'s war began, Denmark has sent $5 billion in aid.').actor).toBe('Denmark');
  });

  it('the subject that receives takes its giver from "from", even before the number', () => {
    expect(onlyFigure('Kyiv will get the first jets from Norway, six F-16s, in the spring.').actor).toBe('Norway');
  });

  it('"US$" is a currency, not the United States', () => {
    expect(onlyFigure('The move lifts Britain\'s total aid to about US$9 billion.').actor).toBe('United Kingdom');
  });

  it('a maker is no launcher: "Iranian-made drones" fired by Russia', () => {
    expect(onlyFigure('Russia launched 30 Iranian-made drones overnight.').actor).toBe('Russia');
  });
});

describe('sources are not actors', () => {
  it('"X said" reports: the giver is the one the report names', () => {
    expect(onlyFigure('The US government said on Friday that donors have agreed to lend $20 billion in aid.').actor).toBe('Allies');
  });

  it('"according to X" reports', () => {
    expect(onlyFigure('According to the Pentagon, Poland has sent 14 tanks.').actor).toBe('Poland');
  });

  it('"X intelligence estimates" and "X has data on" report the sender, they do not send', () => {
    expect(onlyFigure('US intelligence estimates that North Korea has deployed 3,000 troops.').actor).toBe('North Korea');
    expect(onlyFigure('Washington has data on the transfer of 5,000 troops from North Korea.').actor).toBe('North Korea');
  });

  it('a source speaking for itself is the actor: "the Pentagon said it would send"', () => {
    expect(onlyFigure('The Pentagon said it would send $150 million in aid.').actor).toBe('United States');
  });
});

describe('several givers', () => {
  it('named together with "and" are the group from config (Allies)', () => {
    expect(onlyFigure('Norway and the Netherlands will give Ukraine 24 F-16 jets.').actor).toBe('Allies');
    expect(onlyFigure('The other $6 billion in loans is to come from Japan, Canada and Norway.').actor).toBe('Allies');
  });

  it('named "alongside" another, the subject keeps the figure', () => {
    expect(onlyFigure('Slovakia, alongside Poland, has sent 13 jets.').actor).toBe('Slovakia');
  });

  it('a comma that only ends a clause joins no one', () => {
    expect(onlyFigure('As the minister visited Ukraine, Germany announced $300 million in aid.').actor).toBe('Germany');
  });
});

describe('who is never the giver', () => {
  it('the beat\'s recipient (config neverActors): "delivering Ukraine 30 jets", "tanks shipped to Ukraine"', () => {
    expect(onlyFigure('Belgium, which has committed to delivering Ukraine 30 F-16 jets, is the host.').actor).toBe('Belgium');
    expect(onlyFigure('The shipment takes the total of tanks Spain has shipped to Ukraine to 20.').actor).toBe('Spain');
  });

  it('the attacker named with its war: "since the full-scale Russian invasion"', () => {
    expect(onlyFigure('Japan has provided $12 billion in aid since the full-scale Russian invasion.').actor).toBe('Japan');
  });

  it('a name after "by" in another clause is no agent: ", followed by Norway"', () => {
    expect(figuresIn('Germany accounted for €4 billion in aid, followed by Norway.').map((f) => f.actor)).toEqual(['Germany']);
  });
});
