/**
 * Ingest throughput on the shared fixture corpus (../shared/fixtures/feeds, 146 documents).
 *
 * 1. parse: every document through charset decoding, repair, rss-parser and normalization, from
 *    memory (items/s and MB/s of the parsing alone);
 * 2. ingest: every document served from a feed server on 127.0.0.1 and ingested with the real
 *    pipeline (HTTP fetch, parse, SQLite store, figure extraction) at the configured concurrency;
 * 3. re-ingest: the same feeds again, all answered 304 (feeds/s of a poll where nothing changed).
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadConfig } from '../src/config/load.js';
import { readFeed } from '../src/feeds/readFeed.js';
import { ingestFeeds } from '../src/ingest/ingestFeeds.js';
import { silentLogger } from '../src/observability/logger.js';
import { openStore } from '../src/store/open.js';
import { corpusDir, startFeedServer } from '../test/fakes/feedServer.js';

const repoRoot = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const ROUNDS = 3;

function corpusFiles(): string[] {
  const manifest = JSON.parse(readFileSync(path.join(corpusDir, 'MANIFEST.json'), 'utf8')) as { files: Array<{ file: string }> };
  return manifest.files.map((f) => f.file);
}

async function benchParse(files: string[]): Promise<void> {
  const docs = files.map((f) => readFileSync(path.join(corpusDir, f)));
  const bytes = docs.reduce((n, d) => n + d.length, 0);
  const fetchedAt = new Date();
  let best = Infinity;
  let items = 0;
  for (let round = 0; round < ROUNDS; round++) {
    items = 0;
    const t0 = performance.now();
    for (const [i, doc] of docs.entries()) {
      const r = await readFeed(doc, { documentUrl: `http://127.0.0.1/corpus/${files[i]}`, fetchedAt });
      if (r.ok) items += r.feed.items.length;
    }
    best = Math.min(best, performance.now() - t0);
  }
  const s = best / 1000;
  console.log(`parse     ${docs.length} documents, ${(bytes / 1048576).toFixed(1)} MB, ${items} items in ${best.toFixed(0)} ms (best of ${ROUNDS}): ${Math.round(items / s)} items/s, ${(bytes / 1048576 / s).toFixed(1)} MB/s`);
}

async function benchIngest(files: string[]): Promise<void> {
  const server = await startFeedServer();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'newsdigest-bench-ingest-'));
  const store = await openStore({ DATA_DIR: dataDir, DATABASE_URL: undefined }, silentLogger);
  try {
    await store.migrate();
    const base = loadConfig({ configDir: path.join(repoRoot, 'config'), env: {} }).config;
    const config = { ...base, feeds: [], ingest: { ...base.ingest, initialItems: 1_000_000 } };
    const rt = { store, config, logger: silentLogger };
    const urls = files.map((f) => server.url(`/corpus/${f}`));

    let t0 = performance.now();
    const first = await ingestFeeds(rt, { feeds: urls });
    let s = (performance.now() - t0) / 1000;
    const items = first.reduce((n, r) => n + r.items, 0);
    const stored = first.reduce((n, r) => n + r.new, 0);
    const failed = first.filter((r) => r.status === 'failed').length;
    console.log(
      `ingest    ${urls.length} feeds over HTTP into SQLite (concurrency ${config.ingest.concurrency}, ${config.ingest.perHostConcurrency} per host): ` +
        `${items} items, ${stored} articles stored, ${failed} refused, in ${s.toFixed(2)} s: ${Math.round(items / s)} items/s, ${(urls.length / s).toFixed(1)} feeds/s`,
    );

    t0 = performance.now();
    const again = await ingestFeeds(rt, { feeds: urls });
    s = (performance.now() - t0) / 1000;
    const notModified = again.filter((r) => r.status === 'not_modified').length;
    console.log(`re-ingest ${urls.length} feeds, ${notModified} answered 304 Not Modified, in ${s.toFixed(2)} s: ${(urls.length / s).toFixed(1)} feeds/s`);
  } finally {
    await store.close();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  if (!statSync(corpusDir, { throwIfNoEntry: false })?.isDirectory() || readdirSync(corpusDir).length === 0) {
    console.log(`ingest bench: the fixture corpus is missing (${corpusDir}); skipped`);
    return;
  }
  console.log('== ingest throughput on the fixture corpus');
  const files = corpusFiles();
  await benchParse(files);
  await benchIngest(files);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
