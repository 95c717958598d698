/** How much a question reads: a name found nowhere costs one bounded walk, the catalog is read once. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { loadConfig } from '../../src/config/load.js';
import { answer } from '../../src/answers/answer.js';
import { catalogOnce } from '../../src/answers/catalogOnce.js';
import type { FigureQuery, Store } from '../../src/store/store.js';
import { repoRoot } from '../helpers/tempConfig.js';
import { openReportStore, type ReportStore } from './reportStore.js';

const { config } = loadConfig({ configDir: path.join(repoRoot, 'config'), env: {} });
let reports: ReportStore;

/** The store, with a record of each look-up made through it. */
function recording(store: Store): { store: Store; queries: FigureQuery[]; catalogReads: () => number } {
  const queries: FigureQuery[] = [];
  let reads = 0;
  const find = store.findFigures.bind(store);
  const catalog = store.figureCatalog.bind(store);
  const wrapped = Object.assign(Object.create(store) as Store, {
    findFigures: (q: FigureQuery) => (queries.push(q), find(q)),
    figureCatalog: () => (reads++, catalog()),
  });
  return { store: wrapped, queries, catalogReads: () => reads };
}

const killed = (actor: string | null, sentence: string, value: number) => ({ value, category: 'casualties_killed', actor, quote: `${value} people`, sentence });

beforeEach(async () => {
  reports = await openReportStore();
  // More than a first page of each: reports of Odesa, for Ukraine and for no actor.
  for (let i = 0; i < 60; i++) {
    const at = new Date(Date.parse('2024-05-01T00:00:00.000Z') + i * 3_600_000).toISOString();
    await reports.add({ title: `Night ${i}`, published: at, figures: [killed('Ukraine', `${i + 1} people were killed in Odesa.`, i + 1), killed(null, `${i + 2} people died in Odesa.`, i + 2)] });
  }
});
afterEach(async () => {
  await reports.cleanup();
});

describe('a place found in no report', () => {
  it("the actor's figures and those without an actor share one scan limit", async () => {
    const r = recording(reports.store);
    const a = await answer('How many people were killed in Kharkiv?', { store: r.store, config }, { asOf: '2024-06-01' });
    expect(a.figure).toBeNull();
    expect(a.text).toMatch(/mentions Kharkiv/);
    const windows = r.queries.filter((q) => q.within !== undefined && q.text !== undefined && q.publishedAfter === undefined);
    expect(windows.map((q) => q.actor)).toEqual(['Ukraine', null]);
    expect(windows.map((q) => q.within)).toEqual([config.answers.scanLimit / 2, config.answers.scanLimit / 2]);
  });

  it('a place named in the newest reports is found without walking the window', async () => {
    await reports.add({ title: 'Strike on Kharkiv', published: '2024-05-10T08:00:00.000Z', figures: [killed('Ukraine', '7 people were killed overnight.', 7)] });
    const r = recording(reports.store);
    const a = await answer('How many people were killed in Kharkiv?', { store: r.store, config }, { asOf: '2024-06-01' });
    expect(a.figure).toMatchObject({ value: 7 });
    expect(r.queries.some((q) => q.within !== undefined)).toBe(false);
  });
});

describe('the catalog', () => {
  it('is read once for a question that finds nothing, though resolving, the known list and the closest figure all use it', async () => {
    const r = recording(reports.store);
    const a = await answer('How many tanks has Canada sent?', { store: r.store, config }, { asOf: '2024-06-01' });
    expect(a.figure).toBeNull();
    expect(r.catalogReads()).toBe(1);
  });

  it('catalogOnce reads on first use and hands out that read after', async () => {
    const r = recording(reports.store);
    const read = catalogOnce(r.store);
    expect(r.catalogReads()).toBe(0);
    const [first, second] = await Promise.all([read(), read()]);
    expect(second).toBe(first);
    expect(r.catalogReads()).toBe(1);
  });
});

describe("a name in the article's opening", () => {
  const filler = 'Officials gave no further details about the damage to homes and offices in the area. '.repeat(10);

  it('the dateline names the place: the report mentions it though the sentence and title do not', async () => {
    await reports.add({ title: 'Missiles hit a central town', opening: 'POLTAVA, Ukraine (AP) — Missiles struck a central town on Thursday.', published: '2024-05-20T08:00:00.000Z', figures: [killed('Ukraine', '9 people were killed, officials said.', 9)] });
    const a = await answer('How many people were killed in Poltava?', { store: reports.store, config }, { asOf: '2024-06-01' });
    expect(a.figure).toMatchObject({ value: 9 });
  });

  it('a name far down the article, past its opening, does not count', async () => {
    await reports.add({ title: 'Missiles hit a central town', opening: `Missiles struck a central town on Thursday. ${filler} Later, sirens sounded in Poltava.`, published: '2024-05-20T08:00:00.000Z', figures: [killed('Ukraine', '9 people were killed, officials said.', 9)] });
    const a = await answer('How many people were killed in Poltava?', { store: reports.store, config }, { asOf: '2024-06-01' });
    expect(a.figure).toBeNull();
  });

  it('another place in the opening does not stand for the one asked about', async () => {
    await reports.add({ title: 'Missiles hit a central town', opening: 'UMAN, Ukraine (AP) — Missiles struck a central town on Thursday.', published: '2024-05-20T08:00:00.000Z', figures: [killed('Ukraine', '9 people were killed, officials said.', 9)] });
    const a = await answer('How many people were killed in Poltava?', { store: reports.store, config }, { asOf: '2024-06-01' });
    expect(a.figure).toBeNull();
  });
});
