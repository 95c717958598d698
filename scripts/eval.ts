/**
 * `npm run eval`: scores extractFigures on the gold standard (../shared/eval/README.md, schema v2)
 * with the rules in config. Prints, for the seeds and for dev (its development part and its
 * held-out part separately): P/R/F1 with categories, value+unit F1, distractor hits, attribute
 * accuracy on matched figures and a category confusion table. Exits 1 when a target is not met.
 *   npm run eval -- [--gold PATH ...] [--config DIR] [--explain] [--json] [--heldout | --dev-only]
 *
 * Held-out split (fixed rule, chosen before looking at the data): a dev article whose id ends in a
 * number divisible by 3 (da03, da06, ..., de03, ...) is held out. Rules are developed on the seeds
 * and the rest of dev; `--heldout` shows the held-out misses (explain), otherwise only its scores.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config/load.js';
import { extractFigures } from '../src/figures/extractFigures.js';
import { formatFigure } from '../src/figures/formatFigure.js';
import { scoreExtraction, type ExtractionScore, type GoldArticle, type GoldFigure, type PredictedFigure } from '../src/figures/scoreFigures.js';
import type { Qualifier } from '../src/figures/figure.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TARGET_F1 = 0.95;

function options(name: string): string[] {
  const out: string[] = [];
  process.argv.forEach((a, i) => {
    if (a === name && process.argv[i + 1] !== undefined) out.push(process.argv[i + 1]!);
  });
  return out;
}

/** The held-out rule: the number in the id is a multiple of 3. */
export function isHeldOut(id: string): boolean {
  const m = /(\d+)$/.exec(id);
  return m !== null && Number(m[1]) % 3 === 0;
}

const explain = process.argv.includes('--explain');
const showHeldOut = process.argv.includes('--heldout');
const shared = path.join(repoRoot, '../shared/eval');
const goldPaths = options('--gold');
const { config } = loadConfig({ configDir: options('--config')[0] ?? path.join(repoRoot, 'config'), env: {}, dotenv: false });

const load = (p: string): GoldArticle[] => (JSON.parse(readFileSync(p, 'utf8')) as { articles: GoldArticle[] }).articles;
const predict = (a: GoldArticle): PredictedFigure[] =>
  extractFigures({ title: a.title ?? null, text: a.text, published: a.published ?? null, source: a.source ?? null }, config.figures);

interface Part {
  name: string;
  articles: GoldArticle[];
  /** Show misses under --explain (held-out: only with --heldout). */
  explain: boolean;
  target: number;
}

