/**
 * The digest model: what a channel is told, free of any platform's markup. Renderers in
 * render/ turn it into Discord embeds, Slack blocks or console text.
 */
import type { FigureEvent, FigureStatus, Qualifier } from '../figures/figure.js';

export interface DigestItem {
  articleId: number;
  title: string;
  link: string | null;
  /** ISO timestamp. */
  published: string;
  /** Every feed that carried the story (one item, several sources). */
  sources: string[];
  /** One line from the article (first sentence, HTML-free, at most 200 characters), or null. */
  summary: string | null;
  /** Every article folded into this item (the same story from several feeds), `articleId` first. Optional, added by src/digest. */
  articleIds?: number[];
}

export interface DigestSection {
  /** Topic id from config, or null for feeds subscribed directly. */
  topicId: string | null;
  /** Heading shown to readers ("Military aid to Ukraine", "Other feeds"). */
  heading: string;
  items: DigestItem[];
}

/** A previous value of a running total, to say how it changed. */
export interface FigureChange {
  value: number;
  qualifier: Qualifier;
  /** "$44.2 billion" as a reader sees it. */
  text: string;
  published: string;
  source: string | null;
  direction: 'up' | 'down' | 'unchanged';
}

export interface DigestFigure {
  articleId: number;
  /** What is measured, for readers, by the one naming scheme (figureLabel): "Total aid (United States)". */
  label: string;
  category: string;
  actor: string | null;
  value: number;
  value_max: number | null;
  unit: string;
  qualifier: Qualifier;
  cumulative: boolean;
  /** Money and equipment: proposed, pledged or delivered; a proposed figure is never shown as given. */
  status: FigureStatus | null;
  /** Drones and missiles: launched, shot down or hit. */
  event: FigureEvent | null;
  /** The figure as a reader sees it, qualifier kept: "more than $58 billion". */
  text: string;
  quote: string;
  source: string | null;
  published: string;
  link: string | null;
  /** For running totals: the previous reported value of the same series (actor, category, unit, period). */
  previous: FigureChange | null;
}

export interface Digest {
  channelKey: string;
  title: string;
  /** Articles first seen in (periodStart, periodEnd]. */
  periodStart: string;
  periodEnd: string;
  sections: DigestSection[];
  figures: DigestFigure[];
  /** Articles in the digest (after folding duplicates) and how many were left out by maxArticles. */
  articleCount: number;
  omittedCount: number;
  /** IANA time zone for times shown to readers (the channel's); UTC when absent. Optional, added by src/digest. */
  timezone?: string;
}
