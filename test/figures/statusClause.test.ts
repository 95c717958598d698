/**
 * Status: a verb of the figure's own clause says what happened to what a noun names (config
 * statusNouns), and a status read from the text carries over a few sentences of the same kind.
 */
import { describe, expect, it } from 'vitest';
import { figuresIn, onlyFigure } from './helpers.js';

describe('a verb of the clause beats a status noun', () => {
  it('a bill or request that passed is pledged', () => {
    expect(onlyFigure('The $48 billion aid bill finally cleared the Senate on Thursday.').status).toBe('pledged');
    expect(onlyFigure('Parliament approved the government\'s request for €5 billion in aid.').status).toBe('pledged');
  });

  it('a pledge that arrived is delivered', () => {
    expect(onlyFigure('The pledge of 12 Leopard tanks was delivered in May.').status).toBe('delivered');
  });

  it('with no verb in its clause, the noun still decides', () => {
    expect(onlyFigure('The Senate bill, worth $20 billion in aid, faces a vote next week.').status).toBe('proposed');
  });
});

describe('a status read from the text carries over the sentences of one list', () => {
  it('lasts through a breakdown four sentences long', () => {
    const text =
      'The White House asked Congress for $50 billion in aid. ' +
      'Of this, $20 billion would buy weapons for Ukraine. ' +
      'The plan covers shelters in Poland. ' +
      'Schools in Moldova are named as well. ' +
      'REFUGEES: $4 BILLION';
    expect(figuresIn(text).map((f) => f.status)).toEqual(['proposed', 'proposed', 'proposed']);
  });
});

describe('the part of a whole takes the status of its own predicate', () => {
  it('"12 of the 40 promised howitzers have arrived": the part delivered, the whole pledged', () => {
    const found = figuresIn('So far 12 of the 40 promised howitzers have arrived.');
    expect(found.map((f) => [f.value, f.status])).toEqual([[12, 'delivered'], [40, 'pledged']]);
  });

  it('with no word outside the quote, the quote still decides', () => {
    expect(figuresIn('Kyiv counts 3 of the 20 delivered jets.').map((f) => f.status)).toEqual(['delivered', 'delivered']);
  });
});
