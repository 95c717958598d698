/**
 * Numbers that are not quantities of anything: dates, years, times, ages, measurements, durations,
 * phone numbers, model names ("F-16"), "World War Two", pronoun uses of "one" ("no one", "each one
 * of which"), definite references ("the two countries") and page noise (a lone "20" on its own line).
 */
import type { NumberMention } from './readNumber.js';
import { NUMBER_WORDS } from './numberWords.js';
import {
  isDigitCode as isDigitCodeImported,
  isLetterCode as isLetterCodeImported,
  wordAfter as wordAfterImported,
  wordBefore as wordBeforeImported,
  type Word,
} from './words.js';

// Module-local aliases: a direct call, not a live-binding lookup, on every number.
const isDigitCode = isDigitCodeImported;
const isLetterCode = isLetterCodeImported;
const wordAfter = wordAfterImported;
const wordBefore = wordBeforeImported;

const NUMBER_WORD_SET = new Set<string>(NUMBER_WORDS);

const MONTHS = new Set([
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);
/** Words after which a number is a label, not a quantity ("Article 5", "Resolution 2231", "aged 45"). */
const LABEL_WORDS = new Set([
  'no', 'nos', 'number', 'article', 'articles', 'resolution', 'section', 'chapter', 'page', 'pages', 'flight', 'route', 'highway',
  'room', 'level', 'phase', 'version', 'model', 'type', 'block', 'gate', 'terminal', 'platform', 'channel', 'episode',
  'season', 'vol', 'volume', 'issue', 'item', 'paragraph', 'category', 'grade', 'class', 'code', 'ward', 'district',
  'precinct', 'apt', 'suite', 'tel', 'phone', 'fax', 'call', 'mobile', 'ext', 'pp', 'p', 'figure', 'fig', 'table', 'annex',
  'protocol', 'covid', 'amendment', 'title', 'rule', 'aged', 'age', 'ages', 'size', 'score', 'rank', 'ranked', 'index',
  'magnitude', 'richter', 'category', 'level',
]);
const DIES = new Set(['dead', 'died', 'dies', 'die', 'dying', 'death']);
/** Spelled numbers after these words refer back to a known set ("the two countries", "each one of which"). */
const DEFINITE_BEFORE = new Set(['the', 'these', 'those', 'both', 'no', 'each', 'every', 'any', 'whichever', 'all']);
/** "that one", "this one": a pronoun, not a count. */
const DEMONSTRATIVES = new Set(['someone', 'anyone', 'everyone']);
const ONE_PRONOUN_NEXT = new Set(['another', 'or', 'which', 'who']);
const ONE_OF_PRONOUN = new Set(['which', 'whom', 'them', 'us', 'those', 'these', 'its', 'their', 'his', 'her', 'our', 'my', 'your']);

const TIME_WORDS = new Set([
  'a.m.', 'p.m.', 'am', 'pm', 'gmt', 'utc', 'bst', 'cet', 'cest', 'eet', 'eest', 'msk', 'edt', 'est', 'pdt', 'pst', 'hrs', 'h',
  "o'clock", 'o’clock',
]);
const MEASURE_WORDS = new Set([
  'mm', 'cm', 'km', 'kg', 'm', 'kph', 'mph', 'mile', 'miles', 'kilometre', 'kilometres', 'kilometer', 'kilometers', 'metre',
  'metres', 'meter', 'meters', 'millimetre', 'millimetres', 'millimeter', 'millimeters', 'centimetre', 'centimetres',
  'centimeter', 'centimeters', 'feet', 'foot', 'ft', 'inch', 'inches', 'ton', 'tons', 'tonne', 'tonnes', 'lb', 'lbs', 'hectare',
  'hectares', 'acre', 'acres', 'sq', 'square', 'degree', 'degrees', 'mw', 'gw', 'kw', 'kwh', 'mwh', 'gwh', 'calibre', 'caliber',
  'litre', 'litres', 'liter', 'liters', 'barrel', 'barrels', 'bpd', 'knot', 'knots', 'kt', 'gb', 'mb', 'tb', 'mhz', 'ghz', 'hz',
  'magnitude', 'richter',
]);
const DURATION_WORDS = new Set([
  'year', 'years', 'month', 'months', 'week', 'weeks', 'day', 'days', 'hour', 'hours', 'minute', 'minutes', 'second', 'seconds',
  'decade', 'decades', 'century', 'centuries', 'night', 'nights', 'yr', 'yrs', 'hr', 'hrs', 'min', 'mins', 'sec', 'secs',
  'anniversary', 'birthday',
]);
/** Hyphenated words that keep the number a quantity: "1,500-strong", "1,500-plus". */
const HYPHEN_OK = new Set(['strong', 'plus', 'odd', 'million', 'billion', 'thousand', 'trillion']);
const PHONE_AT = /(?:\(\d{2,4}\)[ \t\u00A0]?|\d{2,4}[-. \u00A0])\d{3,4}[-. \u00A0]\d{3,5}(?![A-Za-z0-9])/y;

function lineIsOnly(text: string, start: number, end: number): boolean {
  let i = start - 1;
  while (i >= 0 && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9 || text.charCodeAt(i) === 13)) i--;
  if (i >= 0 && text.charCodeAt(i) !== 10) return false;
  let j = end;
  while (j < text.length && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9 || text.charCodeAt(j) === 13)) j++;
  return j >= text.length || text.charCodeAt(j) === 10;
}

