/**
 * The Discord adapter: receives slash commands (gateway or HTTP interactions, per DISCORD_RECEIVE)
 * and posts digests. The only part of the bot that knows discord.js.
 */
import type { Client } from 'discord.js';
import type { Config, Env } from '../../config/schema.js';
import type { CommandRunner } from '../../commands/handleCommand.js';
import type { ChatSender } from '../../delivery/sender.js';
import type { Logger } from '../../observability/logger.js';
import type { HttpServer } from '../../server/httpServer.js';
import type { Store } from '../../store/store.js';
import { ConfigError } from '../../config/load.js';
import { discordSettings } from './settings.js';
import { createDiscordRest, type DiscordRestOptions } from './restClient.js';
import { createDiscordSender } from './sender.js';
import { createHttpInteractions, INTERACTIONS_PATH, type HttpInteractions } from './httpInteractions.js';
import { startGateway } from './gateway.js';

export { discordSettings, type DiscordSettings, type DiscordReceiveMode } from './settings.js';
export { registerDiscordCommands } from './registerCommands.js';
export { discordCommands } from './commandDefinitions.js';

export interface StartDiscordOptions {
  env: Env;
  config: Config;
  logger: Logger;
  runCommand: CommandRunner;
  server: HttpServer;
  /** Remembers accepted HTTP interactions, so a replayed one is refused by every replica. */
  requests: Pick<Store, 'rememberRequest'>;
  /** Defer a reply not ready by then (default 2000 ms, under Discord's 3 s). */
  deferAfterMs?: number;
  /** Longest rate-limit wait inside a post before handing it back to the outbox (default 60 s). */
  maxRateLimitWaitMs?: number;
}

export interface DiscordAdapter {
  sender: ChatSender;
  mode: 'gateway' | 'http';
  stop(): Promise<void>;
}

export async function startDiscord(opts: StartDiscordOptions): Promise<DiscordAdapter> {
  const settings = discordSettings(opts.env);
  if (!settings) throw new ConfigError('environment: Discord is not configured: set DISCORD_TOKEN and DISCORD_APPLICATION_ID');
  const logger = opts.logger.child({ platform: 'discord' });
  const restOptions: DiscordRestOptions = { apiBase: settings.apiBase, token: settings.token, maxRateLimitWaitMs: opts.maxRateLimitWaitMs };
  const rest = createDiscordRest(restOptions);
  const sender = createDiscordSender(rest);

  if (settings.mode === 'http') {
    const interactions: HttpInteractions = createHttpInteractions({
      publicKey: settings.publicKey!,
      applicationId: settings.applicationId,
      rest,
      runCommand: opts.runCommand,
      logger,
      requests: opts.requests,
      deferAfterMs: opts.deferAfterMs,
    });
    opts.server.route('POST', INTERACTIONS_PATH, interactions.handler);
    logger.info({ path: INTERACTIONS_PATH }, 'discord: receiving commands over HTTP interactions');
    return { sender, mode: 'http', stop: () => interactions.stop() };
  }

  const client: Client = await startGateway({ token: settings.token, rest: restOptions, runCommand: opts.runCommand, logger, deferAfterMs: opts.deferAfterMs });
  return {
    sender,
    mode: 'gateway',
    async stop() {
      await client.destroy();
    },
  };
}
