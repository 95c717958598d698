/** No actor named and a total asked for: every actor's own latest total, largest first, never the donor reported last. */
import { beforeEach, describe, expect, it } from 'vitest';
import { answer } from '../../src/answers/answer.js';
import { useReportStore } from './reportStore.js';

const { reports, ask, config } = useReportStore();
const total = (actor: string, value: number, quote: string, who: string) => ({
  value,
  unit: 'USD',
  qualifier: 'more_than' as const,
  category: 'aid',
  actor,
  cumulative: true,
  quote,
  sentence: `${who} has provided ${quote} in security assistance since February 2022.`,
});

beforeEach(async () => {
  await reports().add({ feed: 'AP News', title: 'US total', published: '2024-10-21T10:00:00.000Z', link: 'https://example.org/us', figures: [total('United States', 58e9, 'more than $58 billion', 'The United States')] });
  await reports().add({ feed: 'Reuters', title: 'Allies total', published: '2024-11-02T10:00:00.000Z', link: 'https://example.org/allies', figures: [total('Allies', 51e9, 'more than $51 billion', 'Ukraine\'s other allies')] });
  await reports().add({ feed: 'DW', title: 'German total', published: '2025-01-10T10:00:00.000Z', link: 'https://example.org/de', figures: [total('Germany', 28e9, 'more than $28 billion', 'Germany')] });
});

describe('a total with no actor named', () => {
  it('lists every actor\'s latest total, largest first, each with its source and date; the main figure is the largest', async () => {
    const a = await ask('What is the total aid to Ukraine to date?');
    expect(a.breakdown?.map((b) => [b.figure.actor, b.figure.value, b.article.source])).toEqual([
      ['United States', 58e9, 'AP News'],
      ['Allies', 51e9, 'Reuters'],
      ['Germany', 28e9, 'DW'],
    ]);
    expect(a.figure?.actor).toBe('United States');
    expect(a.text.split('\n')).toEqual([
      'Total aid as of 1 Jun 2025, by actor (latest running total of each, largest first):',
      '• United States: more than $58 billion (running total) — AP News, 21 Oct 2024: "US total" https://example.org/us',
      '• Allies: more than $51 billion (running total) — Reuters, 2 Nov 2024: "Allies total" https://example.org/allies',
      '• Germany: more than $28 billion (running total) — DW, 10 Jan 2025: "German total" https://example.org/de',
      'Name an actor for its quote and earlier values, e.g. "total aid from the United States to date".',
    ]);
  });

  it('as of a day, only the totals reported by then', async () => {
    const a = await ask('What is the total aid to Ukraine to date?', '2024-11-05');
    expect(a.breakdown?.map((b) => b.figure.actor)).toEqual(['United States', 'Allies']);
  });

  it('a question that names an actor answers for that actor only', async () => {
    const a = await ask('What is the total German aid to Ukraine to date?');
    expect(a.breakdown).toBeUndefined();
    expect(a.figure).toMatchObject({ actor: 'Germany', value: 28e9 });
  });
});

describe('series by period', () => {
  const us = (value: number, quote: string, since: string) => ({ ...total('United States', value, quote, 'The United States'), since, sentence: `The United States has committed ${quote} since ${since}.` });
  beforeEach(async () => {
    await reports().add({ feed: 'AP', title: 'Earlier invasion total', published: '2024-12-01T10:00:00.000Z', link: 'https://example.org/c', figures: [us(60e9, 'more than $60 billion', '2022-02-24')] });
    await reports().add({ feed: 'AP', title: 'Invasion total', published: '2025-02-01T10:00:00.000Z', link: 'https://example.org/a', figures: [us(66e9, 'more than $66 billion', '2022-02')] });
    await reports().add({ feed: 'AP', title: 'Long total', published: '2025-03-01T10:00:00.000Z', link: 'https://example.org/b', figures: [us(69e9, 'more than $69 billion', '2014')] });
  });

  it('"since the invasion" picks its series, says its period, and its history stays in it', async () => {
    const a = await ask('How much aid has the US given since the invasion?');
    expect(a.figure).toMatchObject({ value: 66e9 });
    expect(a.text.split('\n')[0]).toBe('Total aid (United States): more than $66 billion (running total since February 2022) — as of 1 Jun 2025.');
    expect(a.history.map((h) => h.value)).toEqual([60e9]);
    expect(a.series).toEqual({ actor: 'United States', category: 'aid', unit: 'USD', since: '2022-02' });
  });

  it('"since 2014" picks the other series, with no earlier value from the invasion series', async () => {
    const a = await ask('How much aid has the US given since 2014?');
    expect(a.figure).toMatchObject({ value: 69e9 });
    expect(a.history).toEqual([]);
  });
});

