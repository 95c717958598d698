/**
 * `npm run bench -- cycle`: one ingest cycle of 1,000 feeds x 50 new items (real-sized articles
 * with figures, bench/cycle/feeds.ts) served from 1,000 distinct loopback hosts by a child process,
 * into SQLite in a temp dir; then a second cycle that the server answers with 304s. Prints the cycle
 * line, where the time went (bench phases from src/ingest/phaseClock.ts), peak RSS and load average.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadConfig } from '../src/config/load.js';
import { phaseSeconds, resetPhases } from '../src/ingest/phaseClock.js';
import { ingestFeeds } from '../src/ingest/ingestFeeds.js';
import { metrics } from '../src/observability/metrics.js';
import { silentLogger } from '../src/observability/logger.js';
import { openStore } from '../src/store/open.js';
import { FEEDS, ITEMS_PER_FEED, hostOf } from './cycle/feeds.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');

async function startServer(): Promise<{ port: number; bytes: number; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'cycle/server.ts')], { stdio: ['pipe', 'pipe', 'inherit'], cwd: repoRoot });
  const line = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the cycle feed server exited (${code})`)));
    createInterface({ input: child.stdout! }).once('line', resolve);
  });
  const { port, bytes } = JSON.parse(line) as { port: number; bytes: number };
  return { port, bytes, stop: () => child.stdin!.end() };
}

const mb = (bytes: number) => Math.round(bytes / 1048576);
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

export async function run(): Promise<void> {
  const server = await startServer();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'newsdigest-bench-cycle-'));
  const store = await openStore({ DATA_DIR: dataDir, DATABASE_URL: undefined }, silentLogger);
  try {
    await store.migrate();
    const base = loadConfig({ configDir: path.join(repoRoot, 'config'), env: {} }).config;
    // Every item is new: a first poll must not count the backlog as already seen here.
    const config = { ...base, feeds: [], ingest: { ...base.ingest, initialItems: 1_000_000 } };
    const rt = { store, config, logger: silentLogger };
    const urls = Array.from({ length: FEEDS }, (_, f) => `http://${hostOf(f)}:${server.port}/feed.xml`);
    console.log(`cycle: ${FEEDS} feeds, ${(server.bytes / 1048576).toFixed(0)} MB of XML, concurrency ${config.ingest.concurrency}, load average before ${load()}`);

    resetPhases();
    let t0 = performance.now();
    const first = await ingestFeeds(rt, { feeds: urls });
    const s1 = (performance.now() - t0) / 1000;
    const phases = phaseSeconds();
    const items = first.reduce((n, r) => n + r.items, 0);
    const stored = first.reduce((n, r) => n + r.new, 0);
    const failed = first.filter((r) => r.status !== 'ok');
    if (failed.length) console.log(`cycle: ${failed.length} feeds not ok, first: ${failed[0]!.url} ${failed[0]!.status} ${failed[0]!.error}`);
    const figures = (await metrics.figuresExtracted.get()).values[0]?.value ?? 0;

    t0 = performance.now();
    const again = await ingestFeeds(rt, { feeds: urls });
    const s2 = (performance.now() - t0) / 1000;
    const notModified = again.filter((r) => r.status === 'not_modified').length;

    const peak = process.resourceUsage().maxRSS * 1024;
    console.log(`cycle: ${FEEDS} feeds x ${ITEMS_PER_FEED} items in ${s1.toFixed(1)} s (${Math.round(items / s1)} items/s); 304 cycle in ${s2.toFixed(1)} s; peak RSS ${mb(peak)} MB`);
    console.log(`cycle: ${items} items read, ${stored} articles stored, ${figures} figures; ${notModified} of ${FEEDS} answered 304`);
    const fmt = (k: keyof typeof phases) => `${k} ${phases[k].toFixed(1)} s`;
    console.log(
      `cycle: time (summed over feeds; fetch and store are async waits that overlap across ${config.ingest.concurrency} feeds in flight, the others are CPU on the event loop): ` +
        (['fetch', 'decode', 'parse', 'text', 'extract', 'store'] as const).map(fmt).join(', '),
    );
    console.log(`cycle: load average after ${load()}`);
  } finally {
    await store.close();
    server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
