/** Groups and exclusions: "Europe" answers with Europe's own figure, else lists its members' own figures, never a sum. */
import { beforeEach, describe, expect, it } from 'vitest';
import { answer } from '../../src/answers/answer.js';
import { openReportStore, useReportStore } from './reportStore.js';

const { reports, config, ask } = useReportStore();
const total = (actor: string, value: number, who: string) => ({ value, unit: 'EUR', category: 'aid', actor, cumulative: true, quote: `EUR ${value / 1e9} billion`, sentence: `${who} has committed EUR ${value / 1e9} billion to Kyiv so far.` });

beforeEach(async () => {
  await reports().add({ feed: 'Tracker', title: 'Berlin total', published: '2025-02-01T10:00:00.000Z', link: 'https://example.org/de', figures: [total('Germany', 12e9, 'Germany')] });
  await reports().add({ feed: 'Tracker', title: 'Paris total', published: '2025-02-02T10:00:00.000Z', link: 'https://example.org/fr', figures: [total('France', 5e9, 'France')] });
  await reports().add({ feed: 'Tracker', title: 'Washington total', published: '2025-02-03T10:00:00.000Z', link: 'https://example.org/us', figures: [{ ...total('United States', 60e9, 'Washington'), unit: 'EUR' }] });
});

describe('a group named in the question', () => {
  it('with no figure of its own, lists each member\'s own total, largest first, not added up', async () => {
    const a = await ask('How much has Europe committed to Ukraine so far?');
    expect(a.breakdown?.map((b) => [b.figure.actor, b.figure.value])).toEqual([
      ['Germany', 12e9],
      ['France', 5e9],
    ]);
    expect(a.text.split('\n')[0]).toBe('Total aid (Europe) as of 1 Jun 2025: no figure for Europe as a whole; each member\'s own latest, largest first (not added up):');
    expect(a.text).not.toContain('17');
  });

  it('closes with an example naming the first member listed, never the United States it left out, and the example answers', async () => {
    const a = await ask('How much has Europe committed to Ukraine so far?');
    const hint = a.text.split('\n').at(-1)!;
    expect(hint).toBe('Name an actor for its quote and earlier values, e.g. "What is the total aid from Germany to date?".');
    expect(hint).not.toContain('United States');
    const example = await ask(hint.match(/"([^"]+)"/)![1]!);
    expect([example.figure?.actor, example.figure?.value]).toEqual(['Germany', 12e9]);
  });

  it('with a figure of its own, answers with it', async () => {
    await reports().add({ feed: 'Tracker', title: 'European total', published: '2025-03-01T10:00:00.000Z', link: 'https://example.org/eu', figures: [total('Europe', 80e9, 'Europe as a whole')] });
    const a = await ask('How much has Europe committed to Ukraine so far?');
    expect(a.breakdown).toBeUndefined();
    expect([a.figure?.actor, a.figure?.value]).toEqual(['Europe', 80e9]);
  });

  it('with one member holding a figure, says it is that member\'s, not the group\'s', async () => {
    const one = await openReportStore();
    await one.add({ feed: 'Tracker', title: 'Berlin total', published: '2025-02-01T10:00:00.000Z', link: 'https://example.org/de', figures: [total('Germany', 12e9, 'Germany')] });
    const a = await answer('How much has Europe committed to Ukraine so far?', { store: one.store, config }, { asOf: '2025-06-01' });
    await one.cleanup();
    expect(a.text.split('\n').slice(0, 2)).toEqual(['No figure for Europe as a whole; the one member with a figure:', 'Total aid (Germany): €12 billion (running total) — as of 1 Jun 2025.']);
  });

  it('"other than the US" leaves the US out of a breakdown', async () => {
    const a = await ask('What is the total aid to Ukraine from countries other than the US?');
    expect(a.breakdown?.map((b) => b.figure.actor)).toEqual(['Germany', 'France']);
  });

  it('the recipient ("for Kyiv") is never the actor', async () => {
    const a = await ask('How much has Germany committed for Kyiv so far?');
    expect([a.figure?.actor, a.figure?.value]).toEqual(['Germany', 12e9]);
  });
});
