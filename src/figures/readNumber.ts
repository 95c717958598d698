/**
 * Reads one written quantity at a position: money with a symbol or code ("$58 billion", "€3m",
 * "USD 5 million", "5 million euros"), counts in digits or words ("1,500", "15k", "a dozen"),
 * ordinals ("68th", "fourth"), percentages ("12%", "12 percent") and ranges ("10,000-12,000",
 * "$5 to $6 billion", "between 10 and 12 million"). Every pattern is sticky and bounded, so a read
 * costs at most a few dozen characters whatever follows.
 */
import { readWordNumber, SCALE_WORDS } from './numberWords.js';

export interface NumberMention {
  start: number;
  end: number;
  value: number;
  valueMax: number | null;
  /** Currency code, "count", "percent" or "ordinal". */
  unit: string;
  isMoney: boolean;
  /** Written in words ("two", "a dozen"). */
  spelled: boolean;
  /** A bare four-digit number 1800-2099: probably a year, unless a counted noun follows. */
  yearLike: boolean;
  /** Carries a scale word or abbreviation ("billion", "bn", "k"). */
  scaled: boolean;
}

const SYMBOL_CURRENCY: Readonly<Record<string, string>> = {
  $: 'USD', 'US$': 'USD', 'U.S.$': 'USD', A$: 'AUD', AU$: 'AUD', C$: 'CAD', CA$: 'CAD', NZ$: 'NZD', HK$: 'HKD',
  '€': 'EUR', '£': 'GBP', '₽': 'RUB', '₴': 'UAH', '¥': 'JPY',
};
const CODES = 'USD|EUR|GBP|RUB|UAH|JPY|CNY|CHF|CAD|AUD';
const WORD_CURRENCY: Readonly<Record<string, string>> = {
  dollar: 'USD', dollars: 'USD', euro: 'EUR', euros: 'EUR', sterling: 'GBP', 'pounds sterling': 'GBP',
  pounds: 'GBP', ruble: 'RUB', rubles: 'RUB', rouble: 'RUB', roubles: 'RUB', hryvnia: 'UAH', hryvnias: 'UAH',
  yen: 'JPY', yuan: 'CNY',
};

const SP = '[ \\t\\u00A0]';
const PREFIX_SYMBOL = /(US\$|U\.S\.\$|AU\$|A\$|CA\$|C\$|NZ\$|HK\$|[$€£₽₴¥])[ \t\u00A0]?(?=\d)/y;
const PREFIX_CODE = new RegExp(`(${CODES})${SP}?(?=\\d)`, 'y');
const SCALE_AFTER = new RegExp(
  `(?:${SP}?(thousand|million|billion|trillion|Thousand|Million|Billion|Trillion|THOUSAND|MILLION|BILLION|TRILLION)(?![A-Za-z0-9\\u00C0-\\u024F])|${SP}?(bn|mn|mln|tn|trn)(?![A-Za-z0-9\\u00C0-\\u024F])|(k|K|m|M|b|B)(?![A-Za-z0-9\\u00C0-\\u024F]))`,
  'y',
);
const HYPHEN_SCALE = /-(thousand|million|billion|trillion)(?![A-Za-z0-9\u00C0-\u024F])/y;
const PERCENT_AFTER = new RegExp(`(?:${SP}?%|${SP}(?:percent|per${SP}cent|pct|percentage${SP}points?)(?![A-Za-z0-9\\u00C0-\\u024F]))`, 'y');
const ORDINAL_SUFFIX = /(?:st|nd|rd|th)(?![A-Za-z0-9\u00C0-\u024F])/y;
const CURRENCY_AFTER = new RegExp(
  `${SP}(?:(?:US|U\\.S\\.|American)${SP})?(dollars?|euros?|pounds${SP}sterling|sterling|pounds|rubles?|roubles?|hryvnias?|yen|yuan|${CODES})(?![A-Za-z0-9\\u00C0-\\u024F])`,
  'y',
);
const RANGE_SEP = new RegExp(`(?:${SP}?[-–—]${SP}?|${SP}to${SP})`, 'y');
const AND_SEP = new RegExp(`${SP}and${SP}`, 'y');

/** Rounds away binary noise: 44.2 × 1e9 is 44200000000, not 44200000000.000008. */
const clean = (n: number): number => (Number.isInteger(n) || !Number.isFinite(n) ? n : Number(n.toPrecision(15)));

interface Quantity {
  end: number;
  value: number;
  scale: number;
  scaled: boolean;
  currency: string | null;
  percent: boolean;
  ordinal: boolean;
  spelled: boolean;
  digitsOnly: string | null;
}

