/**
 * `npm run bench -- cycle [--no-baseline]`: one ingest cycle of 1,000 feeds x 50 new items
 * (real-sized articles with figures, bench/cycle/feeds.ts) served from 1,000 distinct loopback
 * hosts by a child process, into SQLite in a temp dir, with the worker pool `ingest` and `serve`
 * use; then a second cycle that the server answers with 304s. Prints the cycle line, where the
 * time went (phases from src/ingest/phaseClock.ts), CPU time (less noisy than wall time on a shared
 * machine), peak RSS, and the idle RSS of `newsdigest serve`. The baseline, from the same run, is
 * the same cycle with every stage on the event loop (ingest.workers: 0) into a fresh database.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadConfig } from '../src/config/load.js';
import type { Config } from '../src/config/schema.js';
import { phaseSeconds, resetPhases } from '../src/ingest/phaseClock.js';
import { ingestFeeds } from '../src/ingest/ingestFeeds.js';
import { metrics } from '../src/observability/metrics.js';
import { silentLogger } from '../src/observability/logger.js';
import { openStore } from '../src/store/open.js';
import { feedWorkFor } from '../src/workers/feedWork.js';
import { FEEDS, ITEMS_PER_FEED } from './cycle/feeds.js';
import { startCycleFeedServer } from './cycle/startFeedServer.js';
import { serveIdleRss } from './cycle/serveIdleRss.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');

const mb = (bytes: number) => Math.round(bytes / 1048576);
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(since);
  return { user: c.user / 1e6, system: c.system / 1e6 };
};

interface CycleResult {
  label: string;
  first: number;
  notModified: number;
  items: number;
  stored: number;
  figures: number;
  failed: string | null;
  cpu: { user: number; system: number };
  cpu304: number;
  /** Share of the first cycle's wall time the main thread's event loop was busy. */
  busy: number;
  phases: ReturnType<typeof phaseSeconds>;
  second: number;
  threads: number;
  mainHeapMb: number;
  mainExternalMb: number;
}

async function cycle(label: string, config: Config, urls: string[]): Promise<CycleResult> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'newsdigest-bench-cycle-'));
  const store = await openStore({ DATA_DIR: dataDir, DATABASE_URL: undefined }, silentLogger);
  const work = feedWorkFor(config);
  try {
    await store.migrate();
    const rt = { store, config, logger: silentLogger };
    metrics.figuresExtracted.reset();
    resetPhases();
    // The main thread's memory every 250 ms: what of the peak RSS is its heap (the rest: SQLite, worker threads, code).
    let peakHeap = 0;
    let peakExternal = 0;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakHeap = Math.max(peakHeap, m.heapTotal);
      peakExternal = Math.max(peakExternal, m.external);
    }, 250);
    const cpu0 = process.cpuUsage();
    const elu0 = performance.eventLoopUtilization();
    let t0 = performance.now();
    const first = await ingestFeeds(rt, { feeds: urls, work });
    const s1 = (performance.now() - t0) / 1000;
    const busy = performance.eventLoopUtilization(elu0).utilization;
    const cpu = cpuSeconds(cpu0);
    const phases = phaseSeconds();
    clearInterval(sampler);
    const failed = first.filter((r) => r.status !== 'ok');
    const cpu1 = process.cpuUsage();
    t0 = performance.now();
    const again = await ingestFeeds(rt, { feeds: urls, work });
    const s2 = (performance.now() - t0) / 1000;
    const cpu2 = cpuSeconds(cpu1);
    return {
      label,
      first: s1,
      second: s2,
      notModified: again.filter((r) => r.status === 'not_modified').length,
      items: first.reduce((n, r) => n + r.items, 0),
      stored: first.reduce((n, r) => n + r.new, 0),
      figures: (await metrics.figuresExtracted.get()).values[0]?.value ?? 0,
      failed: failed.length ? `${failed.length} feeds not ok, first: ${failed[0]!.url} ${failed[0]!.status} ${failed[0]!.error}` : null,
      cpu,
      cpu304: cpu2.user + cpu2.system,
      busy,
      phases,
      threads: work.threads,
      mainHeapMb: mb(peakHeap),
      mainExternalMb: mb(peakExternal),
    };
  } finally {
    await work.close();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function report(r: CycleResult, peakMb: number | null): void {
  const where = r.threads > 0 ? `${r.threads} worker threads` : 'everything on the event loop';
  console.log(`${r.label}: ${FEEDS} feeds x ${ITEMS_PER_FEED} items in ${r.first.toFixed(1)} s (${Math.round(r.items / r.first)} items/s); 304 cycle in ${r.second.toFixed(1)} s${peakMb === null ? '' : `; peak RSS ${peakMb} MB`}`);
  if (r.failed) console.log(`${r.label}: ${r.failed}`);
  console.log(`${r.label}: ${r.items} items read, ${r.stored} articles stored, ${r.figures} figures; ${r.notModified} of ${FEEDS} answered 304; ${where}`);
  console.log(
    `${r.label}: CPU of the first cycle ${(r.cpu.user + r.cpu.system).toFixed(1)} s (user ${r.cpu.user.toFixed(1)}, system ${r.cpu.system.toFixed(1)}; all threads of this process), ` +
      `304 cycle ${r.cpu304.toFixed(1)} s; event loop busy ${(r.busy * 100).toFixed(0)} % of its ${r.first.toFixed(1)} s; main thread's peak V8 heap ${r.mainHeapMb} MB, external ${r.mainExternalMb} MB`,
  );
  const fmt = (k: keyof typeof r.phases) => `${k} ${r.phases[k].toFixed(1)} s`;
  console.log(
    `${r.label}: time summed over feeds (fetch and store are async waits that overlap across feeds in flight; decode, parse, text and extract run ${r.threads > 0 ? 'on the worker threads' : 'on the event loop'}): ` +
      (['fetch', 'decode', 'parse', 'text', 'extract', 'store'] as const).map(fmt).join(', '),
  );
}

export async function run(): Promise<void> {
  const baseline = !process.argv.includes('--no-baseline');
  const server = await startCycleFeedServer();
  try {
    const base = loadConfig({ configDir: path.join(repoRoot, 'config'), env: {} }).config;
    // Every item is new: a first poll must not count the backlog as already seen here.
    const config = { ...base, feeds: [], ingest: { ...base.ingest, initialItems: 1_000_000 } };
    const urls = server.urls;
    console.log(`cycle: ${FEEDS} feeds, ${(server.bytes / 1048576).toFixed(0)} MB of XML, concurrency ${config.ingest.concurrency}, ${os.availableParallelism()} cores, load average before ${load()}`);

    const pooled = await cycle('cycle', config, urls);
    // Peak RSS of this process so far: the pooled cycle (worker threads included) and nothing else.
    report(pooled, mb(process.resourceUsage().maxRSS * 1024));
    console.log(`cycle: load average after ${load()}`);
    if (baseline) {
      const inline = await cycle('baseline', { ...config, ingest: { ...config.ingest, workers: 0 } }, urls);
      report(inline, null);
      console.log(`baseline: load average after ${load()}`);
    }
  } finally {
    server.stop();
  }
  const bin = path.join(repoRoot, 'bin/newsdigest.js');
  if (!existsSync(path.join(repoRoot, 'dist/cli.js'))) {
    console.log('serve: dist/ is missing (npm run build), idle RSS not measured');
    return;
  }
  const idle = await serveIdleRss(bin);
  console.log(`serve: idle RSS ${idle.rssMb} MB (newsdigest serve on SQLite with the default config, ${idle.idleSeconds} s after its first poll, no chat platform; target <= 150 MB)`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
