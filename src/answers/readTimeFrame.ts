/**
 * The time a question is about: "as of March 2024" (a last day), "in 2024" (a period), or nothing
 * (the day it is asked). Pure: today comes in as `asOf`. Dates are calendar days (YYYY-MM-DD, UTC).
 */
import { editDistance } from './questionText.js';

export interface TimeFrame {
  /** Newest day a figure may be published: the question's own bound or the as-of day, whichever is earlier. */
  asOf: string;
  /** First day of a period ("in 2024" → 2024-01-01), else null. */
  from: string | null;
  /** The question's wording of its time ("as of March 2024", "in 2024"), else null. */
  label: string | null;
}

export interface DateSpan {
  start: string;
  end: string;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_ABBREVIATIONS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12 };

/** "March", "mar", "Febuary" (one slip) → month number; null for other words. */
export function monthNumber(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, '');
  const exact = MONTHS.indexOf(w);
  if (exact >= 0) return exact + 1;
  const abbreviation = MONTH_ABBREVIATIONS[w];
  if (abbreviation !== undefined) return abbreviation;
  if (w.length >= 5) {
    const near = MONTHS.findIndex((m) => m.length >= 5 && editDistance(w, m, 1) <= 1);
    if (near >= 0) return near + 1;
  }
  return null;
}

const pad = (n: number): string => String(n).padStart(2, '0');

