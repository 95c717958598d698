import { describe, expect, it } from 'vitest';
import { buildDigest } from '../../src/digest/buildDigest.js';
import type { DigestInput, DigestTopic } from '../../src/digest/digestInput.js';
import type { Digest } from '../../src/digest/digest.js';
import { FEEDS, PERIOD, article } from './fixtures.js';

const both = [FEEDS.voa.feedUrl, FEEDS.kyiv.feedUrl];
const AID: DigestTopic = { id: 'aid', name: 'Military aid', keywords: ['aid', 'aid package', 'weapons', 'tranche'], feedUrls: both };
const WAR: DigestTopic = { id: 'war', name: 'The war in figures', keywords: ['drone', 'missile', 'killed', 'strike', 'shelling'], feedUrls: both };

function digestOf(topics: DigestTopic[], articles: DigestInput['articles']): Digest {
  return buildDigest({
    channelKey: 'slack:C9',
    title: 'Digest',
    ...PERIOD,
    articles,
    figures: [],
    previousFigures: new Map(),
    topics,
    subscriptions: { topics: topics.map((t) => t.id), feeds: [] },
    maxArticles: 25,
  });
}

const sections = (d: Digest): Record<string, string[]> => Object.fromEntries(d.sections.map((s) => [s.heading, s.items.map((i) => i.title)]));

describe('an article sits in the topic it matches best', () => {
  it('a strike report that mentions aid once goes to the war topic, though the aid topic comes first', () => {
    const d = digestOf([AID, WAR], [
      article({
        id: 1,
        title: 'Night strike on Kharkiv: drones and a missile hit the tram depot',
        summary: 'Four people were killed. The mayor asked partners for more aid.',
        published: '2024-10-21T09:00:00Z',
        sources: [FEEDS.voa],
      }),
    ]);
    expect(sections(d)).toEqual({ 'The war in figures': ['Night strike on Kharkiv: drones and a missile hit the tram depot'] });
  });

  it('keywords in the title weigh more than those in the body', () => {
    const d = digestOf([WAR, AID], [
      article({
        id: 2,
        title: 'Oslo announces a new aid package',
        text: 'The package pays for drone jammers and missile interceptors.',
        published: '2024-10-21T09:00:00Z',
        sources: [FEEDS.kyiv],
      }),
    ]);
    expect(sections(d)).toEqual({ 'Military aid': ['Oslo announces a new aid package'] });
  });

  it('on a tie the topic listed first wins', () => {
    const d = digestOf([AID, WAR], [
      article({ id: 3, title: 'Weapons and shelling', published: '2024-10-21T09:00:00Z', sources: [FEEDS.voa] }),
    ]);
    expect(d.sections.map((s) => s.topicId)).toEqual(['aid']);
  });

  it('a plural matches its keyword: "Missiles" is about "missile"', () => {
    const d = digestOf([AID, WAR], [article({ id: 4, title: 'Missiles over Odesa', published: '2024-10-21T09:00:00Z', sources: [FEEDS.voa] })]);
    expect(d.sections.map((s) => s.topicId)).toEqual(['war']);
  });

  it('a topic without keywords takes only what no keyword topic claims, even when it is listed first', () => {
    const everything: DigestTopic = { id: 'all', name: 'Everything else', keywords: [], feedUrls: both };
    const d = digestOf([everything, WAR], [
      article({ id: 5, title: 'Shelling near Kherson', published: '2024-10-21T10:00:00Z', sources: [FEEDS.voa] }),
      article({ id: 6, title: 'Parliament passes the budget', published: '2024-10-21T09:00:00Z', sources: [FEEDS.voa] }),
    ]);
    expect(sections(d)).toEqual({ 'Everything else': ['Parliament passes the budget'], 'The war in figures': ['Shelling near Kherson'] });
  });

  it('a keyword repeated does not outweigh two different ones', () => {
    const d = digestOf([WAR, AID], [
      article({
        id: 7,
        title: 'Briefing',
        text: 'Weapons, weapons, weapons and more weapons, the minister said. A tranche of aid follows. A drone was seen.',
        published: '2024-10-21T09:00:00Z',
        sources: [FEEDS.voa],
      }),
    ]);
    // aid: weapons, tranche, aid (3 distinct); war: drone (1).
    expect(d.sections.map((s) => s.topicId)).toEqual(['aid']);
  });
});
