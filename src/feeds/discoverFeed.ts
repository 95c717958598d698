/**
 * Feed discovery: the feeds a web page names in its head, as browsers and feed readers find them
 * (`<link rel="alternate" type="application/rss+xml" href="...">`, or atom+xml), resolved against
 * the page's address (or its `<base href>`). Only http(s) addresses are returned: a page must not be
 * able to make the bot read a local file (`file:///...`) or another scheme.
 */
import { Parser } from 'htmlparser2';

const FEED_TYPES = new Set(['application/rss+xml', 'application/atom+xml']);
/** Reading stops after this much of the page: the head is at its start. */
const MAX_PAGE_CHARS = 512 * 1024;

export interface DiscoveredFeed {
  url: string;
  title: string | null;
  type: string;
}

export function discoverFeeds(html: string, pageUrl: string): DiscoveredFeed[] {
  let base = pageUrl;
  const found: Array<{ href: string; title: string | null; type: string }> = [];
  let done = false;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (done) return;
        if (name === 'base' && attribs.href && found.length === 0) {
          try {
            base = new URL(attribs.href, pageUrl).href;
          } catch {
            // An unreadable <base> is ignored, as browsers do.
          }
        }
        if (name !== 'link') return;
        const rel = (attribs.rel ?? '').toLowerCase().split(/\s+/);
        const type = (attribs.type ?? '').toLowerCase().split(';')[0]!.trim();
        if (rel.includes('alternate') && FEED_TYPES.has(type) && attribs.href?.trim()) found.push({ href: attribs.href.trim(), title: attribs.title?.trim() || null, type });
      },
      onclosetag(name) {
        if (name === 'head') done = true;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html.slice(0, MAX_PAGE_CHARS));
  parser.end();

  const seen = new Set<string>();
  const feeds: DiscoveredFeed[] = [];
  for (const f of found) {
    let url: URL;
    try {
      url = new URL(f.href, base);
    } catch {
      continue;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
    url.hash = '';
    if (seen.has(url.href)) continue;
    seen.add(url.href);
    feeds.push({ url: url.href, title: f.title, type: f.type });
  }
  return feeds;
}
