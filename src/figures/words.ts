/**
 * Word-level helpers: the word after or before a position, and the words of a sentence. Plain
 * character loops (no regex, one small string per word) because they run for every number.
 * A word is letters with inner apostrophes ("don't"), or an initialism ("U.S."); a hyphen and a
 * possessive "'s" separate words ("special-forces" → special, forces; "Russia's" → Russia).
 */

export interface Word {
  start: number;
  end: number;
  /** Lower-cased text. */
  lower: string;
}

/** Character classes for every UTF-16 code unit, looked up once per character in the hot loops. */
export const CHAR_LETTER = 1;
export const CHAR_DIGIT = 2;
export const CHAR_CURRENCY = 4;
export const CHAR_CLASS: Uint8Array = (() => {
  const t = new Uint8Array(0x10000);
  const mark = (from: number, to: number, bit: number): void => {
    for (let c = from; c <= to; c++) t[c]! |= bit;
  };
  // Letters of the scripts news text uses: Latin with accents, Greek, Cyrillic.
  mark(65, 90, CHAR_LETTER);
  mark(97, 122, CHAR_LETTER);
  mark(0xc0, 0x24f, CHAR_LETTER);
  t[0xd7] = 0;
  t[0xf7] = 0;
  mark(0x370, 0x52f, CHAR_LETTER);
  mark(48, 57, CHAR_DIGIT);
  for (const c of [36, 0x20ac, 0xa3, 0x20bd, 0x20b4, 0xa5]) t[c]! |= CHAR_CURRENCY; // $ € £ ₽ ₴ ¥
  return t;
})();

/** Letters of the scripts news text uses (Latin with accents, Greek, Cyrillic). */
export function isLetterCode(c: number): boolean {
  return (CHAR_CLASS[c]! & CHAR_LETTER) !== 0;
}

export const isDigitCode = (c: number): boolean => c >= 48 && c <= 57;

export const isSpaceCode = (c: number): boolean => c === 32 || c === 9 || c === 0xa0;

const isApostrophe = (c: number): boolean => c === 39 || c === 0x2019;

/** End of the word that starts at `i` (a letter), within `limit`. */
export function wordEnd(text: string, i: number, limit: number): number {
  // Initialism: "U.S.", "U.N.", "a.m."
  if (i + 3 < limit + 1 && text.charCodeAt(i + 1) === 46 && isLetterCode(text.charCodeAt(i + 2)) && text.charCodeAt(i + 3) === 46) {
    let j = i;
    while (j + 1 < limit && isLetterCode(text.charCodeAt(j)) && text.charCodeAt(j + 1) === 46) j += 2;
    return j;
  }
  let j = i + 1;
  while (j < limit) {
    const c = text.charCodeAt(j);
    if (isLetterCode(c)) {
      j++;
    } else if (isApostrophe(c) && j + 1 < limit && isLetterCode(text.charCodeAt(j + 1))) {
      const next = text.charCodeAt(j + 1) | 32;
      // "Russia's" ends before the possessive; "don't" goes on.
      if (next === 115 && !(j + 2 < limit && isLetterCode(text.charCodeAt(j + 2)))) break;
      j++;
    } else {
      break;
    }
  }
  return j;
}

/** The word after `pos`, with only spaces (and at most one hyphen) between; null at punctuation, a digit or a line break. */
export function wordAfter(text: string, pos: number, limit = text.length): Word | null {
  let i = pos;
  let hyphens = 0;
  for (let n = 0; i < limit && n < 32; n++) {
    const c = text.charCodeAt(i);
    if (isSpaceCode(c)) i++;
    else if (c === 45 && hyphens === 0 && i + 1 < limit && isLetterCode(text.charCodeAt(i + 1))) {
      hyphens++;
      i++;
    } else break;
  }
  if (i >= limit || !isLetterCode(text.charCodeAt(i))) return null;
  const end = wordEnd(text, i, limit);
  return { start: i, end, lower: text.slice(i, end).toLowerCase() };
}

/** The word before `pos`, with only spaces (and at most one hyphen) between; null at punctuation, a digit or a line break. */
export function wordBefore(text: string, pos: number, floor = 0): Word | null {
  let i = pos - 1;
  let hyphens = 0;
  for (let n = 0; i >= floor && n < 32; n++) {
    const c = text.charCodeAt(i);
    if (isSpaceCode(c)) i--;
    else if (c === 45 && hyphens === 0 && i - 1 >= floor && isLetterCode(text.charCodeAt(i - 1)) && i + 1 < pos) {
      hyphens++;
      i--;
    } else break;
  }
  if (i < floor) return null;
  let c = text.charCodeAt(i);
  // An initialism ends with its period: "the U.S."
  if (c === 46 && i - 1 >= floor && isLetterCode(text.charCodeAt(i - 1)) && i - 2 >= floor && text.charCodeAt(i - 2) === 46) {
    let j = i;
    while (j - 2 >= floor - 1 && text.charCodeAt(j) === 46 && isLetterCode(text.charCodeAt(j - 1))) j -= 2;
    const start = j + 1;
    return { start, end: i + 1, lower: text.slice(start, i + 1).toLowerCase() };
  }
  // Skip a possessive: "Russia's" → Russia.
  if ((c === 115 || c === 83) && i - 1 >= floor && isApostrophe(text.charCodeAt(i - 1)) && i - 2 >= floor && isLetterCode(text.charCodeAt(i - 2))) {
    i -= 2;
    c = text.charCodeAt(i);
  }
  if (!isLetterCode(c)) return null;
  const end = i + 1;
  let n = 0;
  while (i - 1 >= floor && n < 40) {
    const p = text.charCodeAt(i - 1);
    if (isLetterCode(p)) i--;
    else if (isApostrophe(p) && i - 2 >= floor && isLetterCode(text.charCodeAt(i - 2))) i--;
    else break;
    n++;
  }
  return { start: i, end, lower: text.slice(i, end).toLowerCase() };
}

