/**
 * The long-running bot (`newsdigest serve`): one HTTP server, the chat platforms whose credentials
 * are set (or the console when none are), the feed poller and the digest scheduler, all sharing one
 * store. Several replicas may run this against one PostgreSQL: feeds and digests are leased there.
 */
import path from 'node:path';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Runtime } from '../runtime.js';
import type { Platform } from '../store/store.js';
import type { ChatSender } from '../delivery/sender.js';
import { ConsoleSender } from '../delivery/consoleSender.js';
import { createHttpServer, type HttpServer } from '../server/httpServer.js';
import { registerOpsRoutes } from '../server/opsRoutes.js';
import { createCommandRunner, type CommandRunner } from '../commands/handleCommand.js';
import { buildCommandDeps } from './commandDeps.js';
import { selectPlatforms } from './selectPlatforms.js';
import { startScheduler, type SchedulerOptions } from '../schedule/scheduler.js';
import { syncConfigChannels } from '../schedule/syncConfigChannels.js';
import { syncConfigFeeds } from '../ingest/syncConfigFeeds.js';
import { readFollows } from '../ingest/follows.js';
import { startFeedPoller, type FeedPollerOptions } from '../ingest/feedPoller.js';
import { syncConfigAlerts } from '../alerts/syncConfigAlerts.js';
import { alertsOnStored, evaluateAlerts } from '../alerts/evaluateAlerts.js';

export interface RunningApp {
  port: number;
  server: HttpServer;
  runCommand: CommandRunner;
  senders: Map<Platform, ChatSender>;
  /** Finishes or hands back the work in hand, then closes everything but the store (the caller owns it). */
  stop(): Promise<void>;
}

export interface StartOptions {
  port?: number;
  host?: string;
  /** Identifies this replica in leases. */
  owner?: string;
  /** Poll feeds (default true). */
  poll?: boolean;
  /** Scheduler timing (tests: a short delivery lease and a frequent outbox pass). */
  scheduler?: Pick<SchedulerOptions, 'now' | 'passIntervalMs' | 'deliveryLeaseMs'>;
  /** Poller timing (tests: a simulated clock, a short tick, a short lease). */
  poller?: Pick<FeedPollerOptions, 'now' | 'tickMs' | 'leaseMs'>;
}

export async function startApp(rt: Runtime, options: StartOptions = {}): Promise<RunningApp> {
  const { store, config, env, logger } = rt;
  const owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  // Decided (and any half-set credentials refused) before anything starts.
  const platforms = selectPlatforms(env);

  const server = createHttpServer(logger);
  const senders = new Map<Platform, ChatSender>();
  const stops: Array<() => Promise<void>> = [];

  // The scheduler and the platforms need each other (commands post digests; digests need senders),
  // so commands reach the scheduler through this late binding.
  let scheduler: Awaited<ReturnType<typeof startScheduler>> | null = null;
  const deps = buildCommandDeps(rt, {
    postDigestNow: (channel) => {
      if (!scheduler) return Promise.resolve('The scheduler is still starting; try again in a moment.');
      return scheduler.runNow(channel);
    },
    onChannelChanged: (key) => {
      void scheduler?.reload(key).catch((err: unknown) => logger.error({ err, channel: key }, 'schedule reload failed'));
    },
  });
  const runCommand = createCommandRunner(deps);
  registerOpsRoutes(server, { store, schedulerHealth: () => scheduler?.health() ?? 'starting' });

  if (platforms.discord) {
    const { startDiscord } = await import('../platforms/discord/index.js');
    const discord = await startDiscord({ env, config, logger, runCommand, server, requests: store });
    senders.set('discord', discord.sender);
    stops.push(discord.stop);
  }
  if (platforms.slack) {
    const { startSlack } = await import('../platforms/slack/index.js');
    const slack = await startSlack({ env, config, logger, runCommand, server });
    senders.set('slack', slack.sender);
    stops.push(slack.stop);
  }
  if (senders.size === 0) senders.set('console', new ConsoleSender({ chartDir: path.join(env.DATA_DIR, 'charts') }));

  await syncConfigFeeds(store, config);
  await syncConfigChannels(store, config);
  await syncConfigAlerts(store, config);
  // Said once at start: a feed nobody follows is kept but not polled (newsdigest feeds lists it).
  const follows = await readFollows(store, config);
  const unfollowed = (await store.listFeeds()).filter((f) => follows.followersOf(f.url).length === 0).map((f) => f.url);
  if (unfollowed.length > 0) logger.warn({ count: unfollowed.length, feeds: unfollowed.slice(0, 10) }, 'feeds no channel follows are not polled; follow them with newsdigest feeds add URL --channel KEY, or forget them with newsdigest feeds remove URL');
  scheduler = await startScheduler({ ...options.scheduler, store, config, logger, senders, owner });
  // Alerts are looked at as soon as new figures are stored, and what fires is posted at once.
  const alertDeps = { store, config, logger, now: options.scheduler?.now ?? (() => new Date()) };
  const postFired = () => scheduler?.deliverOutbox();
  const onStored = alertsOnStored(alertDeps, postFired);
  // Figures stored by a process that stopped before looking at its alerts are looked at now.
  const startupAlerts = evaluateAlerts(alertDeps).then((fired) => (fired.length > 0 ? postFired() : undefined)).catch((err: unknown) => logger.error({ err }, 'alert evaluation at start-up failed'));
  const poller = options.poll === false ? null : startFeedPoller({ ...options.poller, store, config, logger, owner, onStored });

  const port = await server.listen(options.port ?? env.PORT, options.host ?? env.HOST);
  logger.info({ port, platforms: [...senders.keys()], store: store.kind, owner }, 'newsdigest is running');

  let stopping: Promise<void> | null = null;
  return {
    port,
    server,
    runCommand,
    senders,
    stop() {
      stopping ??= (async () => {
        await server.close();
        await poller?.stop();
        await startupAlerts;
        await scheduler?.stop();
        for (const stop of stops.reverse()) await stop().catch((err: unknown) => logger.warn({ err }, 'platform stop failed'));
      })();
      return stopping;
    },
  };
}
