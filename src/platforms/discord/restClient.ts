/**
 * The one discord.js REST client configuration: DISCORD_API_BASE redirects every route (and with it
 * the gateway URL from GET /gateway/bot). Short rate limits are waited out inside the client; a wait
 * longer than `maxRateLimitWaitMs` is handed back as an error so the outbox retries later instead of
 * holding a post for minutes.
 */
import { MAX_POST_WAIT_MS } from '../../delivery/sender.js';
import { REST, type RESTOptions } from 'discord.js';

export const DEFAULT_MAX_RATE_LIMIT_WAIT_MS = MAX_POST_WAIT_MS;

export interface DiscordRestOptions {
  apiBase: string;
  token?: string;
  maxRateLimitWaitMs?: number;
  /** Per-request timeout; a timed-out request is retried by the client (posts carry a nonce). */
  timeoutMs?: number;
  /** Retries of 5xx answers and timeouts (discord.js default 3). */
  retries?: number;
}

export function discordRestOptions(options: DiscordRestOptions): Partial<RESTOptions> {
  const maxWait = options.maxRateLimitWaitMs ?? DEFAULT_MAX_RATE_LIMIT_WAIT_MS;
  return {
    api: options.apiBase,
    timeout: options.timeoutMs ?? 15_000,
    retries: options.retries ?? 3,
    rejectOnRateLimit: (data) => data.retryAfter > maxWait || data.timeToReset > maxWait,
  };
}

export function createDiscordRest(options: DiscordRestOptions): REST {
  const rest = new REST(discordRestOptions(options));
  if (options.token) rest.setToken(options.token);
  return rest;
}
