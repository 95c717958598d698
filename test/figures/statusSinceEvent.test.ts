/** Status, since and event (schema v2): read from config word lists and the "since" phrase of a running total. */
import { describe, expect, it } from 'vitest';
import { extractFigures } from '../../src/figures/extractFigures.js';
import { readPeriod } from '../../src/figures/readSince.js';
import { defaultRules, figuresIn, onlyFigure } from './helpers.js';

describe('status', () => {
  it('comes from the status word nearest the figure', () => {
    expect(onlyFigure('The president requested $12 billion in aid for Kyiv.').status).toBe('proposed');
    expect(onlyFigure('Oslo pledged $300 million in military aid.').status).toBe('pledged');
    expect(onlyFigure('Ottawa has delivered eight armoured vehicles.').status).toBe('delivered');
    expect(figuresIn('Parliament approved $2 billion in aid, and the cabinet asked for $3 billion in funding.').map((f) => f.status)).toEqual(['pledged', 'proposed']);
  });

  it('defaults to pledged for money and equipment when no word says', () => {
    expect(onlyFigure('It is a $90 million package.').status).toBe('pledged');
  });

  it('is null for figures that carry no status', () => {
    expect(onlyFigure('The strike killed nine civilians after aid was delivered.').status).toBeNull();
  });
});

describe('event', () => {
  it('comes from the launch, shoot-down or hit word nearest the count', () => {
    expect(onlyFigure('Russia launched 44 drones at the capital.').event).toBe('launched');
    expect(onlyFigure('Air defences intercepted 30 drones overnight.').event).toBe('shot_down');
    expect(onlyFigure('Three missiles struck the port.').event).toBe('hit');
  });

  it('is null when the text does not say, and for other kinds', () => {
    expect(onlyFigure('Iran built 200 drones for the army.').event).toBeNull();
    expect(onlyFigure('The rocket strike killed four people.').event).toBeNull();
  });
});

describe('since', () => {
  it('normalizes a named month and year, a year, and a month of the publication year', () => {
    expect(onlyFigure('Norway has given $2 billion in aid since March 2023.').since).toBe('2023-03');
    expect(onlyFigure('Sweden has given $900 million in aid since 2015.').since).toBe('2015');
    const [f] = extractFigures({ text: 'Spain has given $700 million in aid since April.', published: '2024-09-02' }, defaultRules);
    expect(f!.since).toBe('2024-04');
    const [g] = extractFigures({ text: 'Spain has given $700 million in aid since November.', published: '2024-09-02' }, defaultRules);
    expect(g!.since).toBe('2023-11');
  });

  it('maps a named event through config and keeps other phrases as a label', () => {
    expect(onlyFigure('Since the invasion began, Oslo has given $3 billion in aid.').since).toBe('2022-02');
    expect(onlyFigure('Since the new government took office, Rome has given $1 billion in aid.').since).toBe('new government took office');
  });

  it('is null for a figure that is not a running total', () => {
    expect(onlyFigure('Madrid announced a $50 million package on Monday, its first since 2022.').since).toBeNull();
  });

  it('reads relative periods against the publication date', () => {
    expect(readPeriod('earlier this month', '2024-10-21', [])).toBe('2024-10');
    expect(readPeriod('last year', '2024-10-21', [])).toBe('2023');
    expect(readPeriod('may have', '2024-10-21', [])).toBe('may have');
  });
});