function readScale(text: string, pos: number, hasCurrency: boolean): { end: number; scale: number } | null {
  SCALE_AFTER.lastIndex = pos;
  const m = SCALE_AFTER.exec(text);
  if (m) {
    // "$61.4 BILLION" in a shouted subhead reads as any other.
    if (m[1]) return { end: SCALE_AFTER.lastIndex, scale: SCALE_WORDS[m[1].toLowerCase()]! };
    if (m[2]) return { end: SCALE_AFTER.lastIndex, scale: m[2] === 'bn' ? 1e9 : m[2] === 'tn' || m[2] === 'trn' ? 1e12 : 1e6 };
    const letter = m[3]!;
    if (letter === 'k' || letter === 'K') return { end: SCALE_AFTER.lastIndex, scale: 1e3 };
    // "3m" or "2b" alone may be metres or bytes; only money makes them millions and billions.
    if (hasCurrency) return { end: SCALE_AFTER.lastIndex, scale: letter === 'm' || letter === 'M' ? 1e6 : 1e9 };
    return null;
  }
  HYPHEN_SCALE.lastIndex = pos;
  const h = HYPHEN_SCALE.exec(text);
  if (h) return { end: HYPHEN_SCALE.lastIndex, scale: SCALE_WORDS[h[1]!]! };
  return null;
}

/** First letters of scale words, unit words and currencies after a number (lower-cased). */
const UNIT_INITIALS = new Uint8Array(128);
for (const c of 'tmbkpdeusryhaugjcn') UNIT_INITIALS[c.charCodeAt(0)] = 1;

interface Digits {
  start: number;
  end: number;
  value: number;
  /** No thousands separator and no decimals: "2022", not "2,022" or "20.5". */
  plain: boolean;
}
const MALFORMED = -1;

/**
 * Digits at `i`: "1,500", "13,000", "44.2", "2022". Up to 16 integer digits and 8 decimals: a
 * longer run is no quantity (an id, a hash, noise), and neither are broken groups ("1,5000",
 * "1,1,1"), which return MALFORMED. Null when no digit stands at `i`. Parsed by hand: this runs
 * for every digit in the text.
 */
function readDigits(text: string, i: number): Digits | typeof MALFORMED | null {
  const n = text.length;
  let j = i;
  let value = 0;
  while (j < n && isDigit(text.charCodeAt(j))) {
    value = value * 10 + (text.charCodeAt(j) - 48);
    j++;
    if (j - i > 16) return MALFORMED;
  }
  if (j === i) return null;
  let plain = true;
  // Thousands groups: only after at most three leading digits, each exactly three digits.
  if (j - i <= 3 && text.charCodeAt(j) === 44 && isDigit(text.charCodeAt(j + 1)) && isDigit(text.charCodeAt(j + 2)) && isDigit(text.charCodeAt(j + 3))) {
    for (let groups = 0; groups < 6 && text.charCodeAt(j) === 44 && isDigit(text.charCodeAt(j + 1)) && isDigit(text.charCodeAt(j + 2)) && isDigit(text.charCodeAt(j + 3)); groups++) {
      value = value * 1000 + (text.charCodeAt(j + 1) - 48) * 100 + (text.charCodeAt(j + 2) - 48) * 10 + (text.charCodeAt(j + 3) - 48);
      j += 4;
      plain = false;
    }
  }
  if (text.charCodeAt(j) === 46 && isDigit(text.charCodeAt(j + 1))) {
    let k = j + 1;
    while (k < n && isDigit(text.charCodeAt(k)) && k - j <= 8) k++;
    if (isDigit(text.charCodeAt(k))) return MALFORMED;
    // Decimals are rare: let Number parse them exactly ("44.2" is the double nearest 44.2).
    value = Number(text.slice(i, k).replace(/,/g, ''));
    j = k;
    plain = false;
  }
  const next = text.charCodeAt(j);
  if (isDigit(next) || (next === 44 && isDigit(text.charCodeAt(j + 1)))) return MALFORMED;
  return { start: i, end: j, value, plain };
}