/** The words of text[start, end), in order. */
export function wordsIn(text: string, start: number, end: number): Word[] {
  const out: Word[] = [];
  let i = start;
  while (i < end) {
    if (isLetterCode(text.charCodeAt(i)) && (i === start || !isLetterCode(text.charCodeAt(i - 1)))) {
      const e = wordEnd(text, i, end);
      out.push({ start: i, end: e, lower: text.slice(i, e).toLowerCase() });
      i = e;
      // Step over a possessive "'s" so that it is not read as a word.
      if (i + 1 < end && isApostrophe(text.charCodeAt(i)) && (text.charCodeAt(i + 1) | 32) === 115) i += 2;
    } else {
      i++;
    }
  }
  return out;
}

/** Case-folds one code unit the way the vocabulary is keyed: A-Z and Latin-1 capitals to lower case. */
export function foldCode(c: number): number {
  if (c >= 65 && c <= 90) return c + 32;
  if (c >= 0xc0 && c <= 0xde && c !== 0xd7) return c + 32;
  return c;
}

/** FNV-1a over folded code units: the key words are looked up by, with no string built per word. */
export function hashFolded(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ foldCode(text.charCodeAt(i)), 0x01000193);
  return h | 0;
}

/** Whether text[start, end) folds to `lower` (already lower-case). */
export function equalsFolded(text: string, start: number, end: number, lower: string): boolean {
  if (end - start !== lower.length) return false;
  for (let i = 0; i < lower.length; i++) if (foldCode(text.charCodeAt(start + i)) !== lower.charCodeAt(i)) return false;
  return true;
}

/**
 * The words of text[start, end) as parallel arrays (offsets and folded hashes), written into a
 * reusable buffer: scanning a sentence allocates nothing per word. Valid until the next call.
 */
export interface WordScan {
  count: number;
  starts: Int32Array;
  ends: Int32Array;
  hashes: Int32Array;
}

/**
 * The digits of a model name are a word of their own: "F-16", "G7", "KN-23", "F-16s" (digits glued
 * to letters, directly or through one hyphen), so that config phrases such as "F-16" or "G7" match.
 */
function isModelDigits(text: string, i: number): boolean {
  if (!isDigitCode(text.charCodeAt(i))) return false;
  const p = text.charCodeAt(i - 1);
  if ((CHAR_CLASS[p]! & CHAR_LETTER) !== 0) return true;
  return p === 45 && i >= 2 && (CHAR_CLASS[text.charCodeAt(i - 2)]! & CHAR_LETTER) !== 0;
}

function modelDigitsEnd(text: string, i: number, limit: number): number {
  let j = i;
  while (j < limit && isDigitCode(text.charCodeAt(j))) j++;
  while (j < limit && (CHAR_CLASS[text.charCodeAt(j)]! & CHAR_LETTER) !== 0) j++;
  return j;
}

const scratch: WordScan = { count: 0, starts: new Int32Array(512), ends: new Int32Array(512), hashes: new Int32Array(512) };

export function scanWords(text: string, start: number, end: number): WordScan {
  let n = 0;
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    const letterStart = (CHAR_CLASS[c]! & CHAR_LETTER) !== 0 && (i === start || (CHAR_CLASS[text.charCodeAt(i - 1)]! & CHAR_LETTER) === 0);
    if (letterStart || (i > start && isModelDigits(text, i))) {
      const e = letterStart ? wordEnd(text, i, end) : modelDigitsEnd(text, i, end);
      if (n === scratch.starts.length) {
        const grow = (a: Int32Array): Int32Array => {
          const b = new Int32Array(a.length * 2);
          b.set(a);
          return b;
        };
        scratch.starts = grow(scratch.starts);
        scratch.ends = grow(scratch.ends);
        scratch.hashes = grow(scratch.hashes);
      }
      scratch.starts[n] = i;
      scratch.ends[n] = e;
      scratch.hashes[n] = hashFolded(text, i, e);
      n++;
      i = e;
      // Step over a possessive "'s" so that it is not read as a word.
      if (i + 1 < end && isApostrophe(text.charCodeAt(i)) && (text.charCodeAt(i + 1) | 32) === 115) i += 2;
    } else {
      i++;
    }
  }
  scratch.count = n;
  return scratch;
}