const isCapital = (text: string, i: number): boolean => {
  const c = text.charCodeAt(i);
  return c >= 65 && c <= 90;
};

/** "two of the four missiles": "the" before the whole of a partitive is no reference back. */
function isPartitiveWhole(text: string, theStart: number, floor: number): boolean {
  const of = wordBefore(text, theStart, floor);
  if (!of || of.lower !== 'of') return false;
  let i = of.start - 1;
  while (i > floor && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 0xa0)) i--;
  if (isDigitCode(text.charCodeAt(i))) return true;
  const w = wordBefore(text, of.start, floor);
  return w !== null && NUMBER_WORD_SET.has(w.lower);
}

const AGE_WORDS = new Set(['aged', 'age', 'ages', 'between']);

/** Walks back over "N, N and" to the word that starts the list; true when it is "aged" or "ages". */
function continuesAgeList(text: string, start: number, floor: number): boolean {
  let p = start;
  let linked = false;
  for (let n = 0; n < 8; n++) {
    let i = p - 1;
    while (i >= floor && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 0xa0)) i--;
    if (i < floor) return false;
    const c = text.charCodeAt(i);
    if (c === 44) {
      p = i;
      linked = true;
      continue;
    }
    if (isDigitCode(c)) {
      if (!linked) return false;
      while (i >= floor && isDigitCode(text.charCodeAt(i))) i--;
      p = i + 1;
      linked = false;
      continue;
    }
    const w = wordBefore(text, p, floor);
    if (!w) return false;
    if (w.lower === 'and' || w.lower === 'or') {
      p = w.start;
      linked = true;
      continue;
    }
    return !linked && n > 0 && AGE_WORDS.has(w.lower);
  }
  return false;
}

const NO_WORDS: ReadonlySet<string> = new Set();

/** "a 1,000-for-1,000 prisoner swap": a count exchanged unit for unit, not a compound adjective. */
function isOneForOne(text: string, next: Word): boolean {
  return next.lower === 'for' && text.charCodeAt(next.end) === 45 && isDigitCode(text.charCodeAt(next.end + 1));
}

