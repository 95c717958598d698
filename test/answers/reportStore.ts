/**
 * A real SQLite store in a temp folder, filled with hand-made reports: what resolution tests need
 * without depending on the extractor. Each figure is stated in a sentence of the report's text.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Figure, Qualifier } from '../../src/figures/figure.js';
import { silentLogger } from '../../src/observability/logger.js';
import { SqliteStore } from '../../src/store/sqlStore.js';
import type { Store } from '../../src/store/store.js';
import { afterEach, beforeEach } from 'vitest';
import { answer, type Answer } from '../../src/answers/answer.js';
import { loadConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/schema.js';
import { repoRoot } from '../helpers/tempConfig.js';

export interface FigureSpec {
  value: number;
  unit?: string;
  qualifier?: Qualifier;
  category: string;
  actor: string | null;
  cumulative?: boolean;
  status?: Figure['status'];
  since?: string | null;
  event?: Figure['event'];
  quote: string;
  /** The sentence stating it (must contain the quote). */
  sentence: string;
}

export interface ReportSpec {
  feed?: string;
  title: string;
  published: string;
  author?: string | null;
  link?: string;
  /** Text before the figures' sentences: the article's dateline and lede. */
  opening?: string;
  figures: FigureSpec[];
}

export interface ReportStore {
  store: SqliteStore;
  add(report: ReportSpec): Promise<number>;
  cleanup(): Promise<void>;
}

let counter = 0;

/** Writes one hand-made report (its article and its figures) into a store; resolves with the article id. */
export async function addReport(store: Store, report: ReportSpec): Promise<number> {
  const feedTitle = report.feed ?? 'Wire';
  const feed = await store.upsertFeed({ url: `https://feeds.example.org/${encodeURIComponent(feedTitle)}.xml`, title: feedTitle, trusted: true });
  const text = [...(report.opening !== undefined ? [report.opening] : []), ...report.figures.map((f) => f.sentence)].join(' ');
  counter += 1;
  const { inserted } = await store.saveArticles(
    feed.id,
    [
      {
        guid: `report-${counter}`,
        link: report.link ?? `https://example.org/report-${counter}`,
        title: report.title,
        published: report.published,
        publishedIsFetchTime: false,
        author: report.author ?? null,
        summary: null,
        text,
      },
    ],
    new Date().toISOString(),
  );
  const article = inserted[0]!;
  let offset = 0;
  const figures: Figure[] = report.figures.map((f) => {
    const sentenceAt = text.indexOf(f.sentence, offset);
    offset = sentenceAt + f.sentence.length;
    const start = sentenceAt + f.sentence.indexOf(f.quote);
    if (sentenceAt < 0 || start < sentenceAt) throw new Error(`quote "${f.quote}" is not in its sentence`);
    return {
      value: f.value,
      value_max: null,
      unit: f.unit ?? 'count',
      qualifier: f.qualifier ?? 'exact',
      category: f.category,
      actor: f.actor,
      cumulative: f.cumulative ?? false,
      status: f.status ?? null,
      since: f.since ?? null,
      event: f.event ?? null,
      quote: f.quote,
      start,
      end: start + f.quote.length,
      sentence: f.sentence,
    };
  });
  await store.replaceFigures(article.id, figures);
  return article.id;
}

export async function openReportStore(): Promise<ReportStore> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'newsdigest-answers-'));
  const store = await SqliteStore.open(path.join(dir, 'newsdigest.db'), silentLogger);
  await store.migrate();
  return {
    store,
    add: (report) => addReport(store, report),
    async cleanup() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh report store for each test of the calling file (opened before, removed after), with `ask`
 * answering from it by the repository's config, as of a day.
 */
export function useReportStore(defaultAsOf = '2025-06-01'): { reports: () => ReportStore; config: Config; ask: (question: string, asOf?: string) => Promise<Answer> } {
  const { config } = loadConfig({ configDir: path.join(repoRoot, 'config'), env: {} });
  let current: ReportStore | undefined;
  beforeEach(async () => {
    current = await openReportStore();
  });
  afterEach(async () => {
    await current?.cleanup();
    current = undefined;
  });
  const reports = (): ReportStore => current!;
  return { reports, config, ask: (question, asOf = defaultAsOf) => answer(question, { store: reports().store, config }, { asOf }) };
}
