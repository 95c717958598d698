/**
 * The I/O side of a digest: reads from the store what buildDigest needs for one channel and one
 * period. Everything after this is pure.
 */
import type { Config } from '../config/schema.js';
import type { ChannelRecord, FeedTopic, Store, StoredArticle, StoredFigure } from '../store/store.js';
import type { DigestInput, DigestSubscriptions, DigestTopic } from './digestInput.js';
import { seriesKey } from './measureKey.js';
import { samePeriod, type SeriesPeriods } from '../answers/series.js';
import { dayInWords } from '../time/timeWords.js';

/** Article ids per findFigures call, to keep each statement's parameter list small. */
const ARTICLE_ID_CHUNK = 500;
/** Reports of one measure looked at to find the newest one outside this digest. */
const PREVIOUS_LOOKBACK = 50;

/**
 * Every configured topic with the URLs of the feeds that carry it, in config order: the feeds config
 * gives it, then those given it in the store (`newsdigest feeds add --topic`).
 */
export function topicsFromConfig(config: Pick<Config, 'topics' | 'feeds'>, stored: ReadonlyArray<Pick<FeedTopic, 'url' | 'topic'>> = []): DigestTopic[] {
  return config.topics.map((t) => ({
    id: t.id,
    name: t.name,
    keywords: [...t.keywords],
    feedUrls: [...new Set([...config.feeds.filter((f) => f.topics.includes(t.id)).map((f) => f.url), ...stored.filter((s) => s.topic === t.id).map((s) => s.url)])],
  }));
}

/** "News digest · 21 Oct 2024" in the channel's time zone. */
export function defaultDigestTitle(periodEnd: string, timezone: string): string {
  return `News digest · ${dayInWords(periodEnd, timezone)}`;
}

export interface CollectOptions {
  title?: string;
  maxFigures?: number;
}

async function figuresOfArticles(store: Store, articleIds: number[]): Promise<StoredFigure[]> {
  const figures: StoredFigure[] = [];
  for (let i = 0; i < articleIds.length; i += ARTICLE_ID_CHUNK) {
    figures.push(...(await store.findFigures({ articleIds: articleIds.slice(i, i + ARTICLE_ID_CHUNK) })));
  }
  return figures;
}

/** Proposed figures (asked for, stalled) form their own series, apart from what was given. */
const isProposed = (f: StoredFigure): boolean => f.status === 'proposed';

/**
 * The latest report of a running total's series before `asOf` by an article outside this digest:
 * the same measure, the same period (answers' series rules), proposed only with proposed. An article
 * may state the total and its parts in one series; its total is the largest of them.
 */
async function previousReport(store: Store, sample: StoredFigure, asOf: string, excluded: ReadonlySet<number>, periods: SeriesPeriods): Promise<StoredFigure | null> {
  const measure = { category: sample.category, actor: sample.actor, unit: sample.unit, cumulative: true };
  const inSeries = (f: StoredFigure): boolean => isProposed(f) === isProposed(sample) && samePeriod(sample.since, f.since, periods);
  const earlier = await store.findFigures({ ...measure, publishedOnOrBefore: asOf, limit: PREVIOUS_LOOKBACK });
  const latest = earlier.find((f) => !excluded.has(f.articleId) && inSeries(f));
  if (!latest) return null;
  const sameArticle = (await store.findFigures({ ...measure, articleIds: [latest.articleId] })).filter(inSeries);
  return sameArticle.reduce((best, f) => (f.value > best.value ? f : best), latest);
}

export async function collectDigestInput(
  store: Store,
  config: Pick<Config, 'topics' | 'feeds'> & Partial<Pick<Config, 'labels' | 'answers'>>,
  channel: ChannelRecord,
  periodStart: string,
  periodEnd: string,
  options: CollectOptions = {},
): Promise<DigestInput> {
  const topics = topicsFromConfig(config, await store.listFeedTopics());
  const subscriptionRows = await store.listSubscriptions(channel.key);
  const subscriptions: DigestSubscriptions = {
    topics: subscriptionRows.filter((s) => s.kind === 'topic').map((s) => s.value),
    feeds: subscriptionRows.filter((s) => s.kind === 'feed').map((s) => s.value),
  };

  const wantedUrls = new Set(subscriptions.feeds);
  for (const topic of topics) if (subscriptions.topics.includes(topic.id)) for (const url of topic.feedUrls) wantedUrls.add(url);
  const feedIds = (await store.listFeeds()).filter((f) => wantedUrls.has(f.url)).map((f) => f.id);

  // An empty feed list would mean "all feeds" to the store; this channel follows none.
  const articles: StoredArticle[] = feedIds.length === 0 ? [] : await store.listArticles({ feedIds, since: periodStart, until: periodEnd });
  const articleIds = articles.map((a) => a.id);
  const figures = articleIds.length === 0 ? [] : await figuresOfArticles(store, articleIds);

  // For each running total's series: its previous report, before the newest one in this digest.
  const periods = config.answers?.seriesPeriods ?? [];
  const newestByMeasure = new Map<string, StoredFigure>();
  for (const f of figures) {
    if (!f.cumulative) continue;
    const key = seriesKey(f, periods);
    const current = newestByMeasure.get(key);
    if (!current || f.published > current.published) newestByMeasure.set(key, f);
  }
  const inDigest = new Set(articleIds);
  const previousFigures = new Map<string, StoredFigure>();
  for (const [key, newest] of newestByMeasure) {
    const previous = await previousReport(store, newest, newest.published, inDigest, periods);
    if (previous) previousFigures.set(key, previous);
  }

  return {
    channelKey: channel.key,
    title: options.title ?? defaultDigestTitle(periodEnd, channel.timezone),
    periodStart,
    periodEnd,
    articles,
    figures,
    previousFigures,
    topics,
    subscriptions,
    maxArticles: channel.maxArticles,
    labels: [...(config.labels ?? [])],
    periods,
    ...(options.maxFigures !== undefined ? { maxFigures: options.maxFigures } : {}),
    timezone: channel.timezone,
  };
}