/** Why the number at `m` is not a quantity, or null when it may be one. `floor`: start of its sentence. */
export function exclusionReason(text: string, m: NumberMention, floor: number, countCompounds: ReadonlySet<string> = NO_WORDS): string | null {
  const before = m.start > 0 ? text.charCodeAt(m.start - 1) : 32;
  const after = m.end < text.length ? text.charCodeAt(m.end) : 32;

  // Glued to letters or other digits: "A320", "3D", "1990s", "1e308", "F-16", "Su-27", "2022-23", "12/27", "10:30", "#3", "+44".
  if (isLetterCode(before) || isDigitCode(before) || before === 35 || before === 43 || before === 64) return 'label';
  if ((before === 45 || before === 0x2013 || before === 47 || before === 46 || before === 58) && m.start >= 2) {
    const b2 = text.charCodeAt(m.start - 2);
    if (isLetterCode(b2) || isDigitCode(b2)) return 'label';
  }
  if (!m.spelled && isLetterCode(after)) return 'label';
  if ((after === 58 || after === 47 || after === 46) && isDigitCode(text.charCodeAt(m.end + 1))) return 'time-or-date';
  if ((after === 45 || after === 0x2013) && isDigitCode(text.charCodeAt(m.end + 1))) return 'phone-or-code';
  if (!m.isMoney && m.unit !== 'percent' && (after === 32 || after === 45 || after === 46 || after === 0xa0 || before === 40)) {
    PHONE_AT.lastIndex = before === 40 ? m.start - 1 : m.start;
    if (PHONE_AT.test(text)) return 'phone';
  }
  if (lineIsOnly(text, m.start, m.end)) return 'page-noise';

  const next = wordAfter(text, m.end);
  // "a 50-nation coalition": a count glued to what it counts (config countCompounds) is no compound adjective.
  if (after === 45 && next && next.start === m.end + 1 && !HYPHEN_OK.has(next.lower) && !isOneForOne(text, next) && !countCompounds.has(next.lower)) {
    // "32-month war", "155-mm", "two-year", "12-year-old": a compound adjective, not a count.
    return 'compound';
  }

  const prev = wordBefore(text, m.start, floor);
  if (prev) {
    if (MONTHS.has(prev.lower) && isCapital(text, prev.start)) return 'date';
    if (LABEL_WORDS.has(prev.lower) && !m.isMoney) return 'label';
    // "dead at 77", "died at 91": an age.
    if (prev.lower === 'at' && !m.isMoney) {
      const verb = wordBefore(text, prev.start, floor);
      if (verb && DIES.has(verb.lower)) return 'age';
    }
    // "Leopard 2 tanks", "Wisent 1 mine clearing tanks": a lone digit after a name is a model number
    // (news style spells counts below ten: "two Leopard tanks"). Not at the sentence start ("May 5" is a date above).
    if (!m.spelled && m.end - m.start === 1 && isCapital(text, prev.start) && prev.start > floor && !m.isMoney) return 'model';
    if (prev.lower === 'war' && /world[ \t\u00A0]+$/i.test(text.slice(Math.max(floor, prev.start - 8), prev.start))) return 'world-war';
    // "a dozen" is indefinite whatever stands before it.
    const indefinite = (text.charCodeAt(m.start) | 32) === 97;
    // Ordinals take "the" as a matter of course ("the fourth tranche").
    if (m.spelled && !indefinite && m.unit !== 'ordinal' && DEFINITE_BEFORE.has(prev.lower) && !isPartitiveWhole(text, prev.start, floor)) return 'definite-reference';
    if (m.spelled && m.value === 1 && DEMONSTRATIVES.has(prev.lower)) return 'pronoun';
  } else if (m.start >= 2 && text.charCodeAt(m.start - 1) === 32 && text.charCodeAt(m.start - 2) === 46) {
    // "Dec. 27", "No. 5": an abbreviation with its period.
    const abbr = wordBefore(text, m.start - 2, floor);
    if (abbr && (MONTHS.has(abbr.lower) || LABEL_WORDS.has(abbr.lower))) return 'date';
  }
  if (next) {
    if (MONTHS.has(next.lower) && isCapital(text, next.start)) return 'date';
    if (next.lower === 'of') {
      const w = wordAfter(text, next.end);
      if (w && MONTHS.has(w.lower) && isCapital(text, w.start)) return 'date';
      if (w && m.spelled && m.value === 1 && ONE_OF_PRONOUN.has(w.lower)) return 'pronoun';
    }
    if (m.spelled && m.value === 1 && ONE_PRONOUN_NEXT.has(next.lower)) return 'pronoun';
    if (!m.isMoney) {
      if (TIME_WORDS.has(next.lower)) return 'time';
      if (m.unit !== 'percent') {
        // "155 mm", but not "31 M1 Abrams" (a letter glued to digits is a model name).
        if (MEASURE_WORDS.has(next.lower) && !isDigitCode(text.charCodeAt(next.end))) return 'measure';
        // "three years", "24 hours", "80th anniversary"; also "45 years old".
        if (DURATION_WORDS.has(next.lower)) return 'duration';
      }
    }
  }
  // "£200 million more than last year's": a difference between two amounts, not an amount of anything.
  if (next && (next.lower === 'more' || next.lower === 'less' || next.lower === 'fewer' || next.lower === 'higher' || next.lower === 'lower')) {
    const than = wordAfter(text, next.end);
    if (than && than.lower === 'than') return 'difference';
  }
  // "7.7 quake", "2.5 people": a count of things is whole unless scaled ("1.5 million people").
  if (m.unit === 'count' && !m.scaled && !Number.isInteger(m.value)) return 'fraction';
  // "two men aged 29 and 41", "children aged 4, 9 and 11": the later ages of a list.
  if (m.unit === 'count' && !m.isMoney && continuesAgeList(text, m.start, floor)) return 'age';
  // "Kim, 40, said": a number alone between commas after a name is an age.
  if (m.unit === 'count' && !m.spelled && m.value < 120 && before === 32 && text.charCodeAt(m.start - 2) === 44 && after === 44) {
    const name = wordBefore(text, m.start - 2, floor);
    if (name && isCapital(text, name.start)) return 'age';
  }
  return null;
}
