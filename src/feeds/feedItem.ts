/** One item of a feed document after normalization: what ingestion stores as an article. */
export interface FeedItem {
  guid: string | null;
  /** Canonical absolute link (tracking parameters and fragments removed), or null. */
  link: string | null;
  title: string;
  /** ISO 8601 timestamp. */
  published: string;
  /** True when the item carried no usable date and `published` is the fetch time. */
  publishedIsFetchTime: boolean;
  author: string | null;
  /** Short plain-text summary (HTML stripped). */
  summary: string | null;
  /** Full plain text when the feed (content:encoded) or the article page gave it, else null. */
  text: string | null;
}

/** The feed document as a whole. */
export interface ParsedFeed {
  title: string | null;
  link: string | null;
  items: FeedItem[];
}
