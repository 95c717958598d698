/**
 * Checks both stores run on what callers hand them, so a bad value fails with a message that
 * names it instead of a constraint error from deep inside the database.
 */
import type { AlertBaseline, AlertFiringInput, AlertInput, ChannelInput, DigestInput, FeedInput, FetchStateUpdate, Platform, Subscription } from './store.js';
import { toIsoTimestamp } from './timestamps.js';

const PLATFORMS: readonly Platform[] = ['discord', 'slack', 'console'];

export function requireNonEmpty(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new Error(`${what} must be a non-empty string (got ${JSON.stringify(value)})`);
  return value;
}

export function requireId(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) throw new Error(`${what} must be a positive integer id (got ${String(value)})`);
  return value;
}

export function requireLimit(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new Error(`${what} must be a non-negative integer (got ${String(value)})`);
  return value;
}

export function checkFeedInput(feed: FeedInput): FeedInput {
  if (feed == null || typeof feed !== 'object') throw new Error('upsertFeed: a feed is required');
  requireNonEmpty(feed.url, 'upsertFeed: url');
  if (typeof feed.trusted !== 'boolean') throw new Error('upsertFeed: trusted must be true or false');
  if (feed.fullText !== undefined && typeof feed.fullText !== 'boolean') throw new Error('upsertFeed: fullText must be true or false');
  return { ...feed, url: feed.url.trim() };
}

export interface CheckedFetchUpdate extends FetchStateUpdate {
  lastFetchedAt: string;
  nextPollAtIso: string;
}

export function checkFetchUpdate(update: FetchStateUpdate): CheckedFetchUpdate {
  if (update == null || typeof update !== 'object') throw new Error('recordFetch: an update is required');
  if (!Number.isInteger(update.consecutiveFailures) || update.consecutiveFailures < 0) {
    throw new Error(`recordFetch: consecutiveFailures must be a non-negative integer (got ${String(update.consecutiveFailures)})`);
  }
  if (update.lastStatus !== null && !Number.isInteger(update.lastStatus)) throw new Error(`recordFetch: lastStatus must be an integer or null (got ${String(update.lastStatus)})`);
  return {
    ...update,
    lastFetchedAt: toIsoTimestamp(update.fetchedAt, 'recordFetch: fetchedAt'),
    nextPollAtIso: toIsoTimestamp(update.nextPollAt, 'recordFetch: nextPollAt'),
  };
}

export function channelKeyOf(platform: Platform, externalId: string): string {
  return `${platform}:${externalId}`;
}

export function checkChannelInput(channel: ChannelInput): ChannelInput {
  if (channel == null || typeof channel !== 'object') throw new Error('upsertChannel: a channel is required');
  if (!PLATFORMS.includes(channel.platform)) throw new Error(`upsertChannel: platform must be one of ${PLATFORMS.join(', ')} (got ${JSON.stringify(channel.platform)})`);
  requireNonEmpty(channel.externalId, 'upsertChannel: externalId');
  requireNonEmpty(channel.schedule, 'upsertChannel: schedule');
  requireNonEmpty(channel.timezone, 'upsertChannel: timezone');
  if (!Number.isInteger(channel.maxArticles) || channel.maxArticles <= 0) throw new Error(`upsertChannel: maxArticles must be a positive integer (got ${String(channel.maxArticles)})`);
  if (typeof channel.postWhenEmpty !== 'boolean') throw new Error('upsertChannel: postWhenEmpty must be true or false');
  if (channel.origin !== 'config' && channel.origin !== 'chat') throw new Error(`upsertChannel: origin must be "config" or "chat" (got ${JSON.stringify(channel.origin)})`);
  if (channel.workspaceId != null && typeof channel.workspaceId !== 'string') throw new Error('upsertChannel: workspaceId must be a string or null');
  return channel;
}

export function checkFeedTopicOrigin(origin: string, what: string): void {
  if (origin !== 'config' && origin !== 'cli') throw new Error(`${what}: origin must be "config" or "cli" (got ${JSON.stringify(origin)})`);
}

export function checkSubscription(channelKey: string, kind: Subscription['kind'], value: string, what: string): void {
  requireNonEmpty(channelKey, `${what}: channelKey`);
  if (kind !== 'topic' && kind !== 'feed') throw new Error(`${what}: kind must be "topic" or "feed" (got ${JSON.stringify(kind)})`);
  requireNonEmpty(value, `${what}: value`);
}

export interface CheckedDigestInput extends DigestInput {
  payloadJson: string;
  articleIdsJson: string;
}

