/**
 * Schedule slots: the instants a channel's cron expression names, in the channel's time zone. Pure
 * functions of (schedule, time zone, now), so catch-up after downtime is decided the same way by
 * every replica and can be tested without waiting for a clock.
 */
import { CronExpressionParser } from 'cron-parser';

export interface ChannelSchedule {
  /** Cron expression (5 fields, or 6 with seconds). */
  schedule: string;
  /** IANA time zone name. */
  timezone: string;
}

/**
 * A slot's identity: the minute it falls in, as ISO 8601 UTC. Digests are keyed by (channel, slot),
 * so schedules finer than a minute still yield at most one digest per minute.
 */
export function slotKey(at: Date): string {
  const minute = new Date(at.getTime());
  minute.setUTCSeconds(0, 0);
  return minute.toISOString();
}

/** The latest slot at or before `now`, or null when the schedule has none (cron-parser looks back a bounded way). */
export function latestSlotAtOrBefore(channel: ChannelSchedule, now: Date): Date | null {
  // cron-parser's prev() is strictly before currentDate; one millisecond later includes `now` itself.
  const expression = CronExpressionParser.parse(channel.schedule, { tz: channel.timezone, currentDate: new Date(now.getTime() + 1) });
  try {
    return expression.prev().toDate();
  } catch {
    return null;
  }
}

/** The first slot strictly after `now`, or null when there is none. */
export function nextSlotAfter(channel: ChannelSchedule, now: Date): Date | null {
  const expression = CronExpressionParser.parse(channel.schedule, { tz: channel.timezone, currentDate: now });
  try {
    return expression.next().toDate();
  } catch {
    return null;
  }
}

export interface CatchUpState extends ChannelSchedule {
  /**
   * When the channel's schedule took effect (ISO): the later of its creation and its last change.
   * Slots before it belong to no schedule the channel had, so they are never caught up.
   */
  scheduledSince: string;
  /** Slot of the channel's newest digest (ISO), any status, or null. */
  lastDigestSlot: string | null;
}

/**
 * The one slot to produce now, or null. After downtime only the MOST RECENT missed slot is
 * produced (its period reaches back to the previous digest, so nothing is lost), and only when no
 * digest exists for it or for a later slot. Three missed slots therefore give one digest, not three.
 */
export function dueSlot(state: CatchUpState, now: Date): Date | null {
  const latest = latestSlotAtOrBefore(state, now);
  if (!latest) return null;
  if (latest.getTime() <= Date.parse(state.scheduledSince)) return null;
  const key = slotKey(latest);
  if (state.lastDigestSlot !== null && Date.parse(state.lastDigestSlot) >= Date.parse(key)) return null;
  return latest;
}
