/** The order in which leased work is handed out (RETURNING gives rows in no defined order). */
import type { DigestRecord, FeedRecord } from './store.js';

/** claimDueFeeds: never-polled feeds first, then the most overdue. */
export function byDueOrder(a: FeedRecord, b: FeedRecord): number {
  if (a.nextPollAt === b.nextPollAt) return a.id - b.id;
  if (a.nextPollAt === null) return -1;
  if (b.nextPollAt === null) return 1;
  return a.nextPollAt < b.nextPollAt ? -1 : 1;
}

/** claimPendingDigests: the longest-waiting digest first. */
export function byAttemptOrder(a: DigestRecord, b: DigestRecord): number {
  if (a.nextAttemptAt === b.nextAttemptAt) return a.id - b.id;
  return a.nextAttemptAt < b.nextAttemptAt ? -1 : 1;
}
