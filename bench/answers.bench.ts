/**
 * Answer latency over a million stored figures in SQLite (target: p99 <= 10 ms).
 *
 * Builds a database with 1,000,000 synthetic figures spread over 2022-2025 across the categories
 * and actors that questions ask about, adds the bundled sample feed's figures through the real
 * ingest pipeline, then times `answer()` on a mix of questions: the gold questions of ../shared/eval,
 * misspelled and reordered ones, an unknown measure and an as-of day before any figure.
 *
 * The machine it runs on may be shared and noisy, so the same run also times the floor: one raw
 * `findFigures` look-up (the newest running total of one actor, 40 rows), measured interleaved with
 * the answers. An answer cannot be faster than that; the distance between the two is our own work.
 *
 * Filling a million rows takes minutes. With BENCH_ANSWERS_CACHE=1 (or `run({ reuseDb: true })`) the
 * filled database is kept under bench/.cache/ (gitignored), keyed by everything that shapes it, and
 * later runs work on a copy of it (schema migrations newer than the cache are applied to the copy).
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { answer } from '../src/answers/answer.js';
import { loadConfig } from '../src/config/load.js';
import type { Config } from '../src/config/schema.js';
import { ingestFeeds } from '../src/ingest/ingestFeeds.js';
import { silentLogger } from '../src/observability/logger.js';
import { bulkInsertFigures, type BulkFigureOptions } from '../src/store/sqlite/bulkInsertFigures.js';
import { SqliteStore } from '../src/store/sqlStore.js';

const FIGURES = 1_000_000;
const ROUNDS = 100;
/** Untimed rounds first: statements prepared, pages cached, the JIT warm. */
const WARMUP_ROUNDS = 5;
const repoRoot = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const cacheDir = path.join(repoRoot, 'bench/.cache');

interface GoldQuestion {
  ask: string;
  as_of: string;
}

export interface AnswerBenchOptions {
  /** Keep the filled database under bench/.cache/ and reuse it (default: env BENCH_ANSWERS_CACHE=1). */
  reuseDb?: boolean;
  /** Timed rounds over all questions (default 100). */
  rounds?: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const ms = (n: number): string => `${n.toFixed(2)} ms`;

/** Wall-clock and CPU-time percentiles of a series of timings. */
class Timings {
  readonly wall: number[] = [];
  readonly cpu: number[] = [];

  add(wallMs: number, cpuMs: number): void {
    this.wall.push(wallMs);
    this.cpu.push(cpuMs);
  }

  p(which: 'wall' | 'cpu', q: number): number {
    return percentile([...this[which]].sort((a, b) => a - b), q);
  }

