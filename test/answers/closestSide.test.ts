/** A toll asked about a town no report names: the closest figure stays with the side that was hit, not the newest actor. */
import { beforeEach, describe, expect, it } from 'vitest';
import { useReportStore } from './reportStore.js';

const { reports, ask } = useReportStore();
const killed = (actor: string, value: number, sentence: string) => ({ value, unit: 'count', category: 'casualties_killed', actor, cumulative: false, quote: `${value} people`, sentence });

beforeEach(async () => {
  await reports().add({ feed: 'Wire', title: 'Strike on Poltava', published: '2025-01-05T10:00:00.000Z', link: 'https://example.org/p1', figures: [killed('Ukraine', 7, '7 people were killed when a missile hit a market in Poltava.')] });
  await reports().add({ feed: 'Wire', title: 'Strike on Sumy', published: '2025-02-05T10:00:00.000Z', link: 'https://example.org/p2', figures: [killed('Ukraine', 11, '11 people were killed in a drone strike on Sumy.')] });
  await reports().add({ feed: 'Wire', title: 'Pyongyang losses', published: '2025-03-20T10:00:00.000Z', link: 'https://example.org/nk', figures: [killed('North Korea', 300, 'About 300 people from North Korea were killed in Kursk, officials said.')] });
});

describe('the closest figure for a toll in a place no report names', () => {
  it('suggests the side that was hit (most reported on), not the newest actor, and the suggestion answers', async () => {
    const a = await ask('How many people were killed in the Russian attack on Zorivka?');
    expect(a.figure).toBeNull();
    expect(a.text).toContain('Closest I hold: people killed (Ukraine), latest 5 Feb 2025; try "How many people were killed in Ukraine?".');
    expect(a.text).not.toContain('North Korea');
    const example = await ask('How many people were killed in Ukraine?');
    expect([example.figure?.actor, example.figure?.value]).toEqual(['Ukraine', 11]);
  });
});
