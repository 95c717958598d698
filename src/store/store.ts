/**
 * The one persistence contract. SQLite (the embedded default) and PostgreSQL (scale-out) both
 * implement it and both pass the same suite in test/store/. Every method is async so that the
 * two implementations are interchangeable; timestamps cross this boundary as ISO 8601 strings (UTC).
 */
import type { Figure } from '../figures/figure.js';
import type { FeedItem } from '../feeds/feedItem.js';

export type Platform = 'discord' | 'slack' | 'console';

// ---------------------------------------------------------------- feeds

export interface FeedRecord {
  id: number;
  url: string;
  title: string | null;
  /** Fetch the article page when an item has only a short summary. */
  fullText: boolean;
  /** Added from config or the command line (loopback allowed), not from chat. */
  trusted: boolean;
  etag: string | null;
  lastModified: string | null;
  lastStatus: number | null;
  lastError: string | null;
  lastFetchedAt: string | null;
  consecutiveFailures: number;
  nextPollAt: string | null;
  createdAt: string;
}

export interface FeedInput {
  url: string;
  title?: string | null;
  fullText?: boolean;
  trusted: boolean;
}

/** What one fetch of a feed leaves behind. */
export interface FetchStateUpdate {
  etag?: string | null;
  lastModified?: string | null;
  lastStatus: number | null;
  lastError: string | null;
  fetchedAt: string;
  consecutiveFailures: number;
  nextPollAt: string;
  title?: string | null;
}

/** A topic a feed carries: declared with the feed in config, or given to `newsdigest feeds add --topic`. */
export interface FeedTopic {
  feedId: number;
  url: string;
  topic: string;
  origin: 'config' | 'cli';
}

// ---------------------------------------------------------------- articles

export interface ArticleSource {
  feedId: number;
  feedUrl: string;
  /** Feed title (or host) as shown to readers: "VOA". */
  name: string | null;
}

export interface StoredArticle extends FeedItem {
  id: number;
  /** When this instance first stored it (ISO). Digests select on this, not on `published`. */
  firstSeenAt: string;
  /** Stored but marked as already seen (a new feed's backlog): never digested. */
  seeded: boolean;
  sources: ArticleSource[];
}

/** An item to store: the normalized feed item, whether it is backlog, and the figures read from it. */
export type NewArticle = FeedItem & { seeded?: boolean; figures?: Figure[] };

export interface SaveArticlesResult {
  /** Articles stored for the first time. */
  inserted: StoredArticle[];
  /** Items that matched an article already stored (same guid/link/hash); a new feed is linked as a source. */
  duplicates: number;
}

export interface ArticleQuery {
  /** Only articles with a source among these feeds (omit: all feeds). */
  feedIds?: number[];
  /** firstSeenAt > since */
  since?: string;
  /** firstSeenAt <= until */
  until?: string;
  includeSeeded?: boolean;
  limit?: number;
}

// ---------------------------------------------------------------- figures

export interface StoredFigure extends Figure {
  id: number;
  articleId: number;
  /** Denormalized from the article for answering without joins. */
  published: string;
  articleTitle: string;
  /** The opening of the article's text (its dateline and lede: where and what), LEDE_CHARS at most. */
  articleLede?: string;
  articleLink: string | null;
  /** Who reported it: the item's outlet or author and the article's first feed ("VOA via newsdigest sample"), see sourceLabel. */
  sourceName: string | null;
}

/** Where a figure stands in answer order (newest first: published desc, then id desc). */
export interface FigurePosition {
  published: string;
  id: number;
}

/**
 * A coarse test of a figure's words that the database applies before any row is read out, so a
 * caller looking for rare words among many figures does not fetch them all. It may let through
 * figures that do not hold the words, never the other way round: a figure whose text holds any
 * character outside ASCII, or a dotted abbreviation ("U.S."), always passes, since a caller that
 * normalizes text before matching words (Unicode NFKC, "U.S." read as "US") may find them there.
 */
export interface FigureTextFilter {
  /**
   * Groups of strings (ASCII letters compared without case): a figure passes when one of its texts
   * contains every string of at least one group (each string within one text).
   */
  anyOf: string[][];
  /**
   * 'sentence': the figure's sentence. 'report': also the article's title, author and opening
   * (StoredFigure.articleLede) and the title and address of its first feed (what the figure's
   * source is named after; a feed without a title always passes, as its name comes from the address).
   * The opening is compared as its bytes are (ASCII letters without case) and does not make a
   * figure always pass: prose is rarely all ASCII, and a name written in other letters there is missed.
   */
  within: 'sentence' | 'report';
}

