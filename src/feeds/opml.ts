/**
 * OPML 2.0, the file feed readers import and export subscription lists with, read and written by
 * feedsmith. A feed is an outline with an xmlUrl; the folders it sits in and its `category`
 * attribute ("/ukraine-aid,/News") are its categories, which an import may match to topics.
 */
import { generateOpml, parseOpml, type Opml } from 'feedsmith';
import { feedUrlError } from '../config/validators.js';

export interface OpmlFeed {
  url: string;
  title: string | null;
  /** Folder names from the outside in, then the category attribute's parts. */
  categories: string[];
}

export interface OpmlRead {
  feeds: OpmlFeed[];
  /** Why each outline that names something unusable was left out. */
  skipped: string[];
}

type Outline = Opml.Outline<string>;

export function readOpml(xml: string): OpmlRead | { error: string } {
  let doc: Opml.Document<string>;
  try {
    doc = parseOpml(xml);
  } catch (err) {
    return { error: `not an OPML file (${(err as Error).message}); expected <opml version="2.0"> with <outline xmlUrl="..."> entries` };
  }
  const feeds: OpmlFeed[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  const walk = (outlines: Outline[] | undefined, folders: string[]) => {
    for (const o of outlines ?? []) {
      const name = (o.title ?? o.text ?? '').trim();
      if (o.xmlUrl === undefined) {
        walk(o.outlines, name ? [...folders, name] : folders);
        continue;
      }
      const url = o.xmlUrl.trim();
      // Only web feeds: an OPML file from elsewhere must not make the bot read local files.
      const problem = feedUrlError(url);
      if (problem) {
        skipped.push(`${name || url}: ${problem}`);
        continue;
      }
      if (seen.has(url)) continue;
      seen.add(url);
      const categories = [...folders, ...(o.category ?? '').split(',').map((c) => c.trim().replace(/^\/+|\/+$/g, '')).filter(Boolean)];
      feeds.push({ url, title: name || null, categories });
      walk(o.outlines, name ? [...folders, name] : folders);
    }
  };
  walk(doc.body?.outlines, []);
  return { feeds, skipped };
}

export function writeOpml(feeds: ReadonlyArray<{ url: string; title: string | null; topics: readonly string[] }>, now: Date): string {
  const outlines: Outline[] = feeds.map((f) => ({
    text: f.title ?? f.url,
    ...(f.title ? { title: f.title } : {}),
    type: 'rss',
    xmlUrl: f.url,
    ...(f.topics.length > 0 ? { category: f.topics.map((t) => `/${t}`).join(',') } : {}),
  }));
  return generateOpml({ head: { title: 'newsdigest feeds', dateCreated: now }, body: { outlines } });
}
