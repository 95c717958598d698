/**
 * The canonical form of an article link, so that one story reached through two feeds (or through
 * a tracking link) is one article: absolute (resolved against the feed's base), http(s) only, host
 * lowercased, default port and fragment removed, tracking parameters (utm_*, fbclid, gclid, ...)
 * removed. Other query parameters are kept byte for byte, in order: they may select the article.
 */

const TRACKING_EXACT = new Set(['fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'mc_cid', 'mc_eid', '_hsenc', '_hsmi', 'igshid', 'mkt_tok']);

function isTrackingParam(rawKey: string): boolean {
  let key: string;
  try {
    key = decodeURIComponent(rawKey.replace(/\+/g, ' ')).toLowerCase();
  } catch {
    key = rawKey.toLowerCase();
  }
  return key.startsWith('utm_') || TRACKING_EXACT.has(key);
}

/** `raw` resolved against `base` (absolute URL or null) → canonical http(s) URL, or null. */
export function canonicalUrl(raw: string | null | undefined, base?: string | null): string | null {
  if (typeof raw !== 'string') return null;
  const trimmed = raw.trim();
  if (trimmed === '' || trimmed.length > 4096) return null;
  let url: URL;
  try {
    url = base ? new URL(trimmed, base) : new URL(trimmed);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (!url.hostname) return null;
  url.hash = '';
  if (url.search) {
    const kept = url.search
      .slice(1)
      .split('&')
      .filter((pair) => pair !== '' && !isTrackingParam(pair.split('=')[0]!));
    url.search = kept.length ? `?${kept.join('&')}` : '';
  }
  return url.toString();
}

/** `ref` resolved against `base` when that gives an http(s) URL, else null (no cleaning). */
export function resolveUrl(ref: string | null | undefined, base?: string | null): string | null {
  if (typeof ref !== 'string' || ref.trim() === '') return null;
  try {
    const url = base ? new URL(ref.trim(), base) : new URL(ref.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}
