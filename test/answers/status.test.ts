/** Where money stands: "pledged" prefers pledged figures, "delivered" delivered ones; a proposed figure never answers what was given. */
import { beforeEach, describe, expect, it } from 'vitest';
import { useReportStore } from './reportStore.js';

const { reports, ask } = useReportStore();

beforeEach(async () => {
  await reports().add({
    feed: 'Wire',
    title: 'Norway sets out its aid',
    published: '2025-03-01T10:00:00.000Z',
    link: 'https://example.org/norway',
    figures: [
      { value: 7e9, unit: 'EUR', category: 'aid', actor: 'Norway', cumulative: true, status: 'pledged', quote: 'EUR 7 billion', sentence: 'Norway has pledged EUR 7 billion to Kyiv since the invasion.' },
      { value: 4e9, unit: 'EUR', category: 'aid', actor: 'Norway', cumulative: true, status: 'delivered', quote: 'EUR 4 billion', sentence: 'Of that, EUR 4 billion has been delivered so far.' },
    ],
  });
  await reports().add({
    feed: 'Wire',
    title: 'Oslo asks parliament for more',
    published: '2025-04-01T10:00:00.000Z',
    link: 'https://example.org/norway-request',
    figures: [{ value: 9e9, unit: 'EUR', category: 'aid', actor: 'Norway', cumulative: true, status: 'proposed', quote: 'EUR 9 billion', sentence: 'The government asked parliament to raise the total to EUR 9 billion.' }],
  });
});

describe('status asked for', () => {
  it('"pledged" answers with the pledged total', async () => {
    const a = await ask('How much has Norway pledged to Ukraine so far?');
    expect([a.figure?.value, a.figure?.unit, a.article?.link]).toEqual([7e9, 'EUR', 'https://example.org/norway']);
  });

  it('"delivered" answers with the delivered total of the same report', async () => {
    const a = await ask('How much aid has Norway delivered to Ukraine in total?');
    expect([a.figure?.value, a.article?.link]).toEqual([4e9, 'https://example.org/norway']);
  });

  it('a newer proposed total never answers "to date"; it follows as "Also pending"', async () => {
    const a = await ask('What is the total Norwegian aid to date?');
    expect(a.figure?.value).toBe(7e9);
    expect(a.text.split('\n').at(-1)).toBe('Also pending (proposed, not given): €9 billion — Wire, 1 Apr 2025: "Oslo asks parliament for more" https://example.org/norway-request');
  });

  it('a question about a request answers with the proposed figure', async () => {
    const a = await ask('How much aid has Norway requested?');
    expect([a.figure?.value, a.article?.link]).toEqual([9e9, 'https://example.org/norway-request']);
  });

  it('"delivered" with only pledges held gives no figure', async () => {
    await reports().add({ feed: 'Wire', title: 'Sweden pledges', published: '2025-05-01T10:00:00.000Z', figures: [{ value: 3e9, unit: 'EUR', category: 'aid', actor: 'Sweden', cumulative: true, status: 'pledged', quote: 'EUR 3 billion', sentence: 'Sweden has pledged EUR 3 billion in total.' }] });
    const a = await ask('How much aid has Sweden delivered to Ukraine in total?');
    expect(a.figure).toBeNull();
    expect(a.text.split('\n')).toHaveLength(1);
    expect(a.text.startsWith('I have no figure for total aid (Sweden). Closest I hold: total aid (')).toBe(true);
  });
});

describe('when no figure fits, the closest figure held is dated by what its example answers with', () => {
  it('names the day of the given total the example answers with, not the newer proposed request, and says plainly nothing is held on the measure', async () => {
    const a = await ask('How many refugees have crossed into Poland this year?');
    expect(a.figure).toBeNull();
    expect(a.text).toBe('I hold no figures on that. Closest I hold: total aid (Norway), latest 1 Mar 2025; try "What is the total aid from Norway to date?".');
    // The example really answers, with the figure of the day named above.
    const example = await ask('What is the total aid from Norway to date?');
    expect(example.article?.published.slice(0, 10)).toBe('2025-03-01');
  });

  it('keeps "can\'t tell" for a question that asks for no figure by name', async () => {
    for (const q of ['Tell me about Norway.', 'How much has changed?']) {
      const a = await ask(q);
      expect(a.text.startsWith("I can't tell which figure you are asking about, so I won't guess. Closest I hold: ")).toBe(true);
    }
  });
});
