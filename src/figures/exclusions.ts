/**
 * Numbers that are not quantities of anything: dates, years, times, ages, measurements, durations,
 * phone numbers, model names ("F-16"), "World War Two", pronoun uses of "one" ("no one", "each one
 * of which"), definite references ("the two countries") and page noise (a lone "20" on its own line).
 */
import type { NumberMention } from './readNumber.js';
import { isDigitCode, isLetterCode, wordAfter, wordBefore } from './words.js';

const MONTHS = new Set([
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);
/** Words after which a number is a label, not a quantity ("Article 5", "Resolution 2231", "No. 1"). */
const LABEL_WORDS = new Set([
  'no', 'nos', 'number', 'article', 'articles', 'resolution', 'section', 'chapter', 'page', 'pages', 'flight', 'route', 'highway',
  'room', 'level', 'phase', 'version', 'model', 'type', 'block', 'gate', 'terminal', 'platform', 'channel', 'episode',
  'season', 'vol', 'volume', 'issue', 'item', 'paragraph', 'category', 'grade', 'class', 'code', 'ward', 'district',
  'precinct', 'apt', 'suite', 'tel', 'phone', 'fax', 'call', 'mobile', 'ext', 'pp', 'p', 'figure', 'fig', 'table', 'annex',
  'protocol', 'covid', 'amendment', 'title', 'rule', 'aged', 'age', 'ages',
]);
/** Spelled numbers after these words refer back to a known set ("the two countries", "each one of which"). */
const DEFINITE_BEFORE = new Set(['the', 'these', 'those', 'both', 'no', 'each', 'every', 'any', 'which', 'whichever', 'all']);
/** "that one", "this one": a pronoun, not a count. */
const DEMONSTRATIVES = new Set(['this', 'that', 'someone', 'anyone', 'everyone']);

const TIME_AFTER = /[ \t\u00A0]?(?:a\.m\.|p\.m\.|am|pm|gmt|utc|bst|cet|cest|eet|eest|msk|edt|est|pdt|pst|hrs|h|o['’]clock|local time)(?![\p{L}\p{N}])/iuy;
const MEASURE_AFTER =
  /[ \t\u00A0]?-?(?:mm|cm|km|kg|m|km\/h|kph|mph|miles?|kilomet(?:re|er)s?|met(?:re|er)s?|millimet(?:re|er)s?|centimet(?:re|er)s?|feet|foot|ft|inch(?:es)?|tons?|tonnes?|lbs?|hectares?|acres?|sq|square|degrees?|°|mw|gw|kw|kwh|mwh|gwh|calibre|caliber|litres?|liters?|barrels?|bpd|knots?|kt|gb|mb|tb|mhz|ghz|hz)(?![\p{L}\p{N}])/iuy;
const DURATION_AFTER =
  /[ \t\u00A0]+(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centuries|century|nights?|yrs?|hrs?|mins?|secs?)(?![\p{L}\p{N}])/iuy;
const AGE_AFTER = /[ \t\u00A0]+years?[ \t\u00A0]+(?:old|of[ \t\u00A0]+age)(?![\p{L}\p{N}])/iuy;
const PHONE_AT = /(?:\(\d{2,4}\)[ \t\u00A0]?|\d{2,4}[-. \u00A0])\d{3,4}[-. \u00A0]\d{3,5}(?![\p{L}\p{N}])/uy;
const HYPHEN_WORD = /-([A-Za-z]+)/y;
/** Hyphenated words that keep the number a quantity: "1,500-strong", "1,500-plus". */
const HYPHEN_OK = new Set(['strong', 'plus', 'odd']);

function lineIsOnly(text: string, start: number, end: number): boolean {
  let i = start - 1;
  while (i >= 0 && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9 || text.charCodeAt(i) === 13)) i--;
  if (i >= 0 && text.charCodeAt(i) !== 10) return false;
  let j = end;
  while (j < text.length && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9 || text.charCodeAt(j) === 13)) j++;
  return j >= text.length || text.charCodeAt(j) === 10;
}

/** Why the number at `m` is not a quantity, or null when it may be one. `floor`: start of its sentence. */
export function exclusionReason(text: string, m: NumberMention, floor: number): string | null {
  const before = m.start > 0 ? text.charCodeAt(m.start - 1) : 32;
  const after = m.end < text.length ? text.charCodeAt(m.end) : 32;

  // Glued to letters or other digits: "A320", "3D", "1990s", "1e308", "F-16", "Su-27", "2022-23", "12/27", "10:30".
  if (isLetterCode(before) || isDigitCode(before) || before === 35 /* # */ || before === 43 /* + */) return 'label';
  if ((before === 45 || before === 0x2013 || before === 47 || before === 46 || before === 58) && m.start >= 2) {
    const b2 = text.charCodeAt(m.start - 2);
    if (isLetterCode(b2) || isDigitCode(b2)) return 'label';
  }
  if (!m.spelled && isLetterCode(after)) return 'label';
  if ((after === 58 || after === 47 || after === 46) && isDigitCode(text.charCodeAt(m.end + 1))) return 'time-or-date';
  if ((after === 45 || after === 0x2013) && isDigitCode(text.charCodeAt(m.end + 1))) return 'phone-or-code';
  if (after === 45) {
    HYPHEN_WORD.lastIndex = m.end;
    const h = HYPHEN_WORD.exec(text);
    // "32-month war", "155-mm", "two-year", "12-year-old": a compound adjective, not a count.
    if (h && !HYPHEN_OK.has(h[1]!.toLowerCase())) return 'compound';
  }
  if (!m.isMoney && m.unit !== 'percent') {
    PHONE_AT.lastIndex = m.start;
    if (PHONE_AT.test(text)) return 'phone';
  }
  if (lineIsOnly(text, m.start, m.end)) return 'page-noise';

  const prev = wordBefore(text, m.start, floor);
  if (prev) {
    if (MONTHS.has(prev.lower) && isCapital(text, prev.start)) return 'date';
    if (LABEL_WORDS.has(prev.lower) && !m.isMoney) return 'label';
    if (prev.lower === 'war' && /world[ \t\u00A0]+$/i.test(text.slice(Math.max(floor, prev.start - 8), prev.start))) return 'world-war';
    // "a dozen" is indefinite whatever stands before it.
    const indefinite = text.charCodeAt(m.start) === 97 || text.charCodeAt(m.start) === 65;
    if (m.spelled && !indefinite && DEFINITE_BEFORE.has(prev.lower)) return 'definite-reference';
    if (m.spelled && m.value === 1 && DEMONSTRATIVES.has(prev.lower)) return 'pronoun';
  } else if (m.start >= 2 && text.charCodeAt(m.start - 1) === 32 && text.charCodeAt(m.start - 2) === 46) {
    // "Dec. 27", "No. 5": an abbreviation with its period.
    const abbr = wordBefore(text, m.start - 2, floor);
    if (abbr && (MONTHS.has(abbr.lower) || LABEL_WORDS.has(abbr.lower))) return 'date';
  }
  const next = wordAfter(text, m.end);
  if (next) {
    if (MONTHS.has(next.lower) && isCapital(text, next.start)) return 'date';
    if (next.lower === 'of') {
      const month = wordAfter(text, next.end);
      if (month && MONTHS.has(month.lower) && isCapital(text, month.start)) return 'date';
    }
    if (m.spelled && m.value === 1 && (next.lower === 'another' || next.lower === 'or')) return 'pronoun';
    if (m.spelled && m.value === 1 && next.lower === 'of') {
      const w = wordAfter(text, next.end);
      if (w && (w.lower === 'which' || w.lower === 'whom' || w.lower === 'them' || w.lower === 'us' || w.lower === 'those' || w.lower === 'these' || w.lower === 'its' || w.lower === 'their')) return 'pronoun';
    }
  }
  if (m.isMoney) return null;
  TIME_AFTER.lastIndex = m.end;
  if (TIME_AFTER.test(text)) return 'time';
  if (m.unit !== 'percent') {
    MEASURE_AFTER.lastIndex = m.end;
    if (MEASURE_AFTER.test(text)) return 'measure';
    DURATION_AFTER.lastIndex = m.end;
    if (DURATION_AFTER.test(text)) return 'duration';
    AGE_AFTER.lastIndex = m.end;
    if (AGE_AFTER.test(text)) return 'age';
    // "Kim, 40, said": a number alone between commas after a name is an age.
    if (m.unit === 'count' && !m.spelled && m.value < 120 && before === 32 && text.charCodeAt(m.start - 2) === 44 && after === 44) {
      const name = wordBefore(text, m.start - 2, floor);
      if (name && isCapital(text, name.start)) return 'age';
    }
  }
  return null;
}

function isCapital(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 65 && c <= 90;
}
