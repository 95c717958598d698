/**
 * `npm run bench:load [-- --seconds N --rate R --channels C --ingest ITEMS --cycle --bot-log FILE --samples FILE]`: command latency of
 * the running bot under load while digests are being delivered (target: p99 <= 50 ms, no errors).
 * `--ingest ITEMS` also runs an ingest of a feed of ITEMS new reports (fetch, parse, extract, store
 * into the bot's SQLite file) from a fifth of the way into the window, and reports the latency of
 * the requests due while it ran. `--cycle` makes the bot's own poller run the cycle benchmark's
 * 1,000 feeds x 50 new items (bench/cycle) from a fifth of the way in, and reports the latency of
 * the requests due while that cycle ran (target: every command answered within 3 s); give it
 * `--seconds 90` or more so the cycle ends inside the window.
 *
 * Three processes, all on 127.0.0.1: this one (fake Discord and fake Slack, which the bot posts to),
 * the bot (`newsdigest serve` with SQLite, Discord over HTTP interactions, Slack over HTTP), and a
 * load generator forked from here that sends signed /ask requests to /discord/interactions and
 * /slack/events at R requests/s in total for N seconds, open loop. Before the load, the sample feed
 * and a generated 200-report feed are ingested (so /ask has figures and digests are long), and each
 * of C channels is given, through an admin command, a schedule that fires once during the load:
 * the digest runs (200 articles each, several messages) are staggered over the window.
 */
import { fork } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchFeedXml } from './load/benchFeed.js';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isEvent, startCli, type BotProcess, type LogLine } from './load/botProcess.js';
import { createBenchWorld, DISCORD_USER, GUILD_ID, SLACK_ADMIN, SLACK_MEMBER, type BenchWorld } from './load/benchWorld.js';
import type { EndpointResult, LoadPlan, LoadReport } from './load/loadGenerator.js';
import { checkDiscordReply, checkSlackAck, discordInteraction, MANAGER_PERMISSIONS, MEMBER_PERMISSIONS, slackCommand, stringOption, subcommand, type SignedRequest } from './load/signedRequests.js';
import { ms, summarize } from './load/stats.js';
import { startCycleFeedServer } from './cycle/startFeedServer.js';
import { openRuntime } from '../src/runtime.js';
import { silentLogger } from '../src/observability/logger.js';

const TARGET_P99_MS = 50;
const ARTICLES = 200;
const QUESTIONS = [
  'How much military aid has the United States given Ukraine to date?',
  'total aid to date',
  'How many drones did Russia launch?',
  'How many North Korean troops have been killed?',
  'Which tranche was the latest aid package?',
  'How many Ukrainians have been trained?',
  'How many containers of munitions has North Korea shipped?',
  "What's the weather in Kyiv?",
];

function readOptions(): { seconds: number; rate: number; channels: number; ingest: number; cycle: boolean; botLog?: string; samples?: string } {
  const { values } = parseArgs({
    options: { seconds: { type: 'string', default: '30' }, rate: { type: 'string', default: '200' }, channels: { type: 'string' }, ingest: { type: 'string', default: '0' }, cycle: { type: 'boolean', default: false }, 'bot-log': { type: 'string' }, samples: { type: 'string' } },
  });
  const positive = (name: string, raw: string | undefined, max: number): number => {
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0 || n > max) throw new Error(`--${name}: expected a number in (0, ${max}] (got "${raw}")`);
    return n;
  };
  const seconds = positive('seconds', values.seconds, 3600);
  const rate = positive('rate', values.rate, 5000);
  // Enough channels that a digest is being delivered for most of the window (one about every 1.5 s).
  const channels = Math.round(positive('channels', values.channels ?? String(Math.max(4, Math.min(40, Math.ceil(seconds / 1.5)))), 200));
  const ingest = values.ingest === '0' ? 0 : Math.round(positive('ingest', values.ingest, 100_000));
  return { seconds, rate, channels, ingest, cycle: values.cycle === true, botLog: values['bot-log'], samples: values.samples };
}

