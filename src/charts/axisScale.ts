/** Scale words for an axis: $10 bn, $20 bn ... chosen once for the whole axis from its largest value. */
const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = { USD: '$', EUR: '€', GBP: '£' };

const STEPS: ReadonlyArray<readonly [number, string]> = [
  [1e12, ' tn'],
  [1e9, ' bn'],
  [1e6, ' m'],
];

export interface AxisScale {
  divisor: number;
  prefix: string;
  suffix: string;
}

export function axisScale(maxValue: number, unit: string): AxisScale {
  const prefix = CURRENCY_SYMBOLS[unit] ?? '';
  const abs = Math.abs(maxValue);
  for (const [size, word] of STEPS) if (abs >= size) return { divisor: size, prefix, suffix: word + (unit === 'percent' ? '%' : '') };
  return { divisor: 1, prefix, suffix: unit === 'percent' ? '%' : '' };
}

/** One tick label: 20e9 USD → "$20 bn". */
export function axisLabel(value: number, s: AxisScale): string {
  const n = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(value / s.divisor);
  return `${s.prefix}${n}${s.suffix}`;
}
