/**
 * Builds the digest model of one channel from what collectDigestInput gathered: the articles its
 * subscriptions select, grouped by topic, the same story from several feeds folded into one item,
 * newest first, capped at maxArticles; and the key figures. Pure: same input, same digest.
 */
import { sourceLabel, sourceName } from '../store/sourceName.js';
import type { ArticleSource, StoredArticle } from '../store/store.js';
import type { Digest, DigestItem, DigestSection } from './digest.js';
import type { DigestInput, DigestTopic } from './digestInput.js';
import { groupSameStories } from './sameStory.js';
import { oneLineSummary } from './oneLineSummary.js';
import { selectKeyFigures } from './selectKeyFigures.js';
import { bestTopic, topicRule, type TopicRule } from './topicMatch.js';

export const OTHER_FEEDS_HEADING = 'Other feeds';

/** An article's place in the digest: the index of its section (topics in order, then other feeds). */
interface Placed {
  article: StoredArticle;
  section: number;
}

function byPublishedThenId(a: StoredArticle, b: StoredArticle): number {
  return a.published < b.published ? -1 : a.published > b.published ? 1 : a.id - b.id;
}

/** One item for a group of articles telling the same story: the first report, every source. */
function toItem(group: StoredArticle[]): DigestItem {
  const ordered = [...group].sort(byPublishedThenId);
  const first = ordered[0]!;
  const sources: string[] = [];
  const seen = new Set<string>();
  for (const article of ordered) {
    for (const source of article.sources) {
      const label = sourceLabel(article.author, source.name ?? sourceName(null, source.feedUrl)) ?? source.feedUrl;
      const key = label.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      sources.push(label);
    }
  }
  return {
    articleId: first.id,
    title: first.title,
    link: first.link ?? ordered.find((a) => a.link)?.link ?? null,
    published: first.published,
    sources,
    // One line from the first report that has something to say (see oneLineSummary).
    summary: ordered.map(oneLineSummary).find((line) => line !== null) ?? null,
    articleIds: ordered.map((a) => a.id),
  };
}

function newestFirst(a: DigestItem, b: DigestItem): number {
  return a.published < b.published ? 1 : a.published > b.published ? -1 : b.articleId - a.articleId;
}

export function buildDigest(input: DigestInput): Digest {
  if (!Number.isInteger(input.maxArticles) || input.maxArticles < 1) {
    throw new RangeError(`buildDigest: maxArticles must be a positive integer (got ${input.maxArticles})`);
  }
  const followedTopics = new Set(input.subscriptions.topics);
  const rules: TopicRule[] = input.topics
    .filter((t) => followedTopics.has(t.id))
    .map(topicRule);
  const directFeeds = new Set(input.subscriptions.feeds);
  const otherSection = rules.length;

  // Each article goes to the followed topic it fits best (never twice; see topicMatch), else to
  // "Other feeds" when one of its feeds is followed directly, else it is not for this channel.
  const placed: Placed[] = [];
  const seenIds = new Set<number>();
  for (const article of input.articles) {
    if (article.seeded || seenIds.has(article.id)) continue;
    seenIds.add(article.id);
    const topicIndex = bestTopic(article, rules);
    if (topicIndex >= 0) placed.push({ article, section: topicIndex });
    else if (article.sources.some((s) => directFeeds.has(s.feedUrl))) placed.push({ article, section: otherSection });
  }

  // Fold the same story; a folded story sits in the first section any of its articles belongs to.
  const groups = groupSameStories(placed.map((p) => p.article));
  const stories = groups.map((indexes) => ({
    item: toItem(indexes.map((i) => placed[i]!.article)),
    section: Math.min(...indexes.map((i) => placed[i]!.section)),
  }));
  stories.sort((a, b) => newestFirst(a.item, b.item));
  const kept = stories.slice(0, input.maxArticles);

  const sections: DigestSection[] = [];
  for (let s = 0; s <= otherSection; s++) {
    const items = kept.filter((story) => story.section === s).map((story) => story.item);
    if (items.length === 0) continue;
    const topic = rules[s]?.topic;
    sections.push({ topicId: topic?.id ?? null, heading: topic?.name ?? OTHER_FEEDS_HEADING, items });
  }

  // Key figures come from every article of the digest, also those past the maxArticles cap:
  // a capped list of links should not hide the numbers.
  const inDigest = new Set(placed.map((p) => p.article.id));
  const figures = selectKeyFigures(
    input.figures.filter((f) => inDigest.has(f.articleId)),
    { previousFigures: input.previousFigures, maxFigures: input.maxFigures, labels: input.labels ?? [], periods: input.periods ?? [] },
  );

  return {
    channelKey: input.channelKey,
    title: input.title,
    periodStart: input.periodStart,
    periodEnd: input.periodEnd,
    sections,
    figures,
    articleCount: kept.length,
    omittedCount: stories.length - kept.length,
    ...(input.timezone ? { timezone: input.timezone } : {}),
  };
}
