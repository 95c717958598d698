/**
 * What both stores do to a feed item before it touches the database: validate it, normalize its
 * timestamps and compute its dedupe keys. Kept pure so SQLite and PostgreSQL dedupe identically.
 */
import { createHash } from 'node:crypto';
import type { FeedItem } from '../feeds/feedItem.js';
import { toIsoTimestamp, utcDay } from './timestamps.js';

/** A feed item as it is stored: validated and normalized, with whether it was seeded and its title key. */
export interface ArticleRow extends FeedItem {
  seeded: boolean;
  /** Dedupe key of last resort: normalized title + published day (see titleDateHash). */
  titleHash: string;
}

/** Lower-case, compatibility-folded, punctuation-free title: "U.S. Aid — $58bn!" and "US aid $58bn" match. */
export function normalizeTitle(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The hash of an item's normalized title and published day. An item without a real date has
 * its fetch time as `published`; that would change with every fetch, so it hashes the title only.
 */
export function titleDateHash(title: string, published: string, publishedIsFetchTime: boolean): string {
  const day = publishedIsFetchTime ? '' : utcDay(published);
  return createHash('sha256').update(`${normalizeTitle(title)}\n${day}`).digest('hex').slice(0, 32);
}

/** A key or label: trimmed, and empty means absent. */
function optionalKey(value: unknown, what: string): string | null {
  if (value == null) return null;
  if (typeof value !== 'string') throw new Error(`${what} must be a string or null (got ${typeof value})`);
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** Body text is kept byte for byte: figure offsets point into it. */
function optionalBody(value: unknown, what: string): string | null {
  if (value == null) return null;
  if (typeof value !== 'string') throw new Error(`${what} must be a string or null (got ${typeof value})`);
  return value === '' ? null : value;
}

/** Validates one item; `label` names it in errors ("item 3 of feed 7"). */
export function toArticleRow(item: FeedItem & { seeded?: boolean }, label: string): ArticleRow {
  if (item == null || typeof item !== 'object') throw new Error(`${label} is not a feed item`);
  if (typeof item.title !== 'string') throw new Error(`${label} has no title (title must be a string)`);
  if (item.seeded !== undefined && typeof item.seeded !== 'boolean') throw new Error(`${label}: seeded must be true or false`);
  const published = toIsoTimestamp(item.published, `${label}: published`);
  const publishedIsFetchTime = item.publishedIsFetchTime === true;
  return {
    guid: optionalKey(item.guid, `${label}: guid`),
    link: optionalKey(item.link, `${label}: link`),
    title: item.title,
    published,
    publishedIsFetchTime,
    author: optionalKey(item.author, `${label}: author`),
    summary: optionalBody(item.summary, `${label}: summary`),
    text: optionalBody(item.text, `${label}: text`),
    seeded: item.seeded === true,
    titleHash: titleDateHash(item.title, published, publishedIsFetchTime),
  };
}
