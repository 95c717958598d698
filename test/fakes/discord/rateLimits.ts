/**
 * Discord's rate-limit surface (topics/rate-limits.mdx): every answer carries X-RateLimit-Limit,
 * -Remaining, -Reset (epoch seconds), -Reset-After (seconds) and -Bucket for its route bucket; a
 * 429 adds Retry-After (whole seconds, rounded up), X-RateLimit-Scope, X-RateLimit-Global when
 * global, and the body {message, retry_after (float seconds), global}. Buckets are per route and
 * major parameter (channel, guild, webhook); tests can force 429s and 5xx answers per route.
 */
import { createHash } from 'node:crypto';

export interface BucketPolicy {
  limit: number;
  windowMs: number;
}

export type Fault =
  | { kind: 'rate-limit'; retryAfterSeconds: number; global?: boolean; scope?: 'user' | 'global' | 'shared' }
  /** A 5xx; `afterEffect` makes the server fail only after doing the work (the message exists). */
  | { kind: 'server-error'; status: number; afterEffect?: boolean };

interface Window {
  startedAt: number;
  used: number;
}

export interface RateLimitAnswer {
  status: 429;
  headers: Record<string, string>;
  body: { message: string; retry_after: number; global: boolean; code?: number };
}

export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly faults = new Map<string, Fault[]>();

  constructor(private readonly policy: BucketPolicy) {}

  /** The next `count` requests to `route` ("POST /channels/:id/messages") get `fault`. */
  force(route: string, count: number, fault: Fault): void {
    const list = this.faults.get(route) ?? [];
    for (let i = 0; i < count; i++) list.push(fault);
    this.faults.set(route, list);
  }

  takeFault(route: string): Fault | undefined {
    const list = this.faults.get(route);
    const fault = list?.shift();
    if (list && list.length === 0) this.faults.delete(route);
    return fault;
  }

  pendingFaults(route: string): number {
    return this.faults.get(route)?.length ?? 0;
  }

  private window(bucketKey: string, now: number): Window {
    let w = this.windows.get(bucketKey);
    if (!w || now - w.startedAt >= this.policy.windowMs) {
      w = { startedAt: now, used: 0 };
      this.windows.set(bucketKey, w);
    }
    return w;
  }

  private headers(route: string, w: Window, now: number): Record<string, string> {
    const resetAfter = Math.max(0, w.startedAt + this.policy.windowMs - now) / 1000;
    return {
      'x-ratelimit-limit': String(this.policy.limit),
      'x-ratelimit-remaining': String(Math.max(0, this.policy.limit - w.used)),
      'x-ratelimit-reset': ((now + resetAfter * 1000) / 1000).toFixed(3),
      'x-ratelimit-reset-after': resetAfter.toFixed(3),
      'x-ratelimit-bucket': createHash('sha1').update(route).digest('hex').slice(0, 16),
    };
  }

  /**
   * Counts one request against its bucket. Returns the headers for a normal answer, or a 429
   * when the bucket is spent (the client ignored Remaining: 0) or a forced limit applies.
   */
  consume(route: string, majorParameter: string, now: number, forced?: Extract<Fault, { kind: 'rate-limit' }>): { headers: Record<string, string>; limited?: RateLimitAnswer } {
    const w = this.window(`${route}:${majorParameter}`, now);
    if (forced) {
      const global = forced.global ?? false;
      const scope = forced.scope ?? (global ? 'global' : 'user');
      const headers: Record<string, string> = {
        ...(global ? {} : this.headers(route, { ...w, used: this.policy.limit }, now)),
        'retry-after': String(Math.ceil(forced.retryAfterSeconds)),
        'x-ratelimit-scope': scope,
      };
      if (!global) headers['x-ratelimit-reset-after'] = forced.retryAfterSeconds.toFixed(3);
      if (global) headers['x-ratelimit-global'] = 'true';
      return { headers, limited: { status: 429, headers, body: { message: 'You are being rate limited.', retry_after: forced.retryAfterSeconds, global } } };
    }
    if (w.used >= this.policy.limit) {
      const retryAfter = Math.max(0.001, (w.startedAt + this.policy.windowMs - now) / 1000);
      const headers = { ...this.headers(route, w, now), 'retry-after': String(Math.ceil(retryAfter)), 'x-ratelimit-scope': 'user' };
      return { headers, limited: { status: 429, headers, body: { message: 'You are being rate limited.', retry_after: Number(retryAfter.toFixed(3)), global: false } } };
    }
    w.used += 1;
    return { headers: this.headers(route, w, now) };
  }
}
