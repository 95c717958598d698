import { describe, expect, it } from 'vitest';
import { addDays, isValidDay, monthNumber, readTimeFrame } from '../../src/answers/readTimeFrame.js';

const frame = (q: string, asOf = '2025-06-01') => readTimeFrame(q, asOf).frame;

describe('reading the time of a question', () => {
  it('without a time, the question is as of the day it is asked', () => {
    expect(frame('What is the total US aid?')).toEqual({ asOf: '2025-06-01', from: null, label: null });
  });

  it('"as of March 2024" ends on the last day of March 2024', () => {
    expect(frame('US aid as of March 2024')).toMatchObject({ asOf: '2024-03-31', from: null, label: 'as of March 2024' });
  });

  it('"as of 15 March 2024", "as of March 15, 2024" and "as of 2024-03-15" are the same day', () => {
    for (const q of ['aid as of 15 March 2024', 'aid as of March 15, 2024', 'aid as of 2024-03-15']) expect(frame(q).asOf).toBe('2024-03-15');
  });

  it('"in 2024" is the whole year', () => {
    expect(frame('How much aid in 2024?')).toMatchObject({ asOf: '2024-12-31', from: '2024-01-01', label: 'in 2024' });
  });

  it('"in March 2024" is that month', () => {
    expect(frame('drones in March 2024')).toMatchObject({ asOf: '2024-03-31', from: '2024-03-01' });
  });

  it('"before 2024" ends the day before the year starts', () => {
    expect(frame('aid before 2024').asOf).toBe('2023-12-31');
  });

  it('"between January 2024 and March 2024" is one period', () => {
    expect(frame('killed between January 2024 and March 2024')).toMatchObject({ from: '2024-01-01', asOf: '2024-03-31' });
  });

  it('"last year" is the calendar year before the as-of day', () => {
    expect(frame('aid last year', '2025-06-01')).toMatchObject({ from: '2024-01-01', asOf: '2024-12-31' });
  });

  it('a date in the question never moves the as-of day later', () => {
    expect(frame('aid as of March 2026', '2025-06-01').asOf).toBe('2025-06-01');
  });

  it('"since February 2022" marks a running total, not a period', () => {
    expect(frame('aid since February 2022')).toEqual({ asOf: '2025-06-01', from: null, label: null });
  });

  it('reads a misspelled month', () => {
    expect(frame('aid as of Febuary 2024').asOf).toBe('2024-02-29');
  });

  it('does not read a number of troops as a year', () => {
    expect(frame('Were 2000 troops deployed?')).toEqual({ asOf: '2025-06-01', from: null, label: null });
  });

  it('ignores a date that is not on the calendar', () => {
    expect(frame('aid as of 2024-02-30').asOf).toBe('2025-06-01');
  });

  it('blanks the time words out of the rest of the question', () => {
    expect(readTimeFrame('US aid as of March 2024?', '2025-01-01').rest.replace(/\s+/g, ' ')).toBe('US aid ?');
  });
});

describe('calendar helpers', () => {
  it('knows month names, abbreviations and near misses', () => {
    expect([monthNumber('March'), monthNumber('sept'), monthNumber('Setpember'), monthNumber('bread')]).toEqual([3, 9, 9, null]);
  });

  it('checks calendar days', () => {
    expect([isValidDay('2024-02-29'), isValidDay('2023-02-29'), isValidDay('2024-13-01')]).toEqual([true, false, false]);
  });

  it('adds days across month ends', () => {
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });
});

describe('"since" a few words before the date', () => {
  it('"since Russia\'s February 2022 invasion" marks a running total, not a period', () => {
    const r = readTimeFrame("What is the total US aid since Russia's February 2022 invasion?", '2024-06-01');
    expect([r.frame.from, r.frame.asOf, r.frame.label]).toEqual([null, '2024-06-01', null]);
  });
  it('"since" then "in July 2024" is still a period', () => {
    const r = readTimeFrame('How much aid since the talks in July 2024?', '2025-06-01');
    expect([r.frame.from, r.frame.asOf]).toEqual(['2024-07-01', '2024-07-31']);
  });
});
