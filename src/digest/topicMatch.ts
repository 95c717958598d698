/**
 * Which followed topic an article belongs to: the one whose keywords it matches best. A topic with
 * keywords takes an article of its feeds only when the article names one of them (as a whole word
 * or phrase, plurals included: "drone" also matches "drones"); a topic without keywords takes any
 * article of its feeds, but below every keyword topic the article matches. So a catch-all first
 * topic no longer swallows what "The war in figures" is about, and an article about a missile strike
 * that mentions aid once goes where most of its words point.
 */
import type { StoredArticle } from '../store/store.js';
import type { DigestTopic } from './digestInput.js';

/** A keyword in the title says more than one in the body. */
const TITLE_WEIGHT = 3;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Matches any of the keywords (and their plurals) as a whole word or phrase, case-insensitively. */
export function keywordMatcher(keywords: readonly string[]): RegExp | null {
  const words = keywords.map((k) => k.trim()).filter((k) => k !== '');
  if (words.length === 0) return null;
  const alternatives = words
    .sort((a, b) => b.length - a.length)
    .map((k) => escapeRegExp(k.normalize('NFKC')).replace(/\s+/g, '\\s+'))
    .join('|');
  return new RegExp(`(?<![\\p{L}\\p{N}])(${alternatives})(?:s|es)?(?![\\p{L}\\p{N}])`, 'giu');
}

export interface TopicRule {
  topic: DigestTopic;
  feeds: Set<string>;
  keywords: RegExp | null;
}

export function topicRule(topic: DigestTopic): TopicRule {
  return { topic, feeds: new Set(topic.feedUrls), keywords: keywordMatcher(topic.keywords) };
}

/** Distinct keywords named in `text` ("Drones" and "drone" are one). */
function distinctHits(matcher: RegExp, text: string): Set<string> {
  const hits = new Set<string>();
  for (const m of text.matchAll(matcher)) hits.add((m[1] ?? m[0]).toLowerCase().replace(/\s+/g, ' '));
  return hits;
}

/**
 * How well the article fits the topic: null when it does not belong (not from the topic's feeds, or
 * none of its keywords named); 0 for a topic without keywords; else its distinct keywords, those in
 * the title counting TITLE_WEIGHT times.
 */
export function topicScore(article: StoredArticle, rule: TopicRule): number | null {
  if (!article.sources.some((s) => rule.feeds.has(s.feedUrl))) return null;
  if (!rule.keywords) return 0;
  const title = distinctHits(rule.keywords, article.title.normalize('NFKC'));
  const body = distinctHits(rule.keywords, [article.summary ?? '', article.text ?? ''].join('\n').normalize('NFKC'));
  for (const hit of title) body.delete(hit);
  const score = title.size * TITLE_WEIGHT + body.size;
  return score > 0 ? score : null;
}

/** The index of the rule the article fits best (the first on a tie), or -1 when it fits none. */
export function bestTopic(article: StoredArticle, rules: readonly TopicRule[]): number {
  let best = -1;
  let bestScore = -1;
  rules.forEach((rule, i) => {
    const score = topicScore(article, rule);
    if (score !== null && score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  return best;
}
