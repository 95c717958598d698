/**
 * Database rows → contract records, for both stores. SQLite hands back 0/1, ISO text and JSON
 * text; node-postgres hands back booleans, Date objects, parsed JSON and int8 as strings. The
 * small converters below accept either, so both stores produce byte-identical records.
 */
import type { AlertFiringRecord, AlertRecord, ArticleSource, ChannelRecord, DigestRecord, DigestStatus, OutboxKind, FeedRecord, FigureCatalogEntry, Platform, StoredArticle, StoredFigure, Subscription } from './store.js';
import { sourceLabel, sourceName } from './sourceName.js';

type Row = Record<string, unknown>;

export function toBool(value: unknown): boolean {
  return value === true || value === 1 || value === 1n;
}

export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' || typeof value === 'bigint') return Number(value);
  throw new Error(`expected a number from the database, got ${typeof value}`);
}

export function toNumberOrNull(value: unknown): number | null {
  return value == null ? null : toNumber(value);
}

export function toIso(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return value;
  throw new Error(`expected a timestamp from the database, got ${typeof value}`);
}

export function toIsoOrNullValue(value: unknown): string | null {
  return value == null ? null : toIso(value);
}

function toText(value: unknown): string | null {
  return value == null ? null : String(value);
}

function fromJson(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

export function mapFeed(row: Row): FeedRecord {
  return {
    id: toNumber(row.id),
    url: String(row.url),
    title: toText(row.title),
    fullText: toBool(row.full_text),
    trusted: toBool(row.trusted),
    etag: toText(row.etag),
    lastModified: toText(row.last_modified),
    lastStatus: toNumberOrNull(row.last_status),
    lastError: toText(row.last_error),
    lastFetchedAt: toIsoOrNullValue(row.last_fetched_at),
    consecutiveFailures: toNumber(row.consecutive_failures),
    nextPollAt: toIsoOrNullValue(row.next_poll_at),
    createdAt: toIso(row.created_at),
  };
}

/** One row of `article_sources JOIN feeds`: article_id, feed_id, feed_url, feed_title. */
export function mapSource(row: Row): ArticleSource {
  const feedUrl = String(row.feed_url);
  return { feedId: toNumber(row.feed_id), feedUrl, name: sourceName(toText(row.feed_title), feedUrl) };
}

export function mapArticle(row: Row, sources: ArticleSource[]): StoredArticle {
  return {
    id: toNumber(row.id),
    guid: toText(row.guid),
    link: toText(row.link),
    title: String(row.title),
    published: toIso(row.published),
    publishedIsFetchTime: toBool(row.published_is_fetch_time),
    author: toText(row.author),
    summary: toText(row.summary),
    text: toText(row.text),
    firstSeenAt: toIso(row.first_seen_at),
    seeded: toBool(row.seeded),
    sources,
  };
}

/** Groups source rows by article id, keeping their order (first source first). */
export function groupSources(rows: Row[]): Map<number, ArticleSource[]> {
  const byArticle = new Map<number, ArticleSource[]>();
  for (const row of rows) {
    const id = toNumber(row.article_id);
    const list = byArticle.get(id) ?? [];
    list.push(mapSource(row));
    byArticle.set(id, list);
  }
  return byArticle;
}

export function mapFigure(row: Row): StoredFigure {
  return {
    id: toNumber(row.id),
    articleId: toNumber(row.article_id),
    value: toNumber(row.value),
    value_max: toNumberOrNull(row.value_max),
    unit: String(row.unit),
    qualifier: String(row.qualifier) as StoredFigure['qualifier'],
    category: String(row.category),
    actor: toText(row.actor),
    cumulative: toBool(row.cumulative),
    status: toText(row.status) as StoredFigure['status'],
    since: toText(row.since),
    event: toText(row.event) as StoredFigure['event'],
    quote: String(row.quote),
    start: toNumber(row.start_offset),
    end: toNumber(row.end_offset),
    sentence: String(row.sentence),
    published: toIso(row.published),
    articleTitle: String(row.article_title),
    articleLink: toText(row.article_link),
    articleLede: toText(row.article_lede) ?? '',
    sourceName: sourceLabel(toText(row.article_author), row.feed_url == null ? null : sourceName(toText(row.feed_title), String(row.feed_url))),
  };
}

export function mapCatalogEntry(row: Row): FigureCatalogEntry {
  return {
    category: String(row.category),
    actor: toText(row.actor),
    count: toNumber(row.figure_count),
    latestPublished: toIso(row.latest_published),
  };
}

export function mapChannel(row: Row): ChannelRecord {
  return {
    key: String(row.channel_key),
    platform: String(row.platform) as Platform,
    externalId: String(row.external_id),
    workspaceId: toText(row.workspace_id),
    schedule: String(row.schedule),
    timezone: String(row.timezone),
    maxArticles: toNumber(row.max_articles),
    postWhenEmpty: toBool(row.post_when_empty),
    origin: String(row.origin) as ChannelRecord['origin'],
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

export function mapSubscription(row: Row): Subscription {
  return {
    channelKey: String(row.channel_key),
    kind: String(row.kind) as Subscription['kind'],
    value: String(row.value),
    createdAt: toIso(row.created_at),
  };
}

export function mapDigest(row: Row): DigestRecord {
  return {
    id: toNumber(row.id),
    // Rows from before migration 5 have no kind: they are digests.
    kind: (row.kind == null ? 'digest' : String(row.kind)) as OutboxKind,
    channelKey: String(row.channel_key),
    slot: toIso(row.slot),
    status: String(row.status) as DigestStatus,
    payload: fromJson(row.payload) as unknown[],
    sentParts: toNumber(row.sent_parts),
    articleIds: fromJson(row.article_ids) as number[],
    periodStart: toIso(row.period_start),
    periodEnd: toIso(row.period_end),
    attempts: toNumber(row.attempts),
    lastError: toText(row.last_error),
    nextAttemptAt: toIso(row.next_attempt_at),
    createdAt: toIso(row.created_at),
    sentAt: toIsoOrNullValue(row.sent_at),
  };
}

export function mapAlert(row: Row): AlertRecord {
  return {
    id: toNumber(row.id),
    channelKey: String(row.channel_key),
    measure: String(row.measure),
    condition: String(row.condition) as AlertRecord['condition'],
    threshold: toNumberOrNull(row.threshold),
    unit: toText(row.unit),
    origin: String(row.origin) as AlertRecord['origin'],
    state: String(row.state) as AlertRecord['state'],
    lastFigureId: toNumberOrNull(row.last_figure_id),
    lastValue: toNumberOrNull(row.last_value),
    lastUnit: toText(row.last_unit),
    lastPublished: toIsoOrNullValue(row.last_published),
    version: toNumber(row.version),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

/** One row of `alert_firings JOIN digests` (the outbox record's status and sent_at). */
export function mapAlertFiring(row: Row): AlertFiringRecord {
  return {
    id: toNumber(row.id),
    alertId: toNumber(row.alert_id),
    channelKey: String(row.channel_key),
    firedAt: toIso(row.fired_at),
    figure: fromJson(row.figure) as AlertFiringRecord['figure'],
    previous: (row.previous == null ? null : fromJson(row.previous)) as AlertFiringRecord['previous'],
    outboxId: toNumber(row.outbox_id),
    status: String(row.status) as DigestStatus,
    sentAt: toIsoOrNullValue(row.sent_at),
  };
}
