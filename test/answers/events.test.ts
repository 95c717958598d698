/** Drones and missiles: "shot down" and "launched" pick figures by their event. */
import { beforeEach, describe, expect, it } from 'vitest';
import { understandQuestion } from '../../src/answers/understandQuestion.js';
import { useReportStore } from './reportStore.js';

const { reports, config, ask } = useReportStore('2025-07-10');
beforeEach(async () => {
  await reports().add({
    feed: 'Reuters',
    title: 'Record drone attack',
    published: '2025-07-09T08:00:00.000Z',
    link: 'https://example.org/record',
    figures: [
      { value: 728, category: 'drones', actor: 'Russia', event: 'launched', quote: '728 drones', sentence: 'Russia launched 728 drones at Ukraine overnight.' },
      { value: 718, category: 'drones', actor: 'Russia', event: 'shot_down', quote: '718 of them', sentence: 'Air defences shot down 718 of them.' },
    ],
  });
  await reports().add({
    feed: 'AP',
    title: 'Second night',
    published: '2025-07-10T08:00:00.000Z',
    link: 'https://example.org/second',
    figures: [{ value: 400, category: 'drones', actor: 'Russia', event: 'launched', quote: '400 drones', sentence: 'Russia launched 400 drones overnight.' }],
  });
});

describe('events', () => {
  it('reads the event a question asks about', () => {
    const read = (q: string) => understandQuestion(q, config, { asOf: '2025-07-10' }).event;
    expect(read("How many Russian drones did Ukraine's air defences shoot down?")).toBe('shot_down');
    expect(read('How many drones were intercepted last night?')).toBe('shot_down');
    expect(read('How many drones did Russia launch at Ukraine?')).toBe('launched');
    expect(read('How many missiles did Russia fire?')).toBe('launched');
    expect(read('How many drones were there?')).toBeNull();
  });

  it('"launch" gets the newest launch count', async () => {
    expect((await ask('How many drones did Russia launch at Ukraine?')).figure?.value).toBe(400);
  });

  it('"shot down" never gets a launch count: the newest shoot-down figure, from the day before', async () => {
    const a = await ask('How many Russian drones did air defences shoot down?');
    expect(a.figure?.value).toBe(718);
    expect(a.article?.link).toBe('https://example.org/record');
  });

  it('with no event named, the newest figure', async () => {
    expect((await ask('How many drones did Russia use?')).figure?.value).toBe(400);
  });
});
