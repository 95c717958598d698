import { describe, expect, it } from 'vitest';
import { buildDigest } from '../../src/digest/buildDigest.js';
import { figureLabel } from '../../src/digest/figureLabel.js';
import { seriesKey } from '../../src/digest/measureKey.js';
import { selectKeyFigures } from '../../src/digest/selectKeyFigures.js';
import type { StoredFigure } from '../../src/store/store.js';
import { LABELS, figure, seedFigures, seedScenario } from './fixtures.js';

const none = new Map<string, StoredFigure>();

function usTotal(spec: Partial<StoredFigure> & Pick<StoredFigure, 'id' | 'articleId' | 'value' | 'published'>): StoredFigure {
  return figure({ unit: 'USD', category: 'aid', actor: 'United States', cumulative: true, qualifier: 'more_than', ...spec });
}

describe('key figures of a digest', () => {
  it('keeps the qualifier: "more than $58 billion"', () => {
    const d = buildDigest(seedScenario());
    const total = d.figures.find((f) => f.category === 'aid' && f.actor === 'United States')!;
    expect(total.text).toBe('more than $58 billion');
    expect(total.qualifier).toBe('more_than');
    expect(total.source).toBe('VOA');
  });

  it('gives a running total the previous reported value and which way it moved', () => {
    const d = buildDigest(seedScenario());
    const total = d.figures.find((f) => f.category === 'aid' && f.actor === 'United States')!;
    expect(total.previous).toEqual({
      value: 44_200_000_000,
      qualifier: 'more_than',
      text: '$44.2 billion',
      published: '2024-01-22T16:00:00.000Z',
      source: 'AP',
      direction: 'up',
    });
  });

  it('says "down" when a running total fell, and "unchanged" when it held', () => {
    const before = usTotal({ id: 1, articleId: 1, value: 60e9, published: '2024-09-01T00:00:00Z' });
    const fell = selectKeyFigures([usTotal({ id: 2, articleId: 2, value: 58e9, published: '2024-10-21T00:00:00Z' })], {
      previousFigures: new Map([[seriesKey(before), before]]),
    });
    expect(fell[0]!.previous?.direction).toBe('down');
    const held = selectKeyFigures([usTotal({ id: 2, articleId: 2, value: 60e9, published: '2024-10-21T00:00:00Z' })], {
      previousFigures: new Map([[seriesKey(before), before]]),
    });
    expect(held[0]!.previous?.direction).toBe('unchanged');
  });

  it('shows a running total once, its newest report, changed from an older report in the same digest', () => {
    const figures = [
      usTotal({ id: 1, articleId: 1, value: 50e9, published: '2024-10-20T10:00:00Z', sourceName: 'AP' }),
      usTotal({ id: 2, articleId: 2, value: 58e9, published: '2024-10-21T10:00:00Z', sourceName: 'VOA' }),
      usTotal({ id: 3, articleId: 3, value: 58e9, published: '2024-10-21T12:00:00Z', sourceName: 'Reuters' }),
    ];
    const before = usTotal({ id: 9, articleId: 9, value: 44.2e9, published: '2024-01-22T00:00:00Z' });
    const [only, ...rest] = selectKeyFigures(figures, { previousFigures: new Map([[seriesKey(before), before]]) });
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ value: 58e9, source: 'Reuters', previous: { value: 50e9, source: 'AP', direction: 'up' } });
  });

  it('takes an article\'s largest value of a measure as its headline, not the parts of the total', () => {
    const ap = seedFigures('s2', 7, '2024-01-22T16:00:00.000Z', null, 1);
    const figures = selectKeyFigures(ap, { previousFigures: none });
    const usAid = figures.filter((f) => f.category === 'aid' && f.actor === 'United States');
    // The running total ($44.2 billion; its parts $23.6bn, $19bn, $1.7bn are left out) and the
    // stalled one-off figure (more than $110 billion for Ukraine and Israel).
    expect(usAid.map((f) => [f.text, f.cumulative])).toEqual([
      ['more than $44.2 billion', true],
      ['more than $110 billion', false],
    ]);
  });

  it('lists the same statement reported by two articles once, from the first report', () => {
    const a = figure({ id: 1, articleId: 1, value: 400e6, unit: 'USD', category: 'aid_package', actor: 'United States', qualifier: 'about', published: '2024-10-21T09:00:00Z', sourceName: 'VOA' });
    const b = { ...a, id: 2, articleId: 2, published: '2024-10-21T11:00:00Z', sourceName: 'AP' };
    const figures = selectKeyFigures([b, a], { previousFigures: none });
    expect(figures).toHaveLength(1);
    expect(figures[0]!.source).toBe('VOA');
  });

  it('balances the seed digest: running totals, the package, the casualties and attacks, the coalition; at most 10', () => {
    const d = buildDigest(seedScenario());
    expect(d.figures.map((f) => `${f.label}: ${f.text}`)).toEqual([
      'Total aid (United States): more than $58 billion',
      'Total aid (Allies): $51 billion',
      'Latest aid package (United States): about $400 million',
      'People killed (Ukraine): 2',
      'People injured (Ukraine): 15',
      'Drones launched (Russia): as many as 12',
      'Drones shot down (Ukraine): 18',
      'Troops deployed (North Korea): about 1,500',
      'Containers of munitions (North Korea): more than 13,000',
      'Countries in the coalition: 12',
    ]);
  });

  it('honours a smaller maxFigures', () => {
    const d = buildDigest({ ...seedScenario(), maxFigures: 3 });
    expect(d.figures.map((f) => f.text)).toEqual(['more than $58 billion', '$51 billion', 'about $400 million']);
  });

  it('ignores a previous report that is newer than the new one', () => {
    const later = usTotal({ id: 1, articleId: 1, value: 60e9, published: '2024-11-01T00:00:00Z' });
    const [f] = selectKeyFigures([usTotal({ id: 2, articleId: 2, value: 58e9, published: '2024-10-21T00:00:00Z' })], {
      previousFigures: new Map([[seriesKey(later), later]]),
    });
    expect(f!.previous).toBeNull();
  });

  it('takes figures only from articles that are in the digest', () => {
    const scenario = seedScenario();
    const stray = figure({ id: 999, articleId: 555, value: 1e12, unit: 'USD', category: 'aid', published: '2024-10-21T09:00:00Z' });
    const d = buildDigest({ ...scenario, figures: [...scenario.figures, stray] });
    expect(d.figures.some((f) => f.articleId === 555)).toBe(false);
  });
});

