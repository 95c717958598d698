import { describe, expect, it } from 'vitest';
import { formatFigure, formatValue } from '../../src/figures/formatFigure.js';

describe('formatValue', () => {
  it('writes dollars with a scale word from a million up', () => {
    expect(formatValue(58_000_000_000, 'USD')).toBe('$58 billion');
    expect(formatValue(44_200_000_000, 'USD')).toBe('$44.2 billion');
    expect(formatValue(400_000_000, 'USD')).toBe('$400 million');
    expect(formatValue(1_200_000_000_000, 'USD')).toBe('$1.2 trillion');
  });

  it('writes euros and pounds with their symbols', () => {
    expect(formatValue(3_500_000, 'EUR')).toBe('€3.5 million');
    expect(formatValue(2_000_000_000, 'GBP')).toBe('£2 billion');
  });

  it('writes money below a million in full with separators', () => {
    expect(formatValue(250_000, 'USD')).toBe('$250,000');
  });

  it('writes counts with thousands separators', () => {
    expect(formatValue(1500, 'count')).toBe('1,500');
    expect(formatValue(118_000, 'count')).toBe('118,000');
    expect(formatValue(12, 'count')).toBe('12');
  });

  it('writes counts of a million or more with a scale word', () => {
    expect(formatValue(6_500_000, 'count')).toBe('6.5 million');
  });

  it('writes ordinals with the right suffix', () => {
    expect(formatValue(68, 'ordinal')).toBe('68th');
    expect(formatValue(1, 'ordinal')).toBe('1st');
    expect(formatValue(22, 'ordinal')).toBe('22nd');
    expect(formatValue(103, 'ordinal')).toBe('103rd');
    expect(formatValue(11, 'ordinal')).toBe('11th');
    expect(formatValue(113, 'ordinal')).toBe('113th');
  });

  it('writes percentages with a percent sign', () => {
    expect(formatValue(12, 'percent')).toBe('12%');
    expect(formatValue(2.5, 'percent')).toBe('2.5%');
  });

  it('rounds to at most two decimals', () => {
    expect(formatValue(44_234_567_890, 'USD')).toBe('$44.23 billion');
  });

  it('writes an unknown currency code before the number and other units after it', () => {
    expect(formatValue(3_000_000_000, 'JPY')).toBe('JPY 3 billion');
    expect(formatValue(40, 'tonnes')).toBe('40 tonnes');
  });

  it('keeps the sign of a negative amount in front of the symbol', () => {
    expect(formatValue(-5_000_000, 'USD')).toBe('-$5 million');
  });
});

describe('formatFigure', () => {
  it('puts the hedge in front of the number', () => {
    expect(formatFigure({ value: 58e9, value_max: null, unit: 'USD', qualifier: 'more_than' })).toBe('more than $58 billion');
    expect(formatFigure({ value: 1500, value_max: null, unit: 'count', qualifier: 'about' })).toBe('about 1,500');
    expect(formatFigure({ value: 19e9, value_max: null, unit: 'USD', qualifier: 'almost' })).toBe('almost $19 billion');
    expect(formatFigure({ value: 1, value_max: null, unit: 'count', qualifier: 'at_least' })).toBe('at least 1');
  });

  it('writes an exact figure bare', () => {
    expect(formatFigure({ value: 250e6, value_max: null, unit: 'USD', qualifier: 'exact' })).toBe('$250 million');
  });

  it('writes an upper bound as "as many as" for counts and "up to" for money', () => {
    expect(formatFigure({ value: 12, value_max: null, unit: 'count', qualifier: 'up_to' })).toBe('as many as 12');
    expect(formatFigure({ value: 5e9, value_max: null, unit: 'USD', qualifier: 'up_to' })).toBe('up to $5 billion');
  });

  it('writes a range with both ends in the unit', () => {
    expect(formatFigure({ value: 10_000, value_max: 12_000, unit: 'count', qualifier: 'range' })).toBe('between 10,000 and 12,000');
    expect(formatFigure({ value: 1e9, value_max: 2e9, unit: 'USD', qualifier: 'range' })).toBe('between $1 billion and $2 billion');
  });

  it('writes a range without an upper bound as its one value', () => {
    expect(formatFigure({ value: 10, value_max: null, unit: 'percent', qualifier: 'range' })).toBe('10%');
  });
});
