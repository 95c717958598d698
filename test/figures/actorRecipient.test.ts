/** The giver, not the recipient: a name after a verb of giving, or the subject of a verb of receiving, is not the actor. */
import { describe, expect, it } from 'vitest';
import { figuresIn, onlyFigure } from './helpers.js';

describe('actor of money and equipment', () => {
  it('skips the indirect object of a verb of giving', () => {
    expect(onlyFigure('Norway will give Ukraine 12 howitzers.').actor).toBe('Norway');
    expect(onlyFigure('Oslo agreed to send Kyiv $300 million in aid.').actor).toBe('Norway');
  });

  it('skips the subject of a verb of receiving and takes the giver named with "from"', () => {
    expect(onlyFigure('Ukrainian units also received eight howitzers from Denmark.').actor).toBe('Denmark');
    expect(figuresIn('Sweden has sent 10 patrol boats. Ukrainian crews also received two radars and four howitzers.').map((f) => f.actor)).toEqual(['Sweden', 'Sweden', 'Sweden']);
  });

  it('maps institutions and groups through config aliases', () => {
    expect(onlyFigure('The Defense Department has committed $2 billion in aid.').actor).toBe('United States');
    expect(onlyFigure('Donors have allocated $4 billion in aid.').actor).toBe('Allies');
    expect(onlyFigure('European countries have pledged $9 billion in aid.').actor).toBe('Europe');
  });

  it('still takes a subject that gives', () => {
    expect(onlyFigure('Denmark pledged $500 million in aid to Ukraine.').actor).toBe('Denmark');
  });
});
