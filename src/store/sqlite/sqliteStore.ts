/**
 * The embedded store: one SQLite file (better-sqlite3) in WAL mode, so readers never wait for the
 * writer. better-sqlite3 is synchronous; every method still returns a promise so the two stores
 * are interchangeable. Writes run as BEGIN IMMEDIATE transactions: the write lock is taken up
 * front (no deadlock-prone lock upgrade), SQLite's busy_timeout waits for a short lock held by
 * another process, and a write that still finds the database busy is retried with backoff.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Figure } from '../../figures/figure.js';
import { scrubSecrets, type Logger } from '../../observability/logger.js';
import { toArticleRow } from '../articleRow.js';
import { byAttemptOrder, byDueOrder } from '../claimOrder.js';
import { buildFigureQuery } from '../figureQuery.js';
import { figureRowsOf, type FigureRow } from '../figureRow.js';
import {
  channelKeyOf,
  checkChannelInput,
  checkDigestInput,
  checkFeedInput,
  checkFetchUpdate,
  checkSubscription,
  requireId,
  requireLimit,
  requireNonEmpty,
} from '../inputChecks.js';
import { SQLITE_MIGRATIONS } from '../migrations/sqliteMigrations.js';
import { groupSources, mapArticle, mapCatalogEntry, mapChannel, mapDigest, mapFeed, mapFigure, mapSubscription } from '../rows.js';
import type {
  ArticleQuery,
  ChannelInput,
  ChannelRecord,
  DigestInput,
  DigestRecord,
  FeedInput,
  FeedRecord,
  FetchStateUpdate,
  FigureCatalogEntry,
  FigureQuery,
  NewArticle,
  Platform,
  SaveArticlesResult,
  Store,
  StoredArticle,
  StoredFigure,
  Subscription,
} from '../store.js';
import { addMs, nowIso, STALE_LEASE_MS, toIsoTimestamp } from '../timestamps.js';
import { migrateSqlite } from './sqliteMigrate.js';

type Row = Record<string, unknown>;

export interface SqliteStoreOptions {
  /** How long one statement waits for another connection's lock before SQLITE_BUSY (default 5000 ms). */
  busyTimeoutMs?: number;
  /** Further attempts of a write transaction that still got SQLITE_BUSY, with backoff (default 4). */
  busyRetries?: number;
}

const DEFAULT_BUSY_TIMEOUT_MS = 5000;
const DEFAULT_BUSY_RETRIES = 4;

function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

