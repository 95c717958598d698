/** The extractor on the gold standard (../shared/eval/seeds-gold.json): the target is F1 >= 0.95 with no distractor hit. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractFigures } from '../../src/figures/extractFigures.js';
import { scoreExtraction, type GoldArticle } from '../../src/figures/scoreFigures.js';
import { defaultRules, sharedDir } from './helpers.js';

const gold = JSON.parse(readFileSync(path.join(sharedDir, 'eval/seeds-gold.json'), 'utf8')) as { articles: GoldArticle[] };
const score = scoreExtraction(gold.articles, (a) => extractFigures({ title: a.title ?? null, text: a.text, published: a.published ?? null, source: a.source ?? null }, defaultRules));

describe('key figures on the gold standard', () => {
  it('reach F1 >= 0.95', () => {
    expect(score.f1).toBeGreaterThanOrEqual(0.95);
  });

  it('hit no distractor', () => {
    expect(score.articles.flatMap((a) => a.distractorHits.map((h) => `${a.id}: "${h.predicted.quote}" overlaps "${h.distractor}"`))).toEqual([]);
  });

  it('get qualifier, actor and running total right on at least 90% of the matched figures', () => {
    expect(score.attributes.qualifier).toBeGreaterThanOrEqual(0.9);
    expect(score.attributes.actor).toBeGreaterThanOrEqual(0.9);
    expect(score.attributes.cumulative).toBeGreaterThanOrEqual(0.9);
  });

  it('give every figure offsets that point at its quote', () => {
    for (const a of gold.articles) {
      for (const f of extractFigures({ text: a.text }, defaultRules)) expect(a.text.slice(f.start, f.end)).toBe(f.quote);
    }
  });
});
