import { describe, expect, it } from 'vitest';
import { backoffDelayMs, nextPollSlot, slotOffsetMs } from '../../src/ingest/pollSchedule.js';

const minute = 60_000;

describe('nextPollSlot', () => {
  it('puts each feed at a stable offset within the interval, the same on every replica', () => {
    const url = 'https://news.example/feed.xml';
    const a = nextPollSlot(url, 15, new Date('2024-03-01T10:00:00Z'));
    const b = nextPollSlot(url, 15, new Date('2024-03-01T10:00:00Z'));
    expect(a.getTime()).toBe(b.getTime());
    expect(a.getTime() % (15 * minute)).toBe(slotOffsetMs(url, 15 * minute));
  });

  it('moves by exactly one interval from one slot to the next', () => {
    const url = 'https://news.example/feed.xml';
    const first = nextPollSlot(url, 15, new Date('2024-03-01T10:00:00Z'));
    const second = nextPollSlot(url, 15, new Date(first.getTime() + 2_000));
    expect(second.getTime() - first.getTime()).toBe(15 * minute);
  });

  it('is never sooner than a quarter interval after a poll made off its slot', () => {
    for (let s = 0; s < 900; s += 37) {
      const now = new Date(Date.UTC(2024, 2, 1, 10, 0, s));
      const next = nextPollSlot('https://a.example/rss', 15, now).getTime() - now.getTime();
      expect(next).toBeGreaterThanOrEqual(15 * minute / 4);
      expect(next).toBeLessThanOrEqual(15 * minute * 1.25);
    }
  });

  it('spreads many feeds over the interval', () => {
    const buckets = new Array(15).fill(0);
    for (let i = 0; i < 1500; i++) buckets[Math.floor(slotOffsetMs(`https://site${i}.example/feed`, 15 * minute) / minute)]++;
    expect(Math.min(...buckets)).toBeGreaterThan(60);
    expect(Math.max(...buckets)).toBeLessThan(140);
  });
});

describe('backoffDelayMs', () => {
  it('doubles from the base after each failure and stops at the maximum', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 40].map((n) => backoffDelayMs(n, { baseMinutes: 5, maxMinutes: 24 * 60 }) / minute);
    expect(delays).toEqual([5, 10, 20, 40, 80, 160, 320, 1440]);
  });
});
