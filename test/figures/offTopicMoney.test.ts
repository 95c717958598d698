/** Money an omnibus bill spends on other things is no aid figure; the aid lines around it stay. */
import { describe, expect, it } from 'vitest';
import { figuresIn } from './helpers.js';

const amounts = (text: string): number[] => figuresIn(text).map((f) => f.value);

describe('off-topic money', () => {
  it('a purpose named right after the amount ("in coronavirus relief", "to fight opioid trafficking")', () => {
    expect(amounts('The spending bill also holds $7 billion in coronavirus relief and $45 billion in aid for Ukraine.')).toEqual([45e9]);
    expect(amounts('The request sets aside $900 million to fight opioid trafficking, alongside $20 billion of military aid to Kyiv.')).toEqual([20e9]);
  });

  it('a heading before the amount ("IMMIGRATION FUNDING: $8 BILLION")', () => {
    expect(amounts('IMMIGRATION FUNDING: $8 BILLION\nUKRAINE AID: $50 BILLION')).toEqual([50e9]);
  });

  it('a purpose in another clause of the sentence does not touch the aid amount', () => {
    expect(amounts('Congress approved $40 billion in aid for Ukraine, with the remainder going to border enforcement.')).toEqual([40e9]);
    expect(amounts('Of this, $6 billion is humanitarian aid for Ukraine, with the balance going to asylum processing.')).toEqual([6e9]);
  });
});
