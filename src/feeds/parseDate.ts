/**
 * Dates as feeds write them: RFC 822/2822 (two-digit years, missing seconds, "1500" times, zone
 * names, day and month names in several languages), ISO 8601 / RFC 3339 (with or without zone;
 * none means UTC), and Unix timestamps. Each format is matched explicitly: JavaScript's own
 * Date.parse guesses ("foo 2017" is a date to it) and reads zone-less times as local time.
 */

// Month names and abbreviations (lowercase, accents removed) in the languages feeds use most.
const MONTHS: Record<string, number> = {};
const monthNames: string[][] = [
  ['jan', 'january', 'janv', 'janvier', 'januar', 'jaenner', 'enero', 'ene', 'gennaio', 'gen', 'janeiro', 'januari', 'ianouariou', 'ιαν', 'ιανουαριου', 'ιανουαριος'],
  ['feb', 'february', 'fev', 'fevr', 'fevrier', 'februar', 'febrero', 'febbraio', 'fevereiro', 'februari', 'φεβ', 'φεβρουαριου', 'φεβρουαριος'],
  ['mar', 'march', 'mars', 'marz', 'maerz', 'marzo', 'marco', 'maart', 'μαρ', 'μαρτιου', 'μαρτιος'],
  ['apr', 'april', 'avr', 'avril', 'abril', 'abr', 'aprile', 'απρ', 'απριλιου', 'απριλιος'],
  ['may', 'mai', 'mayo', 'maggio', 'mag', 'maio', 'mei', 'μαι', 'μαΐ', 'μαιου', 'μαιος'],
  ['jun', 'june', 'juin', 'juni', 'junio', 'giugno', 'giu', 'junho', 'ιουν', 'ιουνιου', 'ιουνιος'],
  ['jul', 'july', 'juil', 'juillet', 'juli', 'julio', 'luglio', 'lug', 'julho', 'ιουλ', 'ιουλιου', 'ιουλιος'],
  ['aug', 'august', 'aout', 'agosto', 'ago', 'augustus', 'αυγ', 'αυγουστου', 'αυγουστος'],
  ['sep', 'sept', 'september', 'septembre', 'septiembre', 'settembre', 'set', 'setembro', 'σεπ', 'σεπτεμβριου', 'σεπτεμβριος'],
  ['oct', 'october', 'octobre', 'okt', 'oktober', 'octubre', 'ottobre', 'ott', 'outubro', 'out', 'οκτ', 'οκτωβριου', 'οκτωβριος'],
  ['nov', 'november', 'novembre', 'noviembre', 'novembro', 'νοε', 'νοεμβριου', 'νοεμβριος'],
  ['dec', 'december', 'decembre', 'dez', 'dezember', 'diciembre', 'dic', 'dicembre', 'dezembro', 'δεκ', 'δεκεμβριου', 'δεκεμβριος'],
];
monthNames.forEach((names, i) => names.forEach((n) => (MONTHS[n] = i)));

const ZONES: Record<string, number> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0, WET: 0, BST: 60, IST: 60, CET: 60, MET: 60, CEST: 120, MEST: 120, EET: 120, EEST: 180, MSK: 180,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420, AKST: -540, AKDT: -480, HST: -600,
  JST: 540, KST: 540, AEST: 600, AEDT: 660, ACST: 570, AWST: 480, NZST: 720, NZDT: 780, BRT: -180, ART: -180,
};

/** Lowercase without accents, so "Ιούν" and "Fév" find their month. */
function fold(word: string): string {
  return word.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\.$/, '');
}

function monthIndex(word: string): number | undefined {
  return MONTHS[fold(word)];
}

function zoneOffsetMinutes(zone: string | undefined): number | null {
  if (!zone) return 0;
  const z = zone.trim();
  const numeric = /^([+-])(\d{2}):?(\d{2})?$/.exec(z);
  if (numeric) {
    const minutes = Number(numeric[2]) * 60 + Number(numeric[3] ?? 0);
    return minutes > 18 * 60 ? null : (numeric[1] === '-' ? -1 : 1) * minutes;
  }
  const named = ZONES[z.toUpperCase()];
  if (named !== undefined) return named;
  // Military single letters are ambiguous in practice (RFC 2822 §4.3): read as UTC.
  if (/^[A-IK-Za-ik-z]$/.test(z)) return 0;
  return null;
}

