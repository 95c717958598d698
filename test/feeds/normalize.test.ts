import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readFeed } from '../../src/feeds/readFeed.js';
import type { ParsedFeed } from '../../src/feeds/feedItem.js';
import { corpusDir } from '../fakes/feedServer.js';

const fetchedAt = new Date('2024-06-01T12:00:00Z');

async function readText(xml: string, documentUrl: string | null = 'https://feeds.example.com/feed.xml'): Promise<ParsedFeed> {
  const r = await readFeed(Buffer.from(xml, 'utf8'), { documentUrl, fetchedAt });
  if (!r.ok) throw new Error(r.reason);
  return r.feed;
}

async function readCorpus(file: string, contentType?: string, documentUrl: string | null = `http://127.0.0.1:9/corpus/${file}`): Promise<ParsedFeed> {
  const r = await readFeed(readFileSync(path.join(corpusDir, file)), { contentType, documentUrl, fetchedAt });
  if (!r.ok) throw new Error(r.reason);
  return r.feed;
}

describe('links', () => {
  it('takes <link> over guid, a guid without isPermaLink as the link, and never an isPermaLink="false" guid', async () => {
    const feed = await readCorpus('feedjira/Permalinks.xml');
    expect(feed.items.map((i) => i.link)).toEqual([null, 'http://example.com/2', 'http://example.com/3', 'http://example.com/4']);
    expect(feed.items.map((i) => i.guid)).toEqual(['http://example.com/1', 'http://example.com/2', 'http://example.com/3', 'http://example.com/5']);
  });

  it('prefers FeedBurner origLink (the publisher URL) over the feedproxy redirect', async () => {
    const feed = await readCorpus('feedjira/TechCrunch.xml');
    expect(feed.items[0]!.link).toBe('http://techcrunch.com/2011/11/02/angies-list-prices-ipo-at-11-to-13-per-share-valued-at-over-600m/');
  });

  it('resolves relative Atom links against the feed site link when there is no xml:base', async () => {
    const feed = await readCorpus('node-feedparser/tpm.atom');
    expect(feed.items[0]!.link).toBe('http://talkingpointsmemo.com/livewire/hannity-announces-fox-hired-sebastian-gorka-national-security-strategist');
    expect(feed.items[1]!.link).toBe('http://talkingpointsmemo.com/edblog/were-hiring-senior-editor');
  });

  it('treats an empty xml:base as absent', async () => {
    const feed = await readCorpus('node-feedparser/tpm-with-empty-base.atom');
    expect(feed.items[1]!.link).toBe('http://talkingpointsmemo.com/edblog/were-hiring-senior-editor');
  });

  it('resolves against the root xml:base', async () => {
    const feed = await readCorpus('gofeed/rss/rss_channel_item_xml_base.xml');
    expect(feed.items[0]!.link).toBe('http://example.org/feeds/post/1');
  });

  it('resolves a relative channel link against the absolute self link, and items against that', async () => {
    const feed = await readCorpus('node-feedparser/rss-with-relative-urls-with-absolute-xmlurl.xml');
    expect(feed.link).toBe('http://www.arcgames.com/en/games/neverwinter/news');
    expect(feed.items[0]!.link).toBe('http://www.arcgames.com/en/games/neverwinter/news/detail/10743874-neverwinter-%26-jingle-jam-humble-bundle%21');
  });

  it('keeps an item xml:base to its own item', async () => {
    const feed = await readText(`<rss version="2.0"><channel><title>t</title><link>https://example.com/</link>
      <item xml:base="https://example.com/first/"><title>a</title><link>post</link></item>
      <item><title>b</title><link>post</link></item></channel></rss>`);
    expect(feed.items.map((i) => i.link)).toEqual(['https://example.com/first/post', 'https://example.com/post']);
  });

  it('falls back to the URL the document came from', async () => {
    const feed = await readText('<rss version="2.0"><channel><title>t</title><item><title>a</title><link>/a/b</link></item></channel></rss>', 'https://site.example/feeds/all.xml');
    expect(feed.items[0]!.link).toBe('https://site.example/a/b');
  });

  it('cleans tracking parameters and fragments off item links', async () => {
    const feed = await readCorpus('feed-rs/rss2/rss_2.0_wirecutter.xml');
    expect(feed.items[0]!.link).toBe('https://www.nytimes.com/wirecutter/blog/how-to-teach-someone-a-board-game/');
  });

  it('has no link when nothing gives an absolute http(s) one', async () => {
    const feed = await readCorpus('node-feedparser/atom-with-tag-uri-links.xml');
    expect(feed.items[0]!.link).toBeNull();
  });
});

