/**
 * `newsdigest status [--json]`: what the bot is doing and what is going wrong. Each channel with its
 * schedule, next run, last digest and any digest that is failing or failed; then feeds that fail.
 * Reads only.
 */
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { openRuntime } from '../runtime.js';
import type { Config, Env } from '../config/schema.js';
import type { ChannelRecord, DigestRecord, FeedRecord, Platform, Store } from '../store/store.js';
import { channelKeyFor } from '../schedule/syncConfigChannels.js';
import { nextSlotAfter } from '../schedule/slots.js';
import { scheduleInWords, timeInWords } from '../time/timeWords.js';

/** Digests looked at per channel for failures. */
const RECENT_DIGESTS = 20;

export interface DigestSummary {
  id: number;
  slot: string;
  status: DigestRecord['status'];
  articles: number;
  messages: number;
  sentParts: number;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  sentAt: string | null;
}

export interface ChannelStatus {
  key: string;
  origin: ChannelRecord['origin'] | 'config (not started yet)';
  schedule: string;
  timezone: string;
  nextRun: string | null;
  /** Why this channel gets no digests from `serve` with the current environment, or null. */
  notServed: string | null;
  follows: string[];
  lastDigest: DigestSummary | null;
  /** Pending digests that have failed at least once, and digests that failed for good. */
  failures: DigestSummary[];
}

export interface FeedStatus {
  url: string;
  title: string | null;
  consecutiveFailures: number;
  lastError: string | null;
  lastStatus: number | null;
  lastFetchedAt: string | null;
  nextPollAt: string | null;
}

export interface StatusReport {
  store: Store['kind'];
  channels: ChannelStatus[];
  feeds: { total: number; failing: FeedStatus[] };
}

const summarize = (d: DigestRecord): DigestSummary => ({
  id: d.id,
  slot: d.slot,
  status: d.status,
  articles: d.articleIds.length,
  messages: d.payload.length,
  sentParts: d.sentParts,
  attempts: d.attempts,
  lastError: d.lastError,
  nextAttemptAt: d.status === 'pending' ? d.nextAttemptAt : null,
  sentAt: d.sentAt,
});

/** Platforms `serve` would post to with this environment (the console only when no chat credentials are set). */
export function servedPlatforms(env: Pick<Env, 'DISCORD_TOKEN' | 'SLACK_BOT_TOKEN'>): Set<Platform> {
  const served = new Set<Platform>();
  if (env.DISCORD_TOKEN) served.add('discord');
  if (env.SLACK_BOT_TOKEN) served.add('slack');
  if (served.size === 0) served.add('console');
  return served;
}

function nextRunOf(channel: Pick<ChannelRecord, 'schedule' | 'timezone'>, now: Date): string | null {
  try {
    return nextSlotAfter(channel, now)?.toISOString() ?? null;
  } catch {
    return null;
  }
}

export async function collectStatus(store: Store, config: Config, env: Env, now: Date): Promise<StatusReport> {
  const served = servedPlatforms(env);
  const stored = await store.listChannels();
  const channels: ChannelStatus[] = [];
  for (const channel of stored) {
    const recent = await store.listDigests(channel.key, RECENT_DIGESTS);
    const subs = await store.listSubscriptions(channel.key);
    channels.push({
      key: channel.key,
      origin: channel.origin,
      schedule: channel.schedule,
      timezone: channel.timezone,
      nextRun: nextRunOf(channel, now),
      notServed: served.has(channel.platform) ? null : `no ${channel.platform} credentials in this environment`,
      follows: subs.map((s) => `${s.kind} ${s.value}`),
      lastDigest: recent[0] ? summarize(recent[0]) : null,
      failures: recent.filter((d) => d.status === 'failed' || (d.status === 'pending' && d.attempts > 0)).map(summarize),
    });
  }
  // Declared in config but never synced (serve or digest not run since): shown with their config.
  const known = new Set(stored.map((c) => c.key));
  for (const entry of config.channels) {
    const key = channelKeyFor(entry);
    if (known.has(key)) continue;
    const schedule = entry.schedule ?? config.digest.schedule;
    const timezone = entry.timezone ?? config.digest.timezone;
    channels.push({
      key,
      origin: 'config (not started yet)',
      schedule,
      timezone,
      nextRun: nextRunOf({ schedule, timezone }, now),
      notServed: served.has(entry.platform) ? null : `no ${entry.platform} credentials in this environment`,
      follows: [...entry.topics.map((t) => `topic ${t}`), ...entry.feeds.map((f) => `feed ${f}`)],
      lastDigest: null,
      failures: [],
    });
  }

  const feeds = await store.listFeeds();
  const failing = feeds
    .filter((f: FeedRecord) => f.lastError !== null || f.consecutiveFailures > 0)
    .map((f) => ({ url: f.url, title: f.title, consecutiveFailures: f.consecutiveFailures, lastError: f.lastError, lastStatus: f.lastStatus, lastFetchedAt: f.lastFetchedAt, nextPollAt: f.nextPollAt }));
  return { store: store.kind, channels, feeds: { total: feeds.length, failing } };
}

