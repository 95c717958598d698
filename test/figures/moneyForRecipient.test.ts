/** Money for the beat's recipient ("$37B for Ukraine") is aid even with no aid word beside it. */
import { describe, expect, it } from 'vitest';
import { figuresIn } from './helpers.js';

describe('money for the recipient', () => {
  it('"$N for Ukraine", "$N to Kyiv" in a headline with no aid word', () => {
    const found = figuresIn('White House seeks $24bn for Ukraine');
    expect(found.map((f) => [f.value, f.category, f.actor])).toEqual([[24e9, 'aid', 'United States']]);
    expect(figuresIn('London promises £2.3bn to Kyiv').map((f) => f.category)).toEqual(['aid']);
  });

  it('not money for someone or something else, nor a name that only modifies the one paid', () => {
    expect(figuresIn('The city spent $37 million for the new stadium.')).toEqual([]);
    expect(figuresIn('The club paid $70 million to Ukraine winger Mudryk.')).toEqual([]);
    expect(figuresIn('Moscow paid $1.7 billion to Iran for the factory.')).toEqual([]);
  });
});
