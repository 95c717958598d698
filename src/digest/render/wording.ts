/**
 * The words of a digest, shared by every renderer so that Discord, Slack and the console say the
 * same thing: "12 new articles", "3 more not shown", "up from $44.2 billion on 22 Jan".
 * Everything here is plain text; each renderer escapes it for its platform.
 */
import type { Digest, DigestFigure } from '../digest.js';
import { dateTimeInWords, dayInWords } from '../../time/timeWords.js';

export const KEY_FIGURES_HEADING = 'Key figures';
/** Source names shown per item; more read "+2 more". */
export const MAX_SOURCES_SHOWN = 5;
/** A source name longer than this is cut with "…". */
export const MAX_SOURCE_NAME = 64;
/** An item title longer than this (before escaping) is cut with "…". */
export const MAX_TITLE = 256;
/** A section heading, so that "(continued)" still fits Discord's 256 and Slack's 150. */
export const MAX_HEADING = 120;

/** Where and when the digest is read: its channel's zone, and its own date (a year is named only when it differs). */
export interface ReadingTime {
  timezone: string;
  reference: string;
}

export function readingTimeOf(d: Digest): ReadingTime {
  return { timezone: d.timezone ?? 'UTC', reference: d.periodEnd };
}

/** "Mon 21 Oct, 14:05 Kyiv time": an article's time or the digest's start, in the channel's zone. */
export function whenText(iso: string, rt: ReadingTime): string {
  return dateTimeInWords(iso, rt.timezone, rt.reference);
}

/** "21 Oct" (the digest's year) or "22 Jan 2023": the day a figure was reported. */
export function dayText(iso: string, rt: ReadingTime): string {
  return dayInWords(iso, rt.timezone, rt.reference);
}

export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function isEmptyDigest(d: Digest): boolean {
  return d.sections.every((s) => s.items.length === 0) && d.figures.length === 0;
}

/** "12 new articles" / "1 new article". */
export function countLine(d: Digest): string {
  return plural(d.articleCount, 'new article', 'new articles');
}

/** "3 more not shown" when maxArticles cut the list, else null. */
export function omittedNote(d: Digest): string | null {
  return d.omittedCount > 0 ? `${d.omittedCount} more not shown` : null;
}

/** The line under the title: "12 new articles since <when> · 3 more not shown" (`since` already in markup). */
export function summaryLine(d: Digest, since: string, escape: (s: string) => string): string {
  const omitted = omittedNote(d);
  return `${escape(countLine(d))} since ${since}${omitted ? ` · ${escape(omitted)}` : ''}`;
}

/** The change since the previous report, or null: "up from $44.2 billion on 22 Jan". */
export function changeText(f: DigestFigure, rt: ReadingTime): string | null {
  const p = f.previous;
  if (!p) return null;
  const date = dayText(p.published, rt);
  switch (p.direction) {
    case 'up':
      return `up from ${p.text} on ${date}`;
    case 'down':
      return `down from ${p.text} on ${date}`;
    default:
      return `unchanged since ${date}`;
  }
}

/** The source names of an item as shown: at most MAX_SOURCES_SHOWN, then "+N more". */
export function shownSources(sources: readonly string[]): { names: string[]; more: number } {
  const names = sources.slice(0, MAX_SOURCES_SHOWN);
  return { names, more: sources.length - names.length };
}

export function continued(heading: string): string {
  return `${heading} (continued)`;
}

/** "VOA, 21 Oct" or "21 Oct": where and when a figure was reported. */
export function attributionText(source: string | null, published: string, rt: ReadingTime): string {
  const date = dayText(published, rt);
  return source ? `${source}, ${date}` : date;
}

/**
 * A key-figures line in plain text:
 * "Total aid (United States): more than $58 billion (VOA, 21 Oct), up from $44.2 billion on 22 Jan".
 */
export function figureLineText(f: DigestFigure, rt: ReadingTime): string {
  const change = changeText(f, rt);
  return `${f.label}: ${f.text} (${attributionText(f.source, f.published, rt)})${change ? `, ${change}` : ''}`;
}
