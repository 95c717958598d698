import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { loadConfig } from '../../src/config/load.js';
import { answer, AnswerInputError } from '../../src/answers/answer.js';
import { repoRoot } from '../helpers/tempConfig.js';
import { openReportStore, type ReportStore } from './reportStore.js';

const { config } = loadConfig({ configDir: path.join(repoRoot, 'config'), env: {} });

let reports: ReportStore;
const ask = (q: string, asOf = '2025-06-01') => answer(q, { store: reports.store, config }, { asOf });

beforeEach(async () => {
  reports = await openReportStore();
});
afterEach(async () => {
  await reports.cleanup();
});

const usTotal = (value: number, quote: string) => ({
  value,
  unit: 'USD',
  qualifier: 'more_than' as const,
  category: 'aid',
  actor: 'United States',
  cumulative: true,
  quote,
  sentence: `The United States has provided ${quote} in security assistance since February 2022.`,
});

describe('a running total', () => {
  beforeEach(async () => {
    await reports.add({ feed: 'AP News', title: 'Pentagon out of money', published: '2024-01-22T16:30:00.000Z', link: 'https://example.org/ap', figures: [usTotal(44.2e9, 'more than $44.2 billion')] });
    await reports.add({ feed: 'VOA', title: 'Austin in Kyiv', published: '2024-10-21T15:10:00.000Z', link: 'https://example.org/voa', figures: [usTotal(58e9, 'more than $58 billion')] });
  });

  it('is the latest cumulative figure published on or before the as-of day, with its qualifier', async () => {
    const a = await ask('How much security assistance has the US given Ukraine in total?', '2024-11-01');
    expect(a.figure).toMatchObject({ value: 58e9, unit: 'USD', qualifier: 'more_than', actor: 'United States', cumulative: true });
    expect(a.article).toMatchObject({ title: 'Austin in Kyiv', source: 'VOA', link: 'https://example.org/voa' });
    expect(a.article?.published.slice(0, 10)).toBe('2024-10-21');
  });

  it('as of an earlier day is the figure known then', async () => {
    const a = await ask('How much security assistance has the US given Ukraine in total?', '2024-02-01');
    expect(a.figure?.value).toBe(44.2e9);
    expect(a.history).toEqual([]);
  });

  it('names the figure, actor, source, date, link and the previous value in its text', async () => {
    const a = await ask('Total US aid to date?', '2024-11-01');
    expect(a.text).toContain('more than $58 billion');
    expect(a.text).toContain('United States');
    expect(a.text).toContain('VOA, 21 Oct 2024');
    expect(a.text).toContain('https://example.org/voa');
    expect(a.text).toContain('Previously: more than $44.2 billion on 22 Jan 2024 (AP News)');
  });

  it('lists earlier values, newest first, in its history', async () => {
    await reports.add({ feed: 'Reuters', title: 'Older total', published: '2023-06-01T10:00:00.000Z', figures: [usTotal(37e9, 'more than $37 billion')] });
    const a = await ask('Total US aid to date?', '2024-11-01');
    expect(a.history.map((h) => [h.value, h.published.slice(0, 10), h.source])).toEqual([
      [44.2e9, '2024-01-22', 'AP News'],
      [37e9, '2023-06-01', 'Reuters'],
    ]);
  });

  it('of several figures in one report, is the whole, not its parts', async () => {
    await reports.add({
      feed: 'AP News',
      title: 'Breakdown',
      published: '2024-12-02T10:00:00.000Z',
      figures: [
        { ...usTotal(23.6e9, 'About $23.6 billion'), qualifier: 'about', sentence: 'About $23.6 billion of it came from existing stocks.' },
        usTotal(61e9, 'more than $61 billion'),
      ],
    });
    const a = await ask('Total US aid to date?', '2024-12-31');
    expect(a.figure?.value).toBe(61e9);
  });
});

describe('two reports on one day', () => {
  it('are shown side by side, each with its source', async () => {
    await reports.add({ feed: 'VOA', title: 'Austin in Kyiv', published: '2024-10-21T15:10:00.000Z', figures: [usTotal(58e9, 'more than $58 billion')] });
    await reports.add({ feed: 'Reuters', title: 'US aid tally', published: '2024-10-21T09:00:00.000Z', figures: [usTotal(59.5e9, 'more than $59.5 billion')] });
    const a = await ask('Total US aid to date?', '2024-11-01');
    expect(a.figure?.value).toBe(58e9); // the later report that day
    expect(a.alsoReported?.map((r) => [r.figure.value, r.article.source])).toEqual([[59.5e9, 'Reuters']]);
    expect(a.text).toContain('Also reported the same day: more than $59.5 billion — Reuters, 21 Oct 2024');
  });

  it('that agree are not shown twice', async () => {
    await reports.add({ feed: 'VOA', title: 'A', published: '2024-10-21T15:10:00.000Z', figures: [usTotal(58e9, 'more than $58 billion')] });
    await reports.add({ feed: 'Reuters', title: 'B', published: '2024-10-21T09:00:00.000Z', figures: [usTotal(58e9, 'more than $58 billion')] });
    const a = await ask('Total US aid to date?', '2024-11-01');
    expect(a.alsoReported).toEqual([]);
  });
});

