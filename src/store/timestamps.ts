/**
 * Timestamps cross the Store boundary as ISO 8601 strings. They are normalized to the one form
 * `Date#toISOString()` gives (UTC, milliseconds, `Z`) before they are stored, so that SQLite can
 * compare them as text and both databases hand back exactly the same string.
 */

const BARE_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Normalizes an ISO timestamp (any offset) to `YYYY-MM-DDTHH:mm:ss.sssZ`; throws a clear error when it is not one. */
export function toIsoTimestamp(value: string, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new Error(`${what} must be an ISO 8601 timestamp (got ${JSON.stringify(value)})`);
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new Error(`${what} must be an ISO 8601 timestamp (got ${JSON.stringify(value)})`);
  const iso = new Date(ms).toISOString();
  // Years outside 0000-9999 come out as "+275760-..." and would not sort as text.
  if (!/^\d{4}-/.test(iso)) throw new Error(`${what} is out of range (got ${JSON.stringify(value)})`);
  return iso;
}

/** Like toIsoTimestamp, but null stays null. */
export function toIsoOrNull(value: string | null | undefined, what: string): string | null {
  return value == null ? null : toIsoTimestamp(value, what);
}

/** `iso + ms (+ offsetMs)` as an ISO timestamp; `ms` is a lease or delay and must not be negative. */
export function addMs(iso: string, ms: number, offsetMs = 0): string {
  if (!Number.isFinite(ms) || ms < 0) throw new Error(`a lease or delay must be a non-negative number of milliseconds (got ${ms})`);
  return new Date(Date.parse(iso) + ms + offsetMs).toISOString();
}

/** A named lease expired this long ago is deleted: nobody will renew it. */
export const STALE_LEASE_MS = 24 * 60 * 60 * 1000;

export function nowIso(): string {
  return new Date().toISOString();
}

/**
 * The last instant a bound covers: a bare `YYYY-MM-DD` means the whole day (UTC), so
 * "on or before 2024-03-01" includes everything published that day.
 */
export function endOfBound(value: string, what: string): string {
  if (BARE_DATE.test(value)) return toIsoTimestamp(`${value}T23:59:59.999Z`, what);
  return toIsoTimestamp(value, what);
}

/** The calendar day (UTC) of an ISO timestamp. */
export function utcDay(iso: string): string {
  return iso.slice(0, 10);
}
