/**
 * Answer latency over a million stored figures in SQLite (target: p99 <= 10 ms).
 *
 * Builds a database in a temp folder with 1,000,000 synthetic figures spread over 2022-2025 across
 * the categories and actors that questions ask about, adds the bundled sample feed's figures through
 * the real ingest pipeline, then times `answer()` on a mix of questions: the gold questions of
 * ../shared/eval, misspelled and reordered ones, an unknown measure and an as-of day before any figure.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { answer } from '../src/answers/answer.js';
import { loadConfig } from '../src/config/load.js';
import { ingestFeeds } from '../src/ingest/ingestFeeds.js';
import { silentLogger } from '../src/observability/logger.js';
import { bulkInsertFigures } from '../src/store/sqlite/bulkInsertFigures.js';
import { SqliteStore } from '../src/store/sqlite/sqliteStore.js';

const FIGURES = 1_000_000;
const ROUNDS = 100;
const repoRoot = path.resolve(fileURLToPath(new URL('..', import.meta.url)));

interface GoldQuestion {
  ask: string;
  as_of: string;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const ms = (n: number): string => `${n.toFixed(2)} ms`;

export async function run(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'newsdigest-bench-answers-'));
  const { config } = loadConfig({ configDir: path.join(repoRoot, 'config'), env: {} });
  const store = await SqliteStore.open(path.join(dir, 'newsdigest.db'), silentLogger);
  try {
    await store.migrate();
    const categories = [...new Set(config.answers.measures.map((m) => m.category))];
    const actors = [...config.figures.actors.map((a) => a.name), null];
    const filled = bulkInsertFigures(store, FIGURES, { categories, actors, from: '2022-02-24T00:00:00.000Z', to: '2025-12-31T23:59:59.000Z' });
    await ingestFeeds({ store, config, logger: silentLogger }, { feeds: [path.join(repoRoot, 'examples/sample-feed.xml')] });

    const gold = JSON.parse(readFileSync(path.resolve(repoRoot, '../shared/eval/seeds-gold.json'), 'utf8')) as { questions: GoldQuestion[] };
    const questions: Array<{ ask: string; asOf: string }> = [
      ...gold.questions.map((q) => ({ ask: q.ask, asOf: q.as_of })),
      { ask: 'How much securty assistence has Amercia given Ukriane so far?', asOf: '2025-06-01' },
      { ask: 'total aid US to date', asOf: '2025-06-01' },
      { ask: 'How many drones has Russia launched as of March 2024?', asOf: '2025-06-01' },
      { ask: 'How many people were killed in Kharkiv?', asOf: '2025-06-01' },
      { ask: "What's the weather in Kyiv?", asOf: '2025-06-01' },
      { ask: 'Total US aid to date?', asOf: '2020-01-01' },
    ];

    // Warm up: statements prepared, pages cached.
    for (const q of questions) await answer(q.ask, { store, config }, { asOf: q.asOf });

    const all: number[] = [];
    const found: number[] = [];
    const notFound: number[] = [];
    const perQuestion = new Map<string, number[]>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const q of questions) {
        const t0 = performance.now();
        const a = await answer(q.ask, { store, config }, { asOf: q.asOf });
        const dt = performance.now() - t0;
        all.push(dt);
        (a.figure ? found : notFound).push(dt);
        const key = `${q.ask} @${q.asOf}`;
        perQuestion.set(key, [...(perQuestion.get(key) ?? []), dt]);
      }
    }
    const summary = (times: number[]): string => {
      const sorted = [...times].sort((a, b) => a - b);
      return `p50 ${ms(percentile(sorted, 50))}, p99 ${ms(percentile(sorted, 99))} (${sorted.length} answers)`;
    };
    const p99 = percentile([...all].sort((a, b) => a - b), 99);
    console.log(`answers: ${FIGURES.toLocaleString('en-US')} figures in SQLite (filled in ${(filled.elapsedMs / 1000).toFixed(1)} s), ${questions.length} questions x ${ROUNDS} rounds`);
    console.log(`answers: all        ${summary(all)}  target p99 <= 10 ms: ${p99 <= 10 ? 'met' : 'MISSED'}`);
    console.log(`answers: found      ${summary(found)}`);
    console.log(`answers: not found  ${summary(notFound)}`);
    const slowest = [...perQuestion.entries()]
      .map(([q, times]) => [q, percentile([...times].sort((a, b) => a - b), 99)] as const)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5);
    for (const [q, p] of slowest) console.log(`answers:   slowest p99 ${ms(p)}  ${q}`);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
