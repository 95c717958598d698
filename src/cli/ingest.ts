/**
 * `newsdigest ingest [--feed URL|PATH]... [--json]`: polls every feed the bot follows (config and
 * chat-added), or only the ones given (trusted, like config). Exit status 0 when every feed was
 * read, 1 when any failed (the others are still stored). --json prints one line per feed on
 * stdout; on a terminal, progress goes to stderr.
 */
import type { Command } from 'commander';
import { createLogger } from '../observability/logger.js';
import { openRuntime } from '../runtime.js';
import { ingestFeeds, type FeedIngestResult, type IngestProgress } from '../ingest/ingestFeeds.js';
import { feedWorkFor } from '../workers/feedWork.js';
import { hostname } from 'node:os';
import { alertsOnStored, type FiredAlert } from '../alerts/evaluateAlerts.js';
import { deliverAlertMessages } from '../alerts/deliverAlerts.js';
import { syncConfigAlerts } from '../alerts/syncConfigAlerts.js';
import { syncConfigChannels } from '../schedule/syncConfigChannels.js';
import type { ChatSender } from '../delivery/sender.js';
import type { Platform } from '../store/store.js';
import { sendersFor } from './digest.js';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function progressLine(p: IngestProgress): string {
  return `feeds ${p.done}/${p.total} · items ${p.items} · new ${p.new} · failures ${p.failures}`;
}

function humanLine(r: FeedIngestResult): string {
  if (r.status === 'failed') return `FAILED   ${r.url}: ${r.error}`;
  if (r.status === 'not_modified') return `same     ${r.url} (not modified)`;
  return `ok       ${r.url}: ${r.items} items, ${r.new} new`;
}

export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description('fetch feeds now and store their new articles (default: every feed the bot follows)')
    .option('--feed <url|path>', 'a feed URL or local file to ingest (repeatable); trusted like config', collect, [])
    .option('--json', 'print one JSON line per feed: {"url","status","items","new","error"}')
    .action(async (opts: { feed: string[]; json?: boolean }) => {
      // The command prints its own report; per-feed info logs would only repeat it (LOG_LEVEL wins).
      const rt = await openRuntime(process.env.LOG_LEVEL ? {} : { logger: createLogger({ level: 'warn' }) });
      const tty = process.stderr.isTTY === true;
      // Parsing and figures on worker threads (ingest.workers, one per core by default).
      const work = feedWorkFor(rt.config);
      let results: FeedIngestResult[];
      try {
        // Alerts are evaluated as figures are stored, like in serve; config declares some of them.
        await syncConfigChannels(rt.store, rt.config);
        await syncConfigAlerts(rt.store, rt.config);
        const fired: FiredAlert[] = [];
        const now = () => new Date();
        results = await ingestFeeds(rt, {
          feeds: opts.feed,
          work,
          onProgress: tty ? (p) => process.stderr.write(`\r${progressLine(p)}\u001b[K`) : undefined,
          onStored: alertsOnStored({ ...rt, now }, (f) => fired.push(...f)),
        });
        if (tty) process.stderr.write('\n');
        if (fired.length > 0) {
          // Console alerts go to stdout, except under --json, whose stdout is one JSON line per feed.
          const out = opts.json ? process.stderr : process.stdout;
          const senders = new Map<Platform, ChatSender>();
          for (const platform of new Set(fired.map((f) => (f.firing.channelKey.split(':')[0] ?? 'console') as Platform))) {
            for (const [p, sender] of await sendersFor(platform, rt.env, rt.logger, out)) senders.set(p, sender);
          }
          await deliverAlertMessages({ ...rt, senders, owner: `cli:${hostname()}:${process.pid}`, now });
        }
      } finally {
        await work.close();
        await rt.close();
      }
      for (const r of results) {
        if (opts.json) process.stdout.write(`${JSON.stringify({ url: r.url, status: r.status, items: r.items, new: r.new, error: r.error })}\n`);
        else process.stdout.write(`${humanLine(r)}\n`);
      }
      const failed = results.filter((r) => r.status === 'failed').length;
      if (!opts.json) {
        const stored = results.reduce((n, r) => n + r.new, 0);
        process.stdout.write(`${results.length} feed(s), ${stored} new article(s), ${failed} failed\n`);
      }
      if (failed > 0) process.exitCode = 1;
    });
}