describe('the latest package', () => {
  it('is the newest single package in money: not the tranche number, not a running total', async () => {
    await reports.add({
      feed: 'AP News',
      title: 'Last package',
      published: '2024-01-22T10:00:00.000Z',
      figures: [{ value: 250e6, unit: 'USD', category: 'aid_package', actor: 'United States', quote: '$250 million', sentence: 'The last U.S. aid package, worth $250 million, was announced on Dec. 27.' }],
    });
    await reports.add({
      feed: 'VOA',
      title: 'New tranche',
      published: '2024-10-21T10:00:00.000Z',
      figures: [
        { value: 68, unit: 'ordinal', category: 'aid_package', actor: 'United States', cumulative: true, quote: '68th tranche', sentence: 'It is the 68th tranche of U.S. military aid since the war began.' },
        { value: 400e6, unit: 'USD', qualifier: 'about', category: 'aid_package', actor: 'United States', quote: 'about $400 million', sentence: 'The new U.S. package, worth about $400 million, includes mortars.' },
      ],
    });
    const latest = await ask('How big was the latest US military aid package for Ukraine?', '2024-11-01');
    expect(latest.figure).toMatchObject({ value: 400e6, unit: 'USD', qualifier: 'about' });
    expect(latest.text).toContain('about $400 million');
    expect(latest.history.map((h) => h.value)).toEqual([250e6]);
    const tranche = await ask('Which tranche of US military aid was announced?', '2024-11-01');
    expect(tranche.figure).toMatchObject({ value: 68, unit: 'ordinal' });
    expect(tranche.text).toContain('68th');
  });
});

describe('stalled aid', () => {
  it('is only a figure whose report says it is stalled, never the running total', async () => {
    await reports.add({ feed: 'VOA', title: 'Total', published: '2024-10-21T10:00:00.000Z', figures: [usTotal(58e9, 'more than $58 billion')] });
    const none = await ask('How much US aid is stuck in Congress?', '2024-11-01');
    expect(none.figure).toBeNull();
    await reports.add({
      feed: 'AP News',
      title: 'Stalled',
      published: '2024-01-22T10:00:00.000Z',
      figures: [{ value: 110e9, unit: 'USD', qualifier: 'more_than', category: 'aid', actor: 'United States', quote: 'more than $110 billion', sentence: 'Congress has stalled more than $110 billion in U.S. aid for Ukraine and Israel.' }],
    });
    const found = await ask('How much US aid for Ukraine and Israel is stuck in Congress?', '2024-11-01');
    expect(found.figure?.value).toBe(110e9);
  });
});

describe('when nothing matches', () => {
  beforeEach(async () => {
    await reports.add({ feed: 'VOA', title: 'Austin in Kyiv', published: '2024-10-21T15:10:00.000Z', figures: [usTotal(58e9, 'more than $58 billion')] });
    await reports.add({
      feed: 'VOA',
      title: 'Strike',
      published: '2024-10-21T12:00:00.000Z',
      figures: [{ value: 2, category: 'casualties_killed', actor: 'Ukraine', quote: 'Two people', sentence: 'Two people were killed when a Russian missile struck the center of Zaporizhzhia.' }],
    });
  });

  it('an unknown measure says so and lists the measures and actors it knows', async () => {
    const a = await ask("What's the weather in Kyiv?");
    expect(a.figure).toBeNull();
    expect(a.article).toBeNull();
    // One line: the closest figure held (the place named is in Ukraine) and a question that works.
    expect(a.text).toBe(`I can't tell which figure you are asking about, so I won't guess. Closest I hold: people killed (Ukraine), latest 21 Oct 2024; try "How many people were killed in Ukraine?".`);
  });

  it('a known measure with no figure for the actor says so and lists what is known', async () => {
    const a = await ask('How much aid has the EU given to date?');
    expect(a.figure).toBeNull();
    expect(a.text).toContain('I have no figure for total aid (European Union)');
    expect(a.text).toContain('total aid (United States)');
  });

  it('an as-of day before any figure says nothing was reported by then', async () => {
    const a = await ask('Total US aid to date?', '2020-01-01');
    expect(a.figure).toBeNull();
    expect(a.text).toBe('Nothing on total aid (United States) had been reported by 1 Jan 2020.');
  });

  it('a period with no figure says nothing was reported in it', async () => {
    const a = await ask('Total US aid in 2023?', '2025-06-01');
    expect(a.figure).toBeNull();
    expect(a.text).toBe('Nothing on total aid (United States) was reported in 2023.');
  });

  it('a place no report mentions gets no figure from another place', async () => {
    const a = await ask('How many people were killed in Kharkiv?');
    expect(a.figure).toBeNull();
    expect(a.text).toContain('No report on people killed (Ukraine) mentions Kharkiv');
  });

  it('the place a report does mention gets its figure', async () => {
    const a = await ask('How many people were killed in the Russian missile strike on Zaporizhzhia?', '2024-10-22');
    expect(a.figure).toMatchObject({ value: 2, actor: 'Ukraine', category: 'casualties_killed' });
  });

  it('an empty store says no figures are stored yet', async () => {
    const empty = await openReportStore();
    try {
      const a = await answer('Total US aid?', { store: empty.store, config }, { asOf: '2025-01-01' });
      expect(a.text).toContain('I have no figure for total aid (United States).');
      expect(a.text).toContain('No figures have been stored yet.');
    } finally {
      await empty.cleanup();
    }
  });
});