/** One number with its currency, scale and unit word, no range. */
function readQuantity(text: string, pos: number, allowWords: boolean): Quantity | null {
  let i = pos;
  let currency: string | null = null;
  const c0 = text.charCodeAt(i);
  // Only a sign or an upper-case code can start a currency prefix; skip the regexes otherwise.
  const maybePrefix = !isDigit(c0) && !(c0 >= 97 && c0 <= 122);
  PREFIX_SYMBOL.lastIndex = i;
  let m = maybePrefix ? PREFIX_SYMBOL.exec(text) : null;
  if (m) {
    currency = SYMBOL_CURRENCY[m[1]!] ?? 'USD';
    i = PREFIX_SYMBOL.lastIndex;
  } else if (maybePrefix) {
    PREFIX_CODE.lastIndex = i;
    m = PREFIX_CODE.exec(text);
    if (m) {
      currency = m[1]!;
      i = PREFIX_CODE.lastIndex;
    }
  }

  let value: number;
  let spelled = false;
  let ordinal = false;
  let digitsOnly: string | null = null;
  const d = readDigits(text, i);
  if (d === MALFORMED) return null;
  if (d !== null) {
    i = d.end;
    value = d.value;
    digitsOnly = d.plain ? text.slice(d.start, d.end) : null;
    const next = text.charCodeAt(i);
    ORDINAL_SUFFIX.lastIndex = i;
    if (!currency && d.plain && isLowerLetter(next) && ORDINAL_SUFFIX.exec(text)) {
      return { end: ORDINAL_SUFFIX.lastIndex, value, scale: 1, scaled: false, currency: null, percent: false, ordinal: true, spelled: false, digitsOnly: null };
    }
  } else if (allowWords && !currency) {
    const w = readWordNumber(text, i);
    if (!w) return null;
    value = w.value;
    i = w.end;
    spelled = true;
    ordinal = w.ordinal;
    if (ordinal) return { end: i, value, scale: 1, scaled: false, currency: null, percent: false, ordinal: true, spelled, digitsOnly: null };
  } else {
    return null;
  }

  let scale = 1;
  let scaled = false;
  // Words already carry their scale ("two million"); digits take one after them ("1.5 million", "4.2bn").
  // Scale, unit and currency words all start with a space, a letter, "%" or "-", and only with
  // certain letters: a quick look spares the regexes for most numbers ("one of", "12 drones").
  let peek = i;
  while (peek < i + 2 && (text.charCodeAt(peek) === 32 || text.charCodeAt(peek) === 0xa0 || text.charCodeAt(peek) === 9)) peek++;
  const first = text.charCodeAt(peek);
  if (!(first === 37 || first === 45 || (first < 128 && UNIT_INITIALS[first | 32] === 1))) {
    return { end: i, value, scale: 1, scaled: false, currency, percent: false, ordinal, spelled, digitsOnly };
  }
  if (!spelled) {
    const s = readScale(text, i, currency !== null);
    if (s) {
      scale = s.scale;
      scaled = true;
      i = s.end;
    }
  }
  let percent = false;
  if (!currency) {
    CURRENCY_AFTER.lastIndex = i;
    const c = CURRENCY_AFTER.exec(text);
    // "pounds" alone is a weight as often as money: only a scale makes it sterling.
    if (c && !(c[1] === 'pounds' && !scaled && !(spelled && value >= 1e6))) {
      currency = WORD_CURRENCY[c[1]!.toLowerCase().replace(/\s+/g, ' ')] ?? c[1]!;
      i = CURRENCY_AFTER.lastIndex;
    } else {
      PERCENT_AFTER.lastIndex = i;
      if (PERCENT_AFTER.exec(text)) {
        percent = true;
        i = PERCENT_AFTER.lastIndex;
      }
    }
  }
  return { end: i, value, scale, scaled, currency, percent, ordinal, spelled, digitsOnly };
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isLowerLetter = (c: number): boolean => c >= 97 && c <= 122;

/**
 * The quantity that starts at `pos`, with a range when one follows ("5-6 billion", "$5 to $6
 * billion"); `between` asks for "X and Y" as well. Null when no quantity starts there.
 */
export function readNumber(text: string, pos: number, between = false): NumberMention | null {
  const first = readQuantity(text, pos, true);
  if (!first) return null;
  let end = first.end;
  let valueMax: number | null = null;
  let { scale, scaled, currency } = first;

  if (!first.ordinal) {
    const sepRe = between ? AND_SEP : RANGE_SEP;
    sepRe.lastIndex = first.end;
    // A range goes on with a dash, "to" or (after "between") "and": look before running the regex.
    let p = first.end;
    if (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 0xa0 || text.charCodeAt(p) === 9) p++;
    const c = text.charCodeAt(p);
    if ((c === 45 || c === 0x2013 || c === 0x2014 || c === 116 || c === 97) && sepRe.exec(text)) {
      const second = readQuantity(text, sepRe.lastIndex, first.spelled);
      const compatible =
        second &&
        !second.ordinal &&
        second.percent === first.percent &&
        (second.currency === null || first.currency === null || second.currency === first.currency);
      if (second && compatible) {
        // "5-6 billion", "between 10 and 12 million": the scale and currency written last apply to both.
        const firstScale = first.scaled ? first.scale : second.scale;
        const lo = first.value * firstScale;
        const hi = second.value * second.scale;
        if (hi > lo) {
          valueMax = clean(hi);
          scale = firstScale;
          scaled = first.scaled || second.scaled;
          currency = currency ?? second.currency;
          end = second.end;
          const percent = first.percent || second.percent;
          return build(pos, end, clean(lo), valueMax, currency, percent, false, first.spelled, false, scaled);
        }
      }
    }
  }
  const yearLike =
    first.digitsOnly !== null && first.digitsOnly.length === 4 && !scaled && currency === null && !first.percent &&
    first.value >= 1800 && first.value <= 2099;
  return build(pos, end, clean(first.value * scale), valueMax, currency, first.percent, first.ordinal, first.spelled, yearLike, scaled);
}

function build(
  start: number,
  end: number,
  value: number,
  valueMax: number | null,
  currency: string | null,
  percent: boolean,
  ordinal: boolean,
  spelled: boolean,
  yearLike: boolean,
  scaled: boolean,
): NumberMention {
  const unit = currency ?? (percent ? 'percent' : ordinal ? 'ordinal' : 'count');
  return { start, end, value, valueMax, unit, isMoney: currency !== null, spelled, yearLike, scaled };
}
