/**
 * Fetches one feed document: an http(s) URL with a conditional GET (the stored ETag and
 * Last-Modified; a 304 means nothing to parse), or a local file named in config or on the command
 * line (its size and mtime stand in for an ETag, so an unchanged file is "not modified" too).
 */
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatBytes, httpFetch } from './httpFetch.js';
import type { UrlPolicy } from './urlSafety.js';

export interface FetchFeedOptions {
  etag?: string | null;
  lastModified?: string | null;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  /** Set for feeds added from chat (untrusted); null/undefined for config and CLI feeds. */
  policy?: UrlPolicy | null;
  signal?: AbortSignal;
  /** Folder that relative file paths are read from (default: the working directory). */
  baseDir?: string;
}

export type FetchFeedResult =
  | {
      status: 'ok';
      body: Buffer;
      headers: Record<string, string>;
      httpStatus: number | null;
      finalUrl: string;
      contentType: string | null;
      etag: string | null;
      lastModified: string | null;
    }
  | { status: 'not_modified'; httpStatus: number | null; finalUrl: string; etag: string | null; lastModified: string | null }
  | { status: 'failed'; reason: string; httpStatus: number | null; finalUrl: string };

export const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8';

/** True when `location` names a file rather than an http(s) URL. */
export function isLocalFeed(location: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:\/\//i.test(location) || /^file:\/\//i.test(location);
}

export async function fetchFeed(location: string, options: FetchFeedOptions): Promise<FetchFeedResult> {
  if (isLocalFeed(location)) return readLocalFeed(location, options);
  const headers: Record<string, string> = { accept: FEED_ACCEPT };
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;
  const result = await httpFetch(location, {
    timeoutMs: options.timeoutMs,
    maxBytes: options.maxBytes,
    maxRedirects: options.maxRedirects,
    headers,
    policy: options.policy ?? null,
    signal: options.signal,
  });
  if (result.kind === 'failed') return { status: 'failed', reason: result.reason, httpStatus: result.status, finalUrl: result.finalUrl };
  const etag = result.headers.etag ?? null;
  const lastModified = result.headers['last-modified'] ?? null;
  if (result.kind === 'not_modified') {
    // A 304 may omit the validators; keep the ones we sent.
    return { status: 'not_modified', httpStatus: result.status, finalUrl: result.finalUrl, etag: etag ?? options.etag ?? null, lastModified: lastModified ?? options.lastModified ?? null };
  }
  return {
    status: 'ok',
    body: result.body,
    headers: result.headers,
    httpStatus: result.status,
    finalUrl: result.finalUrl,
    contentType: result.headers['content-type'] ?? null,
    etag,
    lastModified,
  };
}

async function readLocalFeed(location: string, options: FetchFeedOptions): Promise<FetchFeedResult> {
  const file = /^file:\/\//i.test(location) ? fileURLToPath(location) : path.resolve(options.baseDir ?? process.cwd(), location);
  try {
    const info = await stat(file);
    if (!info.isFile()) return { status: 'failed', reason: `${location} is not a file`, httpStatus: null, finalUrl: location };
    if (info.size > options.maxBytes) return { status: 'failed', reason: `body larger than ${formatBytes(options.maxBytes)} (file of ${formatBytes(info.size)})`, httpStatus: null, finalUrl: location };
    const etag = `"file-${info.size}-${Math.trunc(info.mtimeMs)}"`;
    if (options.etag === etag) return { status: 'not_modified', httpStatus: null, finalUrl: location, etag, lastModified: null };
    // Read at most maxBytes + 1 so a file growing between stat and read still hits the limit.
    const handle = await open(file, 'r');
    try {
      const buf = Buffer.alloc(Math.min(info.size, options.maxBytes) + 1);
      const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
      if (bytesRead > options.maxBytes) return { status: 'failed', reason: `body larger than ${formatBytes(options.maxBytes)}`, httpStatus: null, finalUrl: location };
      return { status: 'ok', body: buf.subarray(0, bytesRead), headers: {}, httpStatus: null, finalUrl: location, contentType: null, etag, lastModified: null };
    } finally {
      await handle.close();
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? `file not found: ${file}` : code === 'EACCES' ? `permission denied: ${file}` : `cannot read ${file}: ${(err as Error).message}`;
    return { status: 'failed', reason, httpStatus: null, finalUrl: location };
  }
}
