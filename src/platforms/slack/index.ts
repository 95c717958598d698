/**
 * The Slack adapter: slash commands in (Bolt, over our one HTTP server at POST /slack/events, or over
 * Socket Mode when SLACK_APP_TOKEN is set) and digests out (chat.postMessage). Only this folder
 * knows about @slack/*.
 *
 * The Slack app needs the bot scopes `commands`, `chat:write` (plus `chat:write.public` to post in
 * public channels the bot has not joined), `files:write` and `files:read` (charts, through the external
 * upload flow) and `users:read` (admin checks), and the slash commands
 * /ask, /figures, /digest and /alert with the request URL https://<host>/slack/events (HTTP mode).
 */
import { App, HTTPReceiver, webApi } from '@slack/bolt';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config, Env } from '../../config/schema.js';
import type { CommandRunner } from '../../commands/handleCommand.js';
import type { ChatSender } from '../../delivery/sender.js';
import type { Logger } from '../../observability/logger.js';
import type { HttpServer } from '../../server/httpServer.js';
import { createAdminCheck, type SlackUserInfo } from './adminCheck.js';
import { boltLogger } from './boltLogger.js';
import { slackErrorCode } from './deliveryError.js';
import { slackSettings } from './settings.js';
import { createOnceClient, createSlackPostingSender } from './postingSender.js';
import { createChartUploader } from './chartUpload.js';
import { createSlashCommandListener } from './slashCommandListener.js';
import { precheckSlackRequest } from './requestPrecheck.js';

export { slackSettings, type SlackSettings } from './settings.js';
export { parseSlashCommand } from './parseSlashCommand.js';

export interface StartSlackOptions {
  env: Env;
  config: Config;
  logger: Logger;
  runCommand: CommandRunner;
  server: HttpServer;
}

export interface SlackAdapter {
  sender: ChatSender;
  stop(): Promise<void>;
}

export const SLACK_EVENTS_PATH = '/slack/events';
/** Slack's own request size is a few KB; anything far larger is not a slash command. */
const BODY_LIMIT_BYTES = 256 * 1024;
/** How long stop() waits for commands still being answered through response_url. */
const STOP_GRACE_MS = 5_000;

export async function startSlack(opts: StartSlackOptions): Promise<SlackAdapter> {
  const settings = slackSettings(opts.env);
  if (!settings) throw new Error('startSlack: no Slack credentials are set (SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET or SLACK_APP_TOKEN)');
  const logger = opts.logger.child({ platform: 'slack' });
  const slackLogger = boltLogger(logger);
  const slackApiUrl = settings.apiUrl ?? undefined;

  // Lookups (auth.test, users.info) are safe to retry a few times; Retry-After is waited out.
  const clientOptions: webApi.WebClientOptions = {
    ...(slackApiUrl ? { slackApiUrl } : {}),
    logger: slackLogger,
    timeout: 10_000,
    retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 5_000, randomize: true },
  };
  const receiver =
    settings.mode === 'http'
      ? new HTTPReceiver({
          signingSecret: settings.signingSecret,
          endpoints: SLACK_EVENTS_PATH,
          logger: slackLogger,
          // Ack responses go out as soon as ack() is called; slow work continues after it.
          processBeforeResponse: false,
          bodyLimit: BODY_LIMIT_BYTES,
        })
      : undefined;
  const app = new App({
    token: settings.botToken,
    ...(settings.mode === 'socket' ? { appToken: settings.appToken, socketMode: true } : { receiver: receiver! }),
    logger: slackLogger,
    clientOptions,
    // Commands keep no conversation state; skipping the store saves work on every request.
    convoStore: false,
    // auth.test runs in init(), where a bad token is a clear start-up error (not an unhandled rejection).
    deferInitialization: true,
  });

  try {
    await app.init();
    const identity = await app.client.auth.test();
    logger.info({ team: identity.team, teamId: identity.team_id, botUserId: identity.user_id, mode: settings.mode }, 'Slack connected');
  } catch (err) {
    const code = slackErrorCode(err);
    throw new Error(
      code ? `Slack rejected SLACK_BOT_TOKEN at start-up (auth.test: ${code})` : `Could not reach the Slack Web API at start-up: ${(err as Error).message}`,
      { cause: err },
    );
  }

  const inFlight = new Set<Promise<unknown>>();
  const isAdmin = createAdminCheck({
    adminUserIds: opts.config.slack.adminUserIds,
    logger,
    lookupUser: async (user) => (await app.client.users.info({ user })).user as SlackUserInfo | undefined,
  });
  app.command(
    /^\/.+/,
    createSlashCommandListener({
      runCommand: opts.runCommand,
      isAdmin,
      logger,
      uploadChart: createChartUploader(createOnceClient(settings, logger)),
      track: (work) => {
        inFlight.add(work);
        void work.finally(() => inFlight.delete(work));
      },
    }),
  );
  app.error(async (err) => {
    logger.error({ err }, 'Slack event handling failed');
  });

  let stopped = false;
  if (settings.mode === 'http') {
    // Bolt's receiver parses and verifies the raw request itself (signature, 5-minute window);
    // precheckSlackRequest closes what it leaves open (future timestamps, Content-Type parameters).
    opts.server.route('POST', SLACK_EVENTS_PATH, (req: IncomingMessage, res: ServerResponse) => {
      if (stopped) {
        res.writeHead(503, { 'retry-after': '5' }).end();
        return;
      }
      const checked = precheckSlackRequest(req);
      if (!checked.ok) {
        logger.warn({ reason: checked.reason }, 'Slack request refused');
        res.writeHead(checked.status, { 'content-type': 'text/plain' }).end(`Refused: ${checked.reason}.`);
        return;
      }
      receiver!.requestListener(req, res);
    });
  } else {
    await app.start();
  }

  const sender = createSlackPostingSender(settings, logger);

  return {
    sender,
    async stop() {
      if (stopped) return;
      stopped = true;
      if (settings.mode === 'socket') await app.stop().catch((err: unknown) => logger.warn({ err }, 'Slack Socket Mode did not stop cleanly'));
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled([...inFlight]), new Promise((resolve) => (timer = setTimeout(resolve, STOP_GRACE_MS)))]);
      clearTimeout(timer);
    },
  };
}
