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

// Bounded repeats: a run of a million dots must not make the scan quadratic.
const BOUNDARY = /[.!?]{1,3}["'”’)\]]{0,3}(?=[ \t\u00A0\r\n])|\n/g;

function endsAbbreviation(text: string, dot: number, lineStart: number): boolean {
  // The word just before the period.
  let i = dot - 1;
  while (i >= lineStart && (isLetterCode(text.charCodeAt(i)) || text.charCodeAt(i) === 46) && dot - i < 12) i--;
  const word = text.slice(i + 1, dot).toLowerCase();
  if (word.length === 0) return false;
  if (word.length === 1) return true; // an initial: "Robert F. Kennedy"
  if (/^(?:[a-z]\.)+[a-z]$/.test(word)) return true; // "U.S", "U.N", "a.m"
  if (NEVER_ENDS.has(word)) return true;
  if (BEFORE_NUMBER.has(word)) {
    let j = dot + 1;
    while (j < text.length && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 0xa0)) j++;
    return isDigitCode(text.charCodeAt(j));
  }
  return false;
}

/**
 * Sentence spans of `text` (trimmed, non-empty), in order. A sentence longer than `maxLength` is cut
 * at a space so that no later step ever looks at more than that many characters at once.
 */
export function splitSentences(text: string, maxLength = 1500): Span[] {
  const spans: Span[] = [];
  let start = 0;
  let lineStart = 0;
  const push = (s: number, e: number): void => {
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
  };
  BOUNDARY.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = BOUNDARY.exec(text))) {
    if (m[0] === '\n') {
      push(start, m.index);
      start = m.index + 1;
      lineStart = start;
      continue;
    }
    const dot = m.index;
    const punct = text.charCodeAt(dot);
    if (punct === 46 && m[0].length === 1 && endsAbbreviation(text, dot, Math.max(lineStart, dot - 12))) continue;
    // A lower-case word after the period continues the sentence ("the U.S. would").
    let j = dot + m[0].length;
    while (j < text.length && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 0xa0 || text.charCodeAt(j) === 9)) j++;
    const c = text.charCodeAt(j);
    if (c >= 97 && c <= 122) continue;
    const end = dot + m[0].length;
    push(start, end);
    start = end;
  }
  push(start, text.length);
  return spans;
}

const isBlank = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0;
