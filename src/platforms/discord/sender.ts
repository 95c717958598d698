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
import { chartOfMessage } from '../../delivery/chartMessage.js';
import type { ChartImage } from '../../charts/chartImage.js';
import { chartReplyMessage, replyMessage, toRawFile } from './replyMessage.js';
import { chartFallbackText } from './uploadProblem.js';

export function createDiscordSender(rest: REST): ChatSender {
  return {
    platform: 'discord',
    render: (digest: Digest) => renderDiscord(digest),
    async post(channelId, message, idempotencyKey) {
      const chart = chartOfMessage(message);
      if (chart) return postChart(rest, channelId, chart, idempotencyKey);
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

/**
 * A digest's chart: one message with the PNG as files[0] and an embed showing it. A refusal that
 * retrying cannot fix (too large, a bad form) posts the points as text instead, so the digest is
 * complete; anything else is left to the outbox's retries (the nonce keeps a retry from doubling it).
 */
async function postChart(rest: REST, channelId: string, chart: ChartImage, idempotencyKey: string): Promise<string> {
  const { body, files } = chartReplyMessage({ text: chart.fallbackText, ephemeral: false, chart });
  try {
    const created = (await rest.post(Routes.channelMessages(channelId), { body: { ...body, nonce: nonceFor(idempotencyKey), enforce_nonce: true }, files: files.map(toRawFile) })) as APIMessage;
    return created.id;
  } catch (err) {
    const failure = toDeliveryError(err, channelId);
    if (!failure.permanent) throw failure;
    const { flags: _flags, ...text } = replyMessage({ text: chartFallbackText(err, chart.fallbackText), ephemeral: false });
    try {
      const created = (await rest.post(Routes.channelMessages(channelId), { body: { ...text, nonce: nonceFor(`${idempotencyKey}:text`), enforce_nonce: true } })) as APIMessage;
      return created.id;
    } catch (again) {
      throw toDeliveryError(again, channelId);
    }
  }
}
