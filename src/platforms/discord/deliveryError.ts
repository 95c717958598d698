/** discord.js REST failures as DeliveryError: permanent when retrying the same post cannot help. */
import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { DeliveryError } from '../../delivery/sender.js';

// 400 Invalid Form Body (50035), 403 Missing Access/Permissions (50001, 50013), 404 Unknown Channel (10003):
// the same message to the same channel fails the same way next time.
const PERMANENT_STATUS = new Set([400, 403, 404, 413]);

export function toDeliveryError(err: unknown, channelId: string): DeliveryError {
  if (err instanceof DeliveryError) return err;
  if (err instanceof RateLimitError) {
    return new DeliveryError(`Discord rate limit on channel ${channelId} (${err.scope}${err.global ? ', global' : ''}); retry in ${Math.ceil(err.retryAfter / 1000)} s`, false, Math.ceil(err.retryAfter / 1000));
  }
  if (err instanceof DiscordAPIError) {
    const what = `Discord refused the post to channel ${channelId}: ${err.status} ${err.message} (code ${err.code})`;
    // 401: the token was rejected. Not permanent: the digest should survive until the token is fixed.
    if (err.status === 401) return new DeliveryError(`${what}; check DISCORD_TOKEN`, false);
    return new DeliveryError(what, PERMANENT_STATUS.has(err.status));
  }
  if (err instanceof HTTPError) return new DeliveryError(`Discord answered ${err.status} ${err.message} to the post to channel ${channelId} after retries`, false);
  const message = err instanceof Error ? err.message : String(err);
  return new DeliveryError(`posting to Discord channel ${channelId} failed: ${message}`, false);
}
