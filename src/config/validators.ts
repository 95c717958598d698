/** Checks shared by config validation and chat commands, so both refuse the same things the same way. */
import cron from 'node-cron';
import { CronExpressionParser } from 'cron-parser';

/** Why a cron expression is unusable, or null when node-cron and cron-parser both accept it. */
export function cronError(expression: string): string | null {
  const fields = expression.trim().split(/\s+/);
  if (fields.length < 5 || fields.length > 6) return `"${expression}" has ${fields.length} fields; a cron expression has 5 (or 6 with seconds), e.g. "0 8 * * *"`;
  try {
    CronExpressionParser.parse(expression);
  } catch (err) {
    return `"${expression}" is not a valid cron expression: ${(err as Error).message}`;
  }
  if (!cron.validate(expression)) return `"${expression}" is not a valid cron expression`;
  return null;
}

export const isValidCron = (expression: string): boolean => cronError(expression) === null;

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.trim() !== '';
  } catch {
    return false;
  }
}

/** Why a URL cannot be a feed added from chat (before any network check), or null. */
export function feedUrlError(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `"${raw}" is not a URL; give an http(s) feed URL such as https://example.com/feed.xml`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `"${raw}" is not an http(s) URL (${url.protocol.replace(':', '')} is not allowed)`;
  if (url.username || url.password) return `"${raw}" carries credentials; give a feed URL without user:password`;
  return null;
}
