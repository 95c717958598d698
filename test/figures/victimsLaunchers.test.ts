/**
 * Victims and attackers: a casualty belongs to the side whose people were hit; drones and missiles
 * belong to the side that launched them, whether the count is of launches or of shoot-downs, and
 * each says which (event).
 */
import { describe, expect, it } from 'vitest';
import { figuresIn, onlyFigure } from './helpers.js';

const pick = (text: string): Array<[number, string, string | null, string | null]> => figuresIn(text).map((f) => [f.value, f.category, f.actor, f.event]);

describe('casualties: the side hit', () => {
  it('the place hit, never the attacker', () => {
    expect(onlyFigure('A Russian rocket attack killed 14 civilians in Odesa on Monday.').actor).toBe('Ukraine');
  });

  it('the side named as suffering: "Russia has sustained 50,000 casualties"', () => {
    const f = onlyFigure('Officials believe Russia has sustained about 50,000 casualties since the summer.');
    expect([f.value, f.category, f.actor, f.cumulative]).toEqual([50000, 'casualties', 'Russia', true]);
  });

  it('a nationality right before the count\'s word: "the Israeli death toll"', () => {
    const f = onlyFigure('The Israeli death toll has passed 300, the army said.');
    expect([f.value, f.qualifier, f.category, f.actor]).toEqual([300, 'more_than', 'casualties_killed', 'Israel']);
  });

  it('carried over from the report\'s earlier casualty when a sentence names no side', () => {
    const found = figuresIn('A drone strike killed nine people in Sumy on Tuesday. The governor said 22 were wounded. Two children were among the dead, he added.');
    expect(found.map((f) => [f.value, f.category, f.actor])).toEqual([
      [9, 'casualties_killed', 'Ukraine'],
      [22, 'casualties_injured', 'Ukraine'],
      [2, 'casualties_killed', 'Ukraine'],
    ]);
  });

  it('a source that counts its own dead is the side of last resort', () => {
    expect(onlyFigure('Gunmen crossed the fence and killed 40 people, according to Israeli officials.').actor).toBe('Israel');
  });
});

describe('drones and missiles: the launcher', () => {
  it('the defender who shoots them down is not the launcher', () => {
    expect(pick('Russia launched 40 drones at Kyiv overnight. Ukrainian air defences shot down 35 drones.')).toEqual([
      [40, 'drones', 'Russia', 'launched'],
      [35, 'drones', 'Russia', 'shot_down'],
    ]);
  });

  it('the launcher named in a relative clause: "drones that Russia sent"', () => {
    expect(pick('Ukraine\'s forces downed 20 of 25 attack drones that Russia sent overnight.')).toEqual([
      [20, 'drones', 'Russia', 'shot_down'],
      [25, 'drones', 'Russia', 'launched'],
    ]);
  });

  it('the target of an attack verb launches nothing', () => {
    expect(onlyFigure('Russian forces attacked Ukraine using three cruise missiles.').actor).toBe('Russia');
  });

  it('a partitive\'s whole was launched, its part takes the verb before it', () => {
    expect(pick('Air defences destroyed two of the six Russian missiles fired at the city.')).toEqual([
      [2, 'missiles', 'Russia', 'shot_down'],
      [6, 'missiles', 'Russia', 'launched'],
    ]);
  });
});

describe('casualties: the attacker named with its weapon', () => {
  it('the agent of a passive and a weapon after one modifier are the attacker: "hit by two Russian guided bombs"', () => {
    const found = figuresIn('In Kharkiv, four people died and 30 were wounded after a shop was hit by two Russian guided bombs.');
    expect(found.map((f) => [f.value, f.actor])).toEqual([[4, 'Ukraine'], [30, 'Ukraine']]);
  });
});
