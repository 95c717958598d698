import { describe, expect, it } from 'vitest';
import { canonicalUrl } from '../../src/feeds/canonicalUrl.js';

describe('canonicalUrl', () => {
  it('removes utm_*, fbclid and gclid but keeps other parameters in their order and encoding', () => {
    expect(canonicalUrl('https://ex.com/a?id=7&utm_source=rss&utm_medium=feed&q=a%20b&fbclid=XYZ&gclid=1')).toBe('https://ex.com/a?id=7&q=a%20b');
  });

  it('drops the query mark when only tracking parameters were there, and the fragment', () => {
    expect(canonicalUrl('https://ex.com/story/?utm_campaign=RSS%20Feed#comments')).toBe('https://ex.com/story/');
  });

  it('lowercases the host and drops the default port', () => {
    expect(canonicalUrl('HTTPS://News.Example.COM:443/Path/Case')).toBe('https://news.example.com/Path/Case');
  });

  it('resolves relative links against the base', () => {
    expect(canonicalUrl('/blog/post-1', 'https://huggingface.co/blog/feed.xml')).toBe('https://huggingface.co/blog/post-1');
    expect(canonicalUrl('post-1', 'https://example.com/feed/')).toBe('https://example.com/feed/post-1');
  });

  it('gives null for what is not an absolute http(s) link', () => {
    expect(canonicalUrl('/relative/without/base')).toBeNull();
    expect(canonicalUrl('javascript:alert(1)')).toBeNull();
    expect(canonicalUrl('mailto:a@b.c')).toBeNull();
    expect(canonicalUrl('tag:mefi.social,2024-01-26:objectId=1')).toBeNull();
    expect(canonicalUrl('   ')).toBeNull();
  });
});
