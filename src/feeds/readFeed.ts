/** Bytes of a feed document → normalized feed (parseFeed + normalizeFeed), or why it was refused. */
import type { ParsedFeed } from './feedItem.js';
import { normalizeFeed } from './normalize.js';
import { parseFeed } from './parseFeed.js';

export interface ReadFeedOptions {
  contentType?: string | null;
  /** URL (or file path) the document was read from; relative links fall back to it. */
  documentUrl: string | null;
  fetchedAt: Date;
}

export type ReadFeedResult =
  | { ok: true; feed: ParsedFeed; encoding: string; repairs: string[] }
  | { ok: false; reason: string };

export async function readFeed(bytes: Uint8Array, options: ReadFeedOptions): Promise<ReadFeedResult> {
  const parsed = await parseFeed(bytes, { contentType: options.contentType });
  if (!parsed.ok) return { ok: false, reason: parsed.reason };
  const feed = normalizeFeed(parsed.feed, { documentUrl: options.documentUrl, fetchedAt: options.fetchedAt });
  return { ok: true, feed, encoding: parsed.encoding, repairs: parsed.repairs };
}
