/**
 * The tables as TypeScript sees them, declared once: the store's queries are checked against these
 * and its row types are inferred from them (Selectable<...>). Where the two databases hand back
 * different JavaScript values the column type says both: booleans are 0/1 in SQLite, timestamps
 * are ISO text in SQLite and Date in PostgreSQL, bigint keys are strings from node-postgres.
 * rows.ts turns either form into the contract's records.
 */
import type { ColumnType, Generated, Selectable } from 'kysely';

/** Written as the dialect's boolean (see StoreDialect.bool), read back as either form. */
type Flag = ColumnType<boolean | number, boolean | number, boolean | number>;
/** Written as ISO text (timestamps.ts), read back as text (SQLite) or Date (PostgreSQL). */
type Timestamp = ColumnType<string | Date, string, string>;
type Id = Generated<number | string>;
/** JSON written as text; PostgreSQL's json column hands it back parsed. */
type Json = ColumnType<unknown, string, string>;

export interface FeedsTable {
  id: Generated<number>;
  url: string;
  title: string | null;
  full_text: Flag;
  trusted: Flag;
  etag: string | null;
  last_modified: string | null;
  last_status: number | null;
  last_error: string | null;
  last_fetched_at: Timestamp | null;
  consecutive_failures: Generated<number>;
  next_poll_at: Timestamp | null;
  lease_owner: string | null;
  lease_until: Timestamp | null;
  created_at: Timestamp;
}

export interface ArticlesTable {
  id: Id;
  guid: string | null;
  link: string | null;
  title: string;
  published: Timestamp;
  published_is_fetch_time: Flag;
  author: string | null;
  summary: string | null;
  text: string | null;
  first_seen_at: Timestamp;
  seeded: Flag;
  title_hash: string;
}

export interface ArticleSourcesTable {
  id: Id;
  article_id: number | string;
  feed_id: number;
  guid: string | null;
  title_hash: string;
  added_at: Timestamp;
}

export interface FiguresTable {
  id: Id;
  article_id: number | string;
  value: number;
  value_max: number | null;
  unit: string;
  qualifier: string;
  category: string;
  actor: string | null;
  cumulative: Flag;
  status: string | null;
  since: string | null;
  event: string | null;
  quote: string;
  start_offset: number;
  end_offset: number;
  sentence: string;
  published: Timestamp;
}

export interface FigureCatalogTable {
  category: string;
  actor_key: string;
  actor: string | null;
  figure_count: number | string;
  latest_published: Timestamp;
}

export interface ChannelsTable {
  channel_key: string;
  platform: string;
  external_id: string;
  workspace_id: string | null;
  schedule: string;
  timezone: string;
  max_articles: number;
  post_when_empty: Flag;
  origin: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SubscriptionsTable {
  channel_key: string;
  kind: string;
  value: string;
  created_at: Timestamp;
}

export interface DigestsTable {
  id: Id;
  channel_key: string;
  slot: Timestamp;
  status: Generated<string>;
  payload: Json;
  sent_parts: Generated<number>;
  article_ids: Json;
  period_start: Timestamp;
  period_end: Timestamp;
  attempts: Generated<number>;
  last_error: string | null;
  next_attempt_at: Timestamp;
  lease_owner: string | null;
  lease_until: Timestamp | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
  /** 'digest', or 'alert' for an alert message (migration 5). */
  kind: Generated<string>;
}

export interface AlertsTable {
  id: Generated<number>;
  channel_key: string;
  measure: string;
  condition: string;
  threshold: number | null;
  unit: string | null;
  rule_key: string;
  origin: string;
  state: string;
  last_figure_id: number | string | null;
  last_value: number | null;
  last_unit: string | null;
  last_published: Timestamp | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AlertFiringsTable {
  id: Id;
  alert_id: number;
  channel_key: string;
  fired_at: Timestamp;
  figure: Json;
  previous: ColumnType<unknown, string | null, string | null>;
  outbox_id: number | string;
}

export interface LeasesTable {
  name: string;
  owner: string;
  until: Timestamp;
}

export interface FeedTopicsTable {
  feed_id: number;
  topic: string;
  origin: string;
  created_at: Timestamp;
}

export interface SeenRequestsTable {
  key: string;
  expires_at: Timestamp;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: Timestamp;
}

export interface Database {
  feeds: FeedsTable;
  articles: ArticlesTable;
  article_sources: ArticleSourcesTable;
  figures: FiguresTable;
  figure_catalog: FigureCatalogTable;
  channels: ChannelsTable;
  subscriptions: SubscriptionsTable;
  digests: DigestsTable;
  alerts: AlertsTable;
  alert_firings: AlertFiringsTable;
  leases: LeasesTable;
  seen_requests: SeenRequestsTable;
  feed_topics: FeedTopicsTable;
  schema_migrations: SchemaMigrationsTable;
}

export type FeedRow = Selectable<FeedsTable>;
export type DigestRow = Selectable<DigestsTable>;
export type AlertRow = Selectable<AlertsTable>;
export type AlertFiringRow = Selectable<AlertFiringsTable>;
