/**
 * The Discord ChatSender: renders a digest with renderDiscord and posts each message with discord.js
 * REST. The REST client waits out 429s (Retry-After) and retries 5xx; the nonce keeps those retries
 * from posting twice.
 */
import { Routes, type REST, type APIMessage } from 'discord.js';
import type { ChatSender } from '../../delivery/sender.js';
import type { Digest } from '../../digest/digest.js';
import { renderDiscord } from '../../digest/render/discord.js';
import { nonceFor } from './nonce.js';
import { toDeliveryError } from './deliveryError.js';

export function createDiscordSender(rest: REST): ChatSender {
  return {
    platform: 'discord',
    render: (digest: Digest) => renderDiscord(digest),
    async post(channelId, message, idempotencyKey) {
      const body = {
        ...(message as Record<string, unknown>),
        // Digests quote strangers' feeds: nothing in them may ping anyone, whatever the renderer said.
        allowed_mentions: { parse: [] },
        nonce: nonceFor(idempotencyKey),
        enforce_nonce: true,
      };
      try {
        const created = (await rest.post(Routes.channelMessages(channelId), { body })) as APIMessage;
        return created.id;
      } catch (err) {
        throw toDeliveryError(err, channelId);
      }
    },
  };
}
