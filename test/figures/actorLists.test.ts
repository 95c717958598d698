/**
 * Lists of names and the clause of the number: a list keeps the role its first member has
 * ("alongside Italy and Portugal"), the number's own clause names its giver before the sentence's
 * subject does, and a giver named only after "from" still counts.
 */
import { describe, expect, it } from 'vitest';
import { figuresIn, onlyFigure } from './helpers.js';

describe('a coordinated list is governed by what governs its first member', () => {
  it('names listed beside the subject do not give: "Spain, alongside Italy and Portugal, pledged"', () => {
    expect(onlyFigure('Spain, alongside Italy and Portugal, pledged €100 million in aid.').actor).toBe('Spain');
    expect(onlyFigure('Greece, together with Bulgaria and Romania, will send 30 armoured vehicles.').actor).toBe('Greece');
  });

  it('a list after "from" gives as a group, one after "for" receives', () => {
    expect(onlyFigure('Kyiv received $6 billion in aid from Norway, Sweden and Finland last week.').actor).toBe('Allies');
    expect(onlyFigure('Canada approved $900 million for Ukraine and Moldova.').actor).toBe('Canada');
  });

  it('a list that is itself the subject is still the group', () => {
    expect(onlyFigure('Belgium and Portugal will deliver 12 F-16 jets.').actor).toBe('Allies');
  });
});

describe('a headline lists its subjects with commas only', () => {
  it('"Poland, Slovakia to send 40 jets" is the group', () => {
    expect(onlyFigure('Poland, Slovakia to send 40 MiG-29 jets to Kyiv').actor).toBe('Allies');
    expect(onlyFigure('Sweden, Finland delivered 25 howitzers').actor).toBe('Allies');
  });

  it('a name before the comma that only sets the scene is no co-giver', () => {
    expect(onlyFigure('Unlike Hungary, Slovakia delivered 13 MiG-29 jets.').actor).toBe('Slovakia');
    expect(onlyFigure('After Poland, Lithuania pledged 10 howitzers.').actor).toBe('Lithuania');
  });
});

describe('the number\'s own clause before the rest of the sentence', () => {
  it('a name in the clause of the number beats the subject of an earlier clause', () => {
    expect(figuresIn('Japan is to give $5 billion in aid, bringing Canada\'s aid down to an equivalent $3 billion.').map((f) => f.actor)).toEqual(['Japan', 'Canada']);
  });

  it('with no name in its clause, the subject of the sentence still gives', () => {
    expect(onlyFigure('Austria, the smallest donor in the group, gave €40 million in aid.').actor).toBe('Austria');
    expect(onlyFigure('In a statement on Friday, Norway said it would send 8 howitzers.').actor).toBe('Norway');
  });
});

describe('a giver named after "from"', () => {
  it('counts when the sentence names no other giver', () => {
    expect(onlyFigure('The package from Australia includes 30 Bushmaster vehicles.').actor).toBe('Australia');
    expect(onlyFigure('A shipment from Italy of 20 howitzers arrived.').actor).toBe('Italy');
  });

  it('does not make the recipient a giver, nor beat a named subject', () => {
    expect(onlyFigure('Aid from Kyiv\'s allies reached $4 billion.').actor).toBe('Allies');
    expect(onlyFigure('Since the call from Zelensky, Denmark has sent 9 tanks.').actor).toBe('Denmark');
  });
});
