/**
 * Figure-extraction fuzzing: random and adversarial texts through extractFigures with the default
 * rules. A run must return figures that hold the contract (the quote is text[start, end), values are
 * finite, a range's upper bound is above its lower one, the sentence holds the quote, categories
 * come from config); an exception or a broken invariant is a crash. Adversarial inputs: long digit
 * runs, "1,1,1,...", huge numbers and exponents, 100k "$", nested quotes, unicode (emoji, RTL,
 * combining marks, lone surrogates), mixed separators, a megabyte of one character, seed texts
 * mutated. Deterministic for a seed. Run alone: `npx tsx scripts/fuzz/figures.ts [count] [seed]`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../src/config/load.js';
import { extractFigures } from '../../src/figures/extractFigures.js';
import { QUALIFIERS, type Figure } from '../../src/figures/figure.js';
import { prng } from '../../src/util/prng.js';

export interface FigureFuzzOptions {
  count: number;
  seed: number;
  /** Stop after this much time (the report then shows fewer runs). */
  maxMs: number;
}

export interface FigureFuzzReport {
  runs: number;
  /** One line per finding: what broke, on which input (abridged). */
  crashes: string[];
  slowestMs: number;
  maxHeapMB: number;
}


const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const seedsDir = path.resolve(repoRoot, '../shared/seeds');

function seedTexts(): string[] {
  const out: string[] = [];
  for (const f of ['000_8c1132e8bf8cc12e.txt', '001_027d97a48f4e9a91.txt']) {
    try {
      out.push(readFileSync(path.join(seedsDir, f), 'utf8'));
    } catch {
      // The shared seeds are optional for fuzzing; the synthetic pool is enough.
    }
  }
  if (out.length === 0) out.push('The U.S. has delivered more than $58 billion in security assistance since 2022. Russia launched 12 drones.');
  return out;
}

const TOKENS = [
  '$', '€', '£', 'US$', 'USD', 'EUR', '58', '1,500', '13,000', '4.2', '0', '007', '1,50', '1.000,50', '1 000 000', '1_000', "1'000",
  'billion', 'million', 'bn', 'm', 'k', 'thousand', 'trillion', '%', 'percent', 'per cent', 'th', 'st', '68th', 'fourth', 'first',
  'a dozen', 'dozens', 'two', 'eleven', 'twenty-five', 'one', 'No one', 'each one of which', 'the two', 'World War Two',
  'more than', 'about', 'nearly', 'as many as', 'at least', 'between', 'and', 'to', '-', '–', '—', 'up to', 'or more', 'another',
  'drones', 'troops', 'killed', 'injured', 'aid', 'package', 'tranche', 'containers', 'countries', 'people', 'trained',
  'Russia', 'Russian', 'Ukraine', 'Ukrainian', 'U.S.', 'US', 'North Korean', 'Pyongyang', 'allies', 'the EU',
  'since', 'to date', 'a total of', 'has delivered', 'have been killed', 'Dec.', 'November', '2022', '155 mm', '32-month',
  '10:30', 'a.m.', '+1 202-555-0123', 'aged', '80th anniversary', '.', ',', ';', ':', '(', ')', '[', ']', '"', '“', '”', '’s',
  '\n', '\n\n', '\t', '\u00A0', '\u200B', '🚀', 'ﷺ', 'שלום', '\u0301', '\uD800', '\uDFFF', 'İ', 'ß', 'Ωmega', 'TT', '20',
];

type Gen = (rnd: () => number) => string;
const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const int = (rnd: () => number, lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));

function tokenSoup(rnd: () => number): string {
  const n = int(rnd, 1, 400);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(pick(rnd, TOKENS));
  return parts.join(rnd() < 0.7 ? ' ' : '');
}

function mutateSeed(rnd: () => number, seeds: string[]): string {
  let s = pick(rnd, seeds);
  const edits = int(rnd, 1, 30);
  for (let i = 0; i < edits; i++) {
    const at = int(rnd, 0, s.length);
    const kind = rnd();
    if (kind < 0.3) s = s.slice(0, at) + pick(rnd, TOKENS) + s.slice(at);
    else if (kind < 0.5) s = s.slice(0, at) + s.slice(Math.min(s.length, at + int(rnd, 1, 50)));
    else if (kind < 0.7) s = s.slice(0, at) + String.fromCharCode(int(rnd, 0, 0xffff)) + s.slice(at + 1);
    else if (kind < 0.85) s = s.slice(0, at) + s.slice(at, at + int(rnd, 1, 200)).repeat(int(rnd, 2, 20)) + s.slice(at);
    else s = s.slice(at) + s.slice(0, at);
  }
  return s;
}

