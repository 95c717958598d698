/** The question offered when nothing fits: filled in with the actor, and readable for figures of no actor. */
import { describe, expect, it } from 'vitest';
import { exampleQuestion } from '../../src/answers/closestHeld.js';
import { MeasureSchema } from '../../src/answers/rules.js';

const total = MeasureSchema.parse({ name: 'total aid', category: 'aid', phrases: ['aid'], example: 'What is the total aid from {actor} to date?' });

describe('the example question', () => {
  it('fills in the actor', () => {
    expect(exampleQuestion(total, 'Norway')).toBe('What is the total aid from Norway to date?');
  });

  it('for figures of no actor, asks plainly rather than leaving a gap', () => {
    expect(exampleQuestion(total, null)).toBe('What is the latest figure on total aid?');
  });
});