/** CPU time (user + system, ms) a process has used, from /proc on Linux; null elsewhere. */
function cpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    // utime and stime are fields 14 and 15 of stat (11 and 12 after the command name), in clock ticks.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

async function post(baseUrl: string, request: SignedRequest): Promise<{ status: number; contentType: string | undefined; text: string }> {
  const res = await fetch(`${baseUrl}${request.path}`, { method: 'POST', headers: request.headers, body: request.body, signal: AbortSignal.timeout(5000) });
  return { status: res.status, contentType: res.headers.get('content-type') ?? undefined, text: await res.text() };
}

/** A cron expression (with seconds, UTC) that fires once, at `at` (whole seconds). */
function onceAt(at: Date): string {
  return `${at.getUTCSeconds()} ${at.getUTCMinutes()} ${at.getUTCHours()} ${at.getUTCDate()} ${at.getUTCMonth() + 1} *`;
}

async function setSchedule(world: BenchWorld, baseUrl: string, platform: 'discord' | 'slack', channelId: string, cron: string): Promise<void> {
  if (platform === 'discord') {
    const request = discordInteraction(world.privateKey, {
      applicationId: world.discord.applicationId,
      guildId: GUILD_ID,
      channelId,
      userId: DISCORD_USER,
      permissions: MANAGER_PERMISSIONS,
      name: 'digest',
      options: [subcommand('schedule', [stringOption('cron', cron), stringOption('timezone', 'UTC')])],
    });
    const res = await post(baseUrl, request);
    const check = checkDiscordReply(res.status, res.contentType, res.text);
    if (!check.ok || !check.text.includes('Digest schedule set')) throw new Error(`setting the schedule of Discord channel ${channelId} failed: ${check.ok ? check.text : check.problem}`);
    return;
  }
  const request = slackCommand(world.slack.signingSecret, {
    teamId: world.slack.teamId,
    channelId,
    userId: SLACK_ADMIN,
    command: '/digest',
    text: `schedule "${cron}" UTC`,
    responseUrl: world.slack.newResponseUrl().url,
  });
  const res = await post(baseUrl, request);
  const check = checkSlackAck(res.status, res.contentType, res.text);
  if (!check.ok || !check.text.includes('Digest schedule set')) throw new Error(`setting the schedule of Slack channel ${channelId} failed: ${check.ok ? check.text : check.problem}`);
}

/** A few /ask requests on each endpoint before measuring (connections, JIT, SQLite page cache). */
async function warmUp(world: BenchWorld, baseUrl: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    const question = QUESTIONS[i % QUESTIONS.length]!;
    const d = await post(
      baseUrl,
      discordInteraction(world.privateKey, { applicationId: world.discord.applicationId, guildId: GUILD_ID, channelId: world.discordChannels[0]!, userId: DISCORD_USER, permissions: MEMBER_PERMISSIONS, name: 'ask', options: [stringOption('question', question)] }),
    );
    const dc = checkDiscordReply(d.status, d.contentType, d.text);
    if (!dc.ok) throw new Error(`warm-up /ask on Discord failed: ${dc.problem} ${d.text.slice(0, 200)}`);
    const s = await post(baseUrl, slackCommand(world.slack.signingSecret, { teamId: world.slack.teamId, channelId: world.slackChannels[0]!, userId: SLACK_MEMBER, command: '/ask', text: question, responseUrl: world.slack.newResponseUrl().url }));
    const sc = checkSlackAck(s.status, s.contentType, s.text);
    if (!sc.ok) throw new Error(`warm-up /ask on Slack failed: ${sc.problem}`);
  }
}