  line(label: string): string {
    const cell = (n: number): string => ms(n).padStart(10);
    return `answers: ${label.padEnd(11)}${cell(this.p('wall', 50))}${cell(this.p('wall', 99))}${cell(this.p('cpu', 50))}${cell(this.p('cpu', 99))}   (${this.wall.length})`;
  }
}

/**
 * Times one call: wall clock (what a user waits) and this process's CPU time over it (all threads,
 * so garbage collection in the background counts; time spent waiting for a busy CPU does not).
 */
async function timed<T>(fn: () => Promise<T>): Promise<{ result: T; wallMs: number; cpuMs: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await fn();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { result, wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** A fresh database with the synthetic figures at `file` (migrated to the current schema). */
async function fillDatabase(file: string, fill: BulkFigureOptions): Promise<number> {
  const store = await SqliteStore.open(file, silentLogger);
  try {
    await store.migrate();
    return bulkInsertFigures(store, FIGURES, fill).elapsedMs;
  } finally {
    await store.close();
  }
}

/**
 * Puts a filled database at `target`: a copy of the cached one when reuse is on and the cache
 * matches (what fills it: the row count, the fill options and the filler's code), else a new fill.
 * Returns how the database came to be, for the report.
 */
async function prepareDatabase(target: string, fill: BulkFigureOptions, reuse: boolean): Promise<string> {
  if (!reuse) return `filled in ${((await fillDatabase(target, fill)) / 1000).toFixed(1)} s`;
  const filler = readFileSync(path.join(repoRoot, 'src/store/sqlite/bulkInsertFigures.ts'));
  const key = createHash('sha256').update(JSON.stringify({ FIGURES, fill })).update(filler).digest('hex').slice(0, 16);
  const cached = path.join(cacheDir, `answers-${key}.db`);
  let how = `copied from ${path.relative(repoRoot, cached)}`;
  if (!existsSync(cached)) {
    mkdirSync(cacheDir, { recursive: true });
    // Built beside the cache and renamed into place: an interrupted fill never passes for a cache.
    const building = `${cached}.building-${process.pid}`;
    try {
      const elapsed = await fillDatabase(building, fill);
      renameSync(building, cached);
      // Caches of other fills (older code or config) would only take up half a gigabyte each.
      for (const f of readdirSync(cacheDir)) if (/^answers-[0-9a-f]{16}\.db$/.test(f) && f !== path.basename(cached)) rmSync(path.join(cacheDir, f), { force: true });
      how = `filled in ${(elapsed / 1000).toFixed(1)} s and cached as ${path.relative(repoRoot, cached)}`;
    } finally {
      rmSync(building, { force: true });
    }
  }
  copyFileSync(cached, target);
  return how;
}

export async function run(options: AnswerBenchOptions = {}): Promise<void> {
  const reuse = options.reuseDb ?? process.env.BENCH_ANSWERS_CACHE === '1';
  const rounds = options.rounds ?? ROUNDS;
  const { config } = loadConfig({ configDir: path.join(repoRoot, 'config'), env: {} });
  const fill: BulkFigureOptions = {
    seed: 1,
    categories: [...new Set(config.answers.measures.map((m) => m.category))],
    actors: [...config.figures.actors.map((a) => a.name), null],
    from: '2022-02-24T00:00:00.000Z',
    to: '2025-12-31T23:59:59.000Z',
  };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'newsdigest-bench-answers-'));
  const file = path.join(dir, 'newsdigest.db');
  try {
    await measure(file, await prepareDatabase(file, fill, reuse), rounds, config);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Answers the questions over the filled database at `file` and prints the timings. */
async function measure(file: string, how: string, rounds: number, config: Config): Promise<void> {
  const store = await SqliteStore.open(file, silentLogger);
  try {
    await store.migrate();
    await ingestFeeds({ store, config, logger: silentLogger }, { feeds: [path.join(repoRoot, 'examples/sample-feed.xml')] });

    const gold = JSON.parse(readFileSync(path.resolve(repoRoot, '../shared/eval/seeds-gold.json'), 'utf8')) as { questions: GoldQuestion[] };
    const questions: Array<{ ask: string; asOf: string }> = [
      ...gold.questions.map((q) => ({ ask: q.ask, asOf: q.as_of })),
      { ask: 'How much securty assistence has Amercia given Ukriane so far?', asOf: '2025-06-01' },
      { ask: 'total aid US to date', asOf: '2025-06-01' },
      { ask: 'What is the total aid to Ukraine to date?', asOf: '2025-06-01' },
      { ask: 'How many drones has Russia launched as of March 2024?', asOf: '2025-06-01' },
      { ask: 'How many people were killed in Kharkiv?', asOf: '2025-06-01' },
      { ask: "What's the weather in Kyiv?", asOf: '2025-06-01' },
      { ask: 'Total US aid to date?', asOf: '2020-01-01' },
    ];
    // The floor: one look-up of the kind every answer makes at least once.
    const rawQuery = { category: 'aid', actor: 'United States', cumulative: true, publishedOnOrBefore: '2024-11-01', limit: 40 };

    for (let round = 0; round < WARMUP_ROUNDS; round++) {
      for (const q of questions) await answer(q.ask, { store, config }, { asOf: q.asOf });
      await store.findFigures(rawQuery);
    }

    const all = new Timings();
    const found = new Timings();
    const notFound = new Timings();
    const raw = new Timings();
    const perQuestion = new Map<string, Timings>();
    for (let round = 0; round < rounds; round++) {
      for (const q of questions) {
        const { result: a, wallMs, cpuMs } = await timed(() => answer(q.ask, { store, config }, { asOf: q.asOf }));
        all.add(wallMs, cpuMs);
        (a.figure ? found : notFound).add(wallMs, cpuMs);
        const key = `${q.ask} @${q.asOf}`;
        if (!perQuestion.has(key)) perQuestion.set(key, new Timings());
        perQuestion.get(key)!.add(wallMs, cpuMs);
        // Interleaved, so the floor sees the same moments of machine load as the answers.
        const floor = await timed(() => store.findFigures(rawQuery));
        raw.add(floor.wallMs, floor.cpuMs);
      }
    }
    const met = (n: number): string => (n <= 10 ? 'met' : 'MISSED');
    console.log(`answers: ${FIGURES.toLocaleString('en-US')} figures in SQLite (${how}), ${questions.length} questions x ${rounds} rounds after ${WARMUP_ROUNDS} warm-up rounds; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs`);
    console.log(`answers: ${''.padEnd(11)}${'wall p50'.padStart(10)}${'wall p99'.padStart(10)}${'cpu p50'.padStart(10)}${'cpu p99'.padStart(10)}   (timings)`);
    console.log(all.line('all'));
    console.log(found.line('found'));
    console.log(notFound.line('not found'));
    console.log(raw.line('floor'));
    console.log(`answers: floor = one raw findFigures of 40 rows (what every answer reads at least), timed between the answers`);
    console.log(`answers: cpu = this process's CPU time during the call (all threads, GC included; waiting for a busy CPU not counted)`);
    console.log(`answers: target p99 <= 10 ms: ${met(all.p('wall', 99))} (wall p99 ${ms(all.p('wall', 99))}; the floor's wall p99 on this machine now: ${ms(raw.p('wall', 99))})`);
    const slowest = [...perQuestion.entries()].sort((a, b) => b[1].p('wall', 99) - a[1].p('wall', 99)).slice(0, 5);
    for (const [q, t] of slowest) console.log(`answers:   slowest: wall p99 ${ms(t.p('wall', 99))} (p50 ${ms(t.p('wall', 50))}), cpu p99 ${ms(t.p('cpu', 99))} (p50 ${ms(t.p('cpu', 50))})  ${q}`);
  } finally {
    await store.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