describe('ids, authors and dates', () => {
  it('uses the first of duplicate <guid> elements', async () => {
    const feed = await readCorpus('node-feedparser/guid-dupes.xml');
    expect(feed.items[0]).toMatchObject({ guid: 'http://www.braingle.com/50366.html', link: 'http://www.braingle.com/50366.html' });
  });

  it('reads Atom ids and Atom-namespace authors inside RSS', async () => {
    expect((await readCorpus('node-feedparser/complexNamespaceFeed.xml')).items).toHaveLength(0);
    const a10 = await readCorpus('feedjira/a10.xml');
    expect(a10.items[0]).toMatchObject({ author: 'John Doe', link: 'http://www.example.com/5' });
  });

  it('turns "email (Name)" authors into the name', async () => {
    const feed = await readText('<rss version="2.0"><channel><item><title>a</title><author>jane@example.com (Jane Roe)</author></item></channel></rss>');
    expect(feed.items[0]!.author).toBe('Jane Roe');
  });

  it('takes pubDate over a Unix-timestamp dc:date', async () => {
    const feed = await readCorpus('feedjira/InvalidDateFormat.xml');
    expect(feed.items[0]).toMatchObject({ published: '2017-10-16T15:10:00.000Z', publishedIsFetchTime: false });
  });

  it('gives an item without a usable date the fetch time, flagged', async () => {
    const feed = await readText(`<rss version="2.0"><channel>
      <item><title>none</title></item>
      <item><title>bad</title><pubDate>someday</pubDate></item>
      <item><title>future</title><pubDate>Mon, 01 Jan 2099 00:00:00 GMT</pubDate></item>
      <item><title>ok</title><pubDate>Fri, 31 May 2024 08:00:00 GMT</pubDate></item></channel></rss>`);
    expect(feed.items.map((i) => [i.title, i.published, i.publishedIsFetchTime])).toEqual([
      ['none', fetchedAt.toISOString(), true],
      ['bad', fetchedAt.toISOString(), true],
      ['future', fetchedAt.toISOString(), true],
      ['ok', '2024-05-31T08:00:00.000Z', false],
    ]);
  });
});

describe('titles and text', () => {
  it('strips HTML from an Atom type="html" title', async () => {
    const feed = await readCorpus('feedjira/google_alerts_atom.xml');
    expect(feed.items[0]!.title).toBe('Report offers Prediction of Automotive Slack Market by Top key players like Haldex, Meritor, Bendix ...');
  });

  it('keeps an unknown entity literally', async () => {
    expect((await readCorpus('feedparser-py/entities/doesnotexist.xml')).title).toBe('testing &doesnotexist; entity');
  });

  it('takes the full text from content:encoded and a short plain summary from the description', async () => {
    const feed = await readCorpus('feedparser-py/wellformed/rss/item_content_encoded.xml');
    expect(feed.items[0]!.text).toBe('Example content');
    const medium = await readCorpus('feed-extractor/medium-feed.xml');
    expect(medium.items[0]!.text!.length).toBeGreaterThan(1000);
    expect(medium.items[0]!.text).not.toMatch(/<[a-z]/i);
  });

  it('bounds the summary and keeps a long description as the text', async () => {
    const long = 'word '.repeat(600);
    const feed = await readText(`<rss version="2.0"><channel><item><title>a</title><description>&lt;p&gt;${long}&lt;/p&gt;</description></item></channel></rss>`);
    expect(feed.items[0]!.summary!.length).toBeLessThanOrEqual(1000);
    expect(feed.items[0]!.summary!.endsWith('…')).toBe(true);
    expect(feed.items[0]!.text).toBe(long.trim());
  });

  it('derives a title from the summary when the item has none', async () => {
    const feed = await readText('<rss version="2.0"><channel><item><description>Only a description here.</description></item></channel></rss>');
    expect(feed.items[0]!.title).toBe('Only a description here.');
  });

  it('skips an item that carries nothing a reader could see or open', async () => {
    expect((await readCorpus('rss-parser/incomplete-fields.atom')).items).toEqual([]);
    expect((await readText('<rss version="2.0"><channel><item><guid>only-an-id</guid></item><item><title>kept</title></item></channel></rss>')).items.map((i) => i.title)).toEqual(['kept']);
  });
});

describe('encodings, as the peers expect them', () => {
  it('windows-1252 given only by HTTP', async () => {
    const feed = await readCorpus('feedparser-py/encoding/http_text_xml_charset_2.xml', 'text/xml; charset=windows-1252');
    expect(feed.items[0]!.summary).toBe('This is a £“test.”');
  });

  it('EUC-KR declared in the document', async () => {
    expect((await readCorpus('feedparser-py/encoding/euc-kr-item.xml')).items[0]!.summary).toBe('년');
  });

  it('windows-1252 punctuation carried as C1 control codes', async () => {
    expect((await readCorpus('feedparser-py/encoding/demoronize-1.xml')).items[0]!.summary).toBe('don’t');
  });

  it('ISO-8859-1 declared, Portuguese text', async () => {
    expect((await readCorpus('feed-rs/rss2/rss_2.0_encoding_1.xml')).items[0]!.title).toBe('Revolução nas telas com pontos quânticos impressos em 3D');
  });

  it('undeclared Latin-1 bytes (the peer reads them as broken UTF-8; we read the words)', async () => {
    expect((await readCorpus('rss-parser/uolNoticias.rss')).items[0]!.title).toBe('Ibope: Bolsonaro perde de Haddad, Ciro e Alckmin em simulações de 2º turno');
  });
});
