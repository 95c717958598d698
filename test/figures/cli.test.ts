/** `newsdigest extract` and `newsdigest reextract`, run as a user runs them (a child process on src/cli.ts). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Figure } from '../../src/figures/figure.js';
import { ExtractInputError, parseExtractInput } from '../../src/cli/extract.js';
import { reextractFigures } from '../../src/cli/reextract.js';
import { silentLogger } from '../../src/observability/logger.js';
import { SqliteStore } from '../../src/store/sqlStore.js';
import { defaultRules } from './helpers.js';
import { inheritedCliEnv, runCli, type CliRun } from '../helpers/runCli.js';

const temps: string[] = [];
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'newsdigest-figures-cli-'));
  temps.push(d);
  return d;
}

function cli(args: string[], stdin = '', env: Record<string, string> = {}): Promise<CliRun> {
  return runCli(args, inheritedCliEnv(env), stdin);
}

const ARTICLE = 'The U.S. has delivered more than $58 billion in security assistance since February 2022.\nRussia launched 12 drones at Kyiv overnight.';

describe('newsdigest extract', { timeout: 60_000 }, () => {
  it('prints the figures of plain text on standard input as JSON, with offsets into the text', async () => {
    const { code, stdout } = await cli(['extract', '--json'], ARTICLE);
    expect(code).toBe(0);
    const figures = JSON.parse(stdout) as Figure[];
    expect(figures.map((f) => [f.quote, f.value, f.unit, f.qualifier, f.category, f.actor, f.cumulative])).toEqual([
      ['more than $58 billion', 58e9, 'USD', 'more_than', 'aid', 'United States', true],
      ['12 drones', 12, 'count', 'exact', 'drones', 'Russia', false],
    ]);
    for (const f of figures) expect(ARTICLE.slice(f.start, f.end)).toBe(f.quote);
    expect(Object.keys(figures[0]!).sort()).toEqual(['actor', 'category', 'cumulative', 'end', 'event', 'qualifier', 'quote', 'sentence', 'since', 'start', 'status', 'unit', 'value', 'value_max']);
  });

  it('reads a JSON article from a file, with offsets into its text', async () => {
    const file = path.join(tempDir(), 'article.json');
    writeFileSync(file, JSON.stringify({ title: 'Aid', text: 'Pyongyang has shipped over 13,000 containers.', published: '2024-10-21', source: 'VOA' }));
    const { code, stdout } = await cli(['extract', file, '--json']);
    expect(code).toBe(0);
    const [f] = JSON.parse(stdout) as Figure[];
    expect([f!.quote, f!.start, f!.actor]).toEqual(['over 13,000 containers', 22, 'North Korea']);
  });

  it('prints a readable table without --json', async () => {
    const { code, stdout } = await cli(['extract', '-'], ARTICLE);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^figure\s+category\s+actor\s+total\s+quote$/m);
    expect(stdout).toMatch(/^more than \$58 billion\s+aid\s+United States\s+to date\s+"more than \$58 billion" @\d+$/m);
  });

  it('refuses JSON without a text, with exit status 2 and the reason', async () => {
    const { code, stdout, stderr } = await cli(['extract', '--json'], '{"title":"no text"}');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('JSON input must have a "text" string');
  });

  it('refuses broken JSON and says how to read it as text', () => {
    expect(() => parseExtractInput('{"text": ', 'auto')).toThrow(/not valid JSON.*--format text/);
  });

  it('reads text that starts with "{" as plain text when asked to', () => {
    expect(parseExtractInput('{draft} Russia launched 12 drones.', 'text').text).toBe('{draft} Russia launched 12 drones.');
  });

  it('refuses a --published that is not a real YYYY-MM-DD day', () => {
    expect(() => parseExtractInput('text', 'auto', '2024-02-30')).toThrow(ExtractInputError);
    expect(() => parseExtractInput('text', 'auto', '21/10/2024')).toThrow(/--published: expected a date as YYYY-MM-DD/);
    expect(parseExtractInput('{"text":"t","published":"2020-01-01"}', 'auto', '2024-10-21').published).toBe('2024-10-21');
  });

  it('names a missing file', async () => {
    const { code, stderr } = await cli(['extract', path.join(tempDir(), 'nope.txt')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/nope\.txt: file not found/);
  });
});

describe('newsdigest reextract', { timeout: 60_000 }, () => {
  async function storeWithArticles(dataDir: string): Promise<{ store: SqliteStore; ids: number[] }> {
    const store = await SqliteStore.open(path.join(dataDir, 'newsdigest.db'), silentLogger);
    await store.migrate();
    const feed = await store.upsertFeed({ url: 'https://news.example/rss', title: 'VOA', trusted: true });
    const base = { link: null, published: '2024-10-21T12:00:00.000Z', publishedIsFetchTime: false, author: null };
    const { inserted } = await store.saveArticles(
      feed.id,
      [
        { ...base, guid: 'a', title: 'Aid', summary: null, text: 'The U.S. has delivered more than $58 billion in aid since 2022.' },
        { ...base, guid: 'b', title: 'Drones', summary: 'Russia launched 12 drones at Kyiv.', text: null, seeded: true },
      ],
      '2024-10-21T12:00:00.000Z',
    );
    return { store, ids: inserted.map((a) => a.id) };
  }

  it('replaces every stored article\'s figures with the current rules, backlog included', async () => {
    const { store, ids } = await storeWithArticles(tempDir());
    try {
      const stale: Figure = { value: 1, value_max: null, unit: 'count', qualifier: 'exact', category: 'other', actor: null, cumulative: false, status: null, since: null, event: null, quote: 'x', start: 0, end: 1, sentence: 'x' };
      await store.replaceFigures(ids[0]!, [stale]);
      const result = await reextractFigures(store, defaultRules, silentLogger);
      expect(result).toEqual({ articles: 2, figures: 2, failed: 0 });
      const stored = await store.findFigures({ articleIds: ids });
      expect(stored.map((f) => f.quote).sort()).toEqual(['12 drones', 'more than $58 billion']);
    } finally {
      await store.close();
    }
  });

  it('stores the same figures when run twice', async () => {
    const { store, ids } = await storeWithArticles(tempDir());
    try {
      await reextractFigures(store, defaultRules, silentLogger);
      const first = (await store.findFigures({ articleIds: ids })).map((f) => [f.articleId, f.quote, f.value]);
      await reextractFigures(store, defaultRules, silentLogger);
      const second = (await store.findFigures({ articleIds: ids })).map((f) => [f.articleId, f.quote, f.value]);
      expect(second).toEqual(first);
    } finally {
      await store.close();
    }
  });

  it('prints the counts from the command line', async () => {
    const dataDir = tempDir();
    const { store } = await storeWithArticles(dataDir);
    await store.close();
    const { code, stdout } = await cli(['reextract', '--json'], '', { DATA_DIR: dataDir });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ articles: 2, figures: 2, failed: 0 });
  });
});
