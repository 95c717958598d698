import { describe, expect, it } from 'vitest';
import { dateTimeInWords, dayInWords, scheduleInWords, timeInWords, zoneInWords } from '../../src/time/timeWords.js';

// Thursday 3 Dec 2026, 21:30 UTC = Thursday 23:30 in Kyiv (UTC+2 in winter).
const NOW = new Date('2026-12-03T21:30:00.000Z');

describe('times people read', () => {
  it('the next morning in Kyiv is "tomorrow 08:00 Kyiv time"', () => {
    expect(timeInWords('2026-12-04T06:00:00.000Z', 'Europe/Kyiv', NOW)).toBe('tomorrow 08:00 Kyiv time');
  });
  it('the same instant read in UTC is still today', () => {
    expect(timeInWords('2026-12-03T22:10:00.000Z', 'UTC', NOW)).toBe('today 22:10 UTC');
    // ... but already tomorrow in Kyiv (00:10 on the 4th).
    expect(timeInWords('2026-12-03T22:10:00.000Z', 'Europe/Kyiv', NOW)).toBe('tomorrow 00:10 Kyiv time');
  });
  it('yesterday, and a date further away with its weekday', () => {
    expect(timeInWords('2026-12-02T14:05:00.000Z', 'UTC', NOW)).toBe('yesterday 14:05 UTC');
    expect(timeInWords('2026-12-07T08:00:00.000Z', 'UTC', NOW)).toBe('Mon 7 Dec, 08:00 UTC');
    expect(timeInWords('2027-01-04T08:00:00.000Z', 'UTC', NOW)).toBe('Mon 4 Jan 2027, 08:00 UTC');
  });
  it('a zone with an underscore reads as its city; an unreadable time is shown as given', () => {
    expect(zoneInWords('America/New_York')).toBe('New York time');
    expect(timeInWords('2026-12-04T13:00:00.000Z', 'America/New_York', NOW)).toBe('tomorrow 08:00 New York time');
    expect(timeInWords('not a time', 'UTC', NOW)).toBe('not a time');
  });
  it('a schedule is the cron with its reading', () => {
    expect(scheduleInWords('0 8 * * *', 'Europe/Kyiv')).toBe('"0 8 * * *" (at 08:00, every day, Kyiv time)');
    expect(scheduleInWords('30 18 * * 1-5', 'UTC')).toBe('"30 18 * * 1-5" (at 18:30, Monday through Friday, UTC)');
  });
  it('what is kept and read later (a digest) names a fixed day, not "today", and its year only when it is another', () => {
    expect(dateTimeInWords('2026-12-03T21:30:00.000Z', 'Europe/Kyiv', '2026-12-04T06:00:00.000Z')).toBe('Thu 3 Dec, 23:30 Kyiv time');
    expect(dateTimeInWords('2025-12-31T23:00:00.000Z', 'UTC', '2026-01-01T08:00:00.000Z')).toBe('Wed 31 Dec 2025, 23:00 UTC');
    expect(dateTimeInWords('2025-12-31T23:00:00.000Z', 'Europe/Kyiv', '2026-01-01T08:00:00.000Z')).toBe('Thu 1 Jan, 01:00 Kyiv time');
    expect(dateTimeInWords('2026-12-03T21:30:00.000Z', 'UTC')).toBe('Thu 3 Dec 2026, 21:30 UTC');
  });
  it('a day is "3 Dec" in the zone, with the year when it is not the reference\'s', () => {
    expect(dayInWords('2026-12-03T23:30:00.000Z', 'Europe/Kyiv', '2026-12-04T06:00:00.000Z')).toBe('4 Dec');
    expect(dayInWords('2024-01-22T16:30:00.000Z', 'UTC', '2026-12-04T06:00:00.000Z')).toBe('22 Jan 2024');
    expect(dayInWords('2024-01-22T16:30:00.000Z', 'UTC')).toBe('22 Jan 2024');
  });
  it('an unknown zone reads as UTC rather than failing', () => {
    expect(dateTimeInWords('2026-12-03T21:30:00.000Z', 'Mars/Olympus', '2026-12-04T06:00:00.000Z')).toBe('Thu 3 Dec, 21:30 UTC');
  });
});
