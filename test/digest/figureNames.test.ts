import { describe, expect, it } from 'vitest';
import { figureLabel, type FigureLabelRule } from '../../src/digest/figureLabel.js';
import { seriesKey } from '../../src/digest/measureKey.js';
import { selectKeyFigures } from '../../src/digest/selectKeyFigures.js';
import type { StoredFigure } from '../../src/store/store.js';
import { LABELS, PERIODS, figure } from './fixtures.js';

const none = new Map<string, StoredFigure>();

describe('figure names readers understand (config labels)', () => {
  it('a count of coalition countries reads "Countries in the coalition", not "Other · Allies"', () => {
    expect(figureLabel({ category: 'other', actor: 'Allies', unit: 'count', cumulative: false }, LABELS)).toBe('Countries in the coalition');
    expect(figureLabel({ category: 'other', actor: 'European Union', unit: 'count', cumulative: false }, LABELS)).toBe('Countries taking part (European Union)');
  });

  it('names running totals, packages, casualties and attacks as a reader would ask for them', () => {
    const name = (f: Partial<Parameters<typeof figureLabel>[0]> & { category: string }) =>
      figureLabel({ actor: null, unit: 'count', cumulative: false, ...f }, LABELS);
    expect(name({ category: 'aid', actor: 'Germany', unit: 'EUR', cumulative: true })).toBe('Total aid (Germany)');
    expect(name({ category: 'aid_package', actor: 'Canada', unit: 'USD', status: 'pledged' })).toBe('Latest aid package (Canada)');
    expect(name({ category: 'aid_package', actor: 'Canada', unit: 'ordinal', cumulative: true })).toBe('Aid tranche number (Canada)');
    expect(name({ category: 'casualties_killed', actor: 'Ukraine' })).toBe('People killed (Ukraine)');
    expect(name({ category: 'drones', actor: 'Russia', event: 'shot_down' })).toBe('Drones shot down (Russia)');
    // No actor: the brackets go too.
    expect(name({ category: 'casualties_injured' })).toBe('People injured');
  });

  it('a proposed figure always says "proposed", even under a rule that forgets to', () => {
    expect(figureLabel({ category: 'aid', actor: 'United States', unit: 'USD', cumulative: false, status: 'proposed' }, LABELS)).toBe(
      'Aid proposed, not yet given (United States)',
    );
    const careless: FigureLabelRule[] = [{ category: 'aid', label: 'Money for Kyiv ({actor})' }];
    expect(figureLabel({ category: 'aid', actor: 'Norway', unit: 'NOK', cumulative: true, status: 'proposed' }, careless)).toBe('Money for Kyiv (Norway), proposed');
  });

  it('a category no rule names reads as its words with the actor in brackets', () => {
    expect(figureLabel({ category: 'satellite_images', actor: 'Japan', unit: 'count', cumulative: false }, LABELS)).toBe('Satellite images (Japan)');
  });
});

const total = (id: number, actor: string, value: number, extra: Partial<StoredFigure> = {}): StoredFigure =>
  figure({ id, articleId: id, value, unit: 'USD', category: 'aid', actor, cumulative: true, status: 'delivered', published: `2025-03-0${1 + (id % 9)}T09:00:00Z`, ...extra });

