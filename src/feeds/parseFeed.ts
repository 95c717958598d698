/**
 * Bytes of a feed document → the parsed document (rss-parser over xml2js/sax, strict XML), or a
 * clear reason why it is not read. Before the parser: refuse what is not a feed at all (empty body,
 * an HTML page, gzip bytes nobody decoded, some other XML), decode the charset (decode.ts), and
 * repair what tolerant readers accept (xmlRepair.ts), refusing entity-expansion tricks there.
 * Normalization into FeedItems is normalize.ts.
 */
import Parser from 'rss-parser';
import { timed } from '../ingest/phaseClock.js';
import { decodeFeedBytes } from './decode.js';
import { RefusedXmlError, repairXml, type RepairedXml } from './xmlRepair.js';

/** One element as xml2js gives it: text, or an object with attributes ($), text (_) and children. */
export type XmlNode = string | { $?: Record<string, string>; _?: string; [child: string]: unknown };

export interface RawItem {
  title?: string;
  link?: string;
  guid?: string;
  id?: string;
  pubDate?: string;
  isoDate?: string;
  creator?: string;
  author?: string;
  /** The item's element as parsed, before rss-parser picked fields (links, xml:base, dates, text). */
  node: Record<string, XmlNode[] | Record<string, string> | undefined>;
}

export interface RawFeed {
  format: 'rss' | 'rdf' | 'atom';
  title?: string;
  link?: string;
  feedUrl?: string;
  /** Attributes of the root element (xml:base, namespace declarations). */
  rootAttributes: Record<string, string>;
  /** The <channel> (RSS, RDF) or <feed> (Atom) element as parsed. */
  channel: Record<string, XmlNode[] | Record<string, string> | undefined>;
  items: RawItem[];
}

export type ParseFeedResult =
  | { ok: true; feed: RawFeed; encoding: string; repairs: string[]; truncated: boolean }
  | { ok: false; reason: string; encoding: string | null };

export interface ParseFeedOptions {
  contentType?: string | null;
  maxDepth?: number;
}

const NS = {
  atom: 'http://www.w3.org/2005/Atom',
  atom03: 'http://purl.org/atom/ns#',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rss1: 'http://purl.org/rss/1.0/',
  rss090: 'http://my.netscape.com/rdf/simple/0.9/',
  content: 'http://purl.org/rss/1.0/modules/content/',
  dc: 'http://purl.org/dc/elements/1.1/',
  feedburner: 'http://rssnamespace.org/feedburner/ext/1.0',
};

// rss-parser 3.13 throws on an Atom <published> that Date cannot read and on an Atom <link>
// without attributes, which would lose the whole feed to one bad element. These overrides hand it
// sanitized copies and keep the original element for normalize.ts. (Methods of rss-parser's
// Parser class; a test in test/feeds pins this behaviour.)
interface ParserInternals {
  buildAtomFeed(xmlObj: Record<string, unknown>): Record<string, unknown>;
  buildRSS(channel: unknown, items: unknown): Record<string, unknown>;
  parseItemAtom(entry: Record<string, unknown>): Record<string, unknown>;
  parseItemRss(item: Record<string, unknown>, fields: unknown): Record<string, unknown>;
}

const validDate = (v: unknown): boolean => {
  const s = typeof v === 'string' ? v : v && typeof v === 'object' ? (v as { _?: unknown })._ : undefined;
  return typeof s === 'string' && s.trim() !== '' && !Number.isNaN(new Date(s).getTime());
};
const linkElements = (links: unknown): unknown[] | undefined => {
  if (!Array.isArray(links)) return undefined;
  const usable = links.filter((l) => l && typeof l === 'object' && typeof (l as { $?: { href?: unknown } }).$?.href === 'string');
  return usable.length ? usable : undefined;
};

// Text bodies are read from the original element by normalize.ts. rss-parser would also derive
// "snippets" from them with regular expressions that take quadratic time on unclosed "<"
// (16,000 of them: 5 s), so its copy goes without.
const TEXT_BODIES = ['description', 'content:encoded', 'content', 'summary', 'itunes:summary'];

function withoutTextBodies(node: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...node };
  for (const key of TEXT_BODIES) delete copy[key];
  return copy;
}

