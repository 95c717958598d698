/**
 * Dates and times as readers see them in every renderer: "21 Oct 2024", "21 Oct 2024, 14:05 UTC".
 * Month names are our own, not the runtime's locale data (which words September "Sep" or "Sept"
 * depending on the ICU version), so snapshots and messages are the same on every machine.
 */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: timezone,
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        hourCycle: 'h23',
        timeZoneName: 'short',
      });
    } catch {
      // Config validates time zones; a stale or odd one falls back to UTC rather than failing a digest.
      f = formatterFor('UTC');
    }
    formatters.set(timezone, f);
  }
  return f;
}

interface Parts {
  year: string;
  month: number;
  day: string;
  hour: string;
  minute: string;
  zone: string;
}

function partsOf(iso: string, timezone: string): Parts | null {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timezone).formatToParts(ms)) parts[p.type] = p.value;
  return {
    year: parts.year ?? '',
    month: Number(parts.month ?? 1),
    day: parts.day ?? '',
    hour: (parts.hour ?? '0').padStart(2, '0'),
    minute: (parts.minute ?? '0').padStart(2, '0'),
    zone: timezone === 'UTC' || timezone === 'Etc/UTC' ? 'UTC' : (parts.timeZoneName ?? timezone),
  };
}

/** "21 Oct 2024"; an unreadable timestamp is shown as given. */
export function formatDate(iso: string, timezone = 'UTC'): string {
  const p = partsOf(iso, timezone);
  return p ? `${p.day} ${MONTHS[p.month - 1] ?? ''} ${p.year}` : iso;
}

/** "21 Oct 2024, 14:05 UTC". */
export function formatDateTime(iso: string, timezone = 'UTC'): string {
  const p = partsOf(iso, timezone);
  return p ? `${p.day} ${MONTHS[p.month - 1] ?? ''} ${p.year}, ${p.hour}:${p.minute} ${p.zone}` : iso;
}

/** Unix seconds, for the platforms' own time markup (Discord <t:…>, Slack <!date^…>); null if unreadable. */
export function unixSeconds(iso: string): number | null {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
}
