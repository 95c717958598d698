/**
 * The acceptance test of /ask: every question of ../shared/eval/seeds-gold.json answered right
 * after the bundled sample feed went through the real pipeline (read, parsed, stored, figures
 * extracted) into SQLite. Right means: value within 0.5%, same unit and actor, and the cited report
 * is the sample item carrying that gold article's facts (same outlet, same day).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { answer } from '../../src/answers/answer.js';
import { formatFiguresReply, latestFigures } from '../../src/answers/latestFigures.js';
import { loadConfig } from '../../src/config/load.js';
import { ingestFeeds } from '../../src/ingest/ingestFeeds.js';
import { silentLogger } from '../../src/observability/logger.js';
import { SqliteStore } from '../../src/store/sqlStore.js';
import { repoRoot, sharedDir } from '../helpers/tempConfig.js';

interface GoldArticle {
  id: string;
  source: string;
  published: string;
}
interface GoldQuestion {
  ask: string;
  as_of: string;
  expect: { value: number; unit: string; actor: string; from_article: string };
}
const gold = JSON.parse(readFileSync(path.join(sharedDir, 'eval/seeds-gold.json'), 'utf8')) as { articles: GoldArticle[]; questions: GoldQuestion[] };
const { config } = loadConfig({ configDir: path.join(repoRoot, 'config'), env: {} });

let dir: string;
let store: SqliteStore;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'newsdigest-gold-'));
  store = await SqliteStore.open(path.join(dir, 'newsdigest.db'), silentLogger);
  await store.migrate();
  const results = await ingestFeeds({ store, config, logger: silentLogger }, { feeds: [path.join(repoRoot, 'examples/sample-feed.xml')] });
  // All 5 are stored (answers read every figure); a new feed's digest shows its newest 3, the other 2 are its backlog.
  expect(results.map((r) => [r.status, r.new, r.backlog])).toEqual([['ok', 3, 2]]);
});

afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the gold questions, after ingesting the sample feed', () => {
  for (const q of gold.questions) {
    const from = gold.articles.find((a) => a.id === q.expect.from_article)!;
    it(`"${q.ask}" as of ${q.as_of} → ${q.expect.value} ${q.expect.unit} (${q.expect.actor}), from ${from.source} ${from.published}`, async () => {
      const a = await answer(q.ask, { store, config }, { asOf: q.as_of });
      expect(a.figure, a.text).not.toBeNull();
      expect(Math.abs(a.figure!.value - q.expect.value)).toBeLessThanOrEqual(0.005 * Math.abs(q.expect.value));
      expect(a.figure!.unit).toBe(q.expect.unit);
      expect(a.figure!.actor).toBe(q.expect.actor);
      // The sample item for a gold article: its outlet (dc:creator) and its day.
      expect(a.article!.source).toBe(`${from.source} via newsdigest sample`);
      expect(a.article!.published.slice(0, 10)).toBe(from.published);
      expect(a.text).toContain(a.article!.link!);
    });
  }
});

describe('answers over the sample feed', () => {
  it('the US total names the earlier total as its previous value', async () => {
    const a = await answer('How much security assistance has the US given Ukraine in total?', { store, config }, { asOf: '2024-11-01' });
    expect(a.history[0]).toMatchObject({ value: 44.2e9, qualifier: 'more_than', source: 'AP via newsdigest sample' });
    expect(a.text).toContain('more than $58 billion');
    expect(a.text).toContain('Previously: more than $44.2 billion on 22 Jan 2024');
  });

  it('a misspelled, reordered question gets the same answer', async () => {
    const a = await answer('so far, Amercia securty assistence to Ukriane?', { store, config }, { asOf: '2024-11-01' });
    expect(a.figure?.value).toBe(58e9);
  });

  it('an as-of day before the first report says nothing was reported by then', async () => {
    const a = await answer('How much security assistance has the US given Ukraine in total?', { store, config }, { asOf: '2023-12-31' });
    expect(a.figure).toBeNull();
    expect(a.text).toBe('Nothing on total aid (United States) had been reported by 31 Dec 2023.');
  });

  it('an unknown measure lists what the sample feed has figures on', async () => {
    const a = await answer('How many refugees have left Ukraine?', { store, config }, { asOf: '2025-06-01' });
    expect(a.figure).toBeNull();
    expect(a.text).toBe(`I hold no figures on that. Closest I hold: people killed (Ukraine), latest 21 Oct 2024; try "How many people were killed in Ukraine?".`);
  });
});

describe('/figures over the sample feed', () => {
  const figuresCtx = () => ({ store, config });

  it('lists the latest value of each tracked measure, per actor, with source and date', async () => {
    const overview = await latestFigures(figuresCtx(), { asOf: '2025-06-01' });
    const rows = overview.figures.map((f) => [f.measure, f.actor, f.answer.figure?.value]);
    expect(rows).toEqual(
      expect.arrayContaining([
        ['total aid', 'United States', 58e9],
        ['total aid', 'Allies', 51e9],
        ['latest aid package', 'United States', 400e6],
        ['troops deployed', 'North Korea', 15000],
        ['people killed', 'North Korea', 600],
      ]),
    );
    const reply = formatFiguresReply(overview);
    expect(reply).toContain('Latest figures as of 1 Jun 2025:');
    expect(reply).toContain('• Total aid (United States): more than $58 billion (running total) — VOA via newsdigest sample, 21 Oct 2024');
    expect(reply).toContain('(before: more than $44.2 billion, 22 Jan 2024)');
  });

  it('answers as of a day: only what was reported by then', async () => {
    const overview = await latestFigures(figuresCtx(), { asOf: '2024-02-01' });
    expect(overview.figures.find((f) => f.measure === 'total aid' && f.actor === 'United States')?.answer.figure?.value).toBe(44.2e9);
    expect(overview.figures.some((f) => f.actor === 'North Korea')).toBe(false);
  });

  it('a configured topic keeps its measures only', async () => {
    const overview = await latestFigures(figuresCtx(), { topic: 'ukraine-aid', asOf: '2025-06-01' });
    expect(overview.topicId).toBe('ukraine-aid');
    expect(overview.figures.length).toBeGreaterThan(0);
    expect(overview.figures.every((f) => !['drones', 'people killed', 'troops deployed'].includes(f.measure))).toBe(true);
  });

  it('an actor as topic keeps that actor only', async () => {
    const overview = await latestFigures(figuresCtx(), { topic: 'North Korea', asOf: '2025-06-01' });
    expect(overview.figures.map((f) => f.actor)).toEqual(expect.arrayContaining(['North Korea']));
    expect(overview.figures.every((f) => f.actor === 'North Korea')).toBe(true);
  });

  it('an unknown topic says so and lists the topics', async () => {
    const overview = await latestFigures(figuresCtx(), { topic: 'weather', asOf: '2025-06-01' });
    expect(overview.unknownTopic).toBe(true);
    const topics = config.topics.map((t) => `${t.id} (${t.name})`).join(', ');
    expect(formatFiguresReply(overview)).toBe(`I don't know the topic "weather". Topics: ${topics}; or name a measure or an actor, e.g. /figures aid, /figures North Korea.`);
  });

  it('before any report, says there are no figures yet', async () => {
    const overview = await latestFigures(figuresCtx(), { asOf: '2020-01-01' });
    expect(formatFiguresReply(overview)).toBe('No figures have been reported by 1 Jan 2020.');
  });
});
