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
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { answer } from '../src/answers/answer.js';
import { loadConfig } from '../src/config/load.js';
import { linkOf, openGoldStore } from './goldStore.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = path.join(repoRoot, '../shared/eval');
const explain = process.argv.includes('--explain');
const useGold = process.argv.includes('--gold');

const { config } = loadConfig({ configDir: path.join(repoRoot, 'config'), env: {} });

async function scoreFile(file: string): Promise<Array<{ right: boolean; heldOut: boolean; line: string }>> {
  const gold = await openGoldStore(file, config, useGold);
  try {
    const out: Array<{ right: boolean; heldOut: boolean; line: string }> = [];
    let i = 0;
    for (const q of gold.questions) {
      i += 1;
      const a = await answer(q.ask, { store: gold.store, config }, { asOf: q.as_of });
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
    await gold.close();
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
