/**
 * When a feed is polled next. After a success: the next slot of the poll interval at an offset
 * fixed by a hash of the feed URL, so feeds spread evenly over the interval and every replica
 * computes the same slot (one poll per feed per interval). After a failure: exponential backoff.
 */
import { createHash } from 'node:crypto';

/** Stable offset of `url` within an interval of `intervalMs`, in ms. */
export function slotOffsetMs(url: string, intervalMs: number): number {
  const h = createHash('sha256').update(url).digest();
  // 48 bits of the hash: uniform enough and exact in a double.
  const n = h.readUIntBE(0, 6);
  const seconds = Math.max(1, Math.floor(intervalMs / 1000));
  return (n % seconds) * 1000;
}

/**
 * The first slot (offset + k·interval) at least a quarter interval after `now`: a feed polled
 * off its slot (new, or after a backoff) does not get polled again moments later.
 */
export function nextPollSlot(url: string, intervalMinutes: number, now: Date): Date {
  const interval = intervalMinutes * 60_000;
  const offset = slotOffsetMs(url, interval);
  const earliest = now.getTime() + interval / 4;
  const k = Math.ceil((earliest - offset) / interval);
  return new Date(k * interval + offset);
}

export interface BackoffConfig {
  baseMinutes: number;
  maxMinutes: number;
}

/** Delay after the n-th failure in a row (n ≥ 1): base · 2^(n−1), capped at max. */
export function backoffDelayMs(consecutiveFailures: number, backoff: BackoffConfig): number {
  const n = Math.max(1, consecutiveFailures);
  const minutes = Math.min(backoff.maxMinutes, backoff.baseMinutes * 2 ** Math.min(n - 1, 30));
  return Math.round(minutes * 60_000);
}

export function nextPollAfterFailure(consecutiveFailures: number, backoff: BackoffConfig, now: Date): Date {
  return new Date(now.getTime() + backoffDelayMs(consecutiveFailures, backoff));
}
