/**
 * One bounded HTTP(S) GET, written on node:http/https so that every limit is ours: a total deadline
 * over connect, headers, body and redirects (a server trickling bytes is cut off like a silent one),
 * a size cap before and after decompression (zip bombs), a redirect limit, and for untrusted URLs an
 * address check on every hop made at connect time (see urlSafety.ts). Never throws: the outcome is a
 * value with a reason a person can read.
 */
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import zlib from 'node:zlib';
import { promisify } from 'node:util';
import { UnsafeAddressError, guardedLookup, resolveChecked, urlHost, type UrlPolicy } from './urlSafety.js';

export const USER_AGENT = 'newsdigest/0.1 (+https://github.com/newsdigest/newsdigest)';

export interface HttpFetchOptions {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  headers?: Record<string, string>;
  /** Untrusted URL (added from chat): every hop must pass this policy. Omit for trusted URLs. */
  policy?: UrlPolicy | null;
  signal?: AbortSignal;
}

export interface HttpResponseInfo {
  status: number;
  headers: Record<string, string>;
  /** URL of the last hop (after redirects). */
  finalUrl: string;
}

export type HttpFetchResult =
  | ({ kind: 'ok'; body: Buffer } & HttpResponseInfo)
  | ({ kind: 'not_modified' } & HttpResponseInfo)
  | { kind: 'failed'; reason: string; status: number | null; finalUrl: string };

/** 10485760 → "10 MiB", 1536 → "1.5 KiB". */
export function formatBytes(n: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${n} bytes` : `${Number.isInteger(v) ? v : v.toFixed(1)} ${units[u]}`;
}

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);
const inflateRaw = promisify(zlib.inflateRaw);
const brotli = promisify(zlib.brotliDecompress);

class FetchFailure extends Error {
  constructor(
    readonly reason: string,
    readonly status: number | null = null,
  ) {
    super(reason);
  }
}

function headerRecord(res: http.IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

async function decompress(body: Buffer, encoding: string | undefined, maxBytes: number): Promise<Buffer> {
  const codings = (encoding ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c && c !== 'identity');
  let out = body;
  // Codings are listed in the order they were applied; undo them last first.
  for (const coding of codings.reverse()) {
    const opts = { maxOutputLength: maxBytes };
    try {
      if (coding === 'gzip' || coding === 'x-gzip') out = await gunzip(out, opts);
      else if (coding === 'br') out = await brotli(out, opts);
      else if (coding === 'deflate') {
        // "deflate" should be zlib-wrapped; some servers send raw deflate. A zlib header has
        // CMF 0x?8 and (CMF*256+FLG) % 31 == 0.
        const zlibWrapped = out.length >= 2 && (out[0]! & 0x0f) === 8 && ((out[0]! << 8) | out[1]!) % 31 === 0;
        out = zlibWrapped ? await inflate(out, opts) : await inflateRaw(out, opts);
      } else throw new FetchFailure(`unsupported Content-Encoding "${coding}"`);
    } catch (err) {
      if (err instanceof FetchFailure) throw err;
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
        throw new FetchFailure(`body larger than ${formatBytes(maxBytes)} once decompressed (${coding})`);
      }
      throw new FetchFailure(`corrupt ${coding} body: ${(err as Error).message}`);
    }
  }
  return out;
}

interface HopResult {
  res: http.IncomingMessage;
  req: http.ClientRequest;
}

function describeNetworkError(err: NodeJS.ErrnoException, url: URL): string {
  if (err instanceof UnsafeAddressError) return `refused: ${err.message}`;
  const host = url.host;
  switch (err.code) {
    case 'ECONNREFUSED':
      return `connection refused by ${host}`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `could not resolve ${url.hostname} (${err.code})`;
    case 'ECONNRESET':
      return `connection reset by ${host}`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${host} is unreachable (${err.code})`;
    case 'CERT_HAS_EXPIRED':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `TLS certificate of ${host} rejected (${err.code})`;
    default:
      return `request to ${host} failed: ${err.message}${err.code && !err.message.includes(err.code) ? ` (${err.code})` : ''}`;
  }
}

/**
 * GET `rawUrl` following redirects. The whole exchange, redirects included, must finish within
 * timeoutMs. Status 304 → not_modified, 2xx → ok, anything else → failed.
 */
