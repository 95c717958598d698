/**
 * How a rendered digest reaches a chat: one ChatSender per platform (platforms/discord, platforms/slack,
 * and the console). The outbox (src/schedule) calls it once per message and records progress, so a
 * retry resumes after the last message that went out.
 */
import type { Digest } from '../digest/digest.js';
import type { Platform } from '../store/store.js';

export interface ChatSender {
  readonly platform: Platform;
  /** Renders the digest into this platform's messages, each within the platform's limits. */
  render(digest: Digest): unknown[];
  /**
   * Posts one rendered message to the channel and resolves with the platform's message id. Waits out
   * rate limits itself; rejects with DeliveryError when the post failed.
   */
  post(channelId: string, message: unknown, idempotencyKey: string): Promise<string>;
  /**
   * For platforms without an idempotency key (Slack): the id of a message posted earlier with this
   * key since `since` (ISO), or null. The outbox asks before the first post of each delivery, the one
   * message whose outcome a crash can have left unknown. Platforms that deduplicate posts themselves
   * (Discord's enforce_nonce) leave it out.
   */
  findPosted?(channelId: string, idempotencyKey: string, since: string): Promise<string | null>;
}

/**
 * The longest a sender may wait out rate limits inside one post() before handing the wait back to
 * the outbox (a transient DeliveryError with retryAfterSeconds). The outbox starts no post in the
 * last 20% of a delivery lease (60 s of the default 5 min), so a post never outlives its lease and
 * another replica never posts the same message.
 */
export const MAX_POST_WAIT_MS = 45_000;

/** A failed post: `permanent` when retrying cannot help (unknown channel, invalid payload, no access). */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    /** Seconds the platform asked us to wait, when it said. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}
