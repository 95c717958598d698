/**
 * `npm run eval`: scores extractFigures on the gold standard (../shared/eval/seeds-gold.json, see
 * its README) with the rules in config, and prints precision, recall, F1, attribute accuracy,
 * distractor hits, misses and false positives. Exits 1 when the target (F1 >= 0.95, no distractor
 * hit) is not met, so CI can run it.
 *   npm run eval -- [--gold PATH] [--config DIR] [--json]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config/load.js';
import { extractFigures } from '../src/figures/extractFigures.js';
import { formatFigure } from '../src/figures/formatFigure.js';
import { scoreExtraction, type GoldArticle, type GoldFigure, type PredictedFigure } from '../src/figures/scoreFigures.js';
import type { Qualifier } from '../src/figures/figure.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TARGET_F1 = 0.95;

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const goldPath = path.resolve(option('--gold') ?? path.join(repoRoot, '../shared/eval/seeds-gold.json'));
const gold = JSON.parse(readFileSync(goldPath, 'utf8')) as { articles: GoldArticle[] };
const { config } = loadConfig({ configDir: option('--config') ?? path.join(repoRoot, 'config'), env: {}, dotenv: false });

const score = scoreExtraction(gold.articles, (a) =>
  extractFigures({ title: a.title ?? null, text: a.text, published: a.published ?? null, source: a.source ?? null }, config.figures),
);

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(score, null, 2));
} else {
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
  const show = (f: PredictedFigure | GoldFigure): string =>
    `"${f.quote}" = ${formatFigure({ value: f.value, value_max: null, unit: f.unit, qualifier: (f.qualifier ?? 'exact') as Qualifier })} ` +
    `[${f.category}, ${f.actor ?? 'no actor'}${f.cumulative ? ', cumulative' : ''}]`;
  console.log(`gold: ${path.relative(process.cwd(), goldPath)} (${gold.articles.length} articles, ${gold.articles.reduce((n, a) => n + a.figures.length, 0)} figures)`);
  console.log(`precision ${score.precision.toFixed(3)}  recall ${score.recall.toFixed(3)}  F1 ${score.f1.toFixed(3)}   (TP ${score.tp}, FP ${score.fp}, FN ${score.fn})`);
  console.log(`distractor hits: ${score.distractorHits}`);
  console.log(`attribute accuracy on matched pairs: qualifier ${pct(score.attributes.qualifier)}, actor ${pct(score.attributes.actor)}, cumulative ${pct(score.attributes.cumulative)}`);
  for (const a of score.articles) {
    for (const h of a.distractorHits) console.log(`  ${a.id} DISTRACTOR HIT ${show(h.predicted)} overlaps "${h.distractor}"`);
    for (const m of a.misses) console.log(`  ${a.id} miss ${show(m)}`);
    for (const f of a.falsePositives.filter((p) => !a.distractorHits.some((h) => h.predicted === p))) console.log(`  ${a.id} false positive ${show(f)}`);
    for (const { predicted: p, gold: g } of a.matches) {
      const wrong: string[] = [];
      if (p.qualifier !== g.qualifier) wrong.push(`qualifier ${p.qualifier} (gold ${g.qualifier})`);
      if ((p.actor ?? null) !== g.actor) wrong.push(`actor ${p.actor} (gold ${g.actor})`);
      if (p.cumulative !== g.cumulative) wrong.push(`cumulative ${p.cumulative} (gold ${g.cumulative})`);
      if (wrong.length) console.log(`  ${a.id} attribute ${show(p)}: ${wrong.join(', ')}`);
    }
  }
}
const met = score.f1 >= TARGET_F1 && score.distractorHits === 0;
if (!met) console.log(`target not met: F1 >= ${TARGET_F1} with no distractor hit`);
process.exitCode = met ? 0 : 1;