describe('reading every actor at once', () => {
  it('an actor whose newest report gives several totals is read deeper: the whole stands for it, not a part', async () => {
    const part = (value: number, quote: string) => ({ ...total('Germany', value, quote, 'Germany'), qualifier: 'exact' as const, sentence: `Germany has provided ${quote} for air defence since February 2022.` });
    // Stored after the whole, so read before it (newest first): three parts fill the first rows read.
    await reports().add({ feed: 'DW', title: 'German totals', published: '2025-02-10T10:00:00.000Z', figures: [total('Germany', 30e9, 'more than $30 billion', 'Germany'), part(5e9, '$5 billion'), part(3e9, '$3 billion'), part(2e9, '$2 billion')] });
    const a = await ask('What is the total aid to Ukraine to date?');
    expect(a.breakdown?.find((b) => b.figure.actor === 'Germany')?.figure.value).toBe(30e9);
  });

  it('the actor listed first keeps its earlier totals, as a question naming it would', async () => {
    for (const [i, value] of [40e9, 44e9, 50e9, 54e9].entries()) {
      await reports().add({ feed: 'AP News', title: `US total ${i}`, published: `2024-0${i + 1}-15T10:00:00.000Z`, figures: [total('United States', value, `more than $${value / 1e9} billion`, 'The United States')] });
    }
    const a = await ask('What is the total aid to Ukraine to date?');
    expect(a.figure).toMatchObject({ actor: 'United States', value: 58e9 });
    expect(a.history.map((h) => h.value)).toEqual([54e9, 50e9, 44e9, 40e9]);
  });

  it('reads the store once for all actors, however many there are', async () => {
    for (const actor of ['France', 'Poland', 'Canada', 'Japan', 'Denmark']) {
      await reports().add({ feed: 'Wire', title: `${actor} total`, published: '2024-09-01T10:00:00.000Z', figures: [total(actor, 1e9, 'more than $1 billion', actor)] });
    }
    const calls: unknown[] = [];
    const held = reports().store;
    const find = held.findFigures.bind(held);
    const store = Object.assign(Object.create(held) as typeof held, { findFigures: (q: Parameters<typeof find>[0]) => (calls.push(q), find(q)) });
    const a = await answer('What is the total aid to Ukraine to date?', { store, config }, { asOf: '2025-06-01' });
    expect(a.breakdown).toHaveLength(5);
    // One look-up for all eight actors, one more for the first actor's history at most, one for a pending figure.
    expect(calls.length).toBeLessThanOrEqual(3);
  });
});

describe('the breakdown heading tells the order truthfully', () => {
  it('with dollars and euros mixed, says the order holds within each currency (dollars are not ranked against euros)', async () => {
    await reports().add({ feed: 'Rhine Daily', title: 'Berlin adds up', published: '2025-02-03T10:00:00.000Z', link: 'https://example.org/berlin-eur', figures: [{ ...total('Germany', 9e9, '€9 billion', 'Germany'), unit: 'EUR', qualifier: 'exact' as const }] });
    await reports().add({ feed: 'Seine Courier', title: 'Paris adds up', published: '2025-02-04T10:00:00.000Z', link: 'https://example.org/paris-eur', figures: [{ ...total('France', 4e9, '€4 billion', 'France'), unit: 'EUR', qualifier: 'exact' as const }] });
    const a = await ask('What is the total aid to Ukraine to date?');
    const lines = a.text.split('\n');
    expect(lines[0]).toBe('Total aid as of 1 Jun 2025, by actor (latest running total of each, largest first within each currency):');
    // The dollar totals are the larger numbers, yet come after the euros: the heading must not say plain "largest first".
    expect(lines.some((l) => l.startsWith('• United States: more than $58 billion'))).toBe(true);
    expect(lines[0]).not.toMatch(/largest first\)/);
  });

  it('names the unit kind only when the lines mix units', async () => {
    const { breakdownOrder } = await import('../../src/answers/formatAnswer.js');
    expect(breakdownOrder(['USD', 'USD', 'USD'])).toBe('largest first');
    expect(breakdownOrder(['EUR', 'USD'])).toBe('largest first within each currency');
    expect(breakdownOrder(['count', 'USD'])).toBe('largest first within each unit');
  });
});
