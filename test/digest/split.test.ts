import { describe, expect, it } from 'vitest';
import { buildDigest } from '../../src/digest/buildDigest.js';
import type { Digest } from '../../src/digest/digest.js';
import type { DigestInput, DigestTopic } from '../../src/digest/digestInput.js';
import { renderDiscord } from '../../src/digest/render/discord.js';
import { DISCORD_LIMITS, SLACK_LIMITS, discordMessageViolations, slackMessageViolations } from '../../src/digest/render/limits.js';
import type { SlackSectionBlock } from '../../src/digest/render/messages.js';
import { renderSlack } from '../../src/digest/render/slack.js';
import type { ArticleSource, StoredFigure } from '../../src/store/store.js';
import { PERIOD, article, figure } from './fixtures.js';

const FEED_COUNT = 12;
const feeds: ArticleSource[] = Array.from({ length: FEED_COUNT }, (_, i) => ({
  feedId: i + 1,
  feedUrl: `https://feeds.example/${i + 1}.xml`,
  // Long names, and characters that grow when escaped.
  name: `Feed & Wire Service <${i + 1}> ${'*'.repeat(8)} with a rather long name for a news source ${i + 1}`,
}));
const topics: DigestTopic[] = [
  { id: 'aid', name: 'Military aid to Ukraine', keywords: [], feedUrls: feeds.slice(0, 4).map((f) => f.feedUrl) },
  { id: 'war', name: 'The war in figures', keywords: [], feedUrls: feeds.slice(4, 8).map((f) => f.feedUrl) },
  { id: 'world', name: 'World news', keywords: [], feedUrls: feeds.slice(8, 10).map((f) => f.feedUrl) },
];

/** "A017:" marks article 17 in every rendering: distinct numbers, so no two titles fold. */
const marker = (i: number): string => `A${String(i).padStart(3, '0')}:`;

function bigInput(count: number, maxArticles: number): DigestInput {
  const filler = 'officials & analysts say <the> *latest* _package_ of ~support~ `arrives` | more to follow — ';
  const articles = Array.from({ length: count }, (_, k) => {
    const i = k + 1;
    const title = `${marker(i)} ${filler.repeat(1 + (i % 6))}`; // 100 to 600 characters, escape-heavy
    const sourceCount = 1 + (i % 7); // up to 7 sources: "+2 more"
    const first = i % FEED_COUNT;
    return article({
      id: i,
      title,
      published: new Date(Date.parse('2024-10-21T08:01:00Z') + i * 60_000).toISOString(),
      link: `https://news.example/${i}/${'segment/'.repeat(i % 40)}?q=a&b=c|d`,
      sources: Array.from({ length: sourceCount }, (_, s) => feeds[(first + s) % FEED_COUNT]!),
    });
  });
  const figures: StoredFigure[] = articles.flatMap((a, k) =>
    [0, 1, 2].map((j) =>
      figure({
        id: k * 3 + j + 1,
        articleId: a.id,
        value: (k + 1) * 1e6 * (j + 1),
        unit: j === 0 ? 'USD' : 'count',
        category: ['aid', 'troops', 'drones'][j]!,
        actor: `Actor ${k % 30}`,
        cumulative: j === 0,
        published: a.published,
        sourceName: feeds[k % FEED_COUNT]!.name,
        articleLink: a.link,
      }),
    ),
  );
  return {
    channelKey: 'discord:1',
    title: 'News digest · 22 Oct 2024',
    ...PERIOD,
    articles,
    figures,
    previousFigures: new Map(),
    topics,
    subscriptions: { topics: ['aid', 'war', 'world'], feeds: feeds.slice(10).map((f) => f.feedUrl) },
    maxArticles,
    maxFigures: 10,
  };
}

function markersIn(texts: string[]): string[] {
  return texts.flatMap((t) => [...t.matchAll(/A(\d{3}):/g)].map((m) => m[0]));
}

function expectedOrder(d: Digest): string[] {
  return d.sections.flatMap((s) => s.items.map((item) => marker(item.articleId)));
}

