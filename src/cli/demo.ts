/**
 * `newsdigest demo` (`npm run demo`): the main job end to end with no tokens and no server. It
 * ingests the bundled sample feed into a fresh SQLite database under DATA_DIR/demo, prints the
 * console digest, and answers one question from the figures it extracted.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { openRuntime } from '../runtime.js';
import { loadConfig } from '../config/load.js';
import { ingestFeeds } from '../ingest/ingestFeeds.js';
import { runDigest, DEFAULT_CHANNEL } from './digest.js';
import { answer } from '../answers/answer.js';

export const SAMPLE_FEED = 'examples/sample-feed.xml';
const DEMO_QUESTION = 'What is the total US security assistance to Ukraine to date?';

export async function runDemo(out: NodeJS.WritableStream = process.stdout): Promise<void> {
  const started = performance.now();
  const base = loadConfig();
  // A fresh database every run, so the demo always shows the whole sample; real data is untouched.
  const dataDir = path.resolve(base.env.DATA_DIR, 'demo');
  rmSync(dataDir, { recursive: true, force: true });
  const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' };

  const rt = await openRuntime({ env });
  try {
    // The sample is small: show all of it rather than only a new feed's newest few items.
    const config = { ...rt.config, ingest: { ...rt.config.ingest, initialItems: 1000 } };
    const [result] = await ingestFeeds({ ...rt, config }, { feeds: [SAMPLE_FEED] });
    if (!result || result.status === 'failed') throw new Error(`could not read ${SAMPLE_FEED}: ${result?.error ?? 'no result'}`);
    const figures = (await rt.store.figureCatalog()).reduce((n, e) => n + e.count, 0);
    out.write(`Ingested ${SAMPLE_FEED}: ${result.items} items, ${result.new} new articles, ${figures} key figures (database: ${path.relative(process.cwd(), dataDir) || dataDir}).\n\n`);
  } finally {
    await rt.close();
  }

  await runDigest({ channel: DEFAULT_CHANNEL, dryRun: true, env, out: out as never });

  const rt2 = await openRuntime({ env });
  try {
    const reply = await answer(DEMO_QUESTION, rt2);
    out.write(`\n/ask ${DEMO_QUESTION}\n${reply.text}\n`);
  } finally {
    await rt2.close();
  }
  out.write(`\nDone in ${((performance.now() - started) / 1000).toFixed(2)} s. Try: npx newsdigest ask "how many troops has North Korea deployed?" (with DATA_DIR=${path.relative(process.cwd(), dataDir) || dataDir})\n`);
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(`ingest the bundled sample feed (${SAMPLE_FEED}) into a fresh local database and print its digest`)
    .action(async () => runDemo());
}
