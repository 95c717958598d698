/**
 * "Is this a feed?" for a URL someone wants to follow: fetch it once; a feed is taken as it is; a
 * web page is searched for the feed it names (discoverFeed.ts), and that feed is fetched and read
 * instead, under the same URL checks as the page (chat-added URLs: http(s), public addresses,
 * every redirect checked). The fetched document is handed back so the caller can store it without
 * fetching it again.
 */
import { feedUrlError } from '../config/validators.js';
import { discoverFeeds } from './discoverFeed.js';
import { fetchFeed, type FetchFeedResult } from './fetchFeed.js';
import { readFeed, type ReadFeedResult } from './readFeed.js';
import { checkFeedUrl, type UrlPolicy } from './urlSafety.js';

export interface LookUpOptions {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  /** Address policy for chat-added URLs; null for the command line (trusted, like config). */
  policy: UrlPolicy | null;
  now?: Date;
  signal?: AbortSignal;
}

export type FeedLookup =
  | {
      ok: true;
      /** The feed's own address: the one given, or the one the page named. */
      url: string;
      /** The web page the feed was found on, when `url` was discovered. */
      discoveredFrom: string | null;
      title: string | null;
      fetched: Extract<FetchFeedResult, { status: 'ok' }>;
      read: Extract<ReadFeedResult, { ok: true }>;
    }
  | { ok: false; reason: string };

type Fetched = { ok: true; fetched: Extract<FetchFeedResult, { status: 'ok' }>; read: ReadFeedResult } | { ok: false; reason: string };

async function fetchAndRead(url: string, options: LookUpOptions): Promise<Fetched> {
  const fetched = await fetchFeed(url, { timeoutMs: options.timeoutMs, maxBytes: options.maxBytes, maxRedirects: options.maxRedirects, policy: options.policy, signal: options.signal });
  if (fetched.status === 'failed') return { ok: false, reason: fetched.reason };
  // Nothing was sent to make it conditional, so a 304 is the server's mistake.
  if (fetched.status === 'not_modified') return { ok: false, reason: 'the server answered 304 Not Modified to a plain request' };
  const read = await readFeed(fetched.body, { contentType: fetched.contentType, documentUrl: fetched.finalUrl, fetchedAt: options.now ?? new Date() });
  return { ok: true, fetched, read };
}

const looksLikeHtml = (fetched: Extract<FetchFeedResult, { status: 'ok' }>): boolean =>
  /html/i.test(fetched.contentType ?? '') || /^\s*(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html|head)\b/i.test(fetched.body.subarray(0, 2048).toString('utf8'));

export async function lookUpFeed(url: string, options: LookUpOptions): Promise<FeedLookup> {
  const first = await fetchAndRead(url, options);
  if (!first.ok) return first;
  if (first.read.ok) return { ok: true, url, discoveredFrom: null, title: first.read.feed.title ?? null, fetched: first.fetched, read: first.read };
  if (!looksLikeHtml(first.fetched)) return { ok: false, reason: first.read.reason };

  const candidates = discoverFeeds(first.fetched.body.toString('utf8'), first.fetched.finalUrl);
  if (candidates.length === 0) return { ok: false, reason: 'it is a web page that names no feed (no <link rel="alternate" type="application/rss+xml"> or atom+xml in its head); give the feed\'s own URL' };
  let reason = '';
  // The first feed the page names that reads; a page rarely names more than two or three.
  for (const candidate of candidates.slice(0, 3)) {
    const problem = options.policy ? await checkFeedUrl(candidate.url, options.policy) : feedUrlError(candidate.url);
    if (problem) {
      reason ||= `the page names the feed ${candidate.url}, which cannot be used: ${problem}`;
      continue;
    }
    const found = await fetchAndRead(candidate.url, options);
    if (found.ok && found.read.ok) return { ok: true, url: candidate.url, discoveredFrom: url, title: found.read.feed.title ?? candidate.title, fetched: found.fetched, read: found.read };
    reason ||= `the page names the feed ${candidate.url}, which could not be read: ${found.ok ? (found.read as { reason: string }).reason : found.reason}`;
  }
  return { ok: false, reason };
}
