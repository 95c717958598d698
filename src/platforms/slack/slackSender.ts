/**
 * Posts rendered digests with chat.postMessage. The client is built to reject rate-limited calls
 * instead of retrying inside WebClient, so the only re-send is the one after a 429 (which Slack did
 * not take): each message goes out once, and a transport failure is left to the outbox's retries.
 */
import type { webApi } from '@slack/bolt';
import type { ChatSender } from '../../delivery/sender.js';
import { DeliveryError, MAX_POST_WAIT_MS } from '../../delivery/sender.js';
import type { Digest } from '../../digest/digest.js';
import type { Logger } from '../../observability/logger.js';
import { toDeliveryError } from './deliveryError.js';
import { chartOfMessage } from '../../delivery/chartMessage.js';
import { slackChartFallbackText, type ChartUploader } from './chartUpload.js';
import { escapeSlackText } from './slackText.js';

/** One message as chat.postMessage takes it (renderSlack produces these): Block Kit with a plain `text` fallback. */
export interface SlackPost {
  text: string;
  blocks?: unknown[];
}

export interface SlackSenderOptions {
  /** A WebClient with `rejectRateLimitedCalls: true` and no retries of its own. */
  client: webApi.WebClient;
  render: (digest: Digest) => SlackPost[];
  logger: Logger;
  /** 429s waited out per message before giving up to the outbox (default 5). */
  maxRateLimitWaits?: number;
  /** Seconds of rate-limit waiting per message before the wait is handed to the outbox (default MAX_POST_WAIT_MS). */
  maxTotalWaitSeconds?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Uploads a digest's chart (the external upload flow); without it a chart is posted as its points. */
  uploadChart?: ChartUploader;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Slack has no idempotency key, so each digest message carries its outbox key as message metadata;
 * a delivery that resumes a message whose outcome is unknown looks for that key in the channel's
 * history before posting again (see ChatSender.findPosted).
 */
export const DIGEST_PART_EVENT = 'newsdigest_digest_part';
/** History pages read when looking for a message (200 messages each) before giving up and posting. */
const MAX_HISTORY_PAGES = 5;

export function createSlackSender(options: SlackSenderOptions): ChatSender {
  const { client, render, logger } = options;
  const maxWaits = options.maxRateLimitWaits ?? 5;
  const maxTotalWait = options.maxTotalWaitSeconds ?? MAX_POST_WAIT_MS / 1000;
  const sleep = options.sleep ?? defaultSleep;

  return {
    platform: 'slack',
    render: (digest) => render(digest),
    async post(channelId, message, idempotencyKey) {
      const chart = chartOfMessage(message);
      if (chart) {
        // Slack keeps no idempotency key for file shares: a crash between the upload and its record can share it twice.
        try {
          if (!options.uploadChart) throw new DeliveryError('no chart uploader configured', true);
          return `file:${await options.uploadChart(channelId, chart)}`;
        } catch (err) {
          const failure = toDeliveryError(err, channelId);
          if (!failure.permanent) {
            logger.warn({ channelId, idempotencyKey, err: failure }, 'Slack chart upload failed; the outbox will retry');
            throw failure;
          }
          logger.warn({ channelId, idempotencyKey, err: failure }, 'Slack refused the chart upload: posting its points as text');
          message = { text: escapeSlackText(slackChartFallbackText(err, chart.fallbackText)) };
        }
      }
      const { text, blocks } = asSlackMessage(message);
      let waited = 0;
      for (let waits = 0; ; waits++) {
        try {
          const result = await client.chat.postMessage({
            channel: channelId,
            text,
            ...(blocks ? { blocks: blocks as never } : {}),
            metadata: { event_type: DIGEST_PART_EVENT, event_payload: { part: idempotencyKey } },
            unfurl_links: false,
            unfurl_media: false,
          });
          if (!result.ts) throw new DeliveryError(`Slack accepted the message to ${channelId} but returned no ts`, false);
          return result.ts;
        } catch (err) {
          const retryAfter = (err as { code?: string; retryAfter?: number }).code === 'slack_webapi_rate_limited_error' ? (err as { retryAfter: number }).retryAfter : null;
          if (retryAfter !== null && waits < maxWaits && waited + Math.max(retryAfter, 1) <= maxTotalWait) {
            logger.info({ channelId, retryAfter, idempotencyKey }, 'Slack rate limit: waiting before posting again');
            waited += Math.max(retryAfter, 1);
            await sleep(Math.max(retryAfter, 1) * 1000);
            continue;
          }
          const failure = toDeliveryError(err, channelId);
          logger.warn({ channelId, idempotencyKey, permanent: failure.permanent, err: failure }, 'Slack post failed');
          throw failure;
        }
      }
    },
    async findPosted(channelId, idempotencyKey, since) {
      let cursor: string | undefined;
      try {
        for (let page = 0; page < MAX_HISTORY_PAGES; page++) {
          const result = await client.conversations.history({
            channel: channelId,
            // Ten minutes early: Slack stamps messages with its own clock.
            oldest: (Date.parse(since) / 1000 - 600).toFixed(6),
            limit: 200,
            include_all_metadata: true,
            ...(cursor ? { cursor } : {}),
          });
          const found = (result.messages ?? []).find((m) => {
            const meta = (m as { metadata?: { event_type?: string; event_payload?: { part?: unknown } } }).metadata;
            return meta?.event_type === DIGEST_PART_EVENT && meta.event_payload?.part === idempotencyKey;
          });
          if (found?.ts) return found.ts;
          cursor = result.response_metadata?.next_cursor || undefined;
          if (!result.has_more || !cursor) return null;
        }
        return null;
      } catch (err) {
        const failure = toDeliveryError(err, channelId);
        // Without history access (missing_scope, not_in_channel) we cannot look: post, at most once more.
        if (failure.permanent) {
          logger.warn({ channelId, idempotencyKey, err: failure }, 'cannot read Slack channel history to check for an earlier post; posting again (add the channels:history scope)');
          return null;
        }
        throw failure;
      }
    },
  };
}

function asSlackMessage(message: unknown): SlackPost {
  const m = message as Partial<SlackPost> | null;
  if (!m || typeof m.text !== 'string' || (m.blocks !== undefined && !Array.isArray(m.blocks))) {
    throw new DeliveryError('Not a Slack message (expected {text, blocks}); was the digest rendered for another platform?', true);
  }
  return { text: m.text, ...(m.blocks ? { blocks: m.blocks } : {}) };
}
