/**
 * Feed fuzzing: mutated feed documents through the same path ingestion uses (bytes → charset →
 * repair → rss-parser → normalize). A run must end in a feed or a refusal with a reason: an
 * exception, a malformed item, an input over the time limit or a heap that keeps growing is a
 * finding. Mutations: truncation, bit flips, byte splices, huge attributes and text runs, entity
 * expansion (billion laughs, XXE, quadratic blow-up), deep nesting, wrong and mixed encodings,
 * broken CDATA/comments/entities, control characters, many items. Deterministic for a seed.
 */
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { readFeed } from '../../src/feeds/readFeed.js';
import { prng } from '../../src/util/prng.js';

export interface FuzzOptions {
  count: number;
  seed: number;
  /** Stop after this much time (the run is then reported as shorter). */
  maxMs: number;
  /** An input slower than this is a finding (default 1000 ms). */
  slowMs?: number;
}

export interface FuzzReport {
  runs: number;
  crashes: string[];
  /** Inputs that took longer than slowMs. */
  slow: string[];
  slowestMs: number;
  maxHeapMB: number;
  /** How the runs ended: accepted feeds and refusals by reason prefix. */
  outcomes: Record<string, number>;
}

const here = path.dirname(new URL(import.meta.url).pathname);
const corpusDir = path.resolve(here, '../../../shared/fixtures/feeds');

export const SYNTHETIC_SEEDS = [
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Seed</title><link>https://seed.example/</link>
<item><title>Allies pledge $2.5 billion &amp; more</title><link>https://seed.example/a?utm_source=x</link><guid isPermaLink="false">a-1</guid><pubDate>Tue, 10 Jun 2003 04:00:00 GMT</pubDate><dc:creator>Reuters</dc:creator><description><![CDATA[<p>About <b>100</b> tanks.</p>]]></description><content:encoded><![CDATA[<p>Full text with 1,200 troops.</p>]]></content:encoded></item>
<item><title>Second</title><link>/relative/b</link><pubDate>2024-01-01T00:00:00Z</pubDate><description>Plain &lt;i&gt;escaped&lt;/i&gt; HTML</description></item></channel></rss>`,
  `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://atom.example/"><title type="html">A &lt;b&gt;feed&lt;/b&gt;</title><link href="/"/><entry><id>urn:1</id><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">X <i>y</i></div></title><link rel="alternate" href="e/1"/><published>2024-02-03T04:05:06+02:00</published><author><name>Ann</name></author><summary>S</summary><content type="html">&lt;p&gt;C&lt;/p&gt;</content></entry></feed>`,
  `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="https://rdf.example/"><title>R</title><link>https://rdf.example/</link></channel><item rdf:about="https://rdf.example/1"><title>One</title><link>https://rdf.example/1</link><dc:date>2003-12-13T18:30:02Z</dc:date></item></rdf:RDF>`,
];

function loadSeeds(): Buffer[] {
  const seeds = SYNTHETIC_SEEDS.map((s) => Buffer.from(s, 'utf8'));
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) {
        if (name !== 'expected') walk(full);
      } else if (!name.endsWith('.json') && !name.endsWith('.md') && statSync(full).size < 64 * 1024) seeds.push(readFileSync(full));
    }
  };
  try {
    walk(corpusDir);
  } catch {
    // The shared corpus is optional for fuzzing: the synthetic seeds suffice.
  }
  return seeds;
}

type Mutator = { name: string; apply: (doc: Buffer, rnd: () => number) => Buffer | string };