export function isoDay(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`;
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** A real calendar day? ("2024-02-30" is not.) */
export function isValidDay(day: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

export function addDays(day: string, n: number): string {
  const t = Date.parse(`${day}T00:00:00Z`) + n * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

const minDay = (a: string, b: string): string => (a < b ? a : b);

function monthSpan(y: number, m: number): DateSpan {
  return { start: isoDay(y, m, 1), end: isoDay(y, m, daysInMonth(y, m)) };
}

function yearSpan(y: number): DateSpan {
  return { start: isoDay(y, 1, 1), end: isoDay(y, 12, 31) };
}

interface DateMatch {
  index: number;
  length: number;
  span: DateSpan;
}

/** Words that put a date in relation to the question; longest first so "as of" wins over "of". */
const BOUND_WORDS = ['as recently as', 'as of', 'as at', 'up to', 'up until', 'by', 'until', 'till', 'through', 'before', 'on'];
const PERIOD_WORDS = ['during', 'throughout', 'within', 'in', 'for', 'over'];
const AFTER_WORDS = ['after'];
/** "since February 2022" is how news marks a running total, not a period: left for the cumulative words. */
const TIME_PREPOSITION = /(?:as recently as|as of|as at|up to|up until|by|until|till|through|throughout|before|on|during|within|in|for|over|after|since|from|between|and|to)\s+(?:the\s+)?(?:(?:end|start|beginning|middle)\s+of\s+)?$/i;

/** Finds every date expression in the text, longest readings first, without overlaps. */
function findDates(text: string, today: string): DateMatch[] {
  const found: DateMatch[] = [];
  const taken = (i: number, len: number): boolean => found.some((f) => i < f.index + f.length && f.index < i + len);
  const add = (index: number, length: number, span: DateSpan | null): void => {
    if (span && !taken(index, length)) found.push({ index, length, span });
  };
  const day = (y: number, m: number, d: number): DateSpan | null => {
    const s = isoDay(y, m, d);
    return isValidDay(s) ? { start: s, end: s } : null;
  };
  const todayYear = Number(today.slice(0, 4));

  for (const m of text.matchAll(/\b(\d{4})-(\d{2})-(\d{2})\b/g)) add(m.index, m[0].length, day(Number(m[1]), Number(m[2]), Number(m[3])));
  for (const m of text.matchAll(/\b(\d{4})-(\d{2})\b(?!-)/g)) {
    const mo = Number(m[2]);
    add(m.index, m[0].length, mo >= 1 && mo <= 12 ? monthSpan(Number(m[1]), mo) : null);
  }
  // 15 March 2024, 15th of March 2024
  for (const m of text.matchAll(/\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([A-Za-z]+)\.?,?\s+(\d{4})\b/g)) {
    const mo = monthNumber(m[2]!);
    if (mo) add(m.index, m[0].length, day(Number(m[3]), mo, Number(m[1])));
  }
  // March 15, 2024
  for (const m of text.matchAll(/\b([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/g)) {
    const mo = monthNumber(m[1]!);
    if (mo) add(m.index, m[0].length, day(Number(m[3]), mo, Number(m[2])));
  }
  // March 2024
  for (const m of text.matchAll(/\b([A-Za-z]+)\.?,?\s+(\d{4})\b/g)) {
    const mo = monthNumber(m[1]!);
    if (mo) add(m.index, m[0].length, monthSpan(Number(m[2]), mo));
  }
  // "in July", "during March": a month named without its year is the latest one by today.
  for (const m of text.matchAll(/\b(?:in|during|throughout|since|from|by|until|before|after|of)\s+(?:early\s+|mid-?\s*|late\s+)?([A-Za-z]+)\b(?!\.?,?\s+\d)/gi)) {
    const word = m[1]!;
    const mo = MONTHS.indexOf(word.toLowerCase()) + 1 || (word.length >= 3 ? (MONTH_ABBREVIATIONS[word.toLowerCase()] ?? 0) : 0);
    if (!mo) continue;
    const y = mo <= Number(today.slice(5, 7)) ? todayYear : todayYear - 1;
    const at = m.index + m[0].length - word.length;
    add(at, word.length, monthSpan(y, mo));
  }
  // this year, last year, this month, last month
  for (const m of text.matchAll(/\b(this|last|past)\s+(year|month)\b/gi)) {
    const thisOne = m[1]!.toLowerCase() === 'this';
    const y = todayYear;
    const mo = Number(today.slice(5, 7));
    if (m[2]!.toLowerCase() === 'year') add(m.index, m[0].length, yearSpan(thisOne ? y : y - 1));
    else add(m.index, m[0].length, thisOne ? monthSpan(y, mo) : mo === 1 ? monthSpan(y - 1, 12) : monthSpan(y, mo - 1));
  }
  // A bare year only after a time word ("in 2024", "by 2023"), so "2000 troops" stays a number.
  for (const m of text.matchAll(/\b(19\d{2}|20\d{2})\b(?!-\d)/g)) {
    if (TIME_PREPOSITION.test(text.slice(0, m.index))) add(m.index, m[0].length, yearSpan(Number(m[1])));
  }
  return found.sort((a, b) => a.index - b.index);
}

/** The relation word right before `index` ("as of", "in"), if any. */
/** "since" followed by up to three words that are not themselves a time word, right before a date. */
const SINCE_GAP = /\bsince\s+(?:(?!(?:in|on|by|until|before|after|during)\b)[a-z'’]+\s+){1,3}$/i;

function wordBefore(text: string, index: number, words: readonly string[]): { word: string; index: number } | null {
  const before = text.slice(0, index).replace(/\s+(?:the\s+)?(?:(?:end|start|beginning|middle)\s+of\s+)?$/i, '');
  const lower = before.toLowerCase();
  for (const w of words) {
    if (lower.endsWith(w) && (lower.length === w.length || /[^a-z]/.test(lower[lower.length - w.length - 1]!))) {
      return { word: w, index: before.length - w.length };
    }
  }
  return null;
}

export interface TimeReading {
  frame: TimeFrame;
  /** The question with its time expressions blanked out, for the other readers. */
  rest: string;
}

/**
 * Reads the time of a question. `asOf` is the day it is asked (YYYY-MM-DD). A bound in the question
 * ("as of March 2024") can move the as-of day earlier, never later: nothing is known ahead of it.
 */
export function readTimeFrame(question: string, asOf: string): TimeReading {
  let rest = question;
  let bound: string | null = null;
  let from: string | null = null;
  let to: string | null = null;
  const labels: string[] = [];
  const blank = (start: number, end: number): void => {
    rest = rest.slice(0, start) + ' '.repeat(end - start) + rest.slice(end);
  };

  const dates = findDates(question, asOf);
  for (let i = 0; i < dates.length; i++) {
    const d = dates[i]!;
    const end = d.index + d.length;
    // "between X and Y", "from X to Y": one period.
    const range = /^\s*(?:and|to|until|till|through|-)\s*$/i;
    const next = dates[i + 1];
    const opener = wordBefore(question, d.index, ['between', 'from']);
    if (opener && next && range.test(question.slice(end, next.index))) {
      from = from ?? d.span.start;
      to = next.span.end;
      labels.push(question.slice(opener.index, next.index + next.length).trim());
      blank(opener.index, next.index + next.length);
      i++;
      continue;
    }
    // A running-total marker, read by the cumulative words; "since" may stand a few words before
    // the date ("since Russia's February 2022 invasion").
    const since = wordBefore(question, d.index, ['since', 'from']) ?? (SINCE_GAP.test(question.slice(0, d.index)) ? { word: 'since', index: 0 } : null);
    if (since) continue;
    const b = wordBefore(question, d.index, BOUND_WORDS);
    // "announced on 30 December 2024": that day, not everything up to it.
    if (b && b.word === 'on' && d.span.start === d.span.end) {
      from = d.span.start;
      to = d.span.end;
      labels.push(question.slice(b.index, end).trim());
      blank(b.index, end);
      continue;
    }
    if (b) {
      const day = b.word === 'before' ? addDays(d.span.start, -1) : d.span.end;
      bound = bound === null ? day : minDay(bound, day);
      labels.push(question.slice(b.index, end).trim());
      blank(b.index, end);
      continue;
    }
    const after = wordBefore(question, d.index, AFTER_WORDS);
    if (after) {
      from = addDays(d.span.end, 1);
      labels.push(question.slice(after.index, end).trim());
      blank(after.index, end);
      continue;
    }
    const p = wordBefore(question, d.index, PERIOD_WORDS);
    const start = p ? p.index : d.index;
    from = d.span.start;
    to = d.span.end;
    labels.push(question.slice(start, end).trim());
    blank(start, end);
  }

  let last = asOf;
  if (bound !== null) last = minDay(last, bound);
  if (to !== null) last = minDay(last, to);
  return { frame: { asOf: last, from, label: labels.length ? labels.join(', ') : null }, rest };
}
