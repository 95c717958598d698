import { describe, expect, it } from 'vitest';
import { buildDigest } from '../../src/digest/buildDigest.js';
import type { DigestInput } from '../../src/digest/digestInput.js';
import type { Digest } from '../../src/digest/digest.js';
import { FEEDS, PERIOD, TOPICS, article, seedScenario } from './fixtures.js';

function input(overrides: Partial<DigestInput>): DigestInput {
  return {
    channelKey: 'slack:C1',
    title: 'Digest',
    ...PERIOD,
    articles: [],
    figures: [],
    previousFigures: new Map(),
    topics: TOPICS,
    subscriptions: { topics: ['ukraine-aid', 'ukraine-war'], feeds: [FEEDS.tech.feedUrl] },
    maxArticles: 25,
    ...overrides,
  };
}

function titlesBySection(d: Digest): Record<string, string[]> {
  return Object.fromEntries(d.sections.map((s) => [s.heading, s.items.map((i) => i.title)]));
}

describe('buildDigest: what goes into a channel digest', () => {
  it('groups articles under the followed topics in config order and direct feeds under "Other feeds"', () => {
    const d = buildDigest(seedScenario());
    expect(d.sections.map((s) => [s.topicId, s.heading])).toEqual([
      ['ukraine-aid', 'Military aid to Ukraine'],
      ['ukraine-war', 'The war in figures'],
      [null, 'Other feeds'],
    ]);
    expect(titlesBySection(d)).toEqual({
      'Military aid to Ukraine': ["Austin in Kyiv: US 'will get Ukraine what it needs'"],
      'The war in figures': [
        'North Korea may send thousands of troops to fight for Russia, Western officials warn',
        'Russian missile strike on Zaporizhzhia kills two, injures 15',
      ],
      'Other feeds': ['Satellite imagery startups see demand surge'],
    });
  });

  it('gives each item its title, sources, time and link', () => {
    const d = buildDigest(seedScenario());
    const strike = d.sections[1]!.items[1]!;
    expect(strike).toMatchObject({
      articleId: 104,
      title: 'Russian missile strike on Zaporizhzhia kills two, injures 15',
      sources: ['VOA'],
      published: '2024-10-21T10:20:00.000Z',
      link: 'https://www.voanews.com/a/zaporizhzhia-strike/7833001.html',
    });
  });

  it('puts a topic-feed article in a keyword topic only when it mentions a keyword as a whole word', () => {
    const d = buildDigest(
      input({
        articles: [
          // "said" contains "aid" but is not the word "aid".
          article({ id: 1, title: 'Austin said Kyiv will prevail', published: '2024-10-21T09:00:00Z', sources: [FEEDS.ap] }),
          article({ id: 2, title: 'Pentagon readies new tranche', published: '2024-10-21T10:00:00Z', sources: [FEEDS.ap] }),
          article({ id: 3, title: 'Talks in Brussels', summary: 'Allies discuss Security  Assistance for 2025', published: '2024-10-21T11:00:00Z', sources: [FEEDS.ap] }),
        ],
      }),
    );
    expect(titlesBySection(d)).toEqual({ 'Military aid to Ukraine': ['Talks in Brussels', 'Pentagon readies new tranche'] });
  });

  it('lists an article that fits two topics once, under the first followed topic', () => {
    const d = buildDigest(
      input({ articles: [article({ id: 1, title: 'US sends more aid', published: '2024-10-21T09:00:00Z', sources: [FEEDS.voa] })] }),
    );
    expect(d.sections).toHaveLength(1);
    expect(d.sections[0]!.topicId).toBe('ukraine-aid');
  });

  it('falls back to the next topic when the first one\'s keywords are not mentioned', () => {
    const d = buildDigest(
      input({ articles: [article({ id: 1, title: 'Drones hit Odesa', published: '2024-10-21T09:00:00Z', sources: [FEEDS.voa] })] }),
    );
    expect(d.sections.map((s) => s.topicId)).toEqual(['ukraine-war']);
  });

  it('leaves out articles of feeds the channel does not follow, and seeded backlog', () => {
    const d = buildDigest(
      input({
        subscriptions: { topics: ['ukraine-war'], feeds: [] },
        articles: [
          article({ id: 1, title: 'From AP, a feed of another topic', published: '2024-10-21T09:00:00Z', sources: [FEEDS.ap] }),
          article({ id: 2, title: 'From the tech feed', published: '2024-10-21T09:00:00Z', sources: [FEEDS.tech] }),
          article({ id: 3, title: 'Old backlog item', published: '2024-10-21T09:00:00Z', sources: [FEEDS.voa], seeded: true }),
          article({ id: 4, title: 'Followed and new', published: '2024-10-21T09:00:00Z', sources: [FEEDS.voa] }),
        ],
      }),
    );
    expect(titlesBySection(d)).toEqual({ 'The war in figures': ['Followed and new'] });
    expect(d.articleCount).toBe(1);
  });

  it('shows a topic subscription to a topic no longer in config as nothing, not as an error', () => {
    const d = buildDigest(
      input({
        subscriptions: { topics: ['gone-topic'], feeds: [] },
        articles: [article({ id: 1, title: 'Anything', published: '2024-10-21T09:00:00Z', sources: [FEEDS.voa] })],
      }),
    );
    expect(d.sections).toEqual([]);
  });

  it('orders items newest first', () => {
    const d = buildDigest(
      input({
        subscriptions: { topics: [], feeds: [FEEDS.tech.feedUrl] },
        articles: [
          article({ id: 1, title: 'Middle story of the day', published: '2024-10-21T12:00:00Z', sources: [FEEDS.tech] }),
          article({ id: 2, title: 'Newest story of the day', published: '2024-10-21T18:00:00Z', sources: [FEEDS.tech] }),
          article({ id: 3, title: 'Oldest story of the day', published: '2024-10-21T06:00:00Z', sources: [FEEDS.tech] }),
        ],
      }),
    );
    expect(d.sections[0]!.items.map((i) => i.articleId)).toEqual([2, 1, 3]);
  });

  it('keeps the newest maxArticles items and counts the rest as omitted', () => {
    const articles = Array.from({ length: 7 }, (_, i) =>
      article({ id: i + 1, title: `Distinct headline number ${i + 1} about satellites`, published: `2024-10-21T1${i}:00:00Z`, sources: [FEEDS.tech] }),
    );
    const d = buildDigest(input({ subscriptions: { topics: [], feeds: [FEEDS.tech.feedUrl] }, articles, maxArticles: 3 }));
    expect(d.sections[0]!.items.map((i) => i.articleId)).toEqual([7, 6, 5]);
    expect(d.articleCount).toBe(3);
    expect(d.omittedCount).toBe(4);
  });

  it('applies maxArticles across topics, not per topic', () => {
    const d = buildDigest({ ...seedScenario(), maxArticles: 2 });
    expect(d.sections.flatMap((s) => s.items.map((i) => i.articleId))).toEqual([101, 103]);
    expect(d.omittedCount).toBe(2);
  });

  it('refuses a maxArticles below 1 with a clear error', () => {
    expect(() => buildDigest(input({ maxArticles: 0 }))).toThrow(/maxArticles must be a positive integer/);
  });

  it('produces an empty digest when nothing is new', () => {
    const d = buildDigest(input({}));
    expect(d).toMatchObject({ sections: [], figures: [], articleCount: 0, omittedCount: 0 });
  });
});

