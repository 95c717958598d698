/**
 * `npm run fuzz`: 10,000 mutated feeds through ingestion's parse path and 10,000 random and
 * adversarial texts through extractFigures, each bounded in time. Prints runs, crashes, the
 * slowest input and the heap high-water mark; exits 1 on any crash or input over 1 s.
 *   FUZZ_COUNT (default 10000), FUZZ_SEED (default 1), FUZZ_MAX_SECONDS per target (default 300).
 */
import { fuzzFeeds } from './fuzz/feeds.js';
import { fuzzFigures } from './fuzz/figures.js';

interface Report {
  runs: number;
  crashes: string[];
  slowestMs: number;
  maxHeapMB: number;
  slow?: string[];
}

const count = Number(process.env.FUZZ_COUNT ?? 10_000);
const seed = Number(process.env.FUZZ_SEED ?? 1);
const maxMs = Number(process.env.FUZZ_MAX_SECONDS ?? 300) * 1000;

function print(name: string, r: Report, ms: number): boolean {
  const slow = r.slow ?? [];
  console.log(`${name}: ${r.runs} runs in ${(ms / 1000).toFixed(1)} s, ${r.crashes.length} crashes, ${slow.length} over 1 s, slowest ${r.slowestMs} ms, max heap ${r.maxHeapMB} MB`);
  for (const c of r.crashes.slice(0, 20)) console.log(`  crash: ${c}`);
  for (const s of slow.slice(0, 20)) console.log(`  slow: ${s}`);
  if (r.runs < count) console.log(`  (stopped at the ${maxMs / 1000} s bound before ${count} runs)`);
  return r.crashes.length === 0 && slow.length === 0 && r.slowestMs <= 1000;
}

let ok = true;
let t0 = performance.now();
const feeds = await fuzzFeeds({ count, seed, maxMs });
ok = print('feeds', feeds, performance.now() - t0) && ok;
if ('outcomes' in feeds) {
  const outcomes = Object.entries((feeds as { outcomes: Record<string, number> }).outcomes).sort((a, b) => b[1] - a[1]);
  console.log(`  outcomes: ${outcomes.map(([k, v]) => `${k} ${v}`).join('; ')}`);
}
t0 = performance.now();
const figures = await fuzzFigures({ count, seed, maxMs });
ok = print('figures', figures, performance.now() - t0) && ok;
process.exit(ok ? 0 : 1);
