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

// One word at a time, with the separator before it: "twenty-five", "one hundred and five".
const WORD_AT = /([ \t\u00A0]+|-)?([A-Za-z]+)/y;

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
    WORD_AT.lastIndex = i;
    const m = WORD_AT.exec(text);
    if (!m) break;
    const sep = m[1];
    if (n === 0 && sep) break;
    const word = m[2]!.toLowerCase();
    const after = WORD_AT.lastIndex;
    if (n === 0 && word === 'a') {
      // "a dozen", "a hundred", "a thousand": "a" stands for one only before these.
      WORD_AT.lastIndex = after;
      const next = WORD_AT.exec(text);
      const nw = next?.[2]?.toLowerCase();
      if (!next || next[1] === '-' || !nw || !(nw === 'dozen' || nw in SCALE_WORDS)) return null;
      current = 1;
      lastKind = 'unit';
      i = after;
      continue;
    }
    if (sep === '-' && lastKind !== 'tens') break; // only "twenty-five" is hyphenated
    if (word === 'and' && (lastKind === 'hundred' || lastKind === 'scale') && seen > 0) {
      // "one hundred and fifty": only when a number word follows.
      WORD_AT.lastIndex = after;
      const next = WORD_AT.exec(text);
      const nw = next?.[2]?.toLowerCase();
      if (!nw || !(nw in UNIT_WORDS || nw in TENS_WORDS)) break;
      i = after;
      continue;
    }
    if (word in UNIT_WORDS && (lastKind === 'none' || lastKind === 'tens' || lastKind === 'hundred' || lastKind === 'scale')) {
      if (lastKind === 'tens' && UNIT_WORDS[word]! >= 10) break;
      current += UNIT_WORDS[word]!;
      lastKind = 'unit';
    } else if (word in TENS_WORDS && (lastKind === 'none' || lastKind === 'hundred' || lastKind === 'scale')) {
      current += TENS_WORDS[word]!;
      lastKind = 'tens';
    } else if (word === 'hundred' && (lastKind === 'unit' || lastKind === 'tens' || lastKind === 'none') && current < 100) {
      current = (current || 1) * 100;
      lastKind = 'hundred';
    } else if (word in SCALE_WORDS && word !== 'hundred' && (lastKind === 'unit' || lastKind === 'tens' || lastKind === 'hundred' || lastKind === 'dozen')) {
      total += (current || 1) * SCALE_WORDS[word]!;
      current = 0;
      lastKind = 'scale';
    } else if (word === 'dozen' && (lastKind === 'unit' || lastKind === 'none') && current < 100) {
      current = (current || 1) * 12;
      lastKind = 'dozen';
    } else if (word in ORDINAL_WORDS && (lastKind === 'none' || (lastKind === 'tens' && ORDINAL_WORDS[word]! < 10))) {
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
