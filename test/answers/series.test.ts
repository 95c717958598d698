import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { loadConfig } from '../../src/config/load.js';
import { periodKey, periodLabel, questionPeriod, samePeriod } from '../../src/answers/series.js';
import { repoRoot } from '../helpers/tempConfig.js';

const { config } = loadConfig({ configDir: path.join(repoRoot, 'config'), env: {} });
const periods = config.answers.seriesPeriods;

describe('the period of a running total', () => {
  it('cuts a date to its month and reads configured labels', () => {
    expect(periodKey('2022-02-24', periods)).toBe('2022-02');
    expect(periodKey('2014', periods)).toBe('2014');
    expect(periodKey('the start of the war', periods)).toBe('2022-02');
    expect(periodKey('Biden administration took office', periods)).toBe('biden took office');
    expect(periodKey(null, periods)).toBeNull();
  });

  it('"since 2014" and "since February 2022" are two series; an unstated period fits either', () => {
    expect(samePeriod('2014', '2022-02', periods)).toBe(false);
    expect(samePeriod('2022-02-24', '2022-02', periods)).toBe(true);
    expect(samePeriod(null, '2014', periods)).toBe(true);
  });

  it('reads the period a question names after "since"', () => {
    expect(questionPeriod("What is the total US aid since Russia's February 2022 invasion?", periods)).toBe('2022-02');
    expect(questionPeriod('Total US aid since 2014?', periods)).toBe('2014');
    expect(questionPeriod('How much has the US given since the invasion?', periods)).toBe('2022-02');
    expect(questionPeriod('US aid since Biden took office', periods)).toBe('biden took office');
    expect(questionPeriod('What is the total US aid to date?', periods)).toBeNull();
    expect(questionPeriod('Total aid since the summit?', periods)).toBeNull();
  });

  it('says the period in words', () => {
    expect(periodLabel('2022-02')).toBe('since February 2022');
    expect(periodLabel('2022-02-24')).toBe('since 24 February 2022');
    expect(periodLabel('2014')).toBe('since 2014');
    expect(periodLabel('Biden took office')).toBe('since Biden took office');
  });
});
