import { describe, expect, it } from 'vitest';
import zlib from 'node:zlib';
import { parseFeed } from '../../src/feeds/parseFeed.js';
import { readFeed } from '../../src/feeds/readFeed.js';

const bytes = (s: string) => Buffer.from(s, 'utf8');
const rss = (items: string, extra = '') => `<?xml version="1.0"?><rss version="2.0"${extra}><channel><title>T</title><link>https://ex.com/</link>${items}</channel></rss>`;
const read = (s: string | Buffer) => readFeed(typeof s === 'string' ? bytes(s) : s, { documentUrl: 'https://ex.com/feed.xml', fetchedAt: new Date('2024-05-01T00:00:00Z') });

describe('parseFeed refuses what is not a feed, with a reason', () => {
  it('an empty body', async () => {
    expect(await parseFeed(bytes(''))).toMatchObject({ ok: false, reason: 'not a feed: the document is empty' });
    expect(await parseFeed(bytes('  \n '))).toMatchObject({ ok: false, reason: 'not a feed: the document is empty' });
  });

  it('an HTML page', async () => {
    expect(await parseFeed(bytes('<!DOCTYPE html><html><head><title>x</title></head><body><p>hi</body></html>'))).toMatchObject({ ok: false, reason: 'not a feed: got an HTML page' });
  });

  it('gzip bytes that nobody decompressed', async () => {
    expect(await parseFeed(zlib.gzipSync(rss('')))).toMatchObject({ ok: false, reason: expect.stringContaining('gzip-compressed') });
  });

  it('plain text', async () => {
    expect(await parseFeed(bytes('Service unavailable, try later'))).toMatchObject({ ok: false, reason: expect.stringContaining('not XML (it begins "Service unavailable') });
  });

  it('XML of another kind', async () => {
    expect(await parseFeed(bytes('<?xml version="1.0"?><note><to>you</to></note>'))).toMatchObject({ ok: false, reason: 'not a feed: the XML root element is <note>, not <rss>, <rdf:RDF> or <feed>' });
  });

  it('a truncated document with no complete item', async () => {
    expect(await parseFeed(bytes('<rss version="2.0"><channel><title>T</title><item><title>cut'))).toMatchObject({ ok: false, reason: 'truncated XML document with no complete item' });
  });
});

describe('parseFeed refuses entity tricks before parsing', () => {
  it('billion laughs (entities expanding entities)', async () => {
    const doc = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><rss version="2.0"><channel><title>&lol3;</title></channel></rss>`;
    expect(await parseFeed(bytes(doc))).toMatchObject({ ok: false, reason: expect.stringContaining('billion laughs') });
  });

  it('external entities (XXE)', async () => {
    const doc = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><title>&xxe;</title></channel></rss>`;
    expect(await parseFeed(bytes(doc))).toMatchObject({ ok: false, reason: expect.stringContaining('external entity "xxe" (XXE)') });
  });

  it('parameter entities', async () => {
    const doc = `<!DOCTYPE rss [<!ENTITY % p "x">]><rss version="2.0"><channel/></rss>`;
    expect(await parseFeed(bytes(doc))).toMatchObject({ ok: false, reason: expect.stringContaining('parameter entities') });
  });

  it('many small entities whose expansion grows past 1 MiB', async () => {
    const decl = `<!ENTITY a "${'x'.repeat(1000)}">`;
    const doc = `<!DOCTYPE rss [${decl}]><rss version="2.0"><channel><title>${'&a;'.repeat(1100)}</title></channel></rss>`;
    expect(await parseFeed(bytes(doc))).toMatchObject({ ok: false, reason: expect.stringContaining('more than 1 MiB') });
  });

  it('nesting deeper than 256 elements', async () => {
    const doc = rss(`<item><title>x</title><description>${'<a>'.repeat(300)}${'</a>'.repeat(300)}</description></item>`);
    expect(await parseFeed(bytes(doc))).toMatchObject({ ok: false, reason: 'refused: elements nested deeper than 256 levels' });
  });

  it('but expands a plain internal entity, as XML says', async () => {
    const doc = `<!DOCTYPE rss [<!ENTITY id "tag:example.com,">]><rss version="2.0"><channel><item><guid isPermaLink='false'>&id;2006-05-04:/blog/</guid><title>t</title></item></channel></rss>`;
    const r = await read(doc);
    expect(r.ok && r.feed.items[0]!.guid).toBe('tag:example.com,2006-05-04:/blog/');
  });
});