const bit = (value: boolean): number => (value ? 1 : 0);

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  private readonly statements = new Map<string, Database.Statement>();

  private constructor(
    /** The connection itself: for bench support (bulkInsertFigures) and diagnostics only, not part of Store. */
    readonly db: Database.Database,
    private readonly file: string,
    private readonly logger: Logger,
    private readonly busyRetries: number,
  ) {}

  /** Opens (creating the folder and file when needed) the database at `file`; ':memory:' for a private in-memory one. */
  static async open(file: string, logger: Logger, options: SqliteStoreOptions = {}): Promise<SqliteStore> {
    const inMemory = file === ':memory:' || file === '';
    if (!inMemory) mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    let db: Database.Database;
    try {
      db = new Database(file);
    } catch (err) {
      throw new Error(`cannot open the SQLite database at ${file}: ${(err as Error).message}`, { cause: err });
    }
    const store = new SqliteStore(db, file, logger, options.busyRetries ?? DEFAULT_BUSY_RETRIES);
    try {
      // busy_timeout first, so that switching to WAL also waits for a process holding the file.
      db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS))}`);
      if (!inMemory) {
        await store.retryBusy('enable WAL', () => db.pragma('journal_mode = WAL'));
        // In WAL mode NORMAL loses at most the last transactions on power loss, never consistency.
        db.pragma('synchronous = NORMAL');
      }
      db.pragma('foreign_keys = ON');
    } catch (err) {
      db.close();
      throw new Error(`cannot prepare the SQLite database at ${file}: ${(err as Error).message}`, { cause: err });
    }
    return store;
  }

  // ------------------------------------------------------------ plumbing

  private stmt(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      // Query shapes are few; the cap only guards against a caller generating endless variants.
      if (this.statements.size >= 500) this.statements.clear();
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private all(sql: string, ...params: unknown[]): Row[] {
    return this.stmt(sql).all(...params) as Row[];
  }

  private get(sql: string, ...params: unknown[]): Row | undefined {
    return this.stmt(sql).get(...params) as Row | undefined;
  }

  private run(sql: string, ...params: unknown[]): Database.RunResult {
    return this.stmt(sql).run(...params);
  }

  /** Runs `fn`, trying again with backoff while another process keeps the database locked past busy_timeout. */
  private async retryBusy<T>(what: string, fn: () => T): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return fn();
      } catch (err) {
        if (!isBusy(err)) throw err;
        if (attempt >= this.busyRetries) {
          throw new Error(`the SQLite database ${this.file} stayed locked by another process (${what}, ${attempt + 1} attempts); is another newsdigest writing to it?`, { cause: err });
        }
        const delay = Math.min(2000, 50 * 2 ** attempt) * (0.5 + Math.random());
        this.logger.warn({ what, attempt: attempt + 1, delayMs: Math.round(delay) }, 'SQLite database busy; retrying');
        await sleep(delay);
      }
    }
  }

  /** A write transaction: BEGIN IMMEDIATE, all or nothing, retried while the database is busy. */
  private write<T>(what: string, fn: () => T): Promise<T> {
    return this.retryBusy(what, () => this.db.transaction(fn).immediate());
  }

  /** Several reads from one snapshot. */
  private read<T>(fn: () => T): T {
    return this.db.transaction(fn).deferred();
  }

  // ------------------------------------------------------------ lifecycle

  async migrate(): Promise<void> {
    await this.retryBusy('migrate', () => migrateSqlite(this.db, SQLITE_MIGRATIONS, this.logger));
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  // ------------------------------------------------------------ feeds

  async upsertFeed(input: FeedInput): Promise<FeedRecord> {
    const feed = checkFeedInput(input);
    const fullText = feed.fullText === undefined ? null : bit(feed.fullText);
    return this.write('upsertFeed', () => {
      // A feed once trusted (declared in config or on the command line) stays trusted when chat adds it again.
      const row = this.get(
        `INSERT INTO feeds (url, title, full_text, trusted, created_at) VALUES (?, ?, coalesce(?, 0), ?, ?)
         ON CONFLICT (url) DO UPDATE SET
           title = coalesce(excluded.title, feeds.title),
           full_text = coalesce(?, feeds.full_text),
           trusted = max(feeds.trusted, excluded.trusted)
         RETURNING *`,
        feed.url,
        feed.title ?? null,
        fullText,
        bit(feed.trusted),
        nowIso(),
        fullText,
      );
      return mapFeed(row!);
    });
  }

  async getFeed(url: string): Promise<FeedRecord | null> {
    const row = this.get('SELECT * FROM feeds WHERE url = ?', url.trim());
    return row ? mapFeed(row) : null;
  }

  async getFeedById(id: number): Promise<FeedRecord | null> {
    const row = this.get('SELECT * FROM feeds WHERE id = ?', id);
    return row ? mapFeed(row) : null;
  }

  async listFeeds(): Promise<FeedRecord[]> {
    return this.all('SELECT * FROM feeds ORDER BY id').map(mapFeed);
  }

  async recordFetch(feedId: number, input: FetchStateUpdate): Promise<void> {
    requireId(feedId, 'recordFetch: feedId');
    const update = checkFetchUpdate(input);
    // undefined keeps the stored validator/title; null clears a validator.
    const sets = ['last_status = ?', 'last_error = ?', 'last_fetched_at = ?', 'consecutive_failures = ?', 'next_poll_at = ?', 'lease_owner = NULL', 'lease_until = NULL'];
    const params: unknown[] = [update.lastStatus, update.lastError == null ? null : scrubSecrets(update.lastError), update.lastFetchedAt, update.consecutiveFailures, update.nextPollAtIso];
    if (update.etag !== undefined) (sets.push('etag = ?'), params.push(update.etag));
    if (update.lastModified !== undefined) (sets.push('last_modified = ?'), params.push(update.lastModified));
    if (update.title != null && update.title.trim() !== '') (sets.push('title = ?'), params.push(update.title.trim()));
    await this.write('recordFetch', () => {
      const result = this.run(`UPDATE feeds SET ${sets.join(', ')} WHERE id = ?`, ...params, feedId);
      if (result.changes === 0) throw new Error(`recordFetch: no feed with id ${feedId}`);
    });
  }

  async claimDueFeeds(now: string, owner: string, leaseMs: number, limit: number): Promise<FeedRecord[]> {
    const at = toIsoTimestamp(now, 'claimDueFeeds: now');
    requireNonEmpty(owner, 'claimDueFeeds: owner');
    requireLimit(limit, 'claimDueFeeds: limit');
    const until = addMs(at, leaseMs);
    if (limit === 0) return [];
    return this.write('claimDueFeeds', () => {
      const rows = this.all(
        `UPDATE feeds SET lease_owner = ?, lease_until = ?
         WHERE id IN (
           SELECT id FROM feeds
           WHERE (next_poll_at IS NULL OR next_poll_at <= ?) AND (lease_until IS NULL OR lease_until <= ?)
           ORDER BY next_poll_at IS NOT NULL, next_poll_at, id
           LIMIT ?)
         RETURNING *`,
        owner,
        until,
        at,
        at,
        limit,
      );
      return rows.map(mapFeed).sort(byDueOrder);
    });
  }

  // ------------------------------------------------------------ articles

  async saveArticles(feedId: number, items: NewArticle[], firstSeenAt: string): Promise<SaveArticlesResult> {
    requireId(feedId, 'saveArticles: feedId');
    if (!Array.isArray(items)) throw new Error('saveArticles: items must be an array');
    const seenAt = toIsoTimestamp(firstSeenAt, 'saveArticles: firstSeenAt');
    return this.write('saveArticles', () => {
      if (!this.get('SELECT id FROM feeds WHERE id = ?', feedId)) throw new Error(`saveArticles: no feed with id ${feedId}`);
      const insertedIds: number[] = [];
      let duplicates = 0;
      items.forEach((item, index) => {
        // Validated inside the transaction on purpose: a bad item anywhere undoes the whole batch.
        const row = toArticleRow(item, `saveArticles: item ${index + 1} of feed ${feedId}`);
        const existing = this.findExistingArticle(feedId, row.guid, row.link, row.titleHash);
        if (existing !== null) {
          duplicates++;
          // Matched in another feed by link: this feed becomes a second source of the same story.
          this.run(
            `INSERT INTO article_sources (article_id, feed_id, guid, title_hash, added_at) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT DO NOTHING`,
            existing,
            feedId,
            row.guid,
            row.titleHash,
            seenAt,
          );
          return;
        }
        const inserted = this.get(
          `INSERT INTO articles (guid, link, title, published, published_is_fetch_time, author, summary, text, first_seen_at, seeded, title_hash)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
          row.guid,
          row.link,
          row.title,
          row.published,
          bit(row.publishedIsFetchTime),
          row.author,
          row.summary,
          row.text,
          seenAt,
          bit(row.seeded),
          row.titleHash,
        )!;
        const articleId = Number(inserted.id);
        this.run('INSERT INTO article_sources (article_id, feed_id, guid, title_hash, added_at) VALUES (?, ?, ?, ?, ?)', articleId, feedId, row.guid, row.titleHash, seenAt);
        this.insertFigures(articleId, figureRowsOf(item.figures ?? [], articleId), row.published);
        insertedIds.push(articleId);
      });
      return { inserted: this.articlesByIds(insertedIds), duplicates };
    });
  }

  /** The dedupe rules, in order: guid in this feed; canonical link in any feed; title+day hash in this feed (items without a guid). */
  private findExistingArticle(feedId: number, guid: string | null, link: string | null, titleHash: string): number | null {
    if (guid !== null) {
      const byGuid = this.get('SELECT article_id FROM article_sources WHERE feed_id = ? AND guid = ?', feedId, guid);
      if (byGuid) return Number(byGuid.article_id);
    }
    if (link !== null) {
      const byLink = this.get('SELECT id FROM articles WHERE link = ?', link);
      if (byLink) return Number(byLink.id);
    }
    if (guid === null) {
      const byHash = this.get('SELECT article_id FROM article_sources WHERE feed_id = ? AND title_hash = ? ORDER BY id LIMIT 1', feedId, titleHash);
      if (byHash) return Number(byHash.article_id);
    }
    return null;
  }

  private sourcesOf(ids: number[]): ReturnType<typeof groupSources> {
    return groupSources(
      this.all(
        `SELECT s.article_id, s.feed_id, f.url AS feed_url, f.title AS feed_title
         FROM article_sources s JOIN feeds f ON f.id = s.feed_id
         WHERE s.article_id IN (SELECT value FROM json_each(?))
         ORDER BY s.article_id, s.id`,
        JSON.stringify(ids),
      ),
    );
  }

  private articlesByIds(ids: number[]): StoredArticle[] {
    if (ids.length === 0) return [];
    const rows = this.all('SELECT * FROM articles WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id', JSON.stringify(ids));
    const sources = this.sourcesOf(ids);
    return rows.map((row) => mapArticle(row, sources.get(Number(row.id)) ?? []));
  }

  async getArticle(id: number): Promise<StoredArticle | null> {
    return this.read(() => this.articlesByIds([id])[0] ?? null);
  }

  async listArticles(query: ArticleQuery): Promise<StoredArticle[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.feedIds !== undefined) {
      if (query.feedIds.length === 0) return [];
      where.push('EXISTS (SELECT 1 FROM article_sources s WHERE s.article_id = a.id AND s.feed_id IN (SELECT value FROM json_each(?)))');
      params.push(JSON.stringify(query.feedIds));
    }
    if (query.since !== undefined) (where.push('a.first_seen_at > ?'), params.push(toIsoTimestamp(query.since, 'listArticles: since')));
    if (query.until !== undefined) (where.push('a.first_seen_at <= ?'), params.push(toIsoTimestamp(query.until, 'listArticles: until')));
    if (!query.includeSeeded) where.push('a.seeded = 0');
    let sql = `SELECT a.* FROM articles a${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY a.first_seen_at, a.published, a.id`;
    if (query.limit !== undefined) (sql += ' LIMIT ?'), params.push(requireLimit(query.limit, 'listArticles: limit'));
    return this.read(() => {
      const rows = this.all(sql, ...params);
      const sources = this.sourcesOf(rows.map((r) => Number(r.id)));
      return rows.map((row) => mapArticle(row, sources.get(Number(row.id)) ?? []));
    });
  }

  async countArticles(): Promise<number> {
    return Number(this.get('SELECT count(*) AS n FROM articles')!.n);
  }

  // ------------------------------------------------------------ figures

  async replaceFigures(articleId: number, figures: Figure[]): Promise<void> {
    requireId(articleId, 'replaceFigures: articleId');
    const rows = figureRowsOf(figures, articleId);
    await this.write('replaceFigures', () => {
      const article = this.get('SELECT published FROM articles WHERE id = ?', articleId);
      if (!article) throw new Error(`replaceFigures: no article with id ${articleId}`);
      this.run('DELETE FROM figures WHERE article_id = ?', articleId);
      this.insertFigures(articleId, rows, article.published);
    });
  }

  /** Inside a write transaction: the article's figures, with its published date denormalized. */
  private insertFigures(articleId: number, rows: FigureRow[], published: unknown): void {
    for (const f of rows) {
      this.run(
        `INSERT INTO figures (article_id, value, value_max, unit, qualifier, category, actor, cumulative, quote, start_offset, end_offset, sentence, published)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        articleId,
        f.value,
        f.valueMax,
        f.unit,
        f.qualifier,
        f.category,
        f.actor,
        bit(f.cumulative),
        f.quote,
        f.start,
        f.end,
        f.sentence,
        published,
      );
    }
  }

  async findFigures(query: FigureQuery): Promise<StoredFigure[]> {
    const built = buildFigureQuery(query, 'sqlite', { feedIds: (feeds) => this.all(feeds.sql, ...feeds.params).map((r) => Number(r.id)) });
    if (!built) return [];
    return this.all(built.sql, ...built.params).map(mapFigure);
  }

  async figureCatalog(): Promise<FigureCatalogEntry[]> {
    return this.all('SELECT category, actor, figure_count, latest_published FROM figure_catalog ORDER BY category, actor_key').map(mapCatalogEntry);
  }

  // ------------------------------------------------------------ channels and subscriptions

  async upsertChannel(input: ChannelInput): Promise<ChannelRecord> {
    const channel = checkChannelInput(input);
    const now = nowIso();
    return this.write('upsertChannel', () => {
      const row = this.get(
        `INSERT INTO channels (channel_key, platform, external_id, workspace_id, schedule, timezone, max_articles, post_when_empty, origin, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (channel_key) DO UPDATE SET
           workspace_id = excluded.workspace_id, schedule = excluded.schedule, timezone = excluded.timezone,
           max_articles = excluded.max_articles, post_when_empty = excluded.post_when_empty, origin = excluded.origin,
           updated_at = excluded.updated_at
         RETURNING *`,
        channelKeyOf(channel.platform, channel.externalId),
        channel.platform,
        channel.externalId,
        channel.workspaceId ?? null,
        channel.schedule,
        channel.timezone,
        channel.maxArticles,
        bit(channel.postWhenEmpty),
        channel.origin,
        now,
        now,
      );
      return mapChannel(row!);
    });
  }

  async getChannel(key: string): Promise<ChannelRecord | null> {
    const row = this.get('SELECT * FROM channels WHERE channel_key = ?', key);
    return row ? mapChannel(row) : null;
  }

  async listChannels(): Promise<ChannelRecord[]> {
    return this.all('SELECT * FROM channels ORDER BY channel_key').map(mapChannel);
  }

  async addSubscription(channelKey: string, kind: Subscription['kind'], value: string): Promise<boolean> {
    checkSubscription(channelKey, kind, value, 'addSubscription');
    return this.write('addSubscription', () => {
      if (!this.get('SELECT 1 FROM channels WHERE channel_key = ?', channelKey)) throw new Error(`addSubscription: unknown channel "${channelKey}" (store the channel before subscribing it)`);
      return this.run('INSERT INTO subscriptions (channel_key, kind, value, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING', channelKey, kind, value, nowIso()).changes === 1;
    });
  }

  async removeSubscription(channelKey: string, kind: Subscription['kind'], value: string): Promise<boolean> {
    checkSubscription(channelKey, kind, value, 'removeSubscription');
    return this.write('removeSubscription', () => this.run('DELETE FROM subscriptions WHERE channel_key = ? AND kind = ? AND value = ?', channelKey, kind, value).changes === 1);
  }

  async listSubscriptions(channelKey: string): Promise<Subscription[]> {
    return this.all('SELECT * FROM subscriptions WHERE channel_key = ? ORDER BY kind, value', channelKey).map(mapSubscription);
  }

  // ------------------------------------------------------------ digests (outbox)

  async recordDigest(input: DigestInput, now: string): Promise<{ digest: DigestRecord; created: boolean }> {
    const digest = checkDigestInput(input);
    const at = toIsoTimestamp(now, 'recordDigest: now');
    return this.write('recordDigest', () => {
      const inserted = this.get(
        `INSERT INTO digests (channel_key, slot, payload, article_ids, period_start, period_end, next_attempt_at, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (channel_key, slot) DO NOTHING
         RETURNING *`,
        digest.channelKey,
        digest.slot,
        digest.payloadJson,
        digest.articleIdsJson,
        digest.periodStart,
        digest.periodEnd,
        at,
        at,
      );
      if (inserted) return { digest: mapDigest(inserted), created: true };
      const existing = this.get('SELECT * FROM digests WHERE channel_key = ? AND slot = ?', digest.channelKey, digest.slot)!;
      return { digest: mapDigest(existing), created: false };
    });
  }

  async claimPendingDigests(now: string, owner: string, leaseMs: number, limit: number, platforms?: readonly Platform[]): Promise<DigestRecord[]> {
    const at = toIsoTimestamp(now, 'claimPendingDigests: now');
    requireNonEmpty(owner, 'claimPendingDigests: owner');
    requireLimit(limit, 'claimPendingDigests: limit');
    const until = addMs(at, leaseMs);
    if (limit === 0) return [];
    // The platform is the channel key's prefix ("discord:123").
    const platformsJson = platforms === undefined ? null : JSON.stringify(platforms);
    return this.write('claimPendingDigests', () =>
      this.all(
        `UPDATE digests SET lease_owner = ?, lease_until = ?
         WHERE id IN (
           SELECT id FROM digests d
           WHERE status = 'pending' AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until <= ?)
             AND (? IS NULL OR substr(channel_key, 1, instr(channel_key, ':') - 1) IN (SELECT value FROM json_each(?)))
             -- A channel's digests go out in slot order: a later one waits while an earlier one is pending.
             AND NOT EXISTS (SELECT 1 FROM digests e WHERE e.channel_key = d.channel_key AND e.status = 'pending' AND e.slot < d.slot)
           ORDER BY next_attempt_at, id
           LIMIT ?)
         RETURNING *`,
        owner,
        until,
        at,
        at,
        platformsJson,
        platformsJson,
        limit,
      )
        .map(mapDigest)
        .sort(byAttemptOrder),
    );
  }

  async markDigestProgress(id: number, sentParts: number): Promise<void> {
    requireId(id, 'markDigestProgress: id');
    requireLimit(sentParts, 'markDigestProgress: sentParts');
    await this.write('markDigestProgress', () => {
      // Never backwards: a late, stale report must not make a retry re-post a message.
      const result = this.run('UPDATE digests SET sent_parts = max(sent_parts, ?) WHERE id = ?', sentParts, id);
      if (result.changes === 0) throw new Error(`markDigestProgress: no digest with id ${id}`);
    });
  }

  async markDigestSent(id: number, sentAt: string): Promise<void> {
    requireId(id, 'markDigestSent: id');
    const at = toIsoTimestamp(sentAt, 'markDigestSent: sentAt');
    await this.write('markDigestSent', () => {
      const result = this.run(
        `UPDATE digests SET status = 'sent', sent_at = ?, sent_parts = json_array_length(payload), lease_owner = NULL, lease_until = NULL WHERE id = ?`,
        at,
        id,
      );
      if (result.changes === 0) throw new Error(`markDigestSent: no digest with id ${id}`);
    });
  }

  async markDigestFailed(id: number, error: string, nextAttemptAt: string, final: boolean): Promise<void> {
    requireId(id, 'markDigestFailed: id');
    const next = toIsoTimestamp(nextAttemptAt, 'markDigestFailed: nextAttemptAt');
    await this.write('markDigestFailed', () => {
      // Only a pending digest can fail: a report arriving after it was sent changes nothing.
      const result = this.run(
        `UPDATE digests SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?,
           status = CASE WHEN ? = 1 THEN 'failed' ELSE status END, lease_owner = NULL, lease_until = NULL
         WHERE id = ? AND status = 'pending'`,
        scrubSecrets(String(error)),
        next,
        bit(final),
        id,
      );
      if (result.changes === 0 && !this.get('SELECT 1 FROM digests WHERE id = ?', id)) throw new Error(`markDigestFailed: no digest with id ${id}`);
    });
  }

  async getDigest(id: number): Promise<DigestRecord | null> {
    const row = this.get('SELECT * FROM digests WHERE id = ?', id);
    return row ? mapDigest(row) : null;
  }

  async lastDigest(channelKey: string): Promise<DigestRecord | null> {
    const row = this.get('SELECT * FROM digests WHERE channel_key = ? ORDER BY slot DESC, id DESC LIMIT 1', channelKey);
    return row ? mapDigest(row) : null;
  }

  async listDigests(channelKey: string, limit: number): Promise<DigestRecord[]> {
    requireLimit(limit, 'listDigests: limit');
    return this.all('SELECT * FROM digests WHERE channel_key = ? ORDER BY slot DESC, id DESC LIMIT ?', channelKey, limit).map(mapDigest);
  }

  // ------------------------------------------------------------ coordination

  async tryAcquireLease(name: string, owner: string, ttlMs: number, now: string): Promise<boolean> {
    requireNonEmpty(name, 'tryAcquireLease: name');
    requireNonEmpty(owner, 'tryAcquireLease: owner');
    const at = toIsoTimestamp(now, 'tryAcquireLease: now');
    const until = addMs(at, ttlMs);
    return this.write('tryAcquireLease', () => {
      // Leases whose holder died without releasing them would pile up (one per schedule slot).
      this.run('DELETE FROM leases WHERE until < ?', addMs(at, 0, -STALE_LEASE_MS));
      const row = this.get(
        `INSERT INTO leases (name, owner, until) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, until = excluded.until
           WHERE leases.owner = excluded.owner OR leases.until <= ?
         RETURNING owner`,
        name,
        owner,
        until,
        at,
      );
      return row !== undefined;
    });
  }

  async releaseLease(name: string, owner: string): Promise<void> {
    await this.write('releaseLease', () => this.run('DELETE FROM leases WHERE name = ? AND owner = ?', name, owner));
  }
}
