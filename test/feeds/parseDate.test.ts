import { describe, expect, it } from 'vitest';
import { parseFeedDate } from '../../src/feeds/parseDate.js';

const iso = (s: string) => parseFeedDate(s)?.toISOString() ?? null;

describe('parseFeedDate', () => {
  it.each([
    ['Thu, 28 Jul 2022 03:39:57 GMT', '2022-07-28T03:39:57.000Z'],
    ['Mon, 16 Oct 2017 15:10:00 +0000', '2017-10-16T15:10:00.000Z'],
    ['Sun, 12 August 2012 10:00:00 EST', '2012-08-12T15:00:00.000Z'],
    ['Sat, 07 Sep 2002 00:00:01 -0230', '2002-09-07T02:30:01.000Z'],
  ])('reads RFC 822 dates with zone offsets and names: %s', (raw, expected) => {
    expect(iso(raw)).toBe(expected);
  });

  it('reads two-digit years the RFC 2822 way (below 50 is 20xx, else 19xx)', () => {
    expect(iso('Mon, 16 Oct 17 15:10 GMT')).toBe('2017-10-16T15:10:00.000Z');
    expect(iso('Fri, 01 Jan 99 00:00 GMT')).toBe('1999-01-01T00:00:00.000Z');
  });

  it('reads times without seconds or without a colon ("03 Apr 02 1500 GMT")', () => {
    expect(iso('03 Apr 02 1500 GMT')).toBe('2002-04-03T15:00:00.000Z');
    expect(iso('Wed, 02 Oct 2002 08:00 EST')).toBe('2002-10-02T13:00:00.000Z');
  });

  it('reads day and month names in Portuguese, Italian and Greek', () => {
    expect(iso('Seg, 24 Set 2018 19:42:40 -0300')).toBe('2018-09-24T22:42:40.000Z');
    expect(iso('mer, 16 nov 2022 00:38:15 +0100')).toBe('2022-11-15T23:38:15.000Z');
    expect(iso('Τρι, 29 Ιούν 2004 12:53:00 GMT')).toBe('2004-06-29T12:53:00.000Z');
  });

  it('reads the month-first form with a 12-hour clock', () => {
    expect(iso('Sat, Dec 16 2023 02:02:33 PM')).toBe('2023-12-16T14:02:33.000Z');
  });

  it('reads ISO 8601 with and without zone (no zone means UTC), and fractions', () => {
    expect(iso('2003-12-13T18:30:02Z')).toBe('2003-12-13T18:30:02.000Z');
    expect(iso('2003-12-13T18:30:02.25+01:00')).toBe('2003-12-13T17:30:02.250Z');
    expect(iso('2021-05-01 10:00:00')).toBe('2021-05-01T10:00:00.000Z');
    expect(iso('2003-12-13')).toBe('2003-12-13T00:00:00.000Z');
  });

  it('reads Unix timestamps in seconds and milliseconds', () => {
    expect(iso('1518478934')).toBe('2018-02-12T23:42:14.000Z');
    expect(iso('1518478934000')).toBe('2018-02-12T23:42:14.000Z');
  });

  it.each(['', 'foo 2017', 'yesterday', '31 Feb 2020 10:00 GMT', '2020-13-01', 'Mon, 16 Zzz 2017 15:10 GMT', '16 Oct 2017 15:10 +9999'])('refuses what is not a readable date: %j', (raw) => {
    expect(parseFeedDate(raw)).toBeNull();
  });
});