describe('buildDigest: the same story from several feeds is one item', () => {
  it('shows one article carried by two feeds once, with both sources', () => {
    const d = buildDigest(
      input({ articles: [article({ id: 1, title: 'US pledges aid', published: '2024-10-21T09:00:00Z', sources: [FEEDS.voa, FEEDS.kyiv] })] }),
    );
    expect(d.sections[0]!.items).toHaveLength(1);
    expect(d.sections[0]!.items[0]!.sources).toEqual(['VOA', 'The Kyiv Independent']);
  });

  it('folds near-identical titles of different articles into the first report, with every source', () => {
    const d = buildDigest(
      input({
        articles: [
          article({ id: 2, title: 'U.S. announces $400 million aid package for Ukraine - AP News', published: '2024-10-21T11:00:00Z', sources: [FEEDS.ap] }),
          article({ id: 1, title: 'US announces $400 million aid package for Ukraine', published: '2024-10-21T09:00:00Z', sources: [FEEDS.voa] }),
          article({ id: 3, title: 'US Announces $400 Million Military Aid Package For Ukraine', published: '2024-10-21T13:00:00Z', sources: [FEEDS.kyiv], link: null }),
        ],
      }),
    );
    const items = d.sections.flatMap((s) => s.items);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      articleId: 1,
      title: 'US announces $400 million aid package for Ukraine',
      link: 'https://news.example/articles/1',
      sources: ['VOA', 'AP', 'The Kyiv Independent'],
      articleIds: [1, 2, 3],
    });
    expect(d.articleCount).toBe(1);
  });

  it('keeps stories apart when their numbers differ', () => {
    const d = buildDigest(
      input({
        articles: [
          article({ id: 1, title: 'US announces $400 million aid package for Ukraine', published: '2024-10-21T09:00:00Z', sources: [FEEDS.voa] }),
          article({ id: 2, title: 'US announces $500 million aid package for Ukraine', published: '2024-10-21T11:00:00Z', sources: [FEEDS.ap] }),
        ],
      }),
    );
    expect(d.articleCount).toBe(2);
  });

  it('keeps a recurring title apart when the reports are days apart', () => {
    const d = buildDigest(
      input({
        articles: [
          article({ id: 1, title: 'Ukraine war: what we know on day 970', published: '2024-10-18T09:00:00Z', sources: [FEEDS.voa] }),
          article({ id: 2, title: 'Ukraine war: what we know on day 970', published: '2024-10-21T09:00:00Z', sources: [FEEDS.kyiv] }),
        ],
      }),
    );
    expect(d.articleCount).toBe(2);
  });

  it('keeps short generic titles apart', () => {
    const d = buildDigest(
      input({
        articles: [
          article({ id: 1, title: 'Live updates', published: '2024-10-21T09:00:00Z', sources: [FEEDS.voa] }),
          article({ id: 2, title: 'Live updates', published: '2024-10-21T10:00:00Z', sources: [FEEDS.kyiv] }),
        ],
      }),
    );
    expect(d.articleCount).toBe(2);
  });

  it('folds 2,000 articles telling 1,000 stories in pairs into 1,000 items', () => {
    const articles = Array.from({ length: 2000 }, (_, i) =>
      article({
        id: i + 1,
        title: `Story ${Math.floor(i / 2)}: officials in region ${Math.floor(i / 2) % 37} report update on aid convoy`,
        published: '2024-10-21T09:00:00Z',
        sources: [i % 2 === 0 ? FEEDS.voa : FEEDS.kyiv],
      }),
    );
    const d = buildDigest(input({ articles, maxArticles: 500 }));
    expect(d.articleCount + d.omittedCount).toBe(1000);
  });
});