export interface FigureQuery {
  category?: string | string[];
  actor?: string | null;
  cumulative?: boolean;
  unit?: string;
  /** published <= this ISO date or timestamp (a bare YYYY-MM-DD includes that whole day). */
  publishedOnOrBefore?: string;
  publishedAfter?: string;
  articleIds?: number[];
  /** Only figures after this one in answer order (keyset paging): older, or as old with a smaller id. */
  olderThan?: FigurePosition;
  /** Only this figure and those before it in answer order: newer, or as old with a larger id. */
  notOlderThan?: FigurePosition;
  /** Only figures that pass every one of these text filters. */
  text?: FigureTextFilter[];
  /**
   * Only among the newest `within` figures of the query by its category, actor, cumulative, unit and
   * published bounds (text filters and keyset bounds aside; figures as old as the last of them also
   * count): how far a look-up for rare words reads, in one statement. One category at most.
   */
  within?: number;
  /** Skip this many matching figures first (answer order). */
  offset?: number;
  /** Newest first (published desc, then id desc). With `actors`: per actor. */
  limit?: number;
  /**
   * Several actors in one look-up: the newest `limit` figures of each, all in answer order. Needs
   * `limit`; not with `actor`, `offset` or keyset bounds. (Figures without an actor: `actor: null`.)
   */
  actors?: string[];
}

export interface FigureCatalogEntry {
  category: string;
  actor: string | null;
  count: number;
  latestPublished: string;
}

// ---------------------------------------------------------------- channels

export interface ChannelRecord {
  /** `${platform}:${externalId}` */
  key: string;
  platform: Platform;
  externalId: string;
  /** Discord guild or Slack team, when known. */
  workspaceId: string | null;
  /** Cron expression (5 or 6 fields). */
  schedule: string;
  /** IANA time zone name. */
  timezone: string;
  maxArticles: number;
  postWhenEmpty: boolean;
  /** 'config' channels are re-declared at start-up; 'chat' ones were made by an admin command. */
  origin: 'config' | 'chat';
  createdAt: string;
  updatedAt: string;
}

export type ChannelInput = Omit<ChannelRecord, 'key' | 'createdAt' | 'updatedAt'>;

export interface Subscription {
  channelKey: string;
  kind: 'topic' | 'feed';
  /** Topic id from config, or feed URL. */
  value: string;
  createdAt: string;
}

// ---------------------------------------------------------------- digests (outbox)

export type DigestStatus = 'pending' | 'sent' | 'failed';

/** What an outbox record carries: a digest, or one alert message (recorded by recordAlertFiring). */
export type OutboxKind = 'digest' | 'alert';

export interface DigestRecord {
  id: number;
  kind: OutboxKind;
  channelKey: string;
  /** The schedule slot this digest is for (ISO, minute precision); with channelKey, the idempotency key. */
  slot: string;
  status: DigestStatus;
  /** Rendered messages for the channel's platform, exactly as they will be posted. */
  payload: unknown[];
  /** Messages of `payload` already posted (so a retry resumes, never re-posts). */
  sentParts: number;
  articleIds: number[];
  /** The digest covers articles first seen in (periodStart, periodEnd]. */
  periodStart: string;
  periodEnd: string;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string;
  createdAt: string;
  sentAt: string | null;
}

export interface DigestInput {
  channelKey: string;
  slot: string;
  payload: unknown[];
  articleIds: number[];
  periodStart: string;
  periodEnd: string;
}

// ---------------------------------------------------------------- alerts

export type AlertCondition = 'above' | 'below' | 'changes';
/**
 * Where the series stood at the last look: 'on' past the line (above/below) or a value known
 * (changes), 'off' not past it, 'unknown' no figure yet.
 */
export type AlertState = 'unknown' | 'on' | 'off';
export type AlertOrigin = 'config' | 'chat' | 'cli';

/** Where an alert's series stood when it was last looked at. */
export interface AlertBaseline {
  state: AlertState;
  lastFigureId: number | null;
  lastValue: number | null;
  lastUnit: string | null;
  lastPublished: string | null;
}

export interface AlertInput extends AlertBaseline {
  channelKey: string;
  /** The measure in the words it was given ("US aid to Ukraine"), resolved like an /ask of them. */
  measure: string;
  condition: AlertCondition;
  /** The line for above/below; null for changes. */
  threshold: number | null;
  /** The line's unit when it named one ("$70 billion": USD); null compares with a figure of any unit. */
  unit: string | null;
  origin: AlertOrigin;
}