function sanitizeAtomEntry(entry: Record<string, unknown>): Record<string, unknown> {
  if (!entry || typeof entry !== 'object') return {};
  const copy = withoutTextBodies(entry);
  for (const key of ['published', 'updated']) {
    const v = copy[key];
    if (v !== undefined && !(Array.isArray(v) && validDate(v[0]))) delete copy[key];
  }
  const links = linkElements(copy.link);
  if (links) copy.link = links;
  else delete copy.link;
  return copy;
}

function createParser(tagNameProcessor: ((name: string) => string) | null): Parser {
  const parser = new Parser({
    defaultRSS: 2,
    xml2js: tagNameProcessor ? { tagNameProcessors: [tagNameProcessor] } : {},
  });
  const internals = parser as unknown as ParserInternals;
  const proto = Object.getPrototypeOf(parser) as ParserInternals;
  internals.buildAtomFeed = function (xmlObj) {
    const feedNode = xmlObj.feed as Record<string, unknown> | undefined;
    if (!feedNode || typeof feedNode !== 'object') return { items: [] };
    const feed: Record<string, unknown> = { ...feedNode };
    const links = linkElements(feed.link);
    if (links) feed.link = links;
    else delete feed.link;
    const out = proto.buildAtomFeed.call(this, { ...xmlObj, feed });
    out.channel = feedNode;
    return out;
  };
  internals.buildRSS = function (channel, items) {
    const out = proto.buildRSS.call(this, channel, items);
    out.channel = channel && typeof channel === 'object' ? channel : {};
    return out;
  };
  internals.parseItemAtom = function (entry) {
    const item = proto.parseItemAtom.call(this, sanitizeAtomEntry(entry));
    item.node = entry && typeof entry === 'object' ? entry : {};
    return item;
  };
  internals.parseItemRss = function (xmlItem, fields) {
    const node = xmlItem && typeof xmlItem === 'object' ? xmlItem : {};
    const item = proto.parseItemRss.call(this, withoutTextBodies(node), fields);
    item.node = node;
    return item;
  };
  return parser;
}