/** Inputs built to hurt: long runs, repetition, pathological separators, odd code units. */
const ADVERSARIAL: Gen[] = [
  (r) => '1'.repeat(int(r, 17, 1_000_000)),
  (r) => '1,'.repeat(int(r, 1000, 200_000)),
  (r) => '9'.repeat(int(r, 300, 5000)) + ' billion dollars',
  (r) => `$1e${int(r, 300, 400)} and ${'9'.repeat(308)}.${'9'.repeat(8)} drones`,
  () => '$'.repeat(100_000),
  () => '$1'.repeat(100_000),
  (r) => '“'.repeat(int(r, 1, 50_000)) + 'more than $58 billion' + '”'.repeat(int(r, 1, 50_000)),
  (r) => '"'.repeat(int(r, 1, 20_000)) + "'".repeat(int(r, 1, 20_000)) + '12 drones',
  (r) => pick(r, ['a', ' ', '.', '\n', '-', ',', '€', 'é', '🚀', '\u0000']).repeat(1_000_000),
  (r) => 'one '.repeat(int(r, 1000, 200_000)),
  (r) => 'a dozen '.repeat(int(r, 1000, 100_000)),
  (r) => 'between 1 and '.repeat(int(r, 1000, 50_000)),
  (r) => '12 drones '.repeat(int(r, 1000, 100_000)),
  (r) => 'more than '.repeat(int(r, 1000, 50_000)) + '$5 billion in aid',
  (r) => '1.000,50 1 000 000 1\u00A0000 1_000 1\'000 1,5000 1..2 1,,2 1.2.3.4 '.repeat(int(r, 10, 5000)),
  (r) => '20\n'.repeat(int(r, 1000, 300_000)),
  (r) => `${'x'.repeat(int(r, 1, 500_000))} killed 15 ${'y'.repeat(int(r, 1, 500_000))}`,
  (r) => Array.from({ length: int(r, 100, 20_000) }, () => String.fromCharCode(int(r, 0, 0xffff))).join(''),
  (r) => Array.from({ length: int(r, 100, 20_000) }, () => pick(r, ['\uD83D', '\uDE80', '\u0301', '\u202E', '\uFEFF', '5'])).join(''),
  (r) => `US$${'0'.repeat(int(r, 1, 40))}.${'5'.repeat(int(r, 1, 40))}bn €${'1,'.repeat(int(r, 1, 100))}000m`,
  (r) => `the ${'68th '.repeat(int(r, 100, 20_000))}tranche`,
  (r) => 'U.S. '.repeat(int(r, 1000, 100_000)) + 'has sent $1 billion',
];

function checkFigures(text: string, figures: Figure[], categories: Set<string>): string | null {
  if (!Array.isArray(figures)) return 'result is not an array';
  for (const f of figures) {
    if (text.slice(f.start, f.end) !== f.quote) return `quote "${f.quote.slice(0, 40)}" is not text[${f.start}, ${f.end})`;
    if (!Number.isFinite(f.value)) return `value ${f.value} is not finite`;
    if (f.value_max !== null && (!Number.isFinite(f.value_max) || f.value_max <= f.value)) return `value_max ${f.value_max} is not above ${f.value}`;
    if (!QUALIFIERS.includes(f.qualifier)) return `qualifier ${f.qualifier}`;
    if (!categories.has(f.category)) return `category ${f.category} is not in config`;
    if (!f.sentence.includes(f.quote)) return 'sentence does not hold the quote';
    if (typeof f.cumulative !== 'boolean') return 'cumulative is not a boolean';
  }
  return null;
}

const abridge = (s: string): string => JSON.stringify(s.length > 80 ? `${s.slice(0, 60)}…(${s.length} chars)` : s);

export async function fuzzFigures(opts: FigureFuzzOptions): Promise<FigureFuzzReport> {
  const { config } = loadConfig({ configDir: path.join(repoRoot, 'config'), env: {}, dotenv: false });
  const rules = config.figures;
  const categories = new Set(rules.categories.map((c) => c.name));
  const rnd = prng(opts.seed);
  const seeds = seedTexts();
  const started = performance.now();
  const report: FigureFuzzReport = { runs: 0, crashes: [], slowestMs: 0, maxHeapMB: 0 };
  for (let i = 0; i < opts.count; i++) {
    if (performance.now() - started > opts.maxMs) break;
    const roll = rnd();
    // Every twelfth input is adversarial, cycling through all of them; the rest soup or mutated seeds.
    const text = i % 12 === 0 ? ADVERSARIAL[(i / 12) % ADVERSARIAL.length]!(rnd) : roll < 0.5 ? tokenSoup(rnd) : mutateSeed(rnd, seeds);
    const t0 = performance.now();
    try {
      const figures = extractFigures({ text, title: null, published: null, source: null }, rules);
      const broken = checkFigures(text, figures, categories);
      if (broken) report.crashes.push(`${broken} on ${abridge(text)}`);
    } catch (err) {
      report.crashes.push(`${(err as Error).stack?.split('\n').slice(0, 2).join(' ') ?? String(err)} on ${abridge(text)}`);
    }
    const ms = performance.now() - t0;
    report.slowestMs = Math.max(report.slowestMs, ms);
    report.maxHeapMB = Math.max(report.maxHeapMB, process.memoryUsage().heapUsed / 1024 / 1024);
    report.runs++;
  }
  report.slowestMs = Math.round(report.slowestMs * 10) / 10;
  report.maxHeapMB = Math.round(report.maxHeapMB * 10) / 10;
  return report;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const count = Number(process.argv[2] ?? 2000);
  const seed = Number(process.argv[3] ?? 1);
  const report = await fuzzFigures({ count, seed, maxMs: 10 * 60_000 });
  console.log(JSON.stringify(report, null, 2));
  process.exitCode = report.crashes.length > 0 ? 1 : 0;
}
