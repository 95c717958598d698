/**
 * Times, days and schedules as a person reads them, in one zone (the channel's): "tomorrow 08:00
 * Kyiv time", "Mon 8 Dec, 08:00 UTC", "3 Dec", `"0 8 * * *" (at 08:00, every day, Kyiv time)`.
 * Everything shown in chat, digests, answers, `status` and operator logs goes through here, so no
 * reader sees a raw ISO timestamp or has to decode a cron. Month and weekday names are our own, not
 * the runtime's locale data (which words September "Sep" or "Sept" by ICU version), so messages are
 * the same on every machine.
 */
import cronstrue from 'cronstrue';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = new Set(['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']);

/** "UTC", or the zone's city: "Europe/Kyiv" → "Kyiv time", "America/New_York" → "New York time". */
export function zoneInWords(timezone: string): string {
  if (timezone === 'UTC' || timezone === 'Etc/UTC' || timezone === 'Etc/GMT') return 'UTC';
  const city = timezone.split('/').pop() ?? timezone;
  return `${city.replace(/_/g, ' ')} time`;
}

interface Local {
  y: number;
  m: number;
  d: number;
  weekday: string;
  hh: string;
  mm: string;
}

/** One formatter per zone: a digest reads hundreds of times, and making a formatter is the dear part. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone itself when the runtime knows it, else UTC (config checks zones; a stale one must not fail a digest). */
function usableZone(timezone: string): string {
  if (formatters.has(timezone)) return timezone;
  try {
    formatters.set(
      timezone,
      new Intl.DateTimeFormat('en-US', { timeZone: timezone, year: 'numeric', month: 'numeric', day: 'numeric', weekday: 'short', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' }),
    );
    return timezone;
  } catch {
    return timezone === 'UTC' ? timezone : usableZone('UTC');
  }
}

function localOf(ms: number, zone: string): Local {
  const parts: Record<string, string> = {};
  for (const p of formatters.get(zone)!.formatToParts(ms)) parts[p.type] = p.value;
  const weekday = parts.weekday ?? '';
  return {
    y: Number(parts.year),
    m: Number(parts.month),
    d: Number(parts.day),
    weekday: WEEKDAYS.has(weekday) ? weekday : weekday.slice(0, 3),
    hh: (parts.hour ?? '0').padStart(2, '0'),
    mm: (parts.minute ?? '0').padStart(2, '0'),
  };
}

function toMs(at: string | Date): number {
  return typeof at === 'string' ? Date.parse(at) : at.getTime();
}

/** Whole calendar days from `a` to `b`, both read in the zone. */
function dayDifference(a: Local, b: Local): number {
  return Math.round((Date.UTC(b.y, b.m - 1, b.d) - Date.UTC(a.y, a.m - 1, a.d)) / 86_400_000);
}

/** The year of `reference` in the zone, or null when there is none (then every date names its year). */
function referenceYear(reference: string | Date | undefined, zone: string): number | null {
  if (reference === undefined) return null;
  const ms = toMs(reference);
  return Number.isNaN(ms) ? null : localOf(ms, zone).y;
}

/**
 * "today 08:00 Kyiv time", "tomorrow 08:00 UTC", "yesterday 14:05 UTC"; further away
 * "Mon 8 Dec, 08:00 UTC" (with the year when it is not the current one). For what is read at once
 * (replies, `status`, logs); unreadable input is shown as given.
 */
export function timeInWords(at: string | Date, timezone: string, now: Date): string {
  const ms = toMs(at);
  if (Number.isNaN(ms)) return String(at);
  const zone = usableZone(timezone);
  const t = localOf(ms, zone);
  const diff = dayDifference(localOf(now.getTime(), zone), t);
  const clock = `${t.hh}:${t.mm} ${zoneInWords(zone)}`;
  if (diff === 0) return `today ${clock}`;
  if (diff === 1) return `tomorrow ${clock}`;
  if (diff === -1) return `yesterday ${clock}`;
  return dateTimeInWords(ms, zone, now);
}

/**
 * "Mon 21 Oct, 14:05 UTC": a fixed point in time, for what is kept and read later (a digest is read
 * hours after it was made, so "today" would soon be wrong). The year is named when it differs from
 * `reference`'s (the digest's own date), or always without a reference.
 */
export function dateTimeInWords(at: string | Date | number, timezone: string, reference?: string | Date): string {
  const ms = typeof at === 'number' ? at : toMs(at);
  if (Number.isNaN(ms)) return String(at);
  const zone = usableZone(timezone);
  const t = localOf(ms, zone);
  const year = t.y === referenceYear(reference, zone) ? '' : ` ${t.y}`;
  return `${t.weekday} ${t.d} ${MONTHS[t.m - 1]}${year}, ${t.hh}:${t.mm} ${zoneInWords(zone)}`;
}

/** "3 Dec" (the year of `reference`) or "3 Dec 2024": the day a figure was reported, in the zone. */
export function dayInWords(at: string | Date, timezone: string, reference?: string | Date): string {
  const ms = toMs(at);
  if (Number.isNaN(ms)) return String(at);
  const zone = usableZone(timezone);
  const t = localOf(ms, zone);
  const year = t.y === referenceYear(reference, zone) ? '' : ` ${t.y}`;
  return `${t.d} ${MONTHS[t.m - 1]}${year}`;
}

/** `"0 8 * * *" (at 08:00, every day, Kyiv time)`: the cron as configured, with cronstrue's reading of it. */
export function scheduleInWords(cron: string, timezone: string): string {
  let words: string;
  try {
    words = cronstrue.toString(cron, { use24HourTimeFormat: true, verbose: true });
    words = words.charAt(0).toLowerCase() + words.slice(1);
  } catch {
    return `"${cron}" (${zoneInWords(timezone)})`;
  }
  return `"${cron}" (${words}, ${zoneInWords(timezone)})`;
}
