import { beforeEach, describe, expect, it } from 'vitest';
import { answer } from '../../src/answers/answer.js';
import { formatFiguresReply, latestFigures } from '../../src/answers/latestFigures.js';
import { useReportStore } from './reportStore.js';

const { reports, config } = useReportStore();

beforeEach(async () => {
  // 23:30 UTC on the 21st is already the 22nd in Tokyo.
  await reports().add({
    feed: 'Harbour Wire',
    title: 'Donors add to their totals',
    published: '2024-03-04T10:00:00.000Z',
    figures: [{ value: 31e9, unit: 'USD', qualifier: 'exact', category: 'aid', actor: 'United States', cumulative: true, quote: '$31 billion', sentence: 'The United States has given $31 billion in military aid so far.' }],
  });
  await reports().add({
    feed: 'Harbour Wire',
    title: 'Late-night total',
    published: '2024-10-21T23:30:00.000Z',
    figures: [{ value: 39e9, unit: 'USD', qualifier: 'exact', category: 'aid', actor: 'United States', cumulative: true, quote: '$39 billion', sentence: 'The United States has given $39 billion in military aid so far.' }],
  });
});

describe('the days in an answer are words, read in the asking channel\'s zone', () => {
  it('names the report\'s day and the earlier value\'s day as "22 Oct 2024", not an ISO date', async () => {
    const a = await answer('total US aid to date', { store: reports().store, config }, { asOf: '2024-11-01', timezone: 'Asia/Tokyo' });
    expect(a.text).toContain('Harbour Wire, 22 Oct 2024: "Late-night total"');
    expect(a.text).toContain('Previously: $31 billion on 4 Mar 2024 (Harbour Wire)');
    expect(a.text).toContain('— as of 1 Nov 2024.');
  });

  it('reads the same report as the 21st in UTC, the default', async () => {
    const a = await answer('total US aid to date', { store: reports().store, config }, { asOf: '2024-11-01' });
    expect(a.text).toContain('Harbour Wire, 21 Oct 2024: "Late-night total"');
  });

  it('/figures says its days in the channel\'s zone too', async () => {
    const overview = await latestFigures({ store: reports().store, config }, { asOf: '2024-11-01' });
    const reply = formatFiguresReply(overview, 'Asia/Tokyo');
    expect(reply.split('\n')[0]).toBe('Latest figures as of 1 Nov 2024:');
    expect(reply).toContain('— Harbour Wire, 22 Oct 2024');
    expect(reply).toContain('(before: $31 billion, 4 Mar 2024)');
  });
});