function runGenerator(plan: LoadPlan): Promise<LoadReport> {
  const child = fork(fileURLToPath(new URL('./load/loadGenerator.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (message: { report?: LoadReport; error?: string }) => (message.report ? resolve(message.report) : reject(new Error(`load generator failed: ${message.error}`))));
    child.once('exit', (code) => reject(new Error(`load generator exited with ${code} before reporting`)));
    child.send(plan);
  });
}

interface DigestRun {
  channel: string;
  firedAt: number;
  sentAt: number | null;
  articles: number;
  messages: number;
}

function digestRuns(logs: LogLine[], fireTimes: Map<string, number>): DigestRun[] {
  return [...fireTimes].map(([channel, firedAt]) => {
    const recorded = logs.find((l) => isEvent(l, 'digest recorded') && l.channel === channel);
    const sent = logs.find((l) => isEvent(l, 'digest sent') && l.channel === channel);
    return { channel, firedAt, sentAt: sent ? Number(sent.time) : null, articles: Number(recorded?.articles ?? 0), messages: Number(recorded?.messages ?? 0) };
  });
}

/** Share of [from, to] during which at least one digest run was in progress. */
function coverage(runs: DigestRun[], from: number, to: number): number {
  const spans = runs
    .filter((r) => r.sentAt !== null)
    .map((r) => [Math.max(from, r.firedAt), Math.min(to, r.sentAt!)] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let covered = 0;
  let end = from;
  for (const [a, b] of spans) {
    if (b <= end) continue;
    covered += b - Math.max(a, end);
    end = b;
  }
  return covered / (to - from);
}

function endpointLine(name: string, r: EndpointResult): string {
  const s = summarize(r.latencies);
  const errors = Object.values(r.errors).reduce((n, c) => n + c, 0);
  return `  ${name.padEnd(22)} sent ${String(r.sent).padStart(6)}  ok ${String(s.count).padStart(6)}  errors ${String(errors).padStart(4)}  p50 ${ms(s.p50).padStart(9)}  p99 ${ms(s.p99).padStart(9)}  max ${ms(s.max).padStart(9)}`;
}

async function main(): Promise<void> {
  const { seconds, rate, channels, ingest, cycle, botLog, samples } = readOptions();
  console.log(`bench:load: ${rate} requests/s for ${seconds} s, ${channels} digest channels of ${ARTICLES} articles; node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg()[0]!.toFixed(1)}`);
  const world = await createBenchWorld({ channels, articles: ARTICLES });
  const cycleFeeds = cycle ? await startCycleFeedServer() : null;
  let bot: BotProcess | null = null;
  try {
    for (const f of world.ingested) {
      if (f.status !== 'ok') throw new Error(`ingesting ${f.url} failed: ${JSON.stringify(f)}`);
    }
    console.log(`ingested: ${world.ingested.map((f) => `${f.new} articles from ${f.url.split('/').pop()}`).join(', ')}`);

    // BENCH_BOT_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the bot.
    bot = startCli(['serve', '--port', '0'], world.serveEnv, (process.env.BENCH_BOT_NODE_ARGS ?? '').split(' ').filter(Boolean));
    const running = await bot.waitForLog((l) => l.msg === 'newsdigest is running', 60_000);
    const baseUrl = `http://127.0.0.1:${Number(running.port)}`;
    await warmUp(world, baseUrl);

    // Schedules: one firing per channel, staggered over the first 70 % of the load window.
    const startAtMs = Math.ceil((Date.now() + 3000 + channels * 40) / 1000) * 1000;
    const spacing = (seconds * 1000 * 0.7) / channels;
    const fireTimes = new Map<string, number>();
    // Platforms interleaved, so both are delivering throughout.
    const all: Array<readonly ['discord' | 'slack', string]> = [];
    for (let i = 0; i < Math.max(world.discordChannels.length, world.slackChannels.length); i++) {
      if (world.discordChannels[i]) all.push(['discord', world.discordChannels[i]!]);
      if (world.slackChannels[i]) all.push(['slack', world.slackChannels[i]!]);
    }
    for (const [i, [platform, id]] of all.entries()) {
      const at = new Date(Math.ceil((startAtMs + 1000 + i * spacing) / 1000) * 1000);
      fireTimes.set(`${platform}:${id}`, at.getTime());
      await setSchedule(world, baseUrl, platform, id, onceAt(at));
    }
    if (Date.now() > startAtMs - 500) throw new Error('setting the schedules took longer than planned; run with fewer --channels');
    // The cycle's feeds, due a fifth of the way in: the bot's poller takes them at its next tick.
    if (cycleFeeds) await declareCycleFeeds(world, cycleFeeds.urls, new Date(startAtMs + seconds * 200));

    const generated = runGenerator({
      baseUrl,
      rate,
      seconds,
      startAtMs,
      timeoutMs: 3000,
      questions: QUESTIONS,
      discord: { privateKeyPem: world.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), applicationId: world.discord.applicationId, guildId: GUILD_ID, channelIds: world.discordChannels, userId: DISCORD_USER },
      slack: { signingSecret: world.slack.signingSecret, teamId: world.slack.teamId, channelIds: world.slackChannels, userId: SLACK_MEMBER, responseUrlBase: `${world.slack.apiUrl.replace(/\/api\/$/, '')}/response/bench-` },
    });
    generated.catch(() => undefined); // awaited below; this only keeps an early failure from counting as unhandled
    await new Promise((r) => setTimeout(r, Math.max(0, startAtMs - Date.now())));
    const cpuBefore = cpuMs(bot.child.pid);
    const ingestRun = ingest > 0 ? startIngestDuringLoad(world, ingest, seconds * 200) : null;
    const report = await generated;
    const ingested = ingestRun ? await ingestRun : null;

    const cpuDuring = cpuBefore === null ? null : cpuMs(bot.child.pid)! - cpuBefore;
    const loadSeconds = (Date.now() - startAtMs) / 1000;
    // Let the last digests finish (they were all due well before the end), then read what happened.
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline && bot.logs.filter((l) => isEvent(l, 'digest sent')).length < channels) await new Promise((r) => setTimeout(r, 250));
    const runs = digestRuns(bot.logs, fireTimes);
    const sentRuns = runs.filter((r) => r.sentAt !== null);
    const windowEnd = startAtMs + seconds * 1000;
    const discordPosts = world.discordChannels.reduce((n, id) => n + world.discord.messages(id).length, 0);
    const slackPosts = world.slack.posts.length;
    const problems = bot.logs.filter((l) => l.level === 'error' || l.level === 'fatal');

    const overall: EndpointResult = {
      sent: report.discord.sent + report.slack.sent,
      latencies: [...report.discord.latencies, ...report.slack.latencies],
      dueAt: [...report.discord.dueAt, ...report.slack.dueAt],
      errors: Object.fromEntries(
        [...new Set([...Object.keys(report.discord.errors), ...Object.keys(report.slack.errors)])].map((k) => [k, (report.discord.errors[k] ?? 0) + (report.slack.errors[k] ?? 0)]),
      ),
      answeredInAck: report.slack.answeredInAck,
    };
    // --samples FILE keeps every answered request (ms after the start it was due, latency ms, endpoint).
    if (samples) {
      const rows = (['discord', 'slack'] as const).flatMap((e) => report[e].latencies.map((l, i) => `${report[e].dueAt[i]! - startAtMs}\t${l.toFixed(2)}\t${e}`));
      writeFileSync(samples, `${rows.join('\n')}\n`);
    }
    const errorCount = Object.values(overall.errors).reduce((n, c) => n + c, 0);
    const p99 = summarize(overall.latencies).p99;
    const worstP99 = Math.max(summarize(report.discord.latencies).p99, summarize(report.slack.latencies).p99);

    console.log(`\nlatency from when each request was due to its whole answer (open loop, signed /ask, 3 s timeout):`);
    console.log(endpointLine('/discord/interactions', report.discord));
    console.log(endpointLine('/slack/events', report.slack));
    console.log(endpointLine('overall', overall));
    // Which requests met a digest run, and which did not: where the tail comes from.
    const inRun = (t: number): boolean => runs.some((r) => t >= r.firedAt && t <= (r.sentAt ?? r.firedAt));
    const during = overall.latencies.filter((_, i) => inRun(overall.dueAt[i]!));
    const outside = overall.latencies.filter((_, i) => !inRun(overall.dueAt[i]!));
    const split = (name: string, values: number[]): string => {
      const s = summarize(values);
      return `${name} ${s.count} requests, p50 ${ms(s.p50)}, p99 ${ms(s.p99)}, max ${ms(s.max)}`;
    };
    console.log(`  ${split('due while a digest run was in progress:', during)}; ${split('otherwise:', outside)}`);
    if (ingested) {
      const inIngest = (t: number): boolean => t >= ingested.start && t <= ingested.end;
      console.log(
        `  ingest of ${ingest} new reports (a separate process, same SQLite file) from ${((ingested.start - startAtMs) / 1000).toFixed(1)} s to ${((ingested.end - startAtMs) / 1000).toFixed(1)} s, exit ${ingested.code}: ` +
          `${split('due while it ran:', overall.latencies.filter((_, i) => inIngest(overall.dueAt[i]!)))}; ${split('otherwise:', overall.latencies.filter((_, i) => !inIngest(overall.dueAt[i]!)))}`,
      );
    }
    if (cycleFeeds) {
      const cycleRun = cycleSpan(bot.logs, new Set(cycleFeeds.urls));
      if (!cycleRun) console.log('  cycle: the bot ingested none of the cycle feeds during the window (run longer: --seconds 90)');
      else {
        const inCycle = (t: number): boolean => t >= cycleRun.start && t <= cycleRun.end;
        const dueInCycle = overall.latencies.filter((_, i) => inCycle(overall.dueAt[i]!));
        console.log(
          `  cycle of ${cycleRun.feeds} of ${cycleFeeds.urls.length} feeds (${cycleRun.items} items) in the bot's poller from ${((cycleRun.start - startAtMs) / 1000).toFixed(1)} s to ${((cycleRun.end - startAtMs) / 1000).toFixed(1)} s ` +
            `(${((cycleRun.end - cycleRun.start) / 1000).toFixed(1)} s): ${split('due while it ran:', dueInCycle)}; ${split('otherwise:', overall.latencies.filter((_, i) => !inCycle(overall.dueAt[i]!)))}`,
        );
        const within = dueInCycle.length > 0 && summarize(dueInCycle).max <= 3000 && errorCount === 0;
        console.log(`  target (every command due during the cycle answered within 3 s, no errors in the window): ${within ? 'met' : 'MISSED'}`);
      }
    }
    console.log(`errors: ${errorCount === 0 ? 'none' : Object.entries(overall.errors).map(([k, v]) => `${v} × ${k}`).join('; ')}`);
    console.log(`slack acks carrying the answer: ${report.slack.answeredInAck} of ${report.slack.latencies.length}`);
    console.log(`generator (a separate process): send lag p99 ${ms(report.sendLagP99)}, max ${ms(report.sendLagMax)}; its own CPU ${(report.cpuMs / 1000).toFixed(1)} s`);
    const secondsIn = (t: number): string => `+${((t - startAtMs) / 1000).toFixed(1)} s`;
    console.log(
      `digests during the load: ${sentRuns.length}/${channels} delivered (${sentRuns.reduce((n, r) => n + r.articles, 0)} articles, ${discordPosts} Discord + ${slackPosts} Slack messages)` +
        (sentRuns.length === 0
          ? ''
          : `; each run ${ms(summarize(sentRuns.map((r) => r.sentAt! - r.firedAt)).p50)} (p50) from its tick to its last message; first fired at ${secondsIn(Math.min(...runs.map((r) => r.firedAt)))}, ` +
            `last sent at ${secondsIn(Math.max(...sentRuns.map((r) => r.sentAt!)))}; a digest was being delivered during ${(coverage(runs, startAtMs, windowEnd) * 100).toFixed(0)} % of the load window`),
    );
    if (cpuDuring !== null) console.log(`bot CPU during the load: ${(cpuDuring / 1000).toFixed(1)} s in ${loadSeconds.toFixed(1)} s (${((cpuDuring / 1000 / loadSeconds) * 100).toFixed(0)} % of one core), ${(cpuDuring / overall.sent).toFixed(2)} ms per request, digests included`);
    console.log(`machine load average (1 min) at the end: ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs`);
    if (problems.length > 0) console.log(`bot errors logged: ${problems.length} (first: ${problems[0]!.msg})`);
    const met = errorCount === 0 && p99 <= TARGET_P99_MS && worstP99 <= TARGET_P99_MS && overall.sent === Math.round(rate * seconds);
    console.log(`target (p99 <= ${TARGET_P99_MS} ms on each endpoint, no errors): ${met ? 'met' : 'MISSED'}`);
  } finally {
    await bot?.stop().catch(() => undefined);
    // --bot-log FILE keeps the bot's log lines for a closer look.
    if (botLog && bot) writeFileSync(botLog, bot.logs.map((l) => JSON.stringify(l)).join('\n') + '\n');
    cycleFeeds?.stop();
    await world.close();
  }
}

