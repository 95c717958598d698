/**
 * Words of a question (or of a figure's sentence) in a form that compares well: lower case, "U.S."
 * read as "US", possessives dropped, plurals folded ("troops" → "troop", "allies" → "ally"). The
 * original spelling is kept beside each word because case carries meaning ("US" is not "us", and a
 * capitalized word mid-question is usually a name).
 */

export interface Word {
  /** Folded form used for comparison. */
  key: string;
  /** The word as written (dots of abbreviations removed). */
  raw: string;
}

/** "its", "this", "bus" and other short words that only look like plurals. */
const NOT_PLURAL = new Set(['its', 'this', 'has', 'was', 'is', 'us', 'as', 'yes', 'plus', 'bus', 'gas', 'news', 'series', 'species']);

/** Folds a plural noun to its singular; leaves other words alone. Same rules for questions and config phrases. */
export function foldPlural(word: string): string {
  // "F-16s", "1990s": a number's plural is the number.
  if (/^\d+s$/.test(word)) return word.slice(0, -1);
  if (word.length <= 3 || NOT_PLURAL.has(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(ss|us|is)$/.test(word)) return word;
  if (/(sses|xes|zes|ches|shes)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}

/** Splits text into words: "U.S.-Mexico border" → US, Mexico, border; "Austin's" → Austin. */
export function toWords(text: string): Word[] {
  const cleaned = text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    // Abbreviations with dots: U.S. → US, U.N. → UN (a letter, a dot, a letter, a dot...).
    .replace(/\b((?:[A-Za-z]\.){2,})/g, (m) => m.replace(/\./g, ''))
    .replace(/'s\b/gi, '')
    .replace(/s'(?=\s|$|[^\p{L}\p{N}])/gu, 's');
  const out: Word[] = [];
  for (const m of cleaned.matchAll(/[\p{L}\p{N}]+(?:[.,][0-9]+)*/gu)) {
    const raw = m[0];
    out.push({ raw, key: foldPlural(raw.toLowerCase()) });
  }
  return out;
}

/** Folded keys of a phrase from config ("security assistance" → ["security", "assistance"]). */
export function phraseKeys(phrase: string): string[] {
  return toWords(phrase).map((w) => w.key);
}

/**
 * Damerau-Levenshtein distance (optimal string alignment) capped at `max`: returns max + 1 as soon
 * as the distance must exceed it, so comparing a word against many phrases stays cheap.
 */
export function editDistance(a: string, b: string, max = 1): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a.length === 0 || b.length === 0) return Math.max(a.length, b.length);
  // The one bound callers use, without the table: called for every word against every phrase.
  if (max === 1) return withinOneEdit(a, b) ? 1 : 2;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => {
    const row = new Array<number>(cols).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j < cols; j++) d[0]![j] = j;
  for (let i = 1; i < rows; i++) {
    let rowMin = Infinity;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
  }
  return d[rows - 1]![cols - 1]!;
}

/**
 * Are two different strings (lengths at most one apart) one edit apart: one letter changed, added,
 * dropped, or two neighbours swapped? The same answer as the distance table, in one pass.
 */
function withinOneEdit(a: string, b: string): boolean {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    // Changed at i, or i and i+1 swapped; the rest must match.
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  // The longer one has an extra letter at i.
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Shortest word that may be misspelled: shorter words must match exactly ("aid" is not "air"). */
export const FUZZY_MIN_LENGTH = 5;

/** Does a question word stand for a phrase word? Exact, or one edit apart when both are long enough. */
export function wordMatches(questionKey: string, phraseKey: string, fuzzy: boolean): boolean {
  if (questionKey === phraseKey) return true;
  if (!fuzzy || questionKey.length < FUZZY_MIN_LENGTH || phraseKey.length < FUZZY_MIN_LENGTH) return false;
  // Digits are facts, not typos: "2023" never stands for "2024".
  if (/\d/.test(questionKey) || /\d/.test(phraseKey)) return false;
  return editDistance(questionKey, phraseKey, 1) <= 1;
}

/** Where a phrase was found: indexes of the matched words. */
export interface PhraseHit {
  indexes: number[];
  fuzzy: boolean;
}

/**
 * Finds a phrase among words, tolerant of word order: every phrase word must appear, all within a
 * window of phrase length + 2 words ("package latest aid" finds "latest aid package"). Contiguous
 * matches are tried first. Returns null when the phrase is not there.
 */
export function findPhrase(words: readonly Word[], keys: readonly string[], opts: { fuzzy: boolean; contiguous?: boolean }): PhraseHit | null {
  if (keys.length === 0) return null;
  // Contiguous match first: the most literal reading wins.
  for (let i = 0; i + keys.length <= words.length; i++) {
    let ok = true;
    let fuzzyUsed = false;
    for (let k = 0; k < keys.length; k++) {
      const w = words[i + k]!.key;
      if (w === keys[k]) continue;
      if (wordMatches(w, keys[k]!, opts.fuzzy)) fuzzyUsed = true;
      else {
        ok = false;
        break;
      }
    }
    if (ok) return { indexes: keys.map((_, k) => i + k), fuzzy: fuzzyUsed };
  }
  if (opts.contiguous || keys.length === 1) return null;
  const window = keys.length + 2;
  for (let i = 0; i < words.length; i++) {
    if (!keys.some((k) => wordMatches(words[i]!.key, k, opts.fuzzy))) continue;
    const used = new Set<number>();
    let fuzzyUsed = false;
    let ok = true;
    for (const key of keys) {
      let found = -1;
      for (let j = i; j < Math.min(words.length, i + window); j++) {
        if (used.has(j)) continue;
        if (words[j]!.key === key) {
          found = j;
          break;
        }
      }
      if (found < 0) {
        for (let j = i; j < Math.min(words.length, i + window); j++) {
          if (!used.has(j) && wordMatches(words[j]!.key, key, opts.fuzzy)) {
            found = j;
            fuzzyUsed = true;
            break;
          }
        }
      }
      if (found < 0) {
        ok = false;
        break;
      }
      used.add(found);
    }
    if (ok) return { indexes: [...used].sort((a, b) => a - b), fuzzy: fuzzyUsed };
  }
  return null;
}

/** Does a text (a figure's sentence, an article title) contain any of these phrases? Exact words only. */
export function textHasAny(words: readonly Word[], phrases: ReadonlyArray<readonly string[]>): boolean {
  return phrases.some((keys) => findPhrase(words, keys, { fuzzy: false, contiguous: true }) !== null);
}

// ---------------------------------------------------------------- cheap tests before toWords

/**
 * What the text itself must contain for toWords to find a word with this key: the key, or for a key
 * ending in "y" all but that letter (the key of "allies" is "ally"). Every other plural rule only
 * drops letters from the end, so the written word starts with the key.
 */
export function keyStem(key: string): string {
  return key.length > 1 && key.endsWith('y') ? key.slice(0, -1) : key;
}

/**
 * Text that toWords reads letter for letter: ASCII (NFKC and Unicode case leave it alone) without a
 * dotted abbreviation ("U.S." becomes "US"). In such text a word's key stem is a substring of the
 * lower-cased text; in any other text it may not be.
 */
export function isPlainText(text: string): boolean {
  return !/[^\u0000-\u007f]/.test(text) && !/[A-Za-z]\.[A-Za-z]\./.test(text);
}

/**
 * Can the text hold one of the phrases (given as groups of key stems)? False only when it surely
 * cannot, so the exact test (toWords, findPhrase) runs only on text that may match.
 */
export function mayHoldAny(text: string, stems: ReadonlyArray<readonly string[]>): boolean {
  if (!isPlainText(text)) return true;
  const lower = text.toLowerCase();
  return stems.some((group) => group.every((stem) => lower.includes(stem)));
}
