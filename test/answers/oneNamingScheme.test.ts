import { beforeEach, describe, expect, it } from 'vitest';
import { answer } from '../../src/answers/answer.js';
import { formatFiguresReply, latestFigures } from '../../src/answers/latestFigures.js';
import { buildDigest } from '../../src/digest/buildDigest.js';
import { renderText } from '../../src/digest/render/text.js';
import { useReportStore } from './reportStore.js';

const { reports, config } = useReportStore();

beforeEach(async () => {
  await reports().add({
    feed: 'Harbour Wire',
    title: 'Ministers meet at the air base',
    published: '2025-02-12T09:00:00.000Z',
    figures: [{ value: 14, unit: 'count', category: 'other', actor: 'Allies', quote: '14 countries', sentence: 'Defence ministers of 14 countries met at the air base.' }],
  });
});

describe('one name for a figure in answers, /figures and digests', () => {
  it('an answer names the coalition count "Countries in the coalition"', async () => {
    const a = await answer('how many countries are in the coalition?', { store: reports().store, config }, { asOf: '2025-03-01' });
    expect(a.text.split('\n')[0]).toBe('Countries in the coalition: 14 — as of 1 Mar 2025.');
    expect(a.label).toBe('Countries in the coalition');
  });

  it('/figures names it the same', async () => {
    const reply = formatFiguresReply(await latestFigures({ store: reports().store, config }, { asOf: '2025-03-01' }));
    expect(reply).toContain('• Countries in the coalition: 14 — Harbour Wire, 12 Feb 2025');
  });

  it('and so does a digest of the report', async () => {
    const figures = await reports().store.findFigures({ category: 'other' });
    const articles = await reports().store.listArticles({});
    const digest = buildDigest({
      channelKey: 'console:console',
      title: 'Digest',
      periodStart: '2025-02-12T00:00:00.000Z',
      periodEnd: '2025-02-13T00:00:00.000Z',
      articles,
      figures,
      previousFigures: new Map(),
      topics: [],
      subscriptions: { topics: [], feeds: articles[0]!.sources.map((s) => s.feedUrl) },
      maxArticles: 5,
      labels: config.labels,
    });
    expect(renderText(digest)).toContain('  • Countries in the coalition: 14 (Harbour Wire, 12 Feb)\n');
  });
});
