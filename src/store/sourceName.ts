/** The name readers see for a source: the feed's title, else its host ("voanews.com"), else the file name. */
export function sourceName(feedTitle: string | null, feedUrl: string): string | null {
  const title = feedTitle?.trim();
  if (title) return title;
  try {
    const url = new URL(feedUrl);
    if (url.protocol === 'file:') return url.pathname.split('/').filter(Boolean).pop() ?? null;
    if (url.host) return url.host.replace(/^www\./, '');
  } catch {
    // Not a URL: a local path given on the command line.
  }
  return feedUrl.split(/[\\/]/).filter(Boolean).pop() ?? (feedUrl || null);
}

/**
 * How readers see where an article or figure came from: "VOA via newsdigest sample" when the item
 * names its outlet or author and that differs from the feed, else the feed's name alone.
 */
export function sourceLabel(author: string | null | undefined, feedName: string | null): string | null {
  const a = author?.trim();
  if (!a) return feedName;
  if (!feedName || a.toLowerCase() === feedName.toLowerCase()) return a;
  return `${a} via ${feedName}`;
}
