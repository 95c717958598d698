/**
 * Everything buildDigest needs, gathered beforehand by collectDigestInput (the I/O side), so that
 * building the digest is a pure function of this value.
 */
import type { StoredArticle, StoredFigure } from '../store/store.js';
import type { SeriesPeriods } from '../answers/series.js';
import type { FigureLabelRule } from './figureLabel.js';

/** A topic as the digest sees it: its config entry plus the URLs of the feeds that carry it. */
export interface DigestTopic {
  id: string;
  name: string;
  /** With keywords, an article of the topic's feeds belongs to it only when it mentions one. */
  keywords: string[];
  feedUrls: string[];
}

/** What the channel follows. */
export interface DigestSubscriptions {
  /** Topic ids (config order does not matter: sections follow the order of `topics`). */
  topics: string[];
  /** Feed URLs followed directly; their articles outside any followed topic go under "Other feeds". */
  feeds: string[];
}

export interface DigestInput {
  channelKey: string;
  title: string;
  /** The digest covers articles first seen in (periodStart, periodEnd] (ISO). */
  periodStart: string;
  periodEnd: string;
  /** Candidate articles of the period; buildDigest keeps those the subscriptions select. */
  articles: StoredArticle[];
  /** Figures of those articles. */
  figures: StoredFigure[];
  /**
   * For each running-total series (see seriesKey) among `figures`: the latest value reported by an
   * earlier article outside this digest, to say how the total changed.
   */
  previousFigures: ReadonlyMap<string, StoredFigure>;
  /** Every configured topic, in config order (sections follow this order). */
  topics: DigestTopic[];
  subscriptions: DigestSubscriptions;
  maxArticles: number;
  /** Key figures shown at most (default 10). */
  maxFigures?: number;
  /** IANA time zone of the channel, for times shown to readers (default UTC). */
  timezone?: string;
  /** How figures are named and in which order their groups are shown (config `labels:`); else "Category (Actor)". */
  labels?: FigureLabelRule[];
  /** Named periods of running totals (config answers.seriesPeriods), for the series rules. */
  periods?: SeriesPeriods;
}