const parts: Part[] = [];
if (goldPaths.length > 0) {
  for (const p of goldPaths) parts.push({ name: path.basename(p), articles: load(path.resolve(p)), explain, target: TARGET_F1 });
} else {
  parts.push({ name: 'seeds', articles: load(path.join(shared, 'seeds-gold.json')), explain, target: 0.97 });
  const dev = [...load(path.join(shared, 'dev/aid.json')), ...load(path.join(shared, 'dev/events.json'))];
  parts.push({ name: 'dev (development part)', articles: dev.filter((a) => !isHeldOut(a.id)), explain, target: TARGET_F1 });
  parts.push({ name: 'dev (held out: id number % 3 == 0)', articles: dev.filter((a) => isHeldOut(a.id)), explain: explain && showHeldOut, target: TARGET_F1 });
  parts.push({ name: 'dev (all)', articles: dev, explain: false, target: TARGET_F1 });
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const show = (f: PredictedFigure | GoldFigure): string =>
  `"${f.quote}" = ${formatFigure({ value: f.value, value_max: null, unit: f.unit, qualifier: (f.qualifier ?? 'exact') as Qualifier })} ` +
  `[${f.category}, ${f.actor ?? 'no actor'}${f.cumulative ? ', cumulative' : ''}${f.status ? `, ${f.status}` : ''}${f.since ? `, since ${f.since}` : ''}${f.event ? `, ${f.event}` : ''}]`;

function sentenceOf(text: string, quote: string): string {
  const i = text.indexOf(quote);
  if (i < 0) return '';
  let s = i;
  while (s > 0 && !/[.!?\n]/.test(text[s - 1]!)) s--;
  let e = i + quote.length;
  while (e < text.length && !/[.!?\n]/.test(text[e]!)) e++;
  return text.slice(s, e + 1).trim();
}

function report(part: Part, score: ExtractionScore): boolean {
  const figures = part.articles.reduce((n, a) => n + a.figures.length, 0);
  const o = score.optional;
  console.log(`\n== ${part.name}: ${part.articles.length} articles, ${figures} figures`);
  console.log(`with categories: P ${score.precision.toFixed(3)}  R ${score.recall.toFixed(3)}  F1 ${score.f1.toFixed(3)}   (TP ${score.tp}, FP ${score.fp}, FN ${score.fn})`);
  console.log(`value+unit F1 ${score.valueUnit.f1.toFixed(3)}   (TP ${score.valueUnit.tp}, FP ${score.valueUnit.fp}, FN ${score.valueUnit.fn})`);
  console.log(`distractor hits: ${score.distractorHits}`);
  console.log(
    `on ${score.tp} matches: qualifier ${pct(score.attributes.qualifier)}, actor ${pct(score.attributes.actor)}, cumulative ${pct(score.attributes.cumulative)}, ` +
      `status ${pct(o.status.share)} (${o.status.pairs}), since ${pct(o.since.share)} (${o.since.pairs}), event ${pct(o.event.share)} (${o.event.pairs})`,
  );
  const cats = [...new Set([...Object.keys(score.confusion), ...Object.values(score.confusion).flatMap((r) => Object.keys(r))])].sort();
  const cols = cats.filter((c) => c !== '(none)');
  const rows = cats.filter((c) => c !== '(missed)');
  const abbrev = (c: string): string => c.replace('casualties_', 'cas_').replace('(missed)', 'missed').slice(0, 9);
  console.log(`confusion (rows gold, columns predicted; matched on value+unit):`);
  console.log(`${''.padEnd(18)}${cols.map((c) => abbrev(c).padStart(10)).join('')}`);
  for (const r of rows) {
    const row = score.confusion[r] ?? {};
    console.log(`${r.padEnd(18)}${cols.map((c) => String(row[c] ?? '.').padStart(10)).join('')}`);
  }
  if (part.explain) {
    const byId = new Map(part.articles.map((a) => [a.id, a]));
    for (const a of score.articles) {
      const text = byId.get(a.id)!.text;
      for (const h of a.distractorHits) console.log(`  ${a.id} DISTRACTOR HIT ${show(h.predicted)} overlaps "${h.distractor}"`);
      for (const m of a.misses) console.log(`  ${a.id} miss ${show(m)}\n      | ${sentenceOf(text, m.quote)}`);
      for (const f of a.falsePositives.filter((p) => !a.distractorHits.some((h) => h.predicted === p))) console.log(`  ${a.id} false positive ${show(f)}\n      | ${sentenceOf(text, f.quote)}`);
      for (const { predicted: p, gold: g } of a.matches) {
        const wrong: string[] = [];
        if (p.qualifier !== g.qualifier) wrong.push(`qualifier ${p.qualifier} (gold ${g.qualifier})`);
        if ((p.actor ?? null) !== g.actor) wrong.push(`actor ${p.actor} (gold ${g.actor})`);
        if (p.cumulative !== g.cumulative) wrong.push(`cumulative ${p.cumulative} (gold ${g.cumulative})`);
        for (const k of ['status', 'since', 'event'] as const) {
          if (g[k] !== undefined && (p[k] ?? null) !== g[k]) wrong.push(`${k} ${p[k] ?? null} (gold ${g[k]})`);
        }
        if (wrong.length) console.log(`  ${a.id} attribute ${show(p)}: ${wrong.join(', ')}\n      | ${sentenceOf(text, g.quote)}`);
      }
    }
  }
  return score.f1 >= part.target && score.distractorHits === 0;
}

const results = parts.map((part) => {
  const score = scoreExtraction(part.articles, predict);
  return { part, score };
});
if (process.argv.includes('--json')) {
  console.log(JSON.stringify(Object.fromEntries(results.map(({ part, score }) => [part.name, score])), null, 2));
  process.exitCode = 0;
} else {
  let met = true;
  for (const { part, score } of results) {
    if (!report(part, score)) {
      met = false;
      console.log(`target not met for ${part.name}: F1 >= ${part.target} with no distractor hit`);
    }
  }
  process.exitCode = met ? 0 : 1;
}