export async function httpFetch(rawUrl: string, options: HttpFetchOptions): Promise<HttpFetchResult> {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), options.timeoutMs);
  const onOuterAbort = () => deadline.abort();
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  let current = rawUrl;
  const timeoutReason = () =>
    options.signal?.aborted ? 'cancelled (shutting down)' : `timed out after ${options.timeoutMs / 1000} s without a complete response`;
  try {
    for (let hop = 0; ; hop++) {
      let url: URL;
      try {
        url = new URL(current);
      } catch {
        return { kind: 'failed', reason: `"${current}" is not a valid URL`, status: null, finalUrl: current };
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        return { kind: 'failed', reason: `${hop > 0 ? 'redirected to' : 'refused'} a non-http(s) URL (${url.protocol})`, status: null, finalUrl: current };
      }
      if (options.policy && net.isIP(urlHost(url))) {
        // Node does not call `lookup` for IP literals: check them here.
        const checked = await resolveChecked(urlHost(url), options.policy);
        if ('error' in checked) {
          return { kind: 'failed', reason: `refused${hop > 0 ? ' after a redirect' : ''}: ${checked.error}`, status: null, finalUrl: current };
        }
      }
      let hopResult: HopResult;
      try {
        hopResult = await requestOnce(url, options, deadline.signal);
      } catch (err) {
        if (deadline.signal.aborted) return { kind: 'failed', reason: timeoutReason(), status: null, finalUrl: current };
        const e = err as NodeJS.ErrnoException;
        const reason = describeNetworkError(e, url);
        return { kind: 'failed', reason: hop > 0 && e instanceof UnsafeAddressError ? reason.replace(/^refused:/, 'refused after a redirect:') : reason, status: null, finalUrl: current };
      }
      const { res } = hopResult;
      const status = res.statusCode ?? 0;
      const headers = headerRecord(res);
      if ([301, 302, 303, 307, 308].includes(status) && headers.location) {
        discard(hopResult);
        if (hop >= options.maxRedirects) {
          return { kind: 'failed', reason: `too many redirects (more than ${options.maxRedirects})`, status, finalUrl: current };
        }
        try {
          current = new URL(headers.location, url).toString();
        } catch {
          return { kind: 'failed', reason: `redirect to an invalid URL "${headers.location}"`, status, finalUrl: current };
        }
        continue;
      }
      if (status === 304) {
        discard(hopResult);
        return { kind: 'not_modified', status, headers, finalUrl: current };
      }
      if (status < 200 || status >= 300) {
        discard(hopResult);
        const text = http.STATUS_CODES[status];
        return { kind: 'failed', reason: `HTTP ${status}${text ? ` ${text}` : ''}`, status, finalUrl: current };
      }
      try {
        const raw = await readBody(res, options.maxBytes, deadline.signal);
        const body = await decompress(raw, headers['content-encoding'], options.maxBytes);
        return { kind: 'ok', body, status, headers, finalUrl: current };
      } catch (err) {
        hopResult.req.destroy();
        if (err instanceof FetchFailure) return { kind: 'failed', reason: err.reason, status, finalUrl: current };
        if (deadline.signal.aborted) return { kind: 'failed', reason: timeoutReason(), status, finalUrl: current };
        return { kind: 'failed', reason: `reading the body failed: ${(err as Error).message}`, status, finalUrl: current };
      }
    }
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onOuterAbort);
  }
}

/**
 * Drops a response whose body we do not want. Draining it (`resume()`) would read for as long as the
 * server keeps sending, past our deadline and size cap, so the connection is closed instead.
 */
function discard({ res, req }: HopResult): void {
  res.destroy();
  req.destroy();
}

function requestOnce(url: URL, options: HttpFetchOptions, signal: AbortSignal): Promise<HopResult> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const req = client.request(url, {
      method: 'GET',
      headers: { 'user-agent': USER_AGENT, 'accept-encoding': 'gzip, deflate, br', ...options.headers },
      signal,
      // Untrusted: a fresh connection whose address comes from the checking lookup, never a pooled
      // socket opened for some other URL.
      ...(options.policy ? { lookup: guardedLookup(options.policy), agent: false } : {}),
    });
    req.once('response', (res) => resolve({ res, req }));
    req.once('error', reject);
    req.end();
  });
}

function readBody(res: http.IncomingMessage, maxBytes: number, signal: AbortSignal): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const onAbort = () => res.destroy(new Error('aborted'));
    // The first outcome wins; destroying the stream afterwards raises events that are ignored.
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      fn();
    };
    const declared = Number(res.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      settle(() => reject(new FetchFailure(`body larger than ${formatBytes(maxBytes)} (Content-Length ${declared})`)));
      res.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    signal.addEventListener('abort', onAbort, { once: true });
    res.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > maxBytes) {
        settle(() => reject(new FetchFailure(`body larger than ${formatBytes(maxBytes)}`)));
        res.destroy();
        return;
      }
      chunks.push(chunk);
    });
    res.once('end', () => settle(() => resolve(Buffer.concat(chunks, size))));
    res.once('error', (err) => settle(() => reject(err)));
    res.once('aborted', () => settle(() => reject(new Error('the server closed the connection mid-body'))));
    res.once('close', () => {
      if (!res.complete) settle(() => reject(new Error('the connection closed before the body was complete')));
    });
  });
}
