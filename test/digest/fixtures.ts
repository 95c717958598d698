/**
 * Test data for the digest: StoredArticle / StoredFigure values built by hand, and the seed figures
 * from ../shared/eval/seeds-gold.json (the VOA report of 21 Oct 2024 and the AP report of 22 Jan 2024).
 */
import { readFileSync } from 'node:fs';
import type { Figure } from '../../src/figures/figure.js';
import type { ArticleSource, StoredArticle, StoredFigure } from '../../src/store/store.js';
import type { DigestInput, DigestTopic } from '../../src/digest/digestInput.js';
import path from 'node:path';
import { loadConfig } from '../../src/config/load.js';
import { seriesKey } from '../../src/digest/measureKey.js';
import { repoRoot } from '../helpers/tempConfig.js';

export const FEEDS = {
  voa: { feedId: 1, feedUrl: 'https://feeds.example/voa.xml', name: 'VOA' },
  kyiv: { feedId: 2, feedUrl: 'https://feeds.example/kyiv-independent.xml', name: 'The Kyiv Independent' },
  ap: { feedId: 3, feedUrl: 'https://feeds.example/ap-world.xml', name: 'AP' },
  tech: { feedId: 4, feedUrl: 'https://feeds.example/tech.xml', name: 'Tech Weekly' },
} satisfies Record<string, ArticleSource>;

export const TOPICS: DigestTopic[] = [
  {
    id: 'ukraine-aid',
    name: 'Military aid to Ukraine',
    keywords: ['aid', 'security assistance', 'tranche'],
    feedUrls: [FEEDS.voa.feedUrl, FEEDS.kyiv.feedUrl, FEEDS.ap.feedUrl],
  },
  { id: 'ukraine-war', name: 'The war in figures', keywords: [], feedUrls: [FEEDS.voa.feedUrl, FEEDS.kyiv.feedUrl] },
];

/** The configured naming rules and series periods (config/default.yaml), as a channel's digest uses them. */
const shipped = loadConfig({ configDir: path.join(repoRoot, 'config'), env: {} }).config;
export const LABELS = shipped.labels;
export const PERIODS = shipped.answers.seriesPeriods;

export const PERIOD = { periodStart: '2024-10-21T08:00:00.000Z', periodEnd: '2024-10-22T08:00:00.000Z' };

type ArticleSpec = Partial<StoredArticle> & Pick<StoredArticle, 'id' | 'title' | 'published'> & { sources: ArticleSource[] };

export function article(spec: ArticleSpec): StoredArticle {
  return {
    guid: `guid-${spec.id}`,
    link: `https://news.example/articles/${spec.id}`,
    publishedIsFetchTime: false,
    author: null,
    summary: null,
    text: null,
    firstSeenAt: spec.published,
    seeded: false,
    ...spec,
  };
}

type FigureSpec = Partial<StoredFigure> & Pick<StoredFigure, 'id' | 'articleId' | 'value' | 'unit' | 'category' | 'published'>;

export function figure(spec: FigureSpec): StoredFigure {
  return {
    value_max: null,
    qualifier: 'exact',
    actor: null,
    cumulative: false,
    status: null,
    since: null,
    event: null,
    quote: String(spec.value),
    start: 0,
    end: 0,
    sentence: '',
    articleTitle: `Article ${spec.articleId}`,
    articleLink: `https://news.example/articles/${spec.articleId}`,
    sourceName: null,
    ...spec,
  };
}

interface GoldArticle {
  id: string;
  source: string;
  published: string;
  title: string;
  text: string;
  figures: Array<Omit<Figure, 'start' | 'end' | 'sentence'>>;
}

const gold = JSON.parse(readFileSync(new URL('../../../shared/eval/seeds-gold.json', import.meta.url), 'utf8')) as { articles: GoldArticle[] };

export function goldArticle(id: 's1' | 's2' | 's3'): GoldArticle {
  const a = gold.articles.find((x) => x.id === id);
  if (!a) throw new Error(`seed article ${id} missing from seeds-gold.json`);
  return a;
}

/** The seed figures of one gold article as StoredFigures of `articleId`, ids from `firstId`. */
export function seedFigures(id: 's1' | 's2' | 's3', articleId: number, published: string, link: string | null, firstId: number): StoredFigure[] {
  const a = goldArticle(id);
  return a.figures.map((f, i) => {
    const start = a.text.indexOf(f.quote);
    return figure({
      ...f,
      id: firstId + i,
      articleId,
      start,
      end: start + f.quote.length,
      published,
      articleTitle: a.title,
      articleLink: link,
      sourceName: a.source,
    });
  });
}

/** The VOA report of 21 Oct 2024 and the stories around it, as one channel's period would hold them. */
export function seedScenario(): DigestInput {
  const voa = goldArticle('s1');
  const austin = article({
    id: 101,
    title: voa.title,
    published: '2024-10-21T14:30:00.000Z',
    link: 'https://www.voanews.com/a/austin-in-kyiv-us-will-get-ukraine-what-it-needs/7833155.html',
    summary: 'The U.S. announced its 68th tranche of military aid, about $400 million in new armaments.',
    text: voa.text,
    // One article carried by two feeds.
    sources: [FEEDS.voa, FEEDS.kyiv],
  });
  const apCopy = article({
    id: 102,
    title: `${voa.title} - AP News`,
    published: '2024-10-21T15:05:00.000Z',
    link: 'https://apnews.com/article/austin-kyiv-visit-aid',
    summary: 'Defense Secretary Lloyd Austin promised more security assistance on a visit to Kyiv.',
    sources: [FEEDS.ap],
  });
  const northKorea = article({
    id: 103,
    title: 'North Korea may send thousands of troops to fight for Russia, Western officials warn',
    published: '2024-10-21T19:05:00.000Z',
    link: 'https://kyivindependent.com/north-korea-troops/',
    summary: 'About 1,500 special forces troops are already in Russia, Seoul says.',
    sources: [FEEDS.kyiv],
  });
  const strike = article({
    id: 104,
    title: 'Russian missile strike on Zaporizhzhia kills two, injures 15',
    published: '2024-10-21T10:20:00.000Z',
    link: 'https://www.voanews.com/a/zaporizhzhia-strike/7833001.html',
    sources: [FEEDS.voa],
  });
  const satellites = article({
    id: 105,
    title: 'Satellite imagery startups see demand surge',
    published: '2024-10-21T12:00:00.000Z',
    link: 'https://tech.example/satellites',
    sources: [FEEDS.tech],
  });
  const earlierTotal = seedFigures('s2', 7, '2024-01-22T16:00:00.000Z', 'https://apnews.com/article/pentagon-no-more-money-ukraine', 900).find(
    (f) => f.quote === 'more than $44.2 billion',
  )!;
  return {
    channelKey: 'discord:1234',
    title: 'News digest · 22 Oct 2024',
    ...PERIOD,
    articles: [strike, austin, apCopy, northKorea, satellites],
    figures: seedFigures('s1', 101, austin.published, austin.link, 1),
    previousFigures: new Map([[seriesKey(earlierTotal, PERIODS), earlierTotal]]),
    labels: LABELS,
    periods: PERIODS,
    topics: TOPICS,
    subscriptions: { topics: ['ukraine-aid', 'ukraine-war'], feeds: [FEEDS.tech.feedUrl] },
    maxArticles: 25,
    timezone: 'UTC',
  };
}
