/** Equipment counts (schema v2): weapon systems, vehicles, aircraft, vessels and rounds, by nouns from config. */
import { describe, expect, it } from 'vitest';
import { core, figuresIn, onlyFigure } from './helpers.js';

describe('equipment', () => {
  it('counts weapon systems, vehicles, aircraft, vessels and rounds', () => {
    expect(core(onlyFigure('Norway will give 12 howitzers.'))).toEqual([12, null, 'count', 'exact', 'equipment']);
    expect(onlyFigure('The shipment held 40,000 artillery rounds.').category).toBe('equipment');
    expect(onlyFigure('Ottawa is sending eight armoured vehicles.').category).toBe('equipment');
    expect(onlyFigure('Sweden offered 10 patrol boats.').category).toBe('equipment');
    expect(onlyFigure('Belgium promised 30 fighter jets.').category).toBe('equipment');
  });

  it('takes a rocket system as equipment, not as missiles', () => {
    expect(onlyFigure('Kyiv received six HIMARS multiple-launch rocket systems.').category).toBe('equipment');
  });

  it('does not take people for equipment ("fighters")', () => {
    expect(onlyFigure('The mission trained 900 fighters.').category).toBe('trained');
  });

  it('does not count a model number ("Leopard 2", "Wisent 1")', () => {
    expect(figuresIn('Spain sent six Leopard 2 tanks.').map((f) => f.value)).toEqual([6]);
    expect(figuresIn('Poland delivered the Wisent 1 mine clearing tanks.')).toEqual([]);
  });
});
