import { describe, expect, it } from 'vitest';
import { describeRule, readAlertRule, readAlertValue, splitAlertWords } from '../../src/alerts/alertRule.js';

describe('alert values as people write them', () => {
  it.each([
    ['70bn', 70e9, null],
    ['$70 billion', 70e9, 'USD'],
    ['$70bn', 70e9, 'USD'],
    ['70 billion dollars', 70e9, 'USD'],
    ['700', 700, null],
    ['1,500', 1500, null],
    ['70e9', 70e9, null],
    ['7.5E3', 7500, null],
    ['70B', 70e9, null],
    ['3.5m', 3.5e6, null],
    ['15k', 15000, null],
    ['€3 million', 3e6, 'EUR'],
    ['12%', 12, 'percent'],
  ])('"%s" is %d (%s)', (text, threshold, unit) => {
    expect(readAlertValue(text)).toEqual({ ok: true, value: { threshold, unit } });
  });

  it.each([
    ['seventy-ish', '"seventy-ish" is not a value I can read; write it like 70bn, $70 billion, 700 or 70e9'],
    ['70 bananas', '"70 bananas" is not a value I can read; write it like 70bn, $70 billion, 700 or 70e9'],
    ['5-6 billion', '"5-6 billion" is a range; give one value, like 70bn, $70 billion, 700 or 70e9'],
    ['68th', '"68th" is an ordinal; give an amount or a count, like 70bn, $70 billion, 700 or 70e9'],
    ['', 'the value is missing; write it like 70bn, $70 billion, 700 or 70e9'],
  ])('"%s" is refused with an example', (text, problem) => {
    expect(readAlertValue(text)).toEqual({ ok: false, problem });
  });
});

describe('alert rules', () => {
  it('above and below need a value; changes takes none; each problem shows an example', () => {
    expect(readAlertRule('above', '70bn')).toEqual({ ok: true, value: { condition: 'above', threshold: 70e9, unit: null } });
    expect(readAlertRule('Below', '$5 billion')).toEqual({ ok: true, value: { condition: 'below', threshold: 5e9, unit: 'USD' } });
    expect(readAlertRule('changes', undefined)).toEqual({ ok: true, value: { condition: 'changes', threshold: null, unit: null } });
    expect(readAlertRule('above', '')).toEqual({ ok: false, problem: '"above" needs a value, e.g. /alert add US aid to Ukraine above 70bn' });
    expect(readAlertRule('changes', '5')).toEqual({ ok: false, problem: 'a "changes" alert takes no value (got "5"); use above or below for a line, e.g. /alert add US aid to Ukraine above 70bn' });
    expect(readAlertRule('over', '5')).toEqual({ ok: false, problem: '"over" is not a condition; use above, below or changes, e.g. /alert add US aid to Ukraine above 70bn' });
    expect(readAlertRule('above', 'lots')).toEqual({ ok: false, problem: '"lots" is not a value I can read; write it like 70bn, $70 billion, 700 or 70e9, e.g. /alert add US aid to Ukraine above 70bn' });
  });

  it('one line of words splits at the last above/below, so the measure may hold the word', () => {
    expect(splitAlertWords('US aid to Ukraine above 70bn')).toEqual({ ok: true, value: { measure: 'US aid to Ukraine', condition: 'above', value: '70bn' } });
    expect(splitAlertWords('"drones shot down above Kyiv" below $70 billion')).toEqual({ ok: true, value: { measure: 'drones shot down above Kyiv', condition: 'below', value: '$70 billion' } });
    expect(splitAlertWords('drones launched changes')).toEqual({ ok: true, value: { measure: 'drones launched', condition: 'changes' } });
    expect(splitAlertWords('US aid')).toMatchObject({ ok: false, problem: expect.stringContaining('e.g. /alert add US aid to Ukraine above 70bn') });
  });

  it('reads back in words', () => {
    expect(describeRule({ condition: 'above', threshold: 70e9, unit: 'USD' })).toBe('above $70 billion');
    expect(describeRule({ condition: 'below', threshold: 700, unit: null })).toBe('below 700');
    expect(describeRule({ condition: 'changes', threshold: null, unit: null })).toBe('changes');
  });
});
