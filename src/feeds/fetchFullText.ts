/**
 * The main text of an article page, for feeds that only give a short summary (feed option
 * fullText). The page is fetched with the same limits as feeds (and the same address checks when
 * the feed came from chat) and its article text is extracted by @mozilla/readability over a
 * linkedom document. Failures are values: the item simply keeps its summary.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { decodeFeedBytes } from './decode.js';
import { httpFetch } from './httpFetch.js';
import { MAX_DOM_DEPTH, cleanCharacters, estimateDepth } from './htmlToText.js';
import type { UrlPolicy } from './urlSafety.js';

export interface FullTextOptions {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  policy?: UrlPolicy | null;
  signal?: AbortSignal;
  /** Longest text kept. */
  maxChars?: number;
}

export type FullTextResult = { ok: true; text: string; title: string | null } | { ok: false; reason: string };

/** Charset of an HTML page: <meta charset> or http-equiv Content-Type, read from an ASCII prefix. */
function htmlMetaCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const m = /<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._:-]+)/i.exec(head);
  return m ? m[1]! : null;
}

/** Extracts the article text of an HTML document (pure; exported for tests). */
export function extractArticleText(html: string, url: string, maxChars = 100_000): FullTextResult {
  // linkedom (which recurses) would overflow the stack on absurdly nested pages.
  if (estimateDepth(html) > MAX_DOM_DEPTH) return { ok: false, reason: `the page nests elements deeper than ${MAX_DOM_DEPTH} levels` };
  // linkedom builds the DOM without running scripts or loading anything.
  let document: ReturnType<typeof parseHTML>['document'];
  try {
    document = parseHTML(html).document;
  } catch (err) {
    return { ok: false, reason: `could not read the page: ${(err as Error).message}` };
  }
  try {
    // Readability resolves relative links against the document URL.
    Object.defineProperty(document, 'documentURI', { value: url, configurable: true });
  } catch {
    // Not essential: only link rewriting uses it.
  }
  let article: { textContent?: string | null; title?: string | null } | null;
  try {
    article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: 200 }).parse();
  } catch (err) {
    return { ok: false, reason: `could not extract the article: ${(err as Error).message}` };
  }
  const text = cleanCharacters(article?.textContent ?? '')
    .split(/\n+/)
    .map((l) => l.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
  if (text.length < 200) return { ok: false, reason: 'no article text found on the page' };
  return { ok: true, text: text.length > maxChars ? text.slice(0, maxChars) : text, title: article?.title?.trim() || null };
}

export async function fetchFullText(url: string, options: FullTextOptions): Promise<FullTextResult> {
  const result = await httpFetch(url, {
    timeoutMs: options.timeoutMs,
    maxBytes: options.maxBytes,
    maxRedirects: options.maxRedirects,
    headers: { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' },
    policy: options.policy ?? null,
    signal: options.signal,
  });
  if (result.kind === 'failed') return { ok: false, reason: result.reason };
  if (result.kind === 'not_modified') return { ok: false, reason: 'the page answered 304 to an unconditional request' };
  const type = result.headers['content-type'] ?? '';
  if (type && !/html|xml/i.test(type)) return { ok: false, reason: `not an HTML page (${type.split(';')[0]})` };
  const charset = /charset=/i.test(type) ? type : htmlMetaCharset(result.body) ? `text/html; charset=${htmlMetaCharset(result.body)}` : type;
  const { text } = decodeFeedBytes(result.body, charset);
  return extractArticleText(text, result.finalUrl, options.maxChars);
}
