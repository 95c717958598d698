/**
 * One package or a running total, and where money stands (proposed, pledged, delivered), from the
 * words around the figure; a figure with no such word takes the one a figure of the same kind
 * nearby read.
 */
import { describe, expect, it } from 'vitest';
import { figuresIn, onlyFigure } from './helpers.js';

const brief = (text: string): Array<[number, string, boolean, string | null]> => figuresIn(text).map((f) => [f.value, f.category, f.cumulative, f.status]);

describe('package or running total', () => {
  it('aid announced, or on top of earlier aid, is one package', () => {
    expect(brief('Sweden announced $90 million in military aid on Tuesday.')).toEqual([[90e6, 'aid_package', false, 'pledged']]);
    expect(brief('Canada will send an additional $70 million of military aid.')).toEqual([[70e6, 'aid_package', false, 'pledged']]);
  });

  it('a running total stays aid even when it is "worth" something', () => {
    expect(brief('Since the war began, Norway has approved aid worth about $3 billion.')).toEqual([[3e9, 'aid', true, 'pledged']]);
  });

  it('a budget line and a sum stay aid: "another €2 billion for this year", "amounting to"', () => {
    expect(brief('Parliament cleared another €2 billion in aid for this year.')).toEqual([[2e9, 'aid', false, 'pledged']]);
  });

  it('"brought the total to" marks a running total', () => {
    const f = onlyFigure('The shipment brought the total of howitzers Spain has sent to 36.');
    expect([f.value, f.category, f.cumulative]).toEqual([36, 'equipment', true]);
  });

  it('a request adds up to nothing yet, even "a total of"', () => {
    expect(brief('The White House is seeking a total of $24 billion in aid.')).toEqual([[24e9, 'aid', false, 'proposed']]);
  });
});

describe('status from the verbs', () => {
  it('asked for → proposed, pledged → pledged, handed over → delivered', () => {
    expect(onlyFigure('The president asked Congress for $20 billion in aid.').status).toBe('proposed');
    expect(onlyFigure('Portugal pledged $40 million in aid.').status).toBe('pledged');
    expect(onlyFigure('Latvia handed over six howitzers last week.').status).toBe('delivered');
  });

  it('a delivery still to come is pledged: "are to be delivered", "should get"', () => {
    expect(onlyFigure('Ten more jets are to be delivered next year.').status).toBe('pledged');
  });

  it('the parts of a request are proposed, though their own sentence names no verb of asking', () => {
    const found = figuresIn('The president asked Congress for $60 billion in aid. Of this, $20 billion would go to weapons for Ukraine.');
    expect(found.map((f) => f.status)).toEqual(['proposed', 'proposed']);
  });

  it('with no word anywhere near, the category\'s default', () => {
    expect(onlyFigure('The package is worth $150 million.').status).toBe('pledged');
  });
});
