/**
 * collectDigestInput against the real SQLite store: what a channel's digest reads from the database,
 * from subscriptions to the previous report of a running total.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/schema.js';
import { buildDigest } from '../../src/digest/buildDigest.js';
import { collectDigestInput } from '../../src/digest/collectDigestInput.js';
import { renderText } from '../../src/digest/render/text.js';
import type { Figure } from '../../src/figures/figure.js';
import type { FeedItem } from '../../src/feeds/feedItem.js';
import { createLogger } from '../../src/observability/logger.js';
import { openStore } from '../../src/store/open.js';
import type { ChannelRecord, Store } from '../../src/store/store.js';
import { LABELS, goldArticle } from './fixtures.js';

const URLS = {
  voa: 'https://feeds.example/voa.xml',
  ap: 'https://feeds.example/ap.xml',
  tech: 'https://feeds.example/tech.xml',
  unfollowed: 'https://feeds.example/unfollowed.xml',
};

const config: Pick<Config, 'topics' | 'feeds' | 'labels'> = {
  labels: LABELS,
  topics: [
    { id: 'ukraine-aid', name: 'Military aid to Ukraine', keywords: [] },
    { id: 'ukraine-war', name: 'The war in figures', keywords: [] },
  ],
  feeds: [
    { url: URLS.voa, title: 'VOA', topics: ['ukraine-aid', 'ukraine-war'], fullText: false },
    { url: URLS.ap, title: 'AP', topics: ['ukraine-aid'], fullText: false },
  ],
};

const PERIOD_START = '2024-10-21T08:00:00.000Z';
const PERIOD_END = '2024-10-22T08:00:00.000Z';

function item(title: string, published: string, text: string | null = null): FeedItem {
  return { guid: title, link: `https://news.example/${encodeURIComponent(title)}`, title, published, publishedIsFetchTime: false, author: null, summary: null, text };
}

/** The gold figures of a seed article, with the offsets and sentence the store requires. */
function goldFigures(id: 's1' | 's2'): Figure[] {
  const a = goldArticle(id);
  return a.figures.map((f) => {
    const start = a.text.indexOf(f.quote);
    return { ...f, start, end: start + f.quote.length, sentence: f.quote };
  });
}

