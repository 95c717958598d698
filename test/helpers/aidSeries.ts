/**
 * Three reports of the US running total of aid, on three days, stored with their figures as ingest
 * would store them: enough for a chart with three dots. Sentences written for these tests.
 */
import type { Store } from '../../src/store/store.js';

export const AID_REPORTS = [
  { day: '2024-03-04', value: 44.2e9, qualifier: 'about' as const, quote: 'about $44.2 billion', text: 'Washington has now given about $44.2 billion in military aid to Kyiv, officials said.' },
  { day: '2024-06-12', value: 51e9, qualifier: 'exact' as const, quote: '$51 billion', text: 'The United States has sent $51 billion in military aid so far, the Pentagon said on Wednesday.' },
  { day: '2024-10-21', value: 58e9, qualifier: 'more_than' as const, quote: 'more than $58 billion', text: 'The United States has provided more than $58 billion in military aid, a spokesman told reporters.' },
];

export async function seedAidSeries(store: Store, reports = AID_REPORTS): Promise<void> {
  const feed = await store.upsertFeed({ url: 'https://feeds.example/wire-aid.xml', title: 'Wire', trusted: true });
  for (const [i, r] of reports.entries()) {
    const published = `${r.day}T12:00:00.000Z`;
    const { inserted } = await store.saveArticles(
      feed.id,
      [{ guid: `aid-${r.day}`, link: `https://wire.example/aid/${i}`, title: `US aid report ${i + 1}`, published, publishedIsFetchTime: false, author: null, summary: null, text: r.text }],
      published,
    );
    const start = r.text.indexOf(r.quote);
    await store.replaceFigures(inserted[0]!.id, [
      { value: r.value, value_max: null, unit: 'USD', qualifier: r.qualifier, category: 'aid', actor: 'United States', cumulative: true, status: null, since: null, event: null, quote: r.quote, start, end: start + r.quote.length, sentence: r.text },
    ]);
  }
}