export interface AlertRecord extends AlertInput {
  id: number;
  /** Bumped by every change of the baseline: a write that expected another version changes nothing. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** The figure an alert fired on, and its citation, as they were when it fired. */
export interface AlertFiringFigure {
  figureId: number;
  value: number;
  valueMax: number | null;
  unit: string;
  qualifier: string;
  category: string;
  actor: string | null;
  cumulative: boolean;
  since: string | null;
  published: string;
  quote: string;
  sentence: string;
  article: { id: number; title: string; link: string | null; source: string | null };
}

/** The series' value before the one that fired. */
export interface AlertPreviousValue {
  value: number;
  valueMax: number | null;
  unit: string;
  qualifier: string;
  published: string;
  source: string | null;
}

export interface AlertFiringInput {
  alertId: number;
  /** The alert's version the decision was made on; another replica's change in between wins. */
  expectedVersion: number;
  /** The alert's baseline after this firing. */
  baseline: AlertBaseline;
  figure: AlertFiringFigure;
  previous: AlertPreviousValue | null;
  /** The alert message rendered for the channel's platform, exactly as it will be posted. */
  payload: unknown[];
}

export interface AlertFiringRecord {
  id: number;
  alertId: number;
  channelKey: string;
  firedAt: string;
  figure: AlertFiringFigure;
  previous: AlertPreviousValue | null;
  /** The outbox record (kind 'alert') that delivers the message. */
  outboxId: number;
  /** Its delivery: pending, sent or failed. */
  status: DigestStatus;
  sentAt: string | null;
}

// ---------------------------------------------------------------- the interface

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Applies pending schema migrations; safe to call from several processes at once. */
  migrate(): Promise<void>;
  /** Throws when the database cannot be reached (for /healthz). */
  ping(): Promise<void>;
  close(): Promise<void>;

  // feeds
  upsertFeed(feed: FeedInput): Promise<FeedRecord>;
  getFeed(url: string): Promise<FeedRecord | null>;
  getFeedById(id: number): Promise<FeedRecord | null>;
  listFeeds(): Promise<FeedRecord[]>;
  recordFetch(feedId: number, update: FetchStateUpdate): Promise<void>;
  /**
   * Leases up to `limit` feeds whose nextPollAt <= now (or null) and whose lease is free or
   * expired, to `owner` for `leaseMs`. A feed leased by one replica is not returned to another
   * until recordFetch or the lease expires. (PostgreSQL: FOR UPDATE SKIP LOCKED.) Only feeds some
   * channel follows (a feed subscription of its URL, or a topic subscription of a topic it carries)
   * are handed out: a feed nobody reads is not polled.
   */
  claimDueFeeds(now: string, owner: string, leaseMs: number, limit: number): Promise<FeedRecord[]>;
  /** Replaces the feed's topics of this origin (a topic the other origin also gave it stays). */
  setFeedTopics(feedId: number, origin: FeedTopic['origin'], topics: readonly string[]): Promise<void>;
  /** Adds one topic to a feed; false when the feed already carried it (from either origin). */
  addFeedTopic(feedId: number, topic: string, origin: FeedTopic['origin']): Promise<boolean>;
  /** Every feed's topics, by feed id then topic. */
  listFeedTopics(): Promise<FeedTopic[]>;
  /** Stored articles per feed id (an article carried by two feeds counts for both), backlog included. */
  countArticlesByFeed(): Promise<Map<number, number>>;

  // articles
  /**
   * Stores new items of one feed in one transaction. Dedupe: by guid within the feed, else by
   * canonical link (across feeds: the article gains this feed as a second source), else by a
   * hash of title + published date. `seeded` items are stored as already seen. An item's `figures`
   * are stored with its article in the same transaction, so no article is ever stored without the
   * figures read from it (a process killed mid-ingest leaves both or neither).
   */
  saveArticles(feedId: number, items: NewArticle[], firstSeenAt: string): Promise<SaveArticlesResult>;
  /** Whether any stored article has this feed among its sources, seeded ones included. */
  feedHasArticles(feedId: number): Promise<boolean>;
  /** How many figures these articles have, in all. */
  countFigures(articleIds: readonly number[]): Promise<number>;
  getArticle(id: number): Promise<StoredArticle | null>;
  listArticles(query: ArticleQuery): Promise<StoredArticle[]>;
  countArticles(): Promise<number>;

