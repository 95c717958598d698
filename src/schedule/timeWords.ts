/**
 * Times and schedules as a person reads them: "tomorrow 08:00 Kyiv time", "Mon 8 Dec, 08:00 UTC",
 * `"0 8 * * *" (at 08:00 every day, Kyiv time)`. Everything shown in chat, `status` and operator
 * logs goes through here, so no reader sees a raw ISO timestamp or has to decode a cron.
 */
import cronstrue from 'cronstrue';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS: Record<string, string> = { Sun: 'Sun', Mon: 'Mon', Tue: 'Tue', Wed: 'Wed', Thu: 'Thu', Fri: 'Fri', Sat: 'Sat' };

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

function localOf(ms: number, timezone: string): Local {
  const parts: Record<string, string> = {};
  const f = new Intl.DateTimeFormat('en-US', { timeZone: timezone, year: 'numeric', month: 'numeric', day: 'numeric', weekday: 'short', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' });
  for (const p of f.formatToParts(ms)) parts[p.type] = p.value;
  return { y: Number(parts.year), m: Number(parts.month), d: Number(parts.day), weekday: WEEKDAYS[parts.weekday ?? ''] ?? parts.weekday ?? '', hh: (parts.hour ?? '0').padStart(2, '0'), mm: (parts.minute ?? '0').padStart(2, '0') };
}

/** Whole calendar days from `now` to `at`, both read in the zone. */
function dayDifference(a: Local, b: Local): number {
  return Math.round((Date.UTC(b.y, b.m - 1, b.d) - Date.UTC(a.y, a.m - 1, a.d)) / 86_400_000);
}

/**
 * "today 08:00 Kyiv time", "tomorrow 08:00 UTC", "yesterday 14:05 UTC"; further away
 * "Mon 8 Dec, 08:00 UTC" (with the year when it is not the current one). Unreadable input is shown as given.
 */
export function timeInWords(at: string | Date, timezone: string, now: Date): string {
  const ms = typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (Number.isNaN(ms)) return String(at);
  let zone = timezone;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    zone = 'UTC';
  }
  const t = localOf(ms, zone);
  const n = localOf(now.getTime(), zone);
  const clock = `${t.hh}:${t.mm} ${zoneInWords(zone)}`;
  const diff = dayDifference(n, t);
  if (diff === 0) return `today ${clock}`;
  if (diff === 1) return `tomorrow ${clock}`;
  if (diff === -1) return `yesterday ${clock}`;
  return `${t.weekday} ${t.d} ${MONTHS[t.m - 1]}${t.y !== n.y ? ` ${t.y}` : ''}, ${clock}`;
}

/** `"0 8 * * *" (at 08:00, Kyiv time)`: the cron as configured, with cronstrue's reading of it. */
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