function build(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number, offsetMinutes: number): Date | null {
  if (month < 0 || month > 11 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) return null;
  const t = Date.UTC(year, month, day, hour, minute, Math.min(second, 59), ms) - offsetMinutes * 60_000;
  const d = new Date(t);
  // Reject 31 February and the like (Date.UTC would roll over).
  const check = new Date(Date.UTC(year, month, day));
  if (check.getUTCMonth() !== month) return null;
  return Number.isNaN(d.getTime()) ? null : d;
}

/** RFC 2822 §4.3: two-digit years below 50 are 20xx, others 19xx. */
function fullYear(y: string): number {
  const n = Number(y);
  if (y.length === 4) return n;
  if (y.length === 2) return n < 50 ? 2000 + n : 1900 + n;
  return y.length === 3 ? 1900 + n : NaN;
}

const ISO = /^(\d{4})-?(\d{2})-?(\d{2})(?:[T\s](\d{2}):?(\d{2})(?::?(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
// [Day,] DD Mon YYYY [HH:MM[:SS] | HHMM] [AM|PM] [zone]
const RFC822 = /^(?:[^\d\s,]+\.?,?\s*)?(\d{1,2})[\s-]+([^\d\s,.-]+)\.?,?[\s-]+(\d{2,4})(?:,?\s+(\d{1,2})(?::(\d{2})(?::(\d{2}))?|(\d{2}))(?:\.\d+)?)?\s*(AM|PM)?\s*(?:([+-]\d{2}:?\d{2}|[A-Za-z]{1,5})(?:\s*\([^)]*\))?)?$/i;
// [Day,] Mon DD[,] YYYY [HH:MM[:SS]] [AM|PM] [zone]
const MONTH_FIRST = /^(?:[^\d\s,]+\.?,?\s*)?([^\d\s,.-]+)\.?\s+(\d{1,2}),?\s+(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(AM|PM)?\s*([+-]\d{2}:?\d{2}|[A-Za-z]{1,5})?$/i;

function hour12(hour: number, meridiem: string | undefined): number {
  if (!meridiem) return hour;
  const pm = meridiem.toUpperCase() === 'PM';
  if (hour === 12) return pm ? 12 : 0;
  return pm ? hour + 12 : hour;
}

/** A feed date string → Date, or null when it is not a date we can read with confidence. */
export function parseFeedDate(raw: string | null | undefined): Date | null {
  if (typeof raw !== 'string') return null;
  const s = raw.trim().replace(/\s+/g, ' ');
  if (s === '' || s.length > 100) return null;

  if (/^\d{9,10}$/.test(s)) return new Date(Number(s) * 1000);
  if (/^\d{12,13}$/.test(s)) return new Date(Number(s));

  let m = ISO.exec(s);
  if (m) {
    const offset = zoneOffsetMinutes(m[8]);
    if (offset === null) return null;
    const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
    return build(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), ms, offset);
  }

  m = RFC822.exec(s);
  if (m) {
    const month = monthIndex(m[2]!);
    const year = fullYear(m[3]!);
    const offset = zoneOffsetMinutes(m[9]);
    if (month === undefined || Number.isNaN(year) || offset === null) return null;
    let hour = Number(m[4] ?? 0);
    let minute = Number(m[5] ?? 0);
    if (m[7] !== undefined) {
      // "1500": hours and minutes without a colon.
      const hhmm = m[4]!.padStart(2, '0') + m[7];
      hour = Number(hhmm.slice(0, 2));
      minute = Number(hhmm.slice(2, 4));
    }
    return build(year, month, Number(m[1]), hour12(hour, m[8]), minute, Number(m[6] ?? 0), 0, offset);
  }

  m = MONTH_FIRST.exec(s);
  if (m) {
    const month = monthIndex(m[1]!);
    const offset = zoneOffsetMinutes(m[8]);
    if (month === undefined || offset === null) return null;
    return build(Number(m[3]), month, Number(m[2]), hour12(Number(m[4] ?? 0), m[7]), Number(m[5] ?? 0), Number(m[6] ?? 0), 0, offset);
  }
  return null;
}
