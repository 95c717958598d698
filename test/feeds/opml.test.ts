import { describe, expect, it } from 'vitest';
import { readOpml, writeOpml } from '../../src/feeds/opml.js';

describe('OPML subscription lists', () => {
  it('reads the feeds of nested folders with their folders and categories, leaving out what is not a web feed', () => {
    const xml = `<?xml version="1.0"?><opml version="2.0"><head><title>Reader export</title></head><body>
      <outline text="Harbour">
        <outline text="Gazette" type="rss" xmlUrl="https://harbour.example/rss" category="/Shipping,/ports/"/>
        <outline text="Gazette again" type="rss" xmlUrl="https://harbour.example/rss"/>
      </outline>
      <outline text="Local copy" xmlUrl="file:///home/me/feed.xml"/>
      <outline title="Weather" text="wx" type="rss" xmlUrl="https://weather.example/atom"/>
    </body></opml>`;
    expect(readOpml(xml)).toEqual({
      feeds: [
        { url: 'https://harbour.example/rss', title: 'Gazette', categories: ['Harbour', 'Shipping', 'ports'] },
        { url: 'https://weather.example/atom', title: 'Weather', categories: [] },
      ],
      skipped: ['Local copy: "file:///home/me/feed.xml" is not an http(s) URL (file is not allowed)'],
    });
  });

  it('a file that is not OPML is refused with what was expected', () => {
    expect(readOpml('<rss version="2.0"><channel/></rss>')).toEqual({ error: expect.stringMatching(/^not an OPML file \(.+\); expected <opml version="2\.0"> with <outline xmlUrl="\.\.\."> entries$/) });
  });

  it('writes OPML 2.0 that reads back the same feeds, topics as categories', () => {
    const xml = writeOpml(
      [
        { url: 'https://harbour.example/rss?a=1&b=2', title: 'Gazette', topics: ['shipping', 'ports'] },
        { url: 'https://weather.example/atom', title: null, topics: [] },
      ],
      new Date('2026-12-04T10:00:00Z'),
    );
    expect(xml).toContain('<opml version="2.0">');
    expect(xml).toContain('<dateCreated>Fri, 04 Dec 2026 10:00:00 GMT</dateCreated>');
    expect(readOpml(xml)).toEqual({
      feeds: [
        { url: 'https://harbour.example/rss?a=1&b=2', title: 'Gazette', categories: ['shipping', 'ports'] },
        { url: 'https://weather.example/atom', title: 'https://weather.example/atom', categories: [] },
      ],
      skipped: [],
    });
  });
});
