/**
 * What we check on a Slack request before Bolt's receiver sees it. Bolt refuses a timestamp more
 * than five minutes old but accepts any in the future, so a request captured with a forged or
 * skewed future timestamp could be replayed for as long as that lies ahead; and it compares the
 * Content-Type exactly, so `application/x-www-form-urlencoded; charset=utf-8` from a proxy was a 400.
 */
import type { IncomingMessage } from 'node:http';

/** How far ahead of our clock a request may claim to be (clock skew between Slack and us). */
export const FUTURE_SKEW_SEC = 60;

export type PrecheckOutcome = { ok: true } | { ok: false; status: 401; reason: string };

export function precheckSlackRequest(req: IncomingMessage, nowMs: number = Date.now()): PrecheckOutcome {
  const header = req.headers['x-slack-request-timestamp'];
  const raw = Array.isArray(header) ? header[0] : header;
  if (raw !== undefined) {
    const ts = /^\d{1,12}$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isFinite(ts)) return { ok: false, status: 401, reason: 'x-slack-request-timestamp is not a Unix time in seconds' };
    if (ts > Math.floor(nowMs / 1000) + FUTURE_SKEW_SEC) return { ok: false, status: 401, reason: 'x-slack-request-timestamp lies in the future' };
  }
  // Bolt matches the media type exactly; parameters such as charset do not change how the body parses.
  const type = req.headers['content-type'];
  if (type) req.headers['content-type'] = type.split(';')[0]!.trim().toLowerCase();
  return { ok: true };
}
