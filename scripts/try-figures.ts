/** Dev helper: `npx tsx scripts/try-figures.ts "sentence" ...` prints what the extractor reads in each sentence. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config/load.js';
import { extractFigures } from '../src/figures/extractFigures.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rules = loadConfig({ configDir: path.join(root, 'config'), env: {}, dotenv: false }).config.figures;
for (const text of process.argv.slice(2)) {
  console.log(text);
  for (const f of extractFigures({ text }, rules)) console.log(`  ${JSON.stringify([f.quote, f.value, f.category, f.actor, f.cumulative, f.status, f.since, f.event])}`);
}
