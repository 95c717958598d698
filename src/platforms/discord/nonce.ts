/** The Create Message nonce for an outbox post, derived from its idempotency key. */
import { createHash } from 'node:crypto';

// Discord accepts a nonce of at most 25 characters.
const NONCE_LENGTH = 25;

/**
 * Same key, same nonce. Sent with `enforce_nonce: true`, Discord answers a repeated nonce from the
 * same author within a few minutes with the message it already created instead of posting again, so
 * a retry after a timeout or a 5xx that happened after the message was created does not double-post.
 */
export function nonceFor(idempotencyKey: string): string {
  return createHash('sha256').update(idempotencyKey).digest('base64url').slice(0, NONCE_LENGTH);
}
