/** Numbers written as English words: "two", "eleven", "twenty-five", "a dozen", "fourth", "three hundred". */

export const UNIT_WORDS: Readonly<Record<string, number>> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16,
  seventeen: 17, eighteen: 18, nineteen: 19,
};

export const TENS_WORDS: Readonly<Record<string, number>> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};

/** Words that multiply what stands before them ("three hundred", "two million"). */
export const SCALE_WORDS: Readonly<Record<string, number>> = {
  hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12,
};

export const ORDINAL_WORDS: Readonly<Record<string, number>> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9,
  tenth: 10, eleventh: 11, twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15,
  sixteenth: 16, seventeenth: 17, eighteenth: 18, nineteenth: 19, twentieth: 20, thirtieth: 30,
  fortieth: 40, fiftieth: 50, sixtieth: 60, seventieth: 70, eightieth: 80, ninetieth: 90,
  hundredth: 100,
};

const ALL_WORDS = [
  ...Object.keys(UNIT_WORDS),
  ...Object.keys(TENS_WORDS),
  ...Object.keys(ORDINAL_WORDS),
  'hundred',
  'dozen',
];

/** Every word that can start a number in words (used by the candidate scanner). */
export const NUMBER_WORDS: readonly string[] = ALL_WORDS;

export interface WordNumber {
  value: number;
  /** End offset of the last word read. */
  end: number;
  ordinal: boolean;
}

interface NextWord {
  /** What stood before the word: nothing, spaces, or a hyphen ("twenty-five"). */
  sep: '' | ' ' | '-';
  end: number;
  /** Lower-cased; empty for a word too long to be a number word. */
  lower: string;
}

const isAsciiLetter = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);

/** The word at `i` with its separator: "twenty-five", "one hundred and five". No regex: this runs for every number word. */
function nextWord(text: string, i: number): NextWord | null {
  let j = i;
  let sep: NextWord['sep'] = '';
  if (text.charCodeAt(j) === 45) {
    sep = '-';
    j++;
  } else {
    while (j < text.length) {
      const c = text.charCodeAt(j);
      if (c !== 32 && c !== 9 && c !== 0xa0) break;
      sep = ' ';
      j++;
    }
  }
  if (!isAsciiLetter(text.charCodeAt(j))) return null;
  let e = j + 1;
  while (e < text.length && isAsciiLetter(text.charCodeAt(e))) e++;
  return { sep, end: e, lower: e - j <= 12 ? text.slice(j, e).toLowerCase() : '' };
}

/**
 * Reads a number in words starting at `pos` ("a dozen", "two", "twenty-five", "three hundred",
 * "two million", "fourth", "twenty-first"). Returns null when no number word starts there.
 * Reads at most 12 words, so it is linear however the text goes on.
 */
export function readWordNumber(text: string, pos: number): WordNumber | null {
  let total = 0;
  let current = 0;
  let end = pos;
  let seen = 0;
  let ordinal = false;
  let lastKind: 'none' | 'unit' | 'tens' | 'hundred' | 'scale' | 'dozen' = 'none';
  let i = pos;
  for (let n = 0; n < 12; n++) {
    const m = nextWord(text, i);
    if (!m) break;
    const sep = m.sep;
    if (n === 0 && sep) break;
    const word = m.lower;
    const after = m.end;
    if (n === 0 && word === 'a') {
      // "a dozen", "a hundred", "a thousand": "a" stands for one only before these.
      const next = nextWord(text, after);
      const nw = next?.lower;
      if (!next || next.sep === '-' || !nw || !(nw === 'dozen' || Object.hasOwn(SCALE_WORDS, nw))) return null;
      current = 1;
      lastKind = 'unit';
      i = after;
      continue;
    }
    if (sep === '-' && lastKind !== 'tens') break; // only "twenty-five" is hyphenated
    // "two and a half billion": a half of the unit before the scale word.
    if (word === 'and' && (lastKind === 'unit' || lastKind === 'tens') && seen > 0) {
      const a = nextWord(text, after);
      const half = a && a.lower === 'a' ? nextWord(text, a.end) : null;
      const scale = half && half.lower === 'half' ? nextWord(text, half.end) : null;
      if (scale && Object.hasOwn(SCALE_WORDS, scale.lower) && scale.lower !== 'hundred') {
        total += (current + 0.5) * SCALE_WORDS[scale.lower]!;
        current = 0;
        lastKind = 'scale';
        seen++;
        end = scale.end;
        i = scale.end;
        continue;
      }
      break;
    }
    if (word === 'and' && (lastKind === 'hundred' || lastKind === 'scale') && seen > 0) {
      // "one hundred and fifty": only when a number word follows.
      const nw = nextWord(text, after)?.lower;
      if (!nw || !(Object.hasOwn(UNIT_WORDS, nw) || Object.hasOwn(TENS_WORDS, nw))) break;
      i = after;
      continue;
    }
    if (Object.hasOwn(UNIT_WORDS, word) && (lastKind === 'none' || lastKind === 'tens' || lastKind === 'hundred' || lastKind === 'scale')) {
      if (lastKind === 'tens' && UNIT_WORDS[word]! >= 10) break;
      current += UNIT_WORDS[word]!;
      lastKind = 'unit';
    } else if (Object.hasOwn(TENS_WORDS, word) && (lastKind === 'none' || lastKind === 'hundred' || lastKind === 'scale')) {
      current += TENS_WORDS[word]!;
      lastKind = 'tens';
    } else if (word === 'hundred' && (lastKind === 'unit' || lastKind === 'tens' || lastKind === 'none') && current < 100) {
      current = (current || 1) * 100;
      lastKind = 'hundred';
    } else if (Object.hasOwn(SCALE_WORDS, word) && word !== 'hundred' && (lastKind === 'unit' || lastKind === 'tens' || lastKind === 'hundred' || lastKind === 'dozen')) {
      total += (current || 1) * SCALE_WORDS[word]!;
      current = 0;
      lastKind = 'scale';
    } else if (word === 'dozen' && (lastKind === 'unit' || lastKind === 'none') && current < 100) {
      current = (current || 1) * 12;
      lastKind = 'dozen';
    } else if (Object.hasOwn(ORDINAL_WORDS, word) && (lastKind === 'none' || (lastKind === 'tens' && ORDINAL_WORDS[word]! < 10))) {
      current += ORDINAL_WORDS[word]!;
      ordinal = true;
      end = after;
      seen++;
      break;
    } else {
      break;
    }
    seen++;
    end = after;
    i = after;
  }
  if (seen === 0) return null;
  return { value: total + current, end, ordinal };
}
