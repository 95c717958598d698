/**
 * The outbox worker. Recorded digests are leased from the store, posted one message at a time with
 * progress recorded after each message, and marked sent at the end. A crash or a failed post leaves
 * the digest pending with its progress: the next attempt (this replica or another, once the lease
 * has expired) resumes at the first message not yet out, so nothing is lost and nothing posted twice.
 */
import { timeInWords } from '../time/timeWords.js';
import type { Config } from '../config/schema.js';
import { scrubSecrets, type Logger } from '../observability/logger.js';
import { metrics } from '../observability/metrics.js';
import type { DigestRecord, OutboxKind, Platform, Store } from '../store/store.js';
import { DeliveryError, type ChatSender } from '../delivery/sender.js';

export interface RetryPolicy {
  /** Delay after the first failed attempt; each further failure doubles it. */
  baseMs: number;
  /** Longest delay between two attempts. */
  maxMs: number;
}

// 12 attempts (config.digest.maxAttempts) span about five hours: a chat API outage of that length
// still delivers, while a digest that can never go out is reported failed the same day.
export const DEFAULT_RETRY: RetryPolicy = { baseMs: 30_000, maxMs: 30 * 60_000 };
/** Long enough for a multi-message digest that waits out rate limits; a dead replica's digests wait this long at most. */
export const DEFAULT_DELIVERY_LEASE_MS = 5 * 60_000;

/**
 * Delay before attempt `failures + 1`: exponential from `baseMs`, capped, ±10 % jitter so that
 * digests failing together do not retry together; never shorter than the platform asked for.
 */
export function retryDelayMs(failures: number, retryAfterSeconds: number | undefined, policy: RetryPolicy = DEFAULT_RETRY, random: () => number = Math.random): number {
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, failures - 1));
  const jittered = exponential * (0.9 + 0.2 * random());
  const asked = retryAfterSeconds !== undefined && Number.isFinite(retryAfterSeconds) ? retryAfterSeconds * 1000 : 0;
  return Math.max(1000, Math.round(Math.max(jittered, asked)));
}

export interface DeliverDeps {
  store: Store;
  config: Pick<Config, 'digest'>;
  logger: Logger;
  /** Senders this process has; digests of other platforms are left to a process that has theirs. */
  senders: ReadonlyMap<Platform, ChatSender>;
  /** Identifies this process in leases. */
  owner: string;
  now: () => Date;
  leaseMs?: number;
  /** Digests delivered at once (different channels; one channel's digests go in order). */
  concurrency?: number;
  retry?: RetryPolicy;
  random?: () => number;
  /**
   * Digests being posted by this process right now, shared by its concurrent passes: a store may
   * hand an owner back its own lease, and a digest must never be posted by two passes at once.
   */
  inHand?: Set<number>;
  /** Checked between digests: once true, no new digest is taken (stop() lets the ones in hand finish). */
  stopping?: () => boolean;
  /** Only outbox records of these kinds (default: digests and alert messages alike). */
  kinds?: readonly OutboxKind[];
}

export type DeliveryOutcome =
  /** Every message is out. */
  | 'sent'
  /** A post failed; pending with a later attempt. */
  | 'retrying'
  /** Failed for good (permanent error, or maxAttempts reached). */
  | 'failed'
  /** The lease ran short before every message was out: left for the next holder, progress kept. */
  | 'handed-back'
  /** No sender for the platform in this process: left untouched until its lease expires. */
  | 'skipped';

export interface DeliveryResult {
  digestId: number;
  channelKey: string;
  outcome: DeliveryOutcome;
  /** Messages out after this attempt (of `parts`). */
  sentParts: number;
  parts: number;
  error?: string;
  nextAttemptAt?: string;
}

function channelOf(digest: DigestRecord): { platform: string; externalId: string } {
  const at = digest.channelKey.indexOf(':');
  return { platform: digest.channelKey.slice(0, at), externalId: digest.channelKey.slice(at + 1) };
}

/**
 * Posts the messages of one leased digest that are not out yet, and records what became of it.
 * `claimedAt` is when the lease was taken (its clock runs from then).
 */
