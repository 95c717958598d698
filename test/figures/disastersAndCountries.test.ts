/**
 * Victims of natural disasters belong to no side (config disasterNouns), and countries and
 * institutions beyond the usual donors are named through config aliases, not code.
 */
import { describe, expect, it } from 'vitest';
import { figuresIn, onlyFigure } from './helpers.js';

describe('the victims of a natural disaster have no actor', () => {
  it('named in the figure\'s sentence', () => {
    expect(onlyFigure('The earthquake that hit eastern Turkey has killed more than 4,000 people.').actor).toBeNull();
    expect(onlyFigure('Floods in Pakistan displaced 33 million people.').actor).toBeNull();
  });

  it('named in a sentence just before', () => {
    const found = figuresIn('A powerful quake struck central Italy on Sunday. Officials in Rome said 240 people had died.');
    expect(found.map((f) => [f.value, f.actor])).toEqual([[240, null]]);
  });

  it('an attack named in the sentence still has its victims', () => {
    expect(onlyFigure('Russian shelling killed 6 people in the flooded town of Kherson.').actor).toBe('Ukraine');
  });
});

describe('countries and institutions as config aliases', () => {
  it('names the side hit in a country outside the usual list', () => {
    expect(onlyFigure('Israeli airstrikes killed 31 people in southern Lebanon.').actor).toBe('Lebanon');
    expect(onlyFigure('Turkish drones killed 12 people in northern Syria.').actor).toBe('Syria');
  });

  it('a point of the compass does not hide the place hit, and a place in the number\'s clause beats one outside it', () => {
    expect(onlyFigure('After talks in Moscow, officials said 9 people died in eastern Ukraine.').actor).toBe('Ukraine');
  });

  it('maps institutions to their side: the IDF, NATO, the Senate', () => {
    expect(onlyFigure('The IDF said it intercepted 40 rockets over the north.').actor).toBeNull();
    expect(onlyFigure('NATO has delivered 230 tanks to Ukraine.').actor).toBe('Allies');
    expect(onlyFigure('The Senate approved $95 billion in aid on Tuesday.').actor).toBe('United States');
  });
});
