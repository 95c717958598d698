/**
 * A temp SQLite store holding one gold file's articles (../shared/eval): each article through the
 * real extractor (or, with `gold`, its annotated figures), one feed per outlet. For the question
 * scorer and the transcript script.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../src/config/schema.js';
import { extractFigures } from '../src/figures/extractFigures.js';
import type { Figure } from '../src/figures/figure.js';
import { splitSentences } from '../src/figures/sentences.js';
import { silentLogger } from '../src/observability/logger.js';
import { SqliteStore } from '../src/store/sqlStore.js';

export interface GoldArticle { id: string; source: string; published: string; title: string; text: string; figures?: Array<Omit<Figure, 'start' | 'end' | 'sentence'>> }
export interface GoldQuestion { ask: string; as_of: string; expect: { value: number; unit: string; actor: string | null; from_article: string } | null }
export interface GoldFile { articles: GoldArticle[]; questions: GoldQuestion[] }

export const linkOf = (id: string): string => `https://gold.example.org/${id}`;

/** The annotated figures of an article, placed at their quote's first occurrence and given its sentence. */
function goldFigures(a: GoldArticle): Figure[] {
  const spans = splitSentences(a.text);
  return (a.figures ?? []).flatMap((g) => {
    const start = a.text.indexOf(g.quote);
    if (start < 0) return [];
    const span = spans.find((s) => s.start <= start && start < s.end);
    const sentence = span ? a.text.slice(span.start, span.end) : g.quote;
    return [{ ...g, status: g.status ?? null, since: g.since ?? null, event: g.event ?? null, start, end: start + g.quote.length, sentence }];
  });
}

export async function openGoldStore(file: string, config: Config, gold = false): Promise<{ store: SqliteStore; questions: GoldQuestion[]; close(): Promise<void> }> {
  const data = JSON.parse(readFileSync(file, 'utf8')) as GoldFile;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'newsdigest-gold-'));
  const store = await SqliteStore.open(path.join(dir, 'newsdigest.db'), silentLogger);
  await store.migrate();
  for (const a of data.articles) {
    const feed = await store.upsertFeed({ url: `https://gold.example.org/${encodeURIComponent(a.source)}.xml`, title: a.source, trusted: true });
    const published = `${a.published}T12:00:00.000Z`;
    const figures = gold ? goldFigures(a) : extractFigures({ title: a.title, text: a.text, published, source: a.source }, config.figures);
    await store.saveArticles(feed.id, [{ guid: a.id, link: linkOf(a.id), title: a.title, published, publishedIsFetchTime: false, author: null, summary: null, text: a.text, figures }], new Date().toISOString());
  }
  return {
    store,
    questions: data.questions,
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
