/**
 * How a figure reads back to people: "$58 billion", "more than $58 billion", "between 10,000 and
 * 12,000". Used by digests and answers so that every surface words a number the same way.
 */
import type { Qualifier } from './figure.js';

const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = { USD: '$', EUR: '€', GBP: '£' };

/** Scale words used once a number reaches a million; smaller numbers are written out in full. */
const SCALES: ReadonlyArray<readonly [number, string]> = [
  [1e12, 'trillion'],
  [1e9, 'billion'],
  [1e6, 'million'],
];

const plain = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** 58e9 → "58 billion", 44.2e9 → "44.2 billion", 1500 → "1,500". */
function withScale(value: number): string {
  const abs = Math.abs(value);
  for (const [size, word] of SCALES) {
    if (abs >= size) return `${plain.format(value / size)} ${word}`;
  }
  return plain.format(value);
}

function ordinalSuffix(n: number): string {
  const mod100 = n % 100;
  if (mod100 >= 11 && mod100 <= 13) return 'th';
  switch (n % 10) {
    case 1:
      return 'st';
    case 2:
      return 'nd';
    case 3:
      return 'rd';
    default:
      return 'th';
  }
}

/**
 * One number in its unit: "$58 billion", "€3.5 million", "1,500", "68th", "12%".
 * Unknown three-letter codes read "JPY 3 billion"; other units follow the number ("40 tonnes").
 */
export function formatValue(value: number, unit: string): string {
  if (!Number.isFinite(value)) return String(value);
  const symbol = CURRENCY_SYMBOLS[unit];
  if (symbol !== undefined) {
    const sign = value < 0 ? '-' : '';
    return `${sign}${symbol}${withScale(Math.abs(value))}`;
  }
  switch (unit) {
    case 'count':
      return withScale(value);
    case 'percent':
      return `${plain.format(value)}%`;
    case 'ordinal': {
      const n = Math.trunc(value);
      return n === value ? `${n}${ordinalSuffix(Math.abs(n))}` : plain.format(value);
    }
    default:
      if (/^[A-Z]{3}$/.test(unit)) return `${unit} ${withScale(value)}`;
      return unit === '' ? withScale(value) : `${withScale(value)} ${unit}`;
  }
}

export interface FormattableFigure {
  value: number;
  value_max: number | null;
  unit: string;
  qualifier: Qualifier;
}

const PREFIX: Readonly<Record<Exclude<Qualifier, 'range' | 'up_to'>, string>> = {
  exact: '',
  more_than: 'more than ',
  at_least: 'at least ',
  about: 'about ',
  almost: 'almost ',
};

/**
 * A figure with its hedge: "more than $58 billion", "about 1,500", "between 10,000 and 12,000",
 * "as many as 12" (counts; other units read "up to $5 billion"), "almost $19 billion", "at least 1".
 */
export function formatFigure(f: FormattableFigure): string {
  const value = formatValue(f.value, f.unit);
  switch (f.qualifier) {
    case 'range':
      return f.value_max === null || f.value_max === f.value
        ? value
        : `between ${value} and ${formatValue(f.value_max, f.unit)}`;
    case 'up_to':
      return `${f.unit === 'count' ? 'as many as' : 'up to'} ${value}`;
    default:
      return `${PREFIX[f.qualifier] ?? ''}${value}`;
  }
}