describe('parseFeed reads what tolerant feed readers read', () => {
  it('whitespace and a comment before the XML declaration', async () => {
    const r = await read(`\n  <!-- generated -->\n<?xml version="1.0" encoding="UTF-8"?>${rss('<item><title>A</title></item>').replace(/^<\?xml[^>]*>/, '')}`);
    expect(r.ok && r.feed.items.map((i) => i.title)).toEqual(['A']);
  });

  it('a bare "&" and HTML entities, keeping an unknown entity as text', async () => {
    const r = await read(rss('<item><title>Fish & Chips&nbsp;&amp; more &doesnotexist;</title><link>https://ex.com/a?x=1&y=2</link></item>'));
    expect(r.ok && r.feed.items[0]).toMatchObject({ title: 'Fish & Chips & more &doesnotexist;', link: 'https://ex.com/a?x=1&y=2' });
    expect(r.ok && r.repairs).toEqual(expect.arrayContaining(['bare "&" escaped', 'HTML entities turned into characters', 'undefined entity kept as text']));
  });

  it('control characters in text', async () => {
    const r = await read(rss('<item><title>ab\u0008cd</title></item>'));
    expect(r.ok && r.feed.items[0]!.title).toBe('abcd');
  });

  it('a truncated document: the items before the cut, without the item cut off', async () => {
    const r = await read('<rss version="2.0"><channel><title>T</title><item><title>One</title></item><item><title>Two</title></item><item><title>Thr');
    expect(r.ok && r.feed.items.map((i) => i.title)).toEqual(['One', 'Two']);
    expect(r.ok && r.repairs).toContain('truncated document: the item cut off was dropped');
  });

  it('an end tag that lost its ">" at the end of the file', async () => {
    const r = await read('<rss version="2.0"><channel><item><title>Only</title></item></channel></rss');
    expect(r.ok && r.feed.items.map((i) => i.title)).toEqual(['Only']);
  });

  it('unquoted and repeated attributes, and unclosed HTML-ish elements inside an item', async () => {
    const r = await read(rss('<item><title>T</title><guid isPermaLink=false isPermaLink="true">id-1</guid><description>a<br>b</description></item>'));
    expect(r.ok && r.feed.items[0]).toMatchObject({ guid: 'id-1', link: null, summary: 'a\nb' });
  });

  it('an RSS document without a version, or without items', async () => {
    expect(await read('<rss><channel><title>T</title><item><title>x</title></item></channel></rss>')).toMatchObject({ ok: true });
    const empty = await read('<rss version="0.91"></rss>');
    expect(empty.ok && empty.feed.items).toEqual([]);
  });

  it('an Atom feed whose namespace is on a prefix', async () => {
    const r = await read('<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:title>F</a:title><a:entry><a:id>urn:1</a:id><a:title>Entry</a:title><a:link href="https://ex.com/e"/></a:entry></a:feed>');
    expect(r.ok && r.feed.items[0]).toMatchObject({ guid: 'urn:1', title: 'Entry', link: 'https://ex.com/e' });
  });

  it('a lone Atom entry document', async () => {
    const r = await read('<entry xmlns="http://www.w3.org/2005/Atom"><id>urn:2</id><title>Alone</title></entry>');
    expect(r.ok && r.feed.items.map((i) => i.title)).toEqual(['Alone']);
  });

  it('an Atom entry with an unreadable date (rss-parser alone would drop the whole feed)', async () => {
    const r = await read('<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id><title>A</title><published>not a date</published></entry><entry><id>2</id><title>B</title><link>https://ex.com/b</link></entry></feed>');
    expect(r.ok && r.feed.items.map((i) => [i.title, i.publishedIsFetchTime])).toEqual([['A', true], ['B', true]]);
  });

  it('an Atom link written as text, without attributes (rss-parser alone would throw)', async () => {
    const r = await read('<feed xmlns="http://www.w3.org/2005/Atom"><link>https://ex.com/</link><entry><id>1</id><title>A</title><link>https://ex.com/a</link><link rel="alternate" href="https://ex.com/b"/></entry></feed>');
    expect(r.ok && r.feed.items.map((i) => [i.title, i.link])).toEqual([['A', 'https://ex.com/b']]);
  });

  it('Atom xhtml text in document order', async () => {
    const r = await read('<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Sentry collar for <i>dogs</i> and cats</div></title></entry></feed>');
    expect(r.ok && r.feed.items[0]!.title).toBe('Sentry collar for dogs and cats');
  });
});
