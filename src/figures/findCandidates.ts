/**
 * Where a number may start: a digit, a currency sign (with its "US"/"A"/"C" prefix) or code
 * ("USD 5"), or a number word ("two", "Eleven", "a dozen", "fourth"). A single character loop with
 * a letter trie for the words: no regex, no allocation, so the scan costs a few nanoseconds a
 * character however long or strange the text.
 */
import { NUMBER_WORDS } from './numberWords.js';
import { CHAR_CLASS as CHAR_CLASS_IMPORTED, CHAR_CURRENCY, CHAR_DIGIT, CHAR_LETTER, isLetterCode as isLetterCodeImported } from './words.js';

// Module-local aliases: a direct call on every number, not a live-binding lookup (tsx runs modules
// through an interop layer that turns each imported call into a getter call).
const isLetterCode = isLetterCodeImported;
const CHAR_CLASS = CHAR_CLASS_IMPORTED;

/**
 * A letter trie as a flat transition table: state × 26 letters → next state (0 = none). Case is
 * folded by the caller; letters outside a-z end the match.
 */
interface Trie {
  next: Int32Array;
  final: Uint8Array;
}

function buildTrie(words: readonly string[]): Trie {
  const rows: number[][] = [new Array<number>(26).fill(0)];
  const final: number[] = [0];
  for (const w of words) {
    let state = 0;
    for (let i = 0; i < w.length; i++) {
      const k = w.charCodeAt(i) - 97;
      if (k < 0 || k >= 26) throw new Error(`number word "${w}" must be lower-case a-z`);
      let to = rows[state]![k]!;
      if (to === 0) {
        to = rows.length;
        rows.push(new Array<number>(26).fill(0));
        final.push(0);
        rows[state]![k] = to;
      }
      state = to;
    }
    final[state] = 1;
  }
  return { next: Int32Array.from(rows.flat()), final: Uint8Array.from(final) };
}

const NUMBER_TRIE = buildTrie(NUMBER_WORDS);
/** Words that "a" turns into a number: "a dozen", "a hundred", "a thousand". */
const A_TRIE = buildTrie(['dozen', 'hundred', 'thousand', 'million', 'billion']);
const CODES = new Set(['USD', 'EUR', 'GBP', 'RUB', 'UAH', 'JPY', 'CNY', 'CHF', 'CAD', 'AUD']);
/** Letters written before "$": US$, A$, C$, AU$, CA$, NZ$, HK$. */
const DOLLAR_PREFIXES = ['U.S.', 'US', 'AU', 'CA', 'NZ', 'HK', 'A', 'C'];


/** Whole-word match of the trie at `i` (case-insensitive); returns the end or -1. */
function trieWord(text: string, i: number, trie: Trie): number {
  let state = 0;
  let j = i;
  const n = text.length;
  const next = trie.next;
  while (j < n) {
    const c = text.charCodeAt(j) | 32;
    if (c < 97 || c > 122) break;
    state = next[state * 26 + c - 97]!;
    if (state === 0) return -1;
    j++;
  }
  // The word must end here: "seven" in "sevenfold" is no number.
  if (j < n && isLetterCode(text.charCodeAt(j))) return -1;
  return trie.final[state] === 1 && j > i ? j : -1;
}

const isCapital = (c: number): boolean => c >= 65 && c <= 90;

/** Start of the currency sign at `i`, moved back over a dollar prefix ("US$5" starts at "U"). */
function signStart(text: string, i: number): number {
  if (text.charCodeAt(i) !== 36) return i;
  for (const p of DOLLAR_PREFIXES) {
    const s = i - p.length;
    if (s >= 0 && text.startsWith(p, s) && (s === 0 || !isLetterCode(text.charCodeAt(s - 1)))) return s;
  }
  return i;
}

/** The next position at or after `from` where a number may start, or -1. */
export function findCandidate(text: string, from: number): number {
  const n = text.length;
  let i = from;
  // Starting inside a word: no number starts before its end.
  if (i > 0 && (CHAR_CLASS[text.charCodeAt(i - 1)]! & CHAR_LETTER) !== 0) {
    while (i < n && (CHAR_CLASS[text.charCodeAt(i)]! & CHAR_LETTER) !== 0) i++;
  }
  while (i < n) {
    const c = text.charCodeAt(i);
    const cls = CHAR_CLASS[c]!;
    if (cls === 0) {
      i++;
      continue;
    }
    if (cls & CHAR_DIGIT) return i;
    if (cls & CHAR_CURRENCY) return Math.max(from, signStart(text, i));
    // A word starts here.
    const lower = c | 32;
    // Most words cannot start a number: one table lookup rules them out.
    if (lower >= 97 && lower <= 122 && NUMBER_TRIE.next[lower - 97] !== 0 && trieWord(text, i, NUMBER_TRIE) > 0) return i;
    if (lower === 97 && (text.charCodeAt(i + 1) === 32 || text.charCodeAt(i + 1) === 0xa0)) {
      if (trieWord(text, i + 2, A_TRIE) > 0) return i;
    }
    // "USD 5", "EUR5": three capitals, then a digit.
    if (c >= 65 && c <= 90 && isCapital(text.charCodeAt(i + 1)) && isCapital(text.charCodeAt(i + 2)) && CODES.has(text.slice(i, i + 3)) && !isLetterCode(text.charCodeAt(i + 3))) {
      let j = i + 3;
      if (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 0xa0) j++;
      const d = text.charCodeAt(j);
      if (d >= 48 && d <= 57) return i;
    }
    // Skip the rest of the word in a tight loop.
    i++;
    while (i < n && (CHAR_CLASS[text.charCodeAt(i)]! & CHAR_LETTER) !== 0) i++;
  }
  return -1;
}
