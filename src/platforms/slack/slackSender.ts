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
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createSlackSender(options: SlackSenderOptions): ChatSender {
  const { client, render, logger } = options;
  const maxWaits = options.maxRateLimitWaits ?? 5;
  const maxTotalWait = options.maxTotalWaitSeconds ?? MAX_POST_WAIT_MS / 1000;
  const sleep = options.sleep ?? defaultSleep;

  return {
    platform: 'slack',
    render: (digest) => render(digest),
    async post(channelId, message, idempotencyKey) {
      const { text, blocks } = asSlackMessage(message);
      let waited = 0;
      for (let waits = 0; ; waits++) {
        try {
          const result = await client.chat.postMessage({
            channel: channelId,
            text,
            ...(blocks ? { blocks: blocks as never } : {}),
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
  };
}

function asSlackMessage(message: unknown): SlackPost {
  const m = message as Partial<SlackPost> | null;
  if (!m || typeof m.text !== 'string' || (m.blocks !== undefined && !Array.isArray(m.blocks))) {
    throw new DeliveryError('Not a Slack message (expected {text, blocks}); was the digest rendered for another platform?', true);
  }
  return { text: m.text, ...(m.blocks ? { blocks: m.blocks } : {}) };
}