describe('a balanced key-figures section', () => {
  it('twelve donors\' totals do not crowd out the newest package, the day\'s dead and the drone attack', () => {
    const donors = ['Norway', 'Sweden', 'Denmark', 'Finland', 'Estonia', 'Latvia', 'Lithuania', 'Poland', 'Czechia', 'Austria', 'Ireland', 'Portugal'];
    const totals = donors.map((d, i) => total(i + 1, d, (20 - i) * 1e9));
    const day = '2025-03-09T18:00:00Z';
    const oldPackage = figure({ id: 40, articleId: 40, value: 900e6, unit: 'USD', category: 'aid_package', actor: 'Norway', status: 'pledged', published: '2025-03-02T09:00:00Z' });
    const newPackage = figure({ id: 41, articleId: 41, value: 150e6, unit: 'USD', category: 'aid_package', actor: 'Sweden', status: 'pledged', published: day });
    const dead = figure({ id: 42, articleId: 42, value: 7, unit: 'count', category: 'casualties_killed', actor: 'Ukraine', published: day });
    const drones = figure({ id: 43, articleId: 42, value: 90, unit: 'count', category: 'drones', actor: 'Russia', event: 'launched', qualifier: 'more_than', published: day });
    const lines = selectKeyFigures([...totals, oldPackage, newPackage, dead, drones], { previousFigures: none, labels: LABELS, periods: PERIODS });
    expect(lines.map((f) => `${f.label}: ${f.text}`)).toEqual([
      'Total aid (Norway): $20 billion',
      'Total aid (Sweden): $19 billion',
      'Total aid (Denmark): $18 billion',
      'Total aid (Finland): $17 billion',
      'Total aid (Estonia): $16 billion',
      'Total aid (Latvia): $15 billion',
      // The newest package leads its group, not the largest.
      'Latest aid package (Sweden): $150 million',
      'Latest aid package (Norway): $900 million',
      'People killed (Ukraine): 7',
      'Drones launched (Russia): more than 90',
    ]);
  });
});

describe('key figures follow the answers\' series rules', () => {
  it('a proposed total is labelled proposed, shown after what was given, and is never the given total\'s earlier value', () => {
    const given = total(1, 'United States', 64e9, { published: '2025-03-09T09:00:00Z', since: '2022-02' });
    const asked = total(2, 'United States', 95e9, { published: '2025-03-09T10:00:00Z', status: 'proposed', cumulative: true });
    const deaths = figure({ id: 3, articleId: 3, value: 4, unit: 'count', category: 'casualties_killed', actor: 'Ukraine', published: '2025-03-09T11:00:00Z' });
    const lines = selectKeyFigures([given, asked, deaths], { previousFigures: none, labels: LABELS, periods: PERIODS });
    expect(lines.map((f) => `${f.label}: ${f.text}${f.previous ? ` (before ${f.previous.text})` : ''}`)).toEqual([
      'Total aid (United States): $64 billion',
      'People killed (Ukraine): 4',
      'Aid proposed, not yet given (United States): $95 billion',
    ]);
  });

  it('an earlier proposed figure is not the previous value of the given total, an earlier given one is', () => {
    const now = total(1, 'United States', 64e9, { published: '2025-03-09T09:00:00Z', since: '2022-02' });
    const proposedBefore = total(7, 'United States', 110e9, { published: '2025-01-09T09:00:00Z', status: 'proposed' });
    const givenBefore = total(8, 'United States', 61e9, { published: '2024-12-09T09:00:00Z', since: 'the invasion' });
    const withProposed = selectKeyFigures([now], { previousFigures: new Map([[seriesKey(now, PERIODS), proposedBefore]]), labels: LABELS, periods: PERIODS });
    // Even handed over under the given series' key, a proposed report is never its "before".
    expect(withProposed[0]!.previous).toBeNull();
    const withGiven = selectKeyFigures([now], { previousFigures: new Map([[seriesKey(now, PERIODS), givenBefore]]), labels: LABELS, periods: PERIODS });
    expect(withGiven[0]!.previous).toMatchObject({ value: 61e9, direction: 'up' });
  });

  it('a total since 2014 is not the previous value of one since February 2022', () => {
    const now = total(1, 'United States', 64e9, { published: '2025-03-09T09:00:00Z', since: '2022-02' });
    const since2014 = total(9, 'United States', 70e9, { published: '2025-02-01T09:00:00Z', since: '2014' });
    const sameSeries = total(10, 'United States', 61e9, { published: '2025-01-01T09:00:00Z', since: 'the invasion' });
    const both = selectKeyFigures([now, since2014], { previousFigures: none, labels: LABELS, periods: PERIODS });
    expect(both.map((f) => [f.text, f.previous?.text ?? null])).toEqual([
      ['$70 billion', null],
      ['$64 billion', null],
    ]);
    const withEarlier = selectKeyFigures([now], { previousFigures: new Map([[seriesKey(now, PERIODS), sameSeries]]), labels: LABELS, periods: PERIODS });
    expect(withEarlier[0]!.previous).toMatchObject({ text: '$61 billion', direction: 'up' });
  });
});