/** Declares the cycle feeds in the bot's database (trusted, as from config), first due at `due`. */
async function declareCycleFeeds(world: BenchWorld, urls: string[], due: Date): Promise<void> {
  const rt = await openRuntime({ configDir: String(world.serveEnv.NEWSDIGEST_CONFIG_DIR), env: { DATA_DIR: String(world.serveEnv.DATA_DIR), DATABASE_URL: '' }, dotenv: false, logger: silentLogger });
  try {
    // A feed no channel follows is not polled: a console channel of its own follows them, on a
    // schedule that never fires during the load (its digest is not what is measured).
    const channel = await rt.store.upsertChannel({ platform: 'console', externalId: 'cycle', workspaceId: null, schedule: '0 0 1 1 *', timezone: 'UTC', maxArticles: 25, postWhenEmpty: false, origin: 'chat' });
    for (const url of urls) {
      await rt.store.addSubscription(channel.key, 'feed', url);
      const feed = await rt.store.upsertFeed({ url, trusted: true });
      await rt.store.recordFetch(feed.id, { lastStatus: null, lastError: null, fetchedAt: new Date().toISOString(), consecutiveFailures: 0, nextPollAt: due.toISOString() });
    }
  } finally {
    await rt.close();
  }
}

/** First and last 'feed ingested' of the cycle feeds in the bot's log (pino time, ms). */
function cycleSpan(logs: LogLine[], urls: Set<string>): { start: number; end: number; feeds: number; items: number } | null {
  const done = logs.filter((l) => l.msg === 'feed ingested' && urls.has(String(l.feed)));
  if (done.length === 0) return null;
  const times = done.map((l) => Number(l.time));
  // A feed's line comes when it is stored; its fetch began up to one feed's time earlier.
  return { start: Math.min(...times), end: Math.max(...times), feeds: done.length, items: done.reduce((n, l) => n + Number(l.items ?? 0), 0) };
}

/** `newsdigest ingest --feed` of `items` reports no one has seen, started `afterMs` into the load. */
async function startIngestDuringLoad(world: BenchWorld, items: number, afterMs: number): Promise<{ start: number; end: number; code: number | null }> {
  const file = path.join(world.dir, 'ingest-during-load.xml');
  writeFileSync(file, benchFeedXml(items).replaceAll('bench-report-', 'ingest-report-').replaceAll('/reports/', '/ingest-reports/'));
  await new Promise((r) => setTimeout(r, afterMs));
  const start = Date.now();
  const code = await startCli(['ingest', '--feed', file], world.serveEnv).exited;
  return { start, end: Date.now(), code };
}

main().catch((err: unknown) => {
  console.error(`bench:load failed: ${(err as Error).stack ?? String(err)}`);
  process.exitCode = 1;
});