export function checkDigestInput(input: DigestInput): CheckedDigestInput {
  if (input == null || typeof input !== 'object') throw new Error('recordDigest: a digest is required');
  requireNonEmpty(input.channelKey, 'recordDigest: channelKey');
  if (!Array.isArray(input.payload)) throw new Error('recordDigest: payload must be an array of messages');
  if (!Array.isArray(input.articleIds) || !input.articleIds.every((id) => Number.isSafeInteger(id))) throw new Error('recordDigest: articleIds must be an array of integer ids');
  const payloadJson = JSON.stringify(input.payload);
  return {
    ...input,
    slot: toIsoTimestamp(input.slot, 'recordDigest: slot'),
    periodStart: toIsoTimestamp(input.periodStart, 'recordDigest: periodStart'),
    periodEnd: toIsoTimestamp(input.periodEnd, 'recordDigest: periodEnd'),
    payloadJson,
    articleIdsJson: JSON.stringify(input.articleIds),
  };
}


const CONDITIONS = ['above', 'below', 'changes'] as const;
const STATES = ['unknown', 'on', 'off'] as const;

export interface CheckedBaseline {
  state: AlertBaseline['state'];
  last_figure_id: number | null;
  last_value: number | null;
  last_unit: string | null;
  last_published: string | null;
}

export function checkBaseline(b: AlertBaseline, what: string): CheckedBaseline {
  if (b == null || typeof b !== 'object') throw new Error(`${what}: a baseline is required`);
  if (!STATES.includes(b.state)) throw new Error(`${what}: state must be one of ${STATES.join(', ')} (got ${JSON.stringify(b.state)})`);
  if (b.lastFigureId !== null) requireId(b.lastFigureId, `${what}: lastFigureId`);
  if (b.lastValue !== null && !Number.isFinite(b.lastValue)) throw new Error(`${what}: lastValue must be a finite number or null`);
  return {
    state: b.state,
    last_figure_id: b.lastFigureId,
    last_value: b.lastValue,
    last_unit: b.lastUnit,
    last_published: b.lastPublished === null ? null : toIsoTimestamp(b.lastPublished, `${what}: lastPublished`),
  };
}

/** The alert's identity within its channel: the same measure words (case and spacing aside), condition and line. */
export function alertRuleKey(a: Pick<AlertInput, 'measure' | 'condition' | 'threshold' | 'unit'>): string {
  const measure = a.measure.trim().toLowerCase().replace(/\s+/g, ' ');
  // JSON, not a control-character separator: PostgreSQL text cannot hold NUL.
  return JSON.stringify([measure, a.condition, a.threshold, a.unit]);
}

export function checkAlertInput(a: AlertInput): AlertInput & { ruleKey: string; baseline: CheckedBaseline } {
  if (a == null || typeof a !== 'object') throw new Error('addAlert: an alert is required');
  requireNonEmpty(a.channelKey, 'addAlert: channelKey');
  requireNonEmpty(a.measure, 'addAlert: measure');
  if (!CONDITIONS.includes(a.condition)) throw new Error(`addAlert: condition must be one of ${CONDITIONS.join(', ')} (got ${JSON.stringify(a.condition)})`);
  if (a.condition === 'changes' ? a.threshold !== null : !Number.isFinite(a.threshold)) {
    throw new Error(`addAlert: ${a.condition === 'changes' ? 'a "changes" alert has no threshold' : `an "${a.condition}" alert needs a finite threshold`} (got ${String(a.threshold)})`);
  }
  if (a.origin !== 'config' && a.origin !== 'chat' && a.origin !== 'cli') throw new Error(`addAlert: origin must be "config", "chat" or "cli" (got ${JSON.stringify(a.origin)})`);
  return { ...a, measure: a.measure.trim(), ruleKey: alertRuleKey(a), baseline: checkBaseline(a, 'addAlert') };
}

export function checkFiringInput(f: AlertFiringInput): { figureJson: string; previousJson: string | null; payloadJson: string; baseline: CheckedBaseline } {
  if (f == null || typeof f !== 'object') throw new Error('recordAlertFiring: a firing is required');
  requireId(f.alertId, 'recordAlertFiring: alertId');
  requireLimit(f.expectedVersion, 'recordAlertFiring: expectedVersion');
  if (!Array.isArray(f.payload) || f.payload.length === 0) throw new Error('recordAlertFiring: payload must be a non-empty array of messages');
  if (f.figure == null || typeof f.figure !== 'object') throw new Error('recordAlertFiring: figure is required');
  requireId(f.figure.article?.id, 'recordAlertFiring: figure.article.id');
  return {
    figureJson: JSON.stringify(f.figure),
    previousJson: f.previous == null ? null : JSON.stringify(f.previous),
    payloadJson: JSON.stringify(f.payload),
    baseline: checkBaseline(f.baseline, 'recordAlertFiring'),
  };
}
