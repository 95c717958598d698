import { describe, expect, it } from 'vitest';
import { dueSlot, latestSlotAtOrBefore, nextSlotAfter, slotKey } from '../../src/schedule/slots.js';

const daily8 = { schedule: '0 8 * * *', timezone: 'UTC' };

describe('schedule slots', () => {
  it('a slot is identified by its minute, in UTC', () => {
    expect(slotKey(new Date('2025-03-10T08:00:42.123Z'))).toBe('2025-03-10T08:00:00.000Z');
  });

  it('the latest slot includes the very instant it falls on', () => {
    expect(latestSlotAtOrBefore(daily8, new Date('2025-03-10T08:00:00.000Z'))?.toISOString()).toBe('2025-03-10T08:00:00.000Z');
    expect(latestSlotAtOrBefore(daily8, new Date('2025-03-10T07:59:59.999Z'))?.toISOString()).toBe('2025-03-09T08:00:00.000Z');
  });

  it('the next slot is strictly after now', () => {
    expect(nextSlotAfter(daily8, new Date('2025-03-10T08:00:00.000Z'))?.toISOString()).toBe('2025-03-11T08:00:00.000Z');
  });

  it("slots follow the channel's time zone, across a daylight-saving change", () => {
    const kyiv = { schedule: '0 8 * * *', timezone: 'Europe/Kyiv' };
    // Kyiv is UTC+2 in winter and UTC+3 from the last Sunday of March.
    expect(latestSlotAtOrBefore(kyiv, new Date('2025-03-29T12:00:00Z'))?.toISOString()).toBe('2025-03-29T06:00:00.000Z');
    expect(latestSlotAtOrBefore(kyiv, new Date('2025-03-31T12:00:00Z'))?.toISOString()).toBe('2025-03-31T05:00:00.000Z');
    expect(nextSlotAfter({ schedule: '30 9 * * 1', timezone: 'America/New_York' }, new Date('2025-07-01T00:00:00Z'))?.toISOString()).toBe('2025-07-07T13:30:00.000Z');
  });

  it('after downtime spanning three slots, only the most recent one is due', () => {
    const slot = dueSlot(
      { ...daily8, scheduledSince: '2025-03-01T00:00:00.000Z', lastDigestSlot: '2025-03-06T08:00:00.000Z' },
      new Date('2025-03-09T09:30:00Z'),
    );
    expect(slot?.toISOString()).toBe('2025-03-09T08:00:00.000Z');
  });

  it('a slot that already has a digest (or a later one) is not due again', () => {
    const state = { ...daily8, scheduledSince: '2025-03-01T00:00:00.000Z' };
    const now = new Date('2025-03-09T09:30:00Z');
    expect(dueSlot({ ...state, lastDigestSlot: '2025-03-09T08:00:00.000Z' }, now)).toBeNull();
    expect(dueSlot({ ...state, lastDigestSlot: '2025-03-09T09:05:00.000Z' }, now)).toBeNull();
  });

  it('slots from before the schedule took effect are never caught up', () => {
    // Created (or rescheduled) at 09:00, after the day's 08:00 slot: the first slot is tomorrow's.
    expect(dueSlot({ ...daily8, scheduledSince: '2025-03-09T09:00:00.000Z', lastDigestSlot: null }, new Date('2025-03-09T09:30:00Z'))).toBeNull();
    expect(dueSlot({ ...daily8, scheduledSince: '2025-03-09T09:00:00.000Z', lastDigestSlot: null }, new Date('2025-03-10T08:00:30Z'))?.toISOString()).toBe('2025-03-10T08:00:00.000Z');
  });

  it('a schedule with seconds still yields one slot per minute', () => {
    const everyTenSeconds = { schedule: '*/10 * * * * *', timezone: 'UTC' };
    const a = latestSlotAtOrBefore(everyTenSeconds, new Date('2025-03-10T08:00:15Z'))!;
    const b = latestSlotAtOrBefore(everyTenSeconds, new Date('2025-03-10T08:00:45Z'))!;
    expect(a.getTime()).not.toBe(b.getTime());
    expect(slotKey(a)).toBe(slotKey(b));
  });
});
