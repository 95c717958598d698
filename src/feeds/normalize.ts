/**
 * A parsed feed document (parseFeed.ts) → FeedItems: plain-text title, canonical absolute link,
 * guid, published date (or the fetch time, flagged), author, a bounded plain-text summary, and
 * the full text when the feed carries it. Links are resolved against xml:base, else the feed's own
 * site link, else its self link, else the URL it was fetched from.
 */
import type { FeedItem, ParsedFeed } from './feedItem.js';
import type { RawFeed, RawItem, XmlNode } from './parseFeed.js';
import { canonicalUrl, resolveUrl } from './canonicalUrl.js';
import { timed } from '../ingest/phaseClock.js';
import { cleanCharacters, collapseWhitespace, htmlToText, textOfTitle, truncateText } from './htmlToText.js';
import { parseFeedDate } from './parseDate.js';

export interface NormalizeOptions {
  /** Where the document came from: an http(s) URL (the base of last resort) or a file path. */
  documentUrl: string | null;
  fetchedAt: Date;
  summaryMaxChars?: number;
  textMaxChars?: number;
  /** Dates further ahead than this are not believed (the item gets the fetch time). */
  futureToleranceMs?: number;
}

export const SUMMARY_MAX_CHARS = 1000;
export const TEXT_MAX_CHARS = 100_000;
const TITLE_MAX_CHARS = 500;

type Node = XmlNode | undefined;
type Element = Record<string, XmlNode[] | Record<string, string> | undefined>;

const children = (el: Element | undefined, name: string): XmlNode[] => {
  const v = el?.[name];
  return Array.isArray(v) ? v : [];
};
const attrs = (n: Node): Record<string, string> => (n && typeof n === 'object' && n.$ && typeof n.$ === 'object' ? n.$ : {});
/** The text of an element: its string, or its character data when it has attributes. */
const textOf = (n: Node): string | null => {
  if (typeof n === 'string') return n;
  if (n && typeof n === 'object' && typeof n._ === 'string') return n._;
  return null;
};
const first = (el: Element | undefined, ...names: string[]): Node => {
  for (const name of names) {
    const c = children(el, name);
    if (c.length) return c[0];
  }
  return undefined;
};

/** Applies an xml:base attribute to `base`; an empty or unusable xml:base leaves it unchanged. */
function withXmlBase(base: string | null, node: Node | Element): string | null {
  const xb = (node && typeof node === 'object' ? (node as { $?: Record<string, string> }).$?.['xml:base'] : undefined) ?? '';
  if (typeof xb !== 'string' || xb.trim() === '') return base;
  return resolveUrl(xb, base) ?? base;
}

interface AtomLink {
  href: string;
  rel: string;
  type: string;
  node: XmlNode;
}

function atomLinks(el: Element | undefined, name: string): AtomLink[] {
  return children(el, name)
    .map((node) => {
      const a = attrs(node);
      return { href: (a.href ?? '').trim(), rel: (a.rel ?? 'alternate').trim().toLowerCase(), type: (a.type ?? '').toLowerCase(), node };
    })
    .filter((l) => l.href !== '');
}

/** rel="alternate" (the default), preferring HTML, else the first link that is not self/enclosure. */
function pickAlternate(links: AtomLink[]): AtomLink | undefined {
  const alternates = links.filter((l) => l.rel === 'alternate');
  return (
    alternates.find((l) => l.type === '' || l.type.includes('html')) ??
    alternates[0] ??
    links.find((l) => !['self', 'enclosure', 'replies', 'edit', 'hub', 'license', 'payment'].includes(l.rel))
  );
}

function feedBase(feed: RawFeed, documentUrl: string | null): { base: string | null; siteLink: string | null } {
  const docBase = resolveUrl(documentUrl);
  const channel = feed.channel as Element;
  let selfHref: string | null = null;
  let siteHref: string | null = null;
  if (feed.format === 'atom') {
    const links = atomLinks(channel, 'link');
    selfHref = links.find((l) => l.rel === 'self')?.href ?? null;
    siteHref = pickAlternate(links)?.href ?? null;
  } else {
    const atom = atomLinks(channel, 'atom:link');
    selfHref = atom.find((l) => l.rel === 'self')?.href ?? null;
    const linkText = textOf(first(channel, 'link'));
    siteHref = linkText?.trim() || (pickAlternate(atom)?.href ?? null);
  }
  // The document's own xml:base (root, then channel) applies to everything inside it.
  let xmlBase = withXmlBase(docBase, { $: feed.rootAttributes });
  if (feed.format !== 'atom') xmlBase = withXmlBase(xmlBase, channel);
  const explicitBase = xmlBase !== docBase ? xmlBase : null;
  const self = resolveUrl(selfHref, explicitBase ?? docBase);
  const site = resolveUrl(siteHref, explicitBase ?? self ?? docBase);
  return { base: explicitBase ?? site ?? self ?? docBase, siteLink: site };
}