let dir: string;
let store: Store;
let channel: ChannelRecord;
const ids: Record<string, number> = {};

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'nd-digest-'));
  store = await openStore({ DATA_DIR: dir, DATABASE_URL: undefined }, createLogger({ level: 'silent' }));
  await store.migrate();
  const feeds = {
    voa: await store.upsertFeed({ url: URLS.voa, title: 'VOA', trusted: true }),
    ap: await store.upsertFeed({ url: URLS.ap, title: 'AP', trusted: true }),
    tech: await store.upsertFeed({ url: URLS.tech, title: 'Tech Weekly', trusted: true }),
    unfollowed: await store.upsertFeed({ url: URLS.unfollowed, title: 'Unfollowed', trusted: true }),
  };
  const s1 = goldArticle('s1');
  const s2 = goldArticle('s2');
  // The AP report of January: stored then, long before this digest's period.
  const jan = await store.saveArticles(feeds.ap.id, [item(s2.title, '2024-01-22T16:00:00.000Z', s2.text)], '2024-01-22T17:00:00.000Z');
  ids.ap = jan.inserted[0]!.id;
  await store.replaceFigures(ids.ap, goldFigures('s2'));
  // The period: the VOA report, a tech story followed directly, and a story of an unfollowed feed.
  const oct = await store.saveArticles(feeds.voa.id, [item(s1.title, '2024-10-21T14:30:00.000Z', s1.text)], '2024-10-21T15:00:00.000Z');
  ids.voa = oct.inserted[0]!.id;
  await store.replaceFigures(ids.voa, goldFigures('s1'));
  ids.tech = (await store.saveArticles(feeds.tech.id, [item('Satellite imagery startups see demand surge', '2024-10-21T12:00:00.000Z')], '2024-10-21T12:05:00.000Z')).inserted[0]!.id;
  ids.unfollowed = (await store.saveArticles(feeds.unfollowed.id, [item('Not for this channel', '2024-10-21T12:00:00.000Z')], '2024-10-21T12:05:00.000Z')).inserted[0]!.id;
  // After the period: belongs to the next digest.
  ids.late = (await store.saveArticles(feeds.voa.id, [item('Tomorrow news', '2024-10-22T09:00:00.000Z')], '2024-10-22T09:00:00.000Z')).inserted[0]!.id;

  channel = await store.upsertChannel({
    platform: 'discord',
    externalId: '1234',
    workspaceId: null,
    schedule: '0 8 * * *',
    timezone: 'UTC',
    maxArticles: 25,
    postWhenEmpty: false,
    origin: 'config',
  });
  await store.addSubscription(channel.key, 'topic', 'ukraine-aid');
  await store.addSubscription(channel.key, 'topic', 'ukraine-war');
  await store.addSubscription(channel.key, 'feed', URLS.tech);
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('collectDigestInput', () => {
  it('reads the articles of the followed topics and feeds first seen in the period, and their figures', async () => {
    const input = await collectDigestInput(store, config, channel, PERIOD_START, PERIOD_END);
    expect(new Set(input.articles.map((a) => a.id))).toEqual(new Set([ids.voa, ids.tech]));
    expect(input.articles).toHaveLength(2);
    expect(new Set(input.figures.map((f) => f.articleId))).toEqual(new Set([ids.voa]));
    expect(input.figures).toHaveLength(goldArticle('s1').figures.length);
    expect(input.subscriptions).toEqual({ topics: ['ukraine-aid', 'ukraine-war'], feeds: [URLS.tech] });
    expect(input.topics.map((t) => [t.id, t.feedUrls])).toEqual([
      ['ukraine-aid', [URLS.voa, URLS.ap]],
      ['ukraine-war', [URLS.voa]],
    ]);
    expect(input).toMatchObject({ channelKey: 'discord:1234', maxArticles: 25, timezone: 'UTC', title: 'News digest · 22 Oct 2024' });
  });

  it('finds the previous report of a running total in an earlier article: its total, not one of its parts', async () => {
    const input = await collectDigestInput(store, config, channel, PERIOD_START, PERIOD_END);
    const previous = [...input.previousFigures.values()];
    expect(previous.filter((f) => f.category === 'aid' && f.actor === 'United States')).toMatchObject([
      { articleId: ids.ap, value: 44_200_000_000, qualifier: 'more_than', sourceName: 'AP' },
    ]);
    // Running totals with no earlier report have no previous value.
    expect(previous.some((f) => f.category === 'troops')).toBe(false);
  });

  it('never takes a proposed total, or one of another period, as the previous report of what was given', async () => {
    const feed = (await store.getFeed(URLS.ap))!;
    const text = 'Lawmakers are still stuck on a bill that would bring US aid to $95 billion in total. Counting since 2014, US help stands at $70 billion.';
    const stuck: Figure = {
      value: 95e9, value_max: null, unit: 'USD', qualifier: 'exact', category: 'aid', actor: 'United States', cumulative: true,
      status: 'proposed', since: null, event: null, quote: '$95 billion', start: text.indexOf('$95 billion'), end: text.indexOf('$95 billion') + 11, sentence: text.split('. ')[0]!,
    };
    const older: Figure = { ...stuck, value: 70e9, status: 'delivered', since: '2014', quote: '$70 billion', start: text.indexOf('$70 billion'), end: text.indexOf('$70 billion') + 11, sentence: text.split('. ')[1]! };
    const saved = await store.saveArticles(feed.id, [item('Aid bill stuck again', '2024-09-30T10:00:00.000Z', text)], '2024-09-30T10:05:00.000Z');
    await store.replaceFigures(saved.inserted[0]!.id, [stuck, older]);
    const digest = buildDigest(await collectDigestInput(store, config, channel, PERIOD_START, PERIOD_END));
    const usTotal = digest.figures.find((f) => f.category === 'aid' && f.actor === 'United States' && f.cumulative)!;
    expect(usTotal).toMatchObject({ label: 'Total aid (United States)', text: 'more than $58 billion', previous: { text: '$44.2 billion', source: 'AP' } });
  });

  it('feeds buildDigest and the renderers end to end', async () => {
    const digest = buildDigest(await collectDigestInput(store, config, channel, PERIOD_START, PERIOD_END));
    expect(renderText(digest)).toContain(
      '  • Total aid (United States): more than $58 billion (VOA, 21 Oct), up from $44.2 billion on 22 Jan\n',
    );
    expect(digest.sections.map((s) => s.heading)).toEqual(['Military aid to Ukraine', 'Other feeds']);
  });

  it('reads nothing for a channel that follows nothing', async () => {
    const lonely = await store.upsertChannel({ ...channel, externalId: '999' });
    const input = await collectDigestInput(store, config, lonely, PERIOD_START, PERIOD_END);
    expect(input.articles).toEqual([]);
    expect(renderText(buildDigest(input))).toBe('News digest · 22 Oct 2024\nNothing new since Mon 21 Oct, 08:00 UTC.\n');
  });
});
