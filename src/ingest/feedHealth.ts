/**
 * A feed's health in words, the same for `newsdigest feeds` and `/digest feeds`: how its last
 * fetch went and when it is polled next (or why it is not polled).
 */
import type { FeedRecord } from '../store/store.js';
import { timeInWords } from '../time/timeWords.js';

export interface FeedHealth {
  /** "today 10:00 UTC: ok", "today 10:00 UTC: FAILING (3 in a row): HTTP 500 ...", "none yet". */
  lastFetch: string;
  /** "today 10:15 UTC", "due now", "not polled: no channel follows it". */
  nextPoll: string;
  failing: boolean;
}

export function feedHealth(feed: FeedRecord | null, followed: boolean, timezone: string, now: Date): FeedHealth {
  const when = (iso: string) => timeInWords(iso, timezone, now);
  const failing = (feed?.consecutiveFailures ?? 0) > 0;
  let lastFetch: string;
  if (!feed?.lastFetchedAt) lastFetch = 'none yet';
  else if (failing) lastFetch = `${when(feed.lastFetchedAt)}: FAILING (${feed.consecutiveFailures} in a row): ${feed.lastError ?? 'unknown error'}`;
  else lastFetch = `${when(feed.lastFetchedAt)}: ok${feed.lastStatus === 304 ? ' (not modified)' : ''}`;

  let nextPoll: string;
  if (!followed) nextPoll = 'not polled: no channel follows it';
  else if (!feed?.nextPollAt || Date.parse(feed.nextPollAt) <= now.getTime()) nextPoll = 'due now';
  else nextPoll = `${when(feed.nextPollAt)}${failing ? ' (waiting longer after each failure)' : ''}`;
  return { lastFetch, nextPoll, failing };
}