export async function deliverDigest(deps: DeliverDeps, digest: DigestRecord, claimedAt: Date = deps.now()): Promise<DeliveryResult> {
  const { store, logger } = deps;
  const leaseMs = deps.leaseMs ?? DEFAULT_DELIVERY_LEASE_MS;
  const started = claimedAt.getTime();
  const channel = await store.getChannel(digest.channelKey);
  // Digests outlive their channel row (no foreign key): the key alone says where they go.
  const { platform, externalId } = channel ? { platform: channel.platform, externalId: channel.externalId } : channelOf(digest);
  const base = { digestId: digest.id, channelKey: digest.channelKey, parts: digest.payload.length };
  // Operators read times in the channel's zone, like its schedule.
  const zone = channel?.timezone ?? deps.config.digest.timezone;
  const sender = deps.senders.get(platform as Platform);
  if (!sender) {
    logger.warn({ digestId: digest.id, channel: digest.channelKey }, `no ${platform} sender in this process: leaving the digest to one that has it`);
    return { ...base, outcome: 'skipped', sentParts: digest.sentParts };
  }

  let sentParts = digest.sentParts;
  try {
    for (let i = digest.sentParts; i < digest.payload.length; i++) {
      // A post after the lease ran out could race the replica that took the digest over.
      if (deps.now().getTime() - started > leaseMs * 0.8) {
        logger.warn({ digestId: digest.id, channel: digest.channelKey, sentParts }, 'delivery lease running out: leaving the rest of the digest to the next attempt');
        return { ...base, outcome: 'handed-back', sentParts };
      }
      const key = `${digest.id}:${i}`;
      // The first message of a delivery is the only one a crash can have left posted but unrecorded.
      const earlier = i === digest.sentParts && sender.findPosted ? await sender.findPosted(externalId, key, digest.createdAt) : null;
      if (earlier) logger.info({ digestId: digest.id, channel: digest.channelKey, part: i, messageId: earlier }, 'message already posted before an interruption: not posting it again');
      else await sender.post(externalId, digest.payload[i], key);
      sentParts = i + 1;
      await store.markDigestProgress(digest.id, sentParts);
    }
    await store.markDigestSent(digest.id, deps.now().toISOString());
    metrics.digestsSent.inc({ platform });
    logger.info(
      { digestId: digest.id, channel: digest.channelKey, slot: digest.slot, messages: digest.payload.length },
      digest.kind === 'alert' ? `alert message sent to ${digest.channelKey}` : `digest sent to ${digest.channelKey} (slot ${timeInWords(digest.slot, zone, deps.now())})`,
    );
    return { ...base, outcome: 'sent', sentParts };
  } catch (err) {
    metrics.digestsFailed.inc({ platform });
    const failures = digest.attempts + 1;
    const delivery = err instanceof DeliveryError ? err : null;
    const message = scrubSecrets(err instanceof Error ? err.message : String(err));
    const final = (delivery?.permanent ?? false) || failures >= deps.config.digest.maxAttempts;
    const nextAttemptAt = new Date(deps.now().getTime() + (final ? 0 : retryDelayMs(failures, delivery?.retryAfterSeconds, deps.retry, deps.random))).toISOString();
    await store.markDigestFailed(digest.id, message, nextAttemptAt, final);
    const context = { digestId: digest.id, channel: digest.channelKey, slot: digest.slot, attempt: failures, sentParts, error: message };
    if (final) {
      logger.error({ ...context, permanent: delivery?.permanent ?? false }, 'digest delivery failed for good');
      return { ...base, outcome: 'failed', sentParts, error: message };
    }
    logger.warn({ ...context, nextAttemptAt }, `digest delivery failed; will retry ${timeInWords(nextAttemptAt, zone, deps.now())}`);
    return { ...base, outcome: 'retrying', sentParts, error: message, nextAttemptAt };
  }
}

const MAX_TAKES_PER_PASS = 3;

/**
 * One pass over the outbox: leases due digests in small batches and delivers them until none is
 * due. A batch is no larger than what is worked on at once, so everything leased is in hand and a
 * stop never strands a leased digest that nobody works on.
 */
export async function deliverPendingDigests(deps: DeliverDeps): Promise<DeliveryResult[]> {
  const concurrency = Math.max(1, deps.concurrency ?? 4);
  const leaseMs = deps.leaseMs ?? DEFAULT_DELIVERY_LEASE_MS;
  const platforms = [...deps.senders.keys()];
  const results: DeliveryResult[] = [];
  if (platforms.length === 0) return results;
  const seen = new Map<number, number>();
  const inHand = deps.inHand ?? new Set<number>();
  while (!deps.stopping?.()) {
    const claimedAt = deps.now();
    const batch = await deps.store.claimPendingDigests(claimedAt.toISOString(), deps.owner, leaseMs, concurrency, platforms, deps.kinds);
    // A retry may fall due again within a long pass and is then taken again; a bound keeps a store
    // that hands back our own leases from turning this into an endless loop.
    const fresh = batch.filter((d) => (seen.get(d.id) ?? 0) < MAX_TAKES_PER_PASS && !inHand.has(d.id));
    if (fresh.length === 0) break;
    for (const d of fresh) {
      seen.set(d.id, (seen.get(d.id) ?? 0) + 1);
      inHand.add(d.id);
    }

    // One channel's digests go out in slot order, one after the other; channels run side by side.
    const byChannel = new Map<string, DigestRecord[]>();
    for (const d of fresh) byChannel.set(d.channelKey, [...(byChannel.get(d.channelKey) ?? []), d]);
    const perChannel = await Promise.all(
      [...byChannel.values()].map(async (digests) => {
        const out: DeliveryResult[] = [];
        for (const d of digests.sort((a, b) => a.slot.localeCompare(b.slot))) {
          try {
            out.push(await deliverDigest(deps, d, claimedAt));
          } finally {
            inHand.delete(d.id);
          }
        }
        return out;
      }),
    );
    results.push(...perChannel.flat());
  }
  return results;
}