  // figures
  /** Replaces every figure of the article (re-extraction is idempotent). */
  replaceFigures(articleId: number, figures: Figure[]): Promise<void>;
  findFigures(query: FigureQuery): Promise<StoredFigure[]>;
  figureCatalog(): Promise<FigureCatalogEntry[]>;

  // channels and subscriptions
  upsertChannel(channel: ChannelInput): Promise<ChannelRecord>;
  getChannel(key: string): Promise<ChannelRecord | null>;
  listChannels(): Promise<ChannelRecord[]>;
  addSubscription(channelKey: string, kind: Subscription['kind'], value: string): Promise<boolean>;
  removeSubscription(channelKey: string, kind: Subscription['kind'], value: string): Promise<boolean>;
  listSubscriptions(channelKey: string): Promise<Subscription[]>;
  /** Every channel's subscriptions, by channel key, kind and value. */
  listAllSubscriptions(): Promise<Subscription[]>;

  // digests (outbox)
  /** Records a digest once per (channelKey, slot); a second call returns the first record, created=false. */
  recordDigest(input: DigestInput, now: string): Promise<{ digest: DigestRecord; created: boolean }>;
  /**
   * Leases pending digests due at `now` (nextAttemptAt <= now, lease free or expired) to `owner`.
   * With `platforms`, only digests of channels on those platforms (channelKey `${platform}:...`): a
   * process without a Discord sender must not take Discord digests from the replica that has one.
   * With `kinds`, only records of those kinds (`newsdigest ingest` posts the alerts it fired, not digests).
   */
  claimPendingDigests(now: string, owner: string, leaseMs: number, limit: number, platforms?: readonly Platform[], kinds?: readonly OutboxKind[]): Promise<DigestRecord[]>;
  /** Progress within a multi-message digest: `sentParts` messages are out. */
  markDigestProgress(id: number, sentParts: number): Promise<void>;
  markDigestSent(id: number, sentAt: string): Promise<void>;
  /** Keeps it pending with a later attempt, or 'failed' for good when `final`. Releases the lease. */
  markDigestFailed(id: number, error: string, nextAttemptAt: string, final: boolean): Promise<void>;
  getDigest(id: number): Promise<DigestRecord | null>;
  /** The newest digest of the channel by slot (any status; alert messages are not digests). */
  lastDigest(channelKey: string): Promise<DigestRecord | null>;
  /** The channel's digests, newest slot first (alert messages left out). */
  listDigests(channelKey: string, limit: number): Promise<DigestRecord[]>;

  // alerts
  /** Adds an alert once per (channel, measure, condition, line); a second call returns the first, created=false. */
  addAlert(input: AlertInput, now: string): Promise<{ alert: AlertRecord; created: boolean }>;
  getAlert(id: number): Promise<AlertRecord | null>;
  /** Every alert (of one channel, when given), oldest first. */
  listAlerts(channelKey?: string): Promise<AlertRecord[]>;
  /** Removes the alert and its firing history (messages already in the outbox still go out). */
  removeAlert(id: number): Promise<boolean>;
  /** Moves the baseline without firing, only if the alert is still at `expectedVersion`; false otherwise. */
  updateAlertBaseline(id: number, expectedVersion: number, baseline: AlertBaseline, now: string): Promise<boolean>;
  /**
   * One transaction: moves the baseline (only if the alert is still at `expectedVersion`), records
   * the firing and puts its message in the outbox. Null when another evaluation got there first:
   * then nothing is recorded, so a crossing fires once however many replicas saw it.
   */
  recordAlertFiring(input: AlertFiringInput, now: string): Promise<AlertFiringRecord | null>;
  /** The alert's firings, newest first. */
  listAlertFirings(alertId: number, limit: number): Promise<AlertFiringRecord[]>;

  // coordination across replicas
  /** A named lease (e.g. a schedule slot): true when `owner` now holds it. Re-entrant for the same owner. */
  tryAcquireLease(name: string, owner: string, ttlMs: number, now: string): Promise<boolean>;
  releaseLease(name: string, owner: string): Promise<void>;
  /**
   * Records a signed request (e.g. a Discord interaction id) as seen until `expiresAt`; false when
   * it was seen before and has not expired: a replay, whichever process it reaches.
   */
  rememberRequest(key: string, expiresAt: string, now: string): Promise<boolean>;
}
