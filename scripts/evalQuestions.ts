/**
 * `npm run eval:questions`: scores /ask on the gold questions (../shared/eval/README.md): each gold
 * file's articles go through the real extractor into a temp SQLite store (one feed per outlet), then
 * every question is answered as of its day. Right = value within 0.5%, same unit and actor, and the
 * cited report is the question's `from_article`; a question whose expect is null is right when no
 * figure is given. Prints seeds, dev and the held-out third of dev (same rule as scripts/eval.ts:
 * the question's index in its file, counted from 1, is a multiple of 3).
 * With --gold the store holds the articles' annotated figures instead of extracted ones: the score
 * of the answering rules alone, apart from extraction.
 *   npm run eval:questions -- [--explain] [--heldout] [--gold]
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { answer } from '../src/answers/answer.js';
import { loadConfig } from '../src/config/load.js';
import { extractFigures } from '../src/figures/extractFigures.js';
import type { Figure } from '../src/figures/figure.js';
import { splitSentences } from '../src/figures/sentences.js';
import { silentLogger } from '../src/observability/logger.js';
import { SqliteStore } from '../src/store/sqlStore.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = path.join(repoRoot, '../shared/eval');
const explain = process.argv.includes('--explain');
const useGold = process.argv.includes('--gold');

interface GoldArticle { id: string; source: string; published: string; title: string; text: string; figures?: Array<Omit<Figure, 'start' | 'end' | 'sentence'>> }
interface GoldQuestion { ask: string; as_of: string; expect: { value: number; unit: string; actor: string | null; from_article: string } | null }
interface GoldFile { articles: GoldArticle[]; questions: GoldQuestion[] }

const { config } = loadConfig({ configDir: path.join(repoRoot, 'config'), env: {} });

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

async function scoreFile(file: string): Promise<Array<{ right: boolean; heldOut: boolean; line: string }>> {
  const gold = JSON.parse(readFileSync(file, 'utf8')) as GoldFile;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'newsdigest-evalq-'));
  const store = await SqliteStore.open(path.join(dir, 'newsdigest.db'), silentLogger);
  try {
    await store.migrate();
    const linkOf = (id: string) => `https://gold.example.org/${id}`;
    for (const a of gold.articles) {
      const feed = await store.upsertFeed({ url: `https://gold.example.org/${encodeURIComponent(a.source)}.xml`, title: a.source, trusted: true });
      const published = `${a.published}T12:00:00.000Z`;
      const figures = useGold ? goldFigures(a) : extractFigures({ title: a.title, text: a.text, published, source: a.source }, config.figures);
      await store.saveArticles(feed.id, [{ guid: a.id, link: linkOf(a.id), title: a.title, published, publishedIsFetchTime: false, author: null, summary: null, text: a.text, figures }], new Date().toISOString());
    }
    const out: Array<{ right: boolean; heldOut: boolean; line: string }> = [];
    let i = 0;
    for (const q of gold.questions) {
      i += 1;
      const a = await answer(q.ask, { store, config }, { asOf: q.as_of });
      const e = q.expect;
      const right =
        e === null
          ? a.figure === null
          : a.figure !== null && Math.abs(a.figure.value - e.value) <= 0.005 * Math.abs(e.value) && a.figure.unit === e.unit && a.figure.actor === e.actor && a.article?.link === linkOf(e.from_article);
      const got = a.figure ? `${a.figure.value} ${a.figure.unit} (${a.figure.actor}) from ${a.article?.link?.split('/').pop()}` : 'no figure';
      const want = e ? `${e.value} ${e.unit} (${e.actor}) from ${e.from_article}` : 'no figure';
      out.push({ right, heldOut: i % 3 === 0, line: `${right ? 'ok  ' : 'MISS'} [${path.basename(file)}#${i}] "${q.ask}" @${q.as_of}: want ${want}; got ${got}${explain && !right ? `\n      ${a.text.replace(/\n/g, '\n      ')}` : ''}` });
    }
    return out;
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const seeds = await scoreFile(path.join(shared, 'seeds-gold.json'));
const dev = (await Promise.all(readdirSync(path.join(shared, 'dev')).filter((f) => f.endsWith('.json')).sort().map((f) => scoreFile(path.join(shared, 'dev', f))))).flat();
const pct = (rs: Array<{ right: boolean }>) => `${rs.filter((r) => r.right).length}/${rs.length} (${((100 * rs.filter((r) => r.right).length) / Math.max(1, rs.length)).toFixed(1)}%)`;
const showHeldOut = process.argv.includes('--heldout');
for (const r of [...seeds, ...dev.filter((d) => showHeldOut || !d.heldOut)]) if (explain || !r.right) console.log(r.line);
console.log(`seeds: ${pct(seeds)}`);
console.log(`dev (development part): ${pct(dev.filter((d) => !d.heldOut))}`);
console.log(`dev (held-out third): ${pct(dev.filter((d) => d.heldOut))}`);
console.log(`dev (all): ${pct(dev)}`);
