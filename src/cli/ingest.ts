/**
 * `newsdigest ingest [--feed URL|PATH]... [--topic ID] [--channel KEY] [--json]`: polls every feed
 * some channel follows (config and chat-added), or once only the ones given (trusted, like config;
 * they are followed only when --topic or --channel asks for it). Exit status 0 when every feed was
 * read, 1 when any failed (the others are still stored). The counts are the digest's: "new" articles
 * are those the next digest can show; a new feed's backlog is counted apart. A feed no channel
 * follows is named, with the command that follows it, since its articles reach no digest.
 * --json prints one line per feed on stdout; on a terminal, progress goes to stderr.
 */
import { feedWorkFor } from '../workers/feedWork.js';
import { hostname } from 'node:os';
import type { Command } from 'commander';
import { ingestFeeds, type FeedIngestResult, type IngestProgress } from '../ingest/ingestFeeds.js';
import { readFollows } from '../ingest/follows.js';
import { applyFollow, knownChannels, planFollow } from '../ingest/manageFeeds.js';
import { alertsOnStored, type FiredAlert } from '../alerts/evaluateAlerts.js';
import { deliverAlertMessages } from '../alerts/deliverAlerts.js';
import { syncConfigAlerts } from '../alerts/syncConfigAlerts.js';
import { syncConfigChannels } from '../schedule/syncConfigChannels.js';
import type { ChatSender } from '../delivery/sender.js';
import type { Platform } from '../store/store.js';
import { sendersFor } from './digest.js';
import { collect, openQuietRuntime, plural } from './feedsShared.js';

function progressLine(p: IngestProgress): string {
  return `feeds ${p.done}/${p.total} · items ${p.items} · new ${p.new} · failures ${p.failures}`;
}

function humanLine(r: FeedIngestResult): string {
  if (r.status === 'failed') return `FAILED   ${r.url}: ${r.error}`;
  if (r.status === 'not_modified') return `same     ${r.url} (not modified)`;
  const backlog = r.backlog > 0 ? `, ${r.backlog} older stored as already seen (a new feed's backlog)` : '';
  return `ok       ${r.url}: ${r.items} items, ${r.new} new${backlog}`;
}

interface IngestCliOptions {
  feed: string[];
  topic: string[];
  channel: string[];
  json?: boolean;
}

export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description('fetch feeds now and store their new articles (default: every feed some channel follows)')
    .option('--feed <url|path>', 'a feed URL or local file to fetch once (repeatable); trusted like config; followed only with --topic/--channel', collect, [])
    .option('--topic <id>', 'with --feed: the feeds carry this topic (id or name), so channels following it follow them (repeatable)', collect, [])
    .option('--channel <key>', 'with --feed: subscribe this channel (platform:id) to the feeds (repeatable)', collect, [])
    .option('--json', 'print one JSON line per feed: {"url","status","items","new","backlog","error"}')
    .action(async (opts: IngestCliOptions) => {
      if ((opts.topic.length > 0 || opts.channel.length > 0) && opts.feed.length === 0) throw new Error('--topic and --channel follow the feeds given with --feed; give --feed URL (or use newsdigest feeds add URL)');
      const rt = await openQuietRuntime();
      const tty = process.stderr.isTTY === true;
      // Parsing and figures on worker threads (ingest.workers, one per core by default).
      const work = feedWorkFor(rt.config);
      let results: FeedIngestResult[];
      const hints: string[] = [];
      try {
        const { store, config } = rt;
        const asked = opts.topic.length > 0 || opts.channel.length > 0;
        const plan = asked ? await planFollow(store, config, { topics: opts.topic, channels: opts.channel }) : null;
        if (plan && 'error' in plan) throw new Error(`ingest: ${plan.error}. Nothing was fetched.`);
        // Alerts are evaluated as figures are stored, like in serve; config declares some of them.
        await syncConfigChannels(store, config);
        await syncConfigAlerts(store, config);
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
        if (plan) for (const r of results) await applyFollow(store, config, (await store.getFeed(r.url))!, plan);
        const follows = await readFollows(store, config);
        if (opts.feed.length > 0) {
          const channels = await knownChannels(store, config);
          const channel = channels.length === 1 ? channels[0]! : 'KEY';
          for (const r of results) {
            if (follows.followersOf(r.url).length > 0) continue;
            hints.push(`No channel follows ${r.url}: it is not polled and its articles are in no digest. To follow it: newsdigest feeds add ${r.url} --channel ${channel}`);
          }
        } else {
          const skipped = (await store.listFeeds()).filter((f) => follows.followersOf(f.url).length === 0);
          if (skipped.length > 0) hints.push(`Skipped ${plural(skipped.length, 'stored feed')} no channel follows (not polled; newsdigest feeds lists them).`);
        }
      } finally {
        await work.close();
        await rt.close();
      }
      for (const r of results) {
        if (opts.json) process.stdout.write(`${JSON.stringify({ url: r.url, status: r.status, items: r.items, new: r.new, backlog: r.backlog, error: r.error })}\n`);
        else process.stdout.write(`${humanLine(r)}\n`);
      }
      const failed = results.filter((r) => r.status === 'failed').length;
      if (!opts.json) {
        const stored = results.reduce((n, r) => n + r.new, 0);
        const backlog = results.reduce((n, r) => n + r.backlog, 0);
        const aside = backlog > 0 ? ` (and ${backlog} older stored as already seen: a new feed's backlog, never in a digest)` : '';
        process.stdout.write(`${results.length} feed(s), ${stored} new article(s)${aside}, ${failed} failed\n`);
        for (const hint of hints) process.stdout.write(`${hint}\n`);
      } else {
        for (const hint of hints) process.stderr.write(`${hint}\n`);
      }
      if (failed > 0) process.exitCode = 1;
    });
}