describe('a 200-article digest is split within every limit', () => {
  const digest = buildDigest(bigInput(200, 500));

  it('builds 200 items and 10 key figures', () => {
    expect(digest.articleCount).toBe(200);
    expect(digest.omittedCount).toBe(0);
    expect(digest.figures).toHaveLength(10);
  });

  it('fits Discord: every message passes the validator, spread over several messages', () => {
    const messages = renderDiscord(digest);
    expect(messages.length).toBeGreaterThan(1);
    messages.forEach((m, i) => expect(discordMessageViolations(m), `message ${i + 1}`).toEqual([]));
    for (const m of messages) {
      expect(m.allowed_mentions).toEqual({ parse: [] });
      expect(m.embeds.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedsPerMessage);
    }
  });

  it('loses no article on Discord: each item appears exactly once, in digest order', () => {
    const texts = renderDiscord(digest).flatMap((m) => m.embeds.map((e) => e.description ?? ''));
    expect(markersIn(texts)).toEqual(expectedOrder(digest));
    expect(new Set(markersIn(texts)).size).toBe(200);
  });

  it('never cuts a Discord item in half: each item line is whole, with its link and time', () => {
    const lines = renderDiscord(digest).flatMap((m) => m.embeds.flatMap((e) => (e.description ?? '').split('\n')));
    const itemLines = lines.filter((l) => /A\d{3}:/.test(l));
    expect(itemLines).toHaveLength(200);
    for (const line of itemLines) expect(line).toMatch(/^• \*\*\[A\d{3}:.*\]\(https:\/\/news\.example\/.*\)\*\* · .* · (Mon|Tue) 2[12] Oct, \d\d:\d\d UTC$/);
  });

  it('labels Discord continuation parts', () => {
    const messages = renderDiscord(digest);
    const footers = messages.map((m) => m.embeds[m.embeds.length - 1]!.footer?.text);
    expect(footers).toEqual(messages.map((_, i) => `Part ${i + 1} of ${messages.length}`));
    expect(messages.flatMap((m) => m.embeds.map((e) => e.title)).some((t) => t?.endsWith('(continued)'))).toBe(true);
  });

  it('fits Slack: every message passes the validator, spread over several messages', () => {
    const messages = renderSlack(digest);
    expect(messages.length).toBeGreaterThan(1);
    messages.forEach((m, i) => expect(slackMessageViolations(m), `message ${i + 1}`).toEqual([]));
    for (const m of messages) expect(m.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
  });

  it('loses no article on Slack: each item appears exactly once, in digest order', () => {
    const texts = renderSlack(digest).flatMap((m) => m.blocks.filter((b): b is SlackSectionBlock => b.type === 'section').map((b) => b.text!.text));
    expect(markersIn(texts)).toEqual(expectedOrder(digest));
  });

  it('labels Slack continuation parts in the fallback text', () => {
    const messages = renderSlack(digest);
    expect(messages.map((m) => m.text)).toEqual(
      messages.map((_, i) => `News digest · 22 Oct 2024: 200 new articles, part ${i + 1} of ${messages.length}`),
    );
  });
});

describe('maxArticles caps a long digest', () => {
  const digest = buildDigest(bigInput(200, 50));

  it('renders exactly the 50 newest items on both platforms and says 150 more were not shown', () => {
    expect(digest.articleCount).toBe(50);
    expect(digest.omittedCount).toBe(150);
    const newest = Array.from({ length: 50 }, (_, k) => marker(200 - k));
    const discord = renderDiscord(digest);
    const discordMarkers = markersIn(discord.flatMap((m) => m.embeds.map((e) => e.description ?? '')));
    expect(new Set(discordMarkers)).toEqual(new Set(newest));
    expect(discordMarkers).toHaveLength(50);
    expect(discord[0]!.embeds[0]!.description).toContain('150 more not shown');
    const slack = renderSlack(digest);
    const slackMarkers = markersIn(slack.flatMap((m) => m.blocks.filter((b): b is SlackSectionBlock => b.type === 'section').map((b) => b.text!.text)));
    expect(new Set(slackMarkers)).toEqual(new Set(newest));
    expect(slackMarkers).toHaveLength(50);
  });
});

describe('one over-long item', () => {
  const huge = buildDigest({
    ...bigInput(0, 25),
    articles: [
      article({
        id: 1,
        title: `${marker(1)} ${'Extremely long headline & more <stuff> '.repeat(300)}`,
        published: '2024-10-21T10:00:00Z',
        link: `https://news.example/${'x'.repeat(1900)}`,
        sources: feeds.slice(0, 4),
      }),
    ],
  });

  it('cuts the title with "…" and stays within every Discord limit', () => {
    const messages = renderDiscord(huge);
    expect(messages).toHaveLength(1);
    expect(discordMessageViolations(messages[0])).toEqual([]);
    const line = messages[0]!.embeds[1]!.description!;
    expect(line).toMatch(/…\]\(https:\/\/news\.example\/x+\)/);
  });

  it('cuts the title with "…" and stays within every Slack limit', () => {
    const messages = renderSlack(huge);
    expect(messages).toHaveLength(1);
    expect(slackMessageViolations(messages[0])).toEqual([]);
    expect(JSON.stringify(messages[0])).toContain('…');
  });
});