/** Renames prefixed elements whose namespace we read, so that one name means one thing. */
function tagNameProcessorFor(rootAttributes: Record<string, string>, format: RawFeed['format']): ((name: string) => string) | null {
  const renames = new Map<string, string>();
  for (const [attr, uri] of Object.entries(rootAttributes)) {
    if (!attr.startsWith('xmlns:')) continue;
    const prefix = attr.slice(6);
    const target =
      uri === NS.atom || uri === NS.atom03
        ? format === 'atom'
          ? ''
          : 'atom:'
        : uri === NS.rdf
          ? 'rdf:'
          : uri === NS.rss1 || uri === NS.rss090
            ? ''
            : uri === NS.content
              ? 'content:'
              : uri === NS.dc
                ? 'dc:'
                : uri === NS.feedburner
                  ? 'feedburner:'
                  : null;
    if (target !== null && `${prefix}:` !== target) renames.set(prefix, target);
  }
  if (renames.size === 0) return null;
  return (name) => {
    const colon = name.indexOf(':');
    if (colon < 0) return name;
    const target = renames.get(name.slice(0, colon));
    return target === undefined ? name : target + name.slice(colon + 1);
  };
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

function classifyRoot(repaired: RepairedXml, decodedText: string): { format: RawFeed['format'] | 'entry' } | { reason: string } {
  const root = repaired.root;
  if (root === null) {
    if (decodedText.trim() === '') return { reason: 'not a feed: the document is empty' };
    if (!repaired.strayText) return { reason: 'not a feed: the document holds no XML element' };
    const all = (repaired.strayText || decodedText.trim()).replace(/\s+/g, ' ');
    const sample = all.length > 40 ? `${all.slice(0, 40).trim()}…` : all;
    return { reason: `not a feed: the body is not XML (it begins "${sample}")` };
  }
  const local = localName(root).toLowerCase();
  if (local === 'html' || local === 'head' || local === 'body') return { reason: 'not a feed: got an HTML page' };
  // Names as rss-parser matches them (case-sensitive), prefixes aside (see tagNameProcessorFor).
  const exact = localName(root);
  if (exact === 'rss') return { format: 'rss' };
  if (exact === 'RDF') return { format: 'rdf' };
  if (exact === 'feed') return { format: 'atom' };
  if (exact === 'entry') return { format: 'entry' };
  return { reason: `not a feed: the XML root element is <${root}>, not <rss>, <rdf:RDF> or <feed>` };
}

export async function parseFeed(bytes: Uint8Array, options: ParseFeedOptions = {}): Promise<ParseFeedResult> {
  if (bytes.length === 0) return { ok: false, reason: 'not a feed: the document is empty', encoding: null };
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    return { ok: false, reason: 'not a feed: the body is gzip-compressed data that was not decoded', encoding: null };
  }
  const decoded = timed('decode', () => decodeFeedBytes(bytes, options.contentType));
  let repaired: RepairedXml;
  try {
    repaired = repairXml(decoded.text, options.maxDepth ? { maxDepth: options.maxDepth } : {});
  } catch (err) {
    if (err instanceof RefusedXmlError) return { ok: false, reason: err.message, encoding: decoded.encoding };
    throw err;
  }
  const kind = classifyRoot(repaired, decoded.text);
  if ('reason' in kind) return { ok: false, reason: kind.reason, encoding: decoded.encoding };
  const format: RawFeed['format'] = kind.format === 'entry' ? 'atom' : kind.format;
  const rootAttributes = repaired.rootAttributes;
  const empty: RawFeed = { format, rootAttributes, channel: {}, items: [] };
  const rename = tagNameProcessorFor(rootAttributes, format);
  const children = new Set([...repaired.rootChildren].map((n) => (rename ? rename(n) : n)));
  // A root with no children, or an RSS/RDF document without a <channel> where rss-parser looks for
  // it, is a feed with nothing in it (rss-parser would throw).
  if (children.size === 0 || (format !== 'atom' && !children.has('channel'))) {
    if (repaired.truncated) return { ok: false, reason: 'truncated XML document with no complete item', encoding: decoded.encoding };
    return { ok: true, feed: empty, encoding: decoded.encoding, repairs: repaired.repairs, truncated: repaired.truncated };
  }
  // A lone Atom <entry> document is read as a feed of one.
  const xml = kind.format === 'entry' ? `<feed xmlns="${NS.atom}">${repaired.xml}</feed>` : repaired.xml;
  let output: Record<string, unknown>;
  try {
    output = (await createParser(rename).parseString(xml)) as unknown as Record<string, unknown>;
  } catch (err) {
    const message = String((err as Error).message).split('\n')[0]!.slice(0, 200);
    const reason = /not recognized/i.test(message)
      ? `not a feed: rss-parser does not recognise a <${repaired.root}> document`
      : err instanceof TypeError
        ? `not a feed: rss-parser could not read the structure of this <${repaired.root}> document (${message})`
        : `not well-formed XML even after repair: ${message}`;
    return { ok: false, reason, encoding: decoded.encoding };
  }
  const feed = toRawFeed(output, format, rootAttributes);
  if (repaired.truncated && feed.items.length === 0) {
    return { ok: false, reason: 'truncated XML document with no complete item', encoding: decoded.encoding };
  }
  return { ok: true, feed, encoding: decoded.encoding, repairs: repaired.repairs, truncated: repaired.truncated };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function toRawFeed(output: Record<string, unknown>, format: RawFeed['format'], rootAttributes: Record<string, string>): RawFeed {
  const items = Array.isArray(output.items) ? (output.items as Array<Record<string, unknown>>) : [];
  return {
    format,
    title: str(output.title),
    link: str(output.link),
    feedUrl: str(output.feedUrl),
    rootAttributes,
    channel: (output.channel ?? {}) as RawFeed['channel'],
    items: items.map((it) => ({
      title: str(it.title),
      link: str(it.link),
      guid: str(it.guid),
      id: str(it.id),
      pubDate: str(it.pubDate),
      isoDate: str(it.isoDate),
      creator: str(it.creator),
      author: str(it.author),
      node: (it.node ?? {}) as RawItem['node'],
    })),
  };
}