const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const int = (rnd: () => number, lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
const insertAt = (doc: string, rnd: () => number, piece: string) => {
  const at = int(rnd, 0, doc.length);
  return doc.slice(0, at) + piece + doc.slice(at);
};
/** Somewhere inside the first <item>/<entry>, or anywhere. */
const insertInItem = (doc: string, rnd: () => number, piece: string) => {
  const m = /<(item|entry)\b[^>]*>/.exec(doc);
  return m ? doc.slice(0, m.index + m[0].length) + piece + doc.slice(m.index + m[0].length) : insertAt(doc, rnd, piece);
};

export const MUTATORS: Mutator[] = [
  { name: 'truncate', apply: (d, r) => d.subarray(0, int(r, 0, d.length)) },
  {
    name: 'bit-flip',
    apply: (d, r) => {
      const b = Buffer.from(d);
      for (let i = int(r, 1, 16); i > 0 && b.length; i--) b[int(r, 0, b.length - 1)]! ^= 1 << int(r, 0, 7);
      return b;
    },
  },
  {
    name: 'byte-splice',
    apply: (d, r) => {
      const a = int(r, 0, d.length);
      const b = int(r, a, Math.min(d.length, a + 4096));
      const at = int(r, 0, d.length);
      return Buffer.concat([d.subarray(0, at), d.subarray(a, b), d.subarray(a, b), d.subarray(at)]);
    },
  },
  { name: 'huge-attribute', apply: (d, r) => insertInItem(d.toString('utf8'), r, `<link href="${'x'.repeat(int(r, 100_000, 2_000_000))}" rel="alternate"/>`) },
  { name: 'many-attributes', apply: (d, r) => insertInItem(d.toString('utf8'), r, `<guid ${Array.from({ length: int(r, 1000, 20_000) }, (_, i) => `a${i}="${i}"`).join(' ')}>g</guid>`) },
  { name: 'huge-text', apply: (d, r) => insertInItem(d.toString('utf8'), r, `<title>${'9'.repeat(int(r, 100_000, 3_000_000))}</title>`) },
  {
    name: 'billion-laughs',
    apply: (d, r) => {
      const levels = int(r, 2, 10);
      let decl = '<!ENTITY l0 "lol">';
      for (let i = 1; i < levels; i++) decl += `<!ENTITY l${i} "${`&l${i - 1};`.repeat(10)}">`;
      return `<?xml version="1.0"?><!DOCTYPE rss [${decl}]>` + d.toString('utf8').replace(/<\?xml[^>]*>/, '').replace(/<title>/, `<title>&l${levels - 1};`);
    },
  },
  { name: 'xxe', apply: (d) => `<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>` + d.toString('utf8').replace(/<\?xml[^>]*>/, '').replace(/<title>/, '<title>&x;') },
  {
    name: 'quadratic-entity',
    apply: (d, r) => `<!DOCTYPE rss [<!ENTITY a "${'a'.repeat(int(r, 100, 1024))}">]>` + d.toString('utf8').replace(/<\?xml[^>]*>/, '').replace(/<title>/, `<title>${'&a;'.repeat(int(r, 100, 20_000))}`),
  },
  {
    name: 'deep-nesting',
    apply: (d, r) => {
      const depth = pick(r, [50, 200, 300, 5_000, 100_000]);
      const tag = pick(r, ['div', 'item', 'a:b', 'channel']);
      return insertInItem(d.toString('utf8'), r, `<description>${`<${tag}>`.repeat(depth)}x${`</${tag}>`.repeat(pick(r, [depth, 0, Math.floor(depth / 2)]))}</description>`);
    },
  },
  { name: 'deep-escaped-html', apply: (d, r) => insertInItem(d.toString('utf8'), r, `<description>${'&lt;div&gt;'.repeat(int(r, 1000, 60_000))}text</description>`) },
  {
    name: 'wrong-encoding',
    apply: (d, r) => {
      const text = d.toString('utf8');
      const declared = pick(r, ['utf-16', 'utf-16le', 'windows-1251', 'euc-kr', 'shift_jis', 'iso-8859-7', 'bogus', 'utf-32', 'gb18030']);
      const actual = pick(r, ['utf8', 'utf16le', 'utf16be', 'latin1', 'utf32le', 'windows-1251', 'euc-kr']);
      const withDecl = text.replace(/encoding="[^"]*"/, `encoding="${declared}"`);
      return iconv.encode(withDecl.includes('encoding=') ? withDecl : `<?xml version="1.0" encoding="${declared}"?>${withDecl}`, actual, { addBOM: r() < 0.3 });
    },
  },
  { name: 'bad-bom', apply: (d, r) => Buffer.concat([Buffer.from(pick(r, [[0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff], [0xff, 0xfe, 0, 0], [0, 0, 0xfe, 0xff]])), d]) },
  {
    name: 'broken-markup',
    apply: (d, r) =>
      insertAt(
        d.toString('utf8'),
        r,
        pick(r, ['<![CDATA[never closed', '<!-- never closed', '<!-- a -- b -->', '&#0;&#xFFFFFFFF;&#xD800;&bogus;&', '</channel></rss><rss>', '<?xml version="1.0"?>', '<!DOCTYPE x [', '<item', '"\'<>&', '\u0000\u0001\u001b\uFFFE\uD800', ']]>', '<a b=c d e="f" b="g">']),
      ),
  },
  { name: 'many-items', apply: (d, r) => d.toString('utf8').replace(/<(item|entry)\b/, (m) => `${'<item><title>t</title><guid>x</guid></item>'.repeat(int(r, 1000, 20_000))}${m}`) },
  { name: 'random-bytes', apply: (_d, r) => Buffer.from(Array.from({ length: int(r, 0, 4096) }, () => int(r, 0, 255))) },
  { name: 'date-garbage', apply: (d, r) => d.toString('utf8').replace(/<pubDate>[^<]*<\/pubDate>/g, `<pubDate>${pick(r, ['99999999999999999999', 'Mon, 32 Foo 20000 99:99:99 +9999', '-1', '1'.repeat(500), 'Τρι, 29 Ιούν 2004 12:53:00 GMT', '2024-02-30T25:61:61Z', 'NaN'])}</pubDate>`) },
  { name: 'url-garbage', apply: (d, r) => d.toString('utf8').replace(/<link>[^<]*<\/link>/, `<link>${pick(r, ['javascript:alert(1)', 'http://[::1', 'https://' + 'a.'.repeat(5000) + 'com', '%zz%', '\u0000http://x', 'http://a b/c'])}</link>`) },
];

function checkShape(result: Awaited<ReturnType<typeof readFeed>>): string | null {
  if (!result || typeof result !== 'object') return 'no result';
  if (!result.ok) return typeof result.reason === 'string' && result.reason.trim() ? null : 'refused without a reason';
  if (!Array.isArray(result.feed.items)) return 'items is not an array';
  for (const item of result.feed.items) {
    if (typeof item.title !== 'string' || item.title === '') return 'an item without a title';
    if (Number.isNaN(Date.parse(item.published))) return `an unreadable published date ${item.published}`;
    if (item.link !== null && !/^https?:\/\//.test(item.link)) return `a link that is not http(s): ${item.link.slice(0, 80)}`;
  }
  return null;
}

export async function fuzzFeeds(opts: FuzzOptions): Promise<FuzzReport> {
  const slowMs = opts.slowMs ?? 1000;
  const rnd = prng(opts.seed);
  const seeds = loadSeeds();
  const report: FuzzReport = { runs: 0, crashes: [], slow: [], slowestMs: 0, maxHeapMB: 0, outcomes: {} };
  const fetchedAt = new Date('2024-06-01T00:00:00Z');
  // Warm-up, unmeasured: the first calls pay for module loading and JIT compilation, which is
  // not a property of any input.
  for (const seed of seeds.slice(0, 20)) await readFeed(seed, { documentUrl: 'https://fuzz.example/feed.xml', fetchedAt }).catch(() => undefined);
  const started = Date.now();
  for (let i = 0; i < opts.count; i++) {
    if (Date.now() - started > opts.maxMs) break;
    const seedIndex = Math.floor(rnd() * seeds.length);
    // One to three mutations stacked.
    const steps = 1 + Math.floor(rnd() * (rnd() < 0.7 ? 1 : 3));
    let doc: Buffer = seeds[seedIndex]!;
    const names: string[] = [];
    for (let s = 0; s < steps; s++) {
      const m = pick(rnd, MUTATORS);
      names.push(m.name);
      const out = m.apply(doc, rnd);
      doc = typeof out === 'string' ? Buffer.from(out, 'utf8') : out;
    }
    const label = `#${i} seed ${seedIndex} ${names.join('+')} (${doc.length} bytes)`;
    if (process.env.FUZZ_TRACE) process.stderr.write(`${label}\n`);
    // FUZZ_DUMP=<file>: the input about to run, so a hang can be reproduced.
    if (process.env.FUZZ_DUMP) writeFileSync(process.env.FUZZ_DUMP, doc);
    const t0 = performance.now();
    try {
      const result = await readFeed(doc, { contentType: rnd() < 0.2 ? 'text/xml; charset=windows-1252' : null, documentUrl: 'https://fuzz.example/feed.xml', fetchedAt });
      const problem = checkShape(result);
      if (problem) report.crashes.push(`${label}: ${problem}`);
      const key = result.ok ? 'ingested' : `refused: ${result.reason.replace(/^refused: /, '').replace(/ \(.*$|: .*$|".*$/, '').replace(/\d+/g, 'N').slice(0, 60)}`;
      if (process.env.FUZZ_SHOW && !result.ok && result.reason.includes(process.env.FUZZ_SHOW)) process.stderr.write(`${label}: ${result.reason}\n`);
      report.outcomes[key] = (report.outcomes[key] ?? 0) + 1;
    } catch (err) {
      report.crashes.push(`${label}: ${(err as Error).stack?.split('\n').slice(0, 3).join(' | ') ?? String(err)}`);
    }
    const ms = performance.now() - t0;
    if (ms > report.slowestMs) report.slowestMs = Math.round(ms);
    if (ms > slowMs) report.slow.push(`${label}: ${Math.round(ms)} ms`);
    report.runs++;
    if (i % 25 === 0) report.maxHeapMB = Math.max(report.maxHeapMB, Math.round(process.memoryUsage().heapUsed / 1048576));
  }
  report.maxHeapMB = Math.max(report.maxHeapMB, Math.round(process.memoryUsage().heapUsed / 1048576));
  return report;
}