function textConstruct(n: Node, defaultHtml: boolean): { text: string; html: boolean } | null {
  const t = textOf(n);
  if (t === null) return null;
  const type = (attrs(n).type ?? '').toLowerCase();
  const html = type === '' ? defaultHtml : type === 'html' || type === 'xhtml' || type === 'text/html' || type.includes('html');
  return { text: t, html };
}

function plainText(c: { text: string; html: boolean } | null, max: number): string {
  if (!c) return '';
  // Markup beyond 20 characters per character kept cannot add text we keep: not parsed at all.
  const source = c.text.length > max * 20 ? c.text.slice(0, max * 20) : c.text;
  return timed('text', () => (c.html ? htmlToText(source, max * 2) : htmlToTextPlain(source)));
}

const htmlToTextPlain = (s: string) => cleanCharacters(s).replace(/[ \t]+/g, ' ').trim();

function cleanAuthor(raw: string | null | undefined): string | null {
  if (!raw) return null;
  // Bounded first: the patterns below backtrack on long runs of "@".
  let a = collapseWhitespace(cleanCharacters(raw.slice(0, 1000)));
  const emailName = /^\S+@\S+\s*\((.+)\)$/.exec(a);
  if (emailName) a = emailName[1]!.trim();
  const nameEmail = /^(.+?)\s*<\S+@\S+>$/.exec(a);
  if (nameEmail) a = nameEmail[1]!.trim();
  a = a.replace(/^["']|["']$/g, '').trim();
  return a ? a.slice(0, 200) : null;
}

function authorOf(item: RawItem, format: RawFeed['format']): string | null {
  const node = item.node as Element;
  const atomAuthor = first(node, format === 'atom' ? 'author' : 'atom:author');
  const atomName = atomAuthor && typeof atomAuthor === 'object' ? textOf(first(atomAuthor as Element, format === 'atom' ? 'name' : 'atom:name')) : null;
  return cleanAuthor(atomName ?? textOf(first(node, 'dc:creator')) ?? (format !== 'atom' ? textOf(first(node, 'author')) : null) ?? textOf(first(node, 'itunes:author')) ?? item.creator);
}

function guidOf(item: RawItem, format: RawFeed['format']): { guid: string | null; permalink: string | null } {
  const node = item.node as Element;
  if (format === 'atom') {
    const id = textOf(first(node, 'id'));
    return { guid: id?.trim() ? id.trim().slice(0, 2000) : null, permalink: null };
  }
  const g = first(node, 'guid');
  const text = textOf(g)?.trim() ?? '';
  const about = (node.$ as Record<string, string> | undefined)?.['rdf:about']?.trim() ?? '';
  const guid = text || about || textOf(first(node, 'atom:id'))?.trim() || '';
  // isPermaLink defaults to true (RSS 2.0), but many feeds leave it out on opaque ids: without the
  // attribute only an absolute http(s) guid counts; with isPermaLink="true" a relative one does too.
  const flag = attrs(g).isPermaLink?.trim().toLowerCase();
  const permalink = text && (flag === 'true' || (flag === undefined && /^https?:\/\//i.test(text))) ? text : null;
  return { guid: guid ? guid.slice(0, 2000) : null, permalink };
}

function linkOf(item: RawItem, format: RawFeed['format'], itemBase: string | null, permalink: string | null): string | null {
  const node = item.node as Element;
  // FeedBurner rewrites links to its redirector and keeps the publisher's URL in origLink.
  const orig = canonicalUrl(textOf(first(node, 'feedburner:origLink')), itemBase);
  if (orig) return orig;
  if (format === 'atom') {
    const link = pickAlternate(atomLinks(node, 'link'));
    return link ? canonicalUrl(link.href, withXmlBase(itemBase, link.node)) : null;
  }
  for (const l of children(node, 'link')) {
    const href = canonicalUrl(textOf(l) ?? attrs(l).href, withXmlBase(itemBase, l));
    if (href) return href;
  }
  const atom = pickAlternate(atomLinks(node, 'atom:link'));
  if (atom) {
    const href = canonicalUrl(atom.href, withXmlBase(itemBase, atom.node));
    if (href) return href;
  }
  const about = (node.$ as Record<string, string> | undefined)?.['rdf:about'];
  if (format === 'rdf' && about) {
    const href = canonicalUrl(about, itemBase);
    if (href) return href;
  }
  return permalink ? canonicalUrl(permalink, itemBase) : null;
}

const DATE_FIELDS: Record<RawFeed['format'], string[]> = {
  rss: ['pubDate', 'dc:date', 'atom:published', 'atom:updated', 'dc:created', 'dc:modified'],
  rdf: ['dc:date', 'pubDate', 'dcterms:issued', 'dcterms:modified'],
  atom: ['published', 'updated', 'issued', 'created', 'modified', 'dc:date'],
};

function publishedOf(item: RawItem, format: RawFeed['format'], fetchedAt: Date, futureToleranceMs: number): Date | null {
  const node = item.node as Element;
  for (const field of DATE_FIELDS[format]) {
    for (const n of children(node, field)) {
      const d = parseFeedDate(textOf(n));
      if (d && d.getTime() <= fetchedAt.getTime() + futureToleranceMs && d.getUTCFullYear() >= 1970) return d;
    }
  }
  return null;
}

export function normalizeItem(item: RawItem, format: RawFeed['format'], base: string | null, options: Required<Omit<NormalizeOptions, 'documentUrl'>>): FeedItem | null {
  const node = item.node as Element;
  const itemBase = withXmlBase(base, node);
  const { guid, permalink } = guidOf(item, format);
  const link = linkOf(item, format, itemBase, permalink);

  let summarySource: { text: string; html: boolean } | null;
  let contentSource: { text: string; html: boolean } | null;
  if (format === 'atom') {
    summarySource = textConstruct(first(node, 'summary'), false);
    const content = first(node, 'content');
    // <content src="..."> points elsewhere: there is no text here.
    contentSource = attrs(content).src ? null : textConstruct(content, false);
  } else {
    summarySource = textConstruct(first(node, 'description'), true) ?? textConstruct(first(node, 'itunes:summary'), false) ?? textConstruct(first(node, 'atom:summary'), true);
    contentSource = textConstruct(first(node, 'content:encoded'), true) ?? textConstruct(first(node, 'atom:content'), true);
  }
  const contentText = plainText(contentSource, options.textMaxChars);
  const summaryText = plainText(summarySource, options.textMaxChars);
  let text: string | null = contentText || null;
  // A description that is the whole article (longer than a summary) is the article's text.
  if (!text && summaryText.length > options.summaryMaxChars) text = summaryText;
  const summaryFull = summaryText || contentText;
  const summary = summaryFull ? truncateText(summaryFull, options.summaryMaxChars) : null;
  if (text) text = truncateText(text, options.textMaxChars);

  const titleSource = textConstruct(first(node, 'title', 'dc:title', 'atom:title'), format !== 'atom');
  let title = titleSource ? textOfTitle(titleSource.text.slice(0, 20 * TITLE_MAX_CHARS), titleSource.html || format !== 'atom') : '';
  if (!title && summary) title = truncateText(collapseWhitespace(summary), 100);
  // Nothing a reader could see or open (an id alone is not a story): skipped.
  if (!title && !link && !summary && !text) return null;
  if (!title) title = link ?? '(untitled)';

  const date = publishedOf(item, format, options.fetchedAt, options.futureToleranceMs);
  return {
    guid,
    link,
    title: truncateText(title, TITLE_MAX_CHARS),
    published: (date ?? options.fetchedAt).toISOString(),
    publishedIsFetchTime: date === null,
    author: authorOf(item, format),
    summary,
    text,
  };
}

export function normalizeFeed(feed: RawFeed, options: NormalizeOptions): ParsedFeed {
  const resolved = {
    fetchedAt: options.fetchedAt,
    summaryMaxChars: options.summaryMaxChars ?? SUMMARY_MAX_CHARS,
    textMaxChars: options.textMaxChars ?? TEXT_MAX_CHARS,
    futureToleranceMs: options.futureToleranceMs ?? 48 * 3600_000,
  };
  const { base, siteLink } = feedBase(feed, options.documentUrl);
  const items: FeedItem[] = [];
  for (const raw of feed.items) {
    const item = normalizeItem(raw, feed.format, base, resolved);
    if (item) items.push(item);
  }
  const channel = feed.channel as Element;
  const titleNode = first(channel, 'title', 'dc:title');
  const titleC = textConstruct(titleNode, feed.format !== 'atom');
  const title = titleC ? textOfTitle(titleC.text.slice(0, 10_000), titleC.html || feed.format !== 'atom') : '';
  return { title: title ? truncateText(title, 200) : null, link: siteLink ? canonicalUrl(siteLink) : null, items };
}