describe('words the store looks for on our behalf', () => {
  const killed = (sentence: string) => ({ value: 3, category: 'casualties_killed', actor: 'Ukraine', quote: 'Three people', sentence });

  it('a report naming the place is found behind hundreds of newer ones that do not', async () => {
    await reports.add({ title: 'Strike on Kharkiv', published: '2024-03-01T08:00:00.000Z', figures: [killed('Three people were killed overnight.')] });
    for (let i = 0; i < 300; i++) {
      const at = new Date(Date.parse('2024-03-02T00:00:00.000Z') + i * 3_600_000).toISOString();
      await reports.add({ title: `Night ${i}`, published: at, figures: [{ ...killed(`Three people were killed in Odesa.`), value: 100 + i }] });
    }
    const a = await ask('How many people were killed in Kharkiv?');
    expect(a.figure).toMatchObject({ value: 3, actor: 'Ukraine' });
    expect(a.article?.title).toBe('Strike on Kharkiv');
  });

  it('a place named only by the author or the feed still counts', async () => {
    await reports.add({ feed: 'Wire', author: 'Kharkiv bureau', title: 'Night strike', published: '2024-03-01T08:00:00.000Z', figures: [killed('Three people were killed overnight.')] });
    await reports.add({ feed: 'Sumy Daily', title: 'Another strike', published: '2024-03-02T08:00:00.000Z', figures: [{ ...killed('Five people were killed overnight.'), value: 5, quote: 'Five people' }] });
    expect((await ask('How many people were killed in Kharkiv?')).figure?.value).toBe(3);
    expect((await ask('How many people were killed in Sumy?')).figure?.value).toBe(5);
  });

  it('required words written in other letters still count: full-width, curly apostrophes, "U.S."', async () => {
    await reports.add({
      title: 'Aid',
      published: '2024-01-22T10:00:00.000Z',
      figures: [{ value: 110e9, unit: 'USD', category: 'aid', actor: 'United States', quote: '$110 billion', sentence: 'Congress has ｓｔａｌｌｅｄ $110 billion in U.S. aid.' }],
    });
    expect((await ask('How much US aid is stuck in Congress?', '2024-11-01')).figure?.value).toBe(110e9);
  });

  it('figures that name nothing asked about make a "no report mentions" answer, with or without required words', async () => {
    for (let i = 0; i < 60; i++) {
      const at = new Date(Date.parse('2024-03-02T00:00:00.000Z') + i * 3_600_000).toISOString();
      await reports.add({ title: `Night ${i}`, published: at, figures: [killed('Three people were killed in Odesa.')] });
    }
    const a = await ask('How many people were killed in Kharkiv?');
    expect(a.figure).toBeNull();
    expect(a.text).toContain('No report on people killed (Ukraine) mentions Kharkiv');
  });
});

describe('the source of a figure', () => {
  it('names the outlet in the item and the feed it came through', async () => {
    await reports.add({ feed: 'newsdigest sample', author: 'VOA', title: 'Austin in Kyiv', published: '2024-10-21T15:10:00.000Z', figures: [usTotal(58e9, 'more than $58 billion')] });
    const a = await ask('Total US aid to date?');
    expect(a.article?.source).toBe('VOA via newsdigest sample');
  });
});

describe('bad input', () => {
  it('an as-of day that is not YYYY-MM-DD is refused with a clear error', async () => {
    await expect(answer('Total US aid?', { store: reports.store, config }, { asOf: '21/10/2024' })).rejects.toThrow(AnswerInputError);
    await expect(answer('Total US aid?', { store: reports.store, config }, { asOf: '2024-02-30' })).rejects.toThrow(/not a calendar day/);
  });

  it('an empty question gets a hint, not a figure', async () => {
    const a = await ask('   ');
    expect(a.figure).toBeNull();
    expect(a.text).toContain('Ask me about a figure');
  });
});
