/** "Last night", "this week": an answer older than the time asked about says its day first. */
import { beforeEach, describe, expect, it } from 'vitest';
import { useReportStore } from './reportStore.js';

const { reports, ask } = useReportStore();

beforeEach(async () => {
  await reports().add({ feed: 'Wire', title: 'Night of drones', published: '2025-09-08T06:00:00.000Z', link: 'https://example.org/night', figures: [{ value: 810, category: 'drones', actor: 'Russia', event: 'launched', quote: '810 drones', sentence: 'Russia launched 810 drones at Ukraine overnight.' }] });
});

describe('time honesty', () => {
  it('"last night", asked days later: the figure, opened with the day it is from', async () => {
    const a = await ask('How many drones did Russia launch last night?', '2025-09-20');
    expect(a.figure?.value).toBe(810);
    expect(a.text.split('\n')[0]).toBe('The latest I have is from 8 Sep 2025: Drones launched (Russia): 810 — as of 20 Sep 2025.');
  });

  it('"this week", within the week: no such opening', async () => {
    const a = await ask('How many drones did Russia launch this week?', '2025-09-12');
    expect(a.text.split('\n')[0]).toBe('Drones launched (Russia): 810 — as of 12 Sep 2025.');
  });

  it('"yesterday", asked the next day: no such opening', async () => {
    const a = await ask('How many drones did Russia launch yesterday?', '2025-09-09');
    expect(a.text.startsWith('Drones launched (Russia): 810 — as of 9 Sep 2025.')).toBe(true);
  });

  it('"today", asked a week later: says the day', async () => {
    const a = await ask('How many drones has Russia launched today?', '2025-09-15');
    expect(a.text.startsWith('The latest I have is from 8 Sep 2025: ')).toBe(true);
  });
});
