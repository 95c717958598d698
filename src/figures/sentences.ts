/**
 * Sentence boundaries: a line break, or ". ! ?" (with closing quotes) before a space, except after
 * abbreviations ("Dec. 27", "U.S. Defense Secretary", "Col. Marty") and initials.
 */
import { isDigitCode as isDigitCodeImported, isLetterCode as isLetterCodeImported } from './words.js';

// Module-local aliases: a direct call on every number, not a live-binding lookup (tsx runs modules
// through an interop layer that turns each imported call into a getter call).
const isDigitCode = isDigitCodeImported;
const isLetterCode = isLetterCodeImported;

export interface Span {
  start: number;
  end: number;
}

/** Titles and abbreviations after which a period never ends the sentence. */
const NEVER_ENDS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'gen', 'lt', 'col', 'maj', 'capt', 'cpt', 'sgt', 'cpl', 'pvt', 'adm', 'cmdr', 'gov',
  'sen', 'rep', 'rev', 'st', 'jr', 'sr', 'vs', 'etc', 'e.g', 'i.e', 'approx', 'est', 'dept', 'ft', 'mt', 'amb', 'pres',
]);
/** Abbreviations that end a sentence only when no number follows ("Dec. 27", "No. 5"). */
const BEFORE_NUMBER = new Set([
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'no', 'nos', 'art', 'sec', 'p', 'pp', 'vol', 'fig',
]);

function endsAbbreviation(text: string, dot: number, lineStart: number): boolean {
  // The word just before the period (letters and inner periods: "U.S").
  let i = dot - 1;
  while (i >= lineStart && (isLetterCode(text.charCodeAt(i)) || text.charCodeAt(i) === 46) && dot - i <= 7) i--;
  const length = dot - i - 1;
  // Every listed abbreviation is short; a longer word ends the sentence without building a string.
  if (length === 0 || length > 6) return false;
  if (length === 1) return true; // an initial: "Robert F. Kennedy"
  const word = text.slice(i + 1, dot).toLowerCase();
  if (/^(?:[a-z]\.)+[a-z]$/.test(word)) return true; // "U.S", "U.N", "a.m"
  if (NEVER_ENDS.has(word)) return true;
  if (BEFORE_NUMBER.has(word)) {
    let j = dot + 1;
    while (j < text.length && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 0xa0)) j++;
    return isDigitCode(text.charCodeAt(j));
  }
  return false;
}

/** Appends text[s, e) trimmed, cut into pieces of at most maxLength at spaces. */
function pushSpan(spans: Span[], text: string, s: number, e: number, maxLength: number): void {
  while (s < e && isBlank(text.charCodeAt(s))) s++;
  while (e > s && isBlank(text.charCodeAt(e - 1))) e--;
  while (e - s > maxLength) {
    let cut = s + maxLength;
    // Cut at a space in the second half of the window if there is one (bounded look-back).
    for (let k = cut; k > s + maxLength / 2; k--) {
      if (text.charCodeAt(k) === 32) {
        cut = k;
        break;
      }
    }
    spans.push({ start: s, end: cut });
    s = cut;
    while (s < e && isBlank(text.charCodeAt(s))) s++;
  }
  if (e > s) spans.push({ start: s, end: e });
}

const isTerminal = (c: number): boolean => c === 46 || c === 33 || c === 63;
const isCloser = (c: number): boolean => c === 34 || c === 39 || c === 0x201d || c === 0x2019 || c === 41 || c === 93;
const isGap = (c: number): boolean => c === 32 || c === 9 || c === 0xa0 || c === 13 || c === 10;

/**
 * Sentence spans of `text` (trimmed, non-empty), in order. A sentence longer than `maxLength` is cut
 * at a space so that no later step ever looks at more than that many characters at once. One pass,
 * bounded look-around at each mark: linear whatever the text (a megabyte of dots included).
 */
export function splitSentences(text: string, maxLength = 1500): Span[] {
  const spans: Span[] = [];
  const n = text.length;
  let start = 0;
  let lineStart = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      pushSpan(spans, text, start, i, maxLength);
      start = i + 1;
      lineStart = start;
      continue;
    }
    if (!isTerminal(c)) continue;
    // ". ", "?\" ", "...)": up to three marks and three closing quotes or brackets, then a space.
    let j = i + 1;
    while (j < n && j - i < 3 && isTerminal(text.charCodeAt(j))) j++;
    const marks = j - i;
    let k = j;
    while (k < n && k - j < 3 && isCloser(text.charCodeAt(k))) k++;
    if (k >= n || !isGap(text.charCodeAt(k))) {
      i = j - 1;
      continue;
    }
    if (c === 46 && marks === 1 && endsAbbreviation(text, i, Math.max(lineStart, i - 12))) continue;
    // A lower-case word after the period continues the sentence ("the U.S. would").
    let w = k;
    while (w < n && (text.charCodeAt(w) === 32 || text.charCodeAt(w) === 0xa0 || text.charCodeAt(w) === 9)) w++;
    const next = text.charCodeAt(w);
    if (next >= 97 && next <= 122) {
      i = k - 1;
      continue;
    }
    pushSpan(spans, text, start, k, maxLength);
    start = k;
    i = k - 1;
  }
  pushSpan(spans, text, start, n, maxLength);
  return spans;
}

const isBlank = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0;