function digestLine(d: DigestSummary, when: (iso: string | null) => string): string {
  const what = `${d.articles} article${d.articles === 1 ? '' : 's'}, ${d.messages} message${d.messages === 1 ? '' : 's'}`;
  switch (d.status) {
    case 'sent':
      return `digest of ${when(d.slot)}: sent ${when(d.sentAt)} (${what})`;
    case 'failed':
      return `digest of ${when(d.slot)}: FAILED after ${d.attempts} attempt${d.attempts === 1 ? '' : 's'} (${what}): ${d.lastError ?? 'unknown error'}`;
    default:
      return d.attempts > 0
        ? `digest of ${when(d.slot)}: PENDING, ${d.attempts} failed attempt${d.attempts === 1 ? '' : 's'}, ${d.sentParts}/${d.messages} messages out, last error: ${d.lastError ?? 'unknown'}; next attempt ${when(d.nextAttemptAt)}`
        : `digest of ${when(d.slot)}: pending delivery (${what}, ${d.sentParts} out)`;
  }
}

export function formatStatus(report: StatusReport, now: Date = new Date()): string {
  const lines: string[] = [`Store: ${report.store}`, '', `Channels (${report.channels.length}):`];
  if (report.channels.length === 0) lines.push('  none: declare one under channels: in config, or use /digest subscribe in a chat');
  for (const c of report.channels) {
    lines.push(`  ${c.key} [${c.origin}]`);
    const next = c.nextRun ? timeInWords(c.nextRun, c.timezone, now) : 'unknown';
    lines.push(`    schedule ${scheduleInWords(c.schedule, c.timezone)}; next digest ${next}${c.notServed ? ` — not served: ${c.notServed}` : ''}`);
    lines.push(`    follows: ${c.follows.length ? c.follows.join(', ') : 'nothing yet'}`);
    const lastFailing = c.failures.some((f) => f.id === c.lastDigest?.id);
    const when = (iso: string | null) => (iso ? timeInWords(iso, c.timezone, now) : 'unknown');
    lines.push(`    ${lastFailing ? '! ' : ''}last ${c.lastDigest ? digestLine(c.lastDigest, when) : 'digest: none yet'}`);
    for (const f of c.failures) if (f.id !== c.lastDigest?.id) lines.push(`    ! earlier ${digestLine(f, when)}`);
  }
  lines.push('', `Feeds: ${report.feeds.total}, failing: ${report.feeds.failing.length}`);
  for (const f of report.feeds.failing) {
    const status = f.lastStatus !== null ? ` (HTTP ${f.lastStatus})` : '';
    lines.push(`  ! ${f.url}${f.title ? ` (${f.title})` : ''}: ${f.consecutiveFailures} failure${f.consecutiveFailures === 1 ? '' : 's'} in a row${status}: ${f.lastError ?? 'unknown error'}; next poll ${f.nextPollAt ? timeInWords(f.nextPollAt, 'UTC', now) : 'unknown'}`);
  }
  return `${lines.join('\n')}\n`;
}

export interface StatusCommandOptions {
  json?: boolean;
  configDir?: string;
  env?: NodeJS.ProcessEnv;
  out?: Writable;
  now?: () => Date;
}

export async function runStatus(options: StatusCommandOptions = {}): Promise<StatusReport> {
  const rt = await openRuntime({ configDir: options.configDir, env: options.env });
  try {
    const now = (options.now ?? (() => new Date()))();
    const report = await collectStatus(rt.store, rt.config, rt.env, now);
    (options.out ?? process.stdout).write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatStatus(report, now));
    return report;
  } finally {
    await rt.close();
  }
}

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('List channels (schedule, next run, last digest, failing deliveries) and failing feeds')
    .option('--json', 'print the report as JSON')
    .action(async (opts: { json?: boolean }) => {
      await runStatus({ json: opts.json });
    });
}
