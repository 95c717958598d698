/** The gold-standard scoring (../shared/eval/README.md) as a pure function. */
import { describe, expect, it } from 'vitest';
import { scoreArticle, scoreExtraction, type GoldArticle, type PredictedFigure } from '../../src/figures/scoreFigures.js';

const article: GoldArticle = {
  id: 'a1',
  text: 'The U.S. has sent more than $58 billion since February 2022. The strike killed two people. Headline 50 Allies. Headline 50 Allies.',
  figures: [
    { quote: 'more than $58 billion', value: 58e9, unit: 'USD', qualifier: 'more_than', category: 'aid', actor: 'United States', cumulative: true },
    { quote: 'two people', value: 2, unit: 'count', qualifier: 'exact', category: 'casualties_killed', actor: null, cumulative: false },
    { quote: '50 Allies', value: 50, unit: 'count', qualifier: 'exact', category: 'other', actor: 'Allies', cumulative: false },
  ],
  distractors: ['February 2022'],
};
const asPredictions = (a: GoldArticle): PredictedFigure[] => a.figures.map((f) => ({ ...f }));

describe('scoreExtraction', () => {
  it('scores the gold against itself as perfect', () => {
    const s = scoreExtraction([article], asPredictions);
    expect([s.precision, s.recall, s.f1, s.distractorHits]).toEqual([1, 1, 1, 0]);
    expect(s.attributes).toEqual({ qualifier: 1, actor: 1, cumulative: 1 });
  });

  it('counts a prediction whose quote overlaps a distractor as a false positive, even when it would match', () => {
    const preds = [...asPredictions(article), { quote: '2022', value: 2022, unit: 'count', category: 'other' }];
    const s = scoreArticle(article, preds);
    expect([s.tp, s.fp, s.fn, s.distractorHits.length]).toEqual([3, 1, 0, 1]);
    expect(s.distractorHits[0]!.distractor).toBe('February 2022');
  });

  it('collapses duplicate predictions (same quote, unit, category and value)', () => {
    const dup = asPredictions(article);
    const s = scoreArticle(article, [...dup, dup[2]!]);
    expect([s.tp, s.fp]).toEqual([3, 0]);
  });

  it('matches values within 0.5% and not beyond', () => {
    const near = { ...article.figures[0]!, quote: 'x', value: 58e9 * 1.004 };
    const far = { ...article.figures[0]!, quote: 'y', value: 58e9 * 1.006 };
    expect(scoreArticle(article, [near]).tp).toBe(1);
    expect(scoreArticle(article, [far]).tp).toBe(0);
  });

  it('needs the same unit and category to match', () => {
    const wrongCategory = { ...article.figures[1]!, category: 'casualties_injured' };
    const wrongUnit = { ...article.figures[1]!, unit: 'percent' };
    expect(scoreArticle(article, [wrongCategory, wrongUnit]).tp).toBe(0);
  });

  it('matches one to one, preferring the gold figure with the same quote', () => {
    const gold: GoldArticle = {
      id: 'a2',
      text: '50 Allies and about 50 countries',
      figures: [
        { quote: '50 Allies', value: 50, unit: 'count', qualifier: 'exact', category: 'other', actor: 'Allies', cumulative: false },
        { quote: 'about 50 countries', value: 50, unit: 'count', qualifier: 'about', category: 'other', actor: 'Allies', cumulative: false },
      ],
      distractors: [],
    };
    const s = scoreArticle(gold, [
      { quote: 'about 50 countries', value: 50, unit: 'count', category: 'other', qualifier: 'about' },
      { quote: '50 Allies', value: 50, unit: 'count', category: 'other', qualifier: 'exact' },
      { quote: 'fifty', value: 50, unit: 'count', category: 'other' },
    ]);
    expect([s.tp, s.fp, s.fn]).toEqual([2, 1, 0]);
    expect(s.matches.every((m) => m.predicted.quote === m.gold.quote)).toBe(true);
  });

  it('computes micro precision, recall and F1 over all articles', () => {
    const s = scoreExtraction([article], () => [asPredictions(article)[0]!, { quote: 'z', value: 7, unit: 'count', category: 'drones' }]);
    expect([s.tp, s.fp, s.fn]).toEqual([1, 1, 2]);
    expect(s.precision).toBeCloseTo(0.5);
    expect(s.recall).toBeCloseTo(1 / 3);
    expect(s.f1).toBeCloseTo(0.4);
  });

  it('reports attribute accuracy on matched pairs only', () => {
    const preds = asPredictions(article).map((p, i) => (i === 0 ? { ...p, actor: 'Allies', cumulative: false } : p));
    const s = scoreExtraction([article], () => preds);
    expect(s.attributes.actor).toBeCloseTo(2 / 3);
    expect(s.attributes.cumulative).toBeCloseTo(2 / 3);
    expect(s.attributes.qualifier).toBe(1);
  });
});
