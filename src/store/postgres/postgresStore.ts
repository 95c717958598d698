/**
 * The scale-out store: PostgreSQL through a node-postgres Pool. Several replicas share it; work is
 * handed out with row leases taken by `SELECT ... FOR UPDATE SKIP LOCKED` (a row one replica is
 * leasing is skipped by the others, never waited for), migrations run under an advisory lock, and
 * transactions aborted by a concurrent one (deadlock, serialization failure) are run again.
 */
import pg from 'pg';
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
import { POSTGRES_MIGRATIONS } from '../migrations/postgresMigrations.js';
import { groupSources, mapArticle, mapCatalogEntry, mapChannel, mapDigest, mapFeed, mapFigure, mapSubscription, toNumber } from '../rows.js';
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
import { describeTarget, isConnectionError, StoreUnavailableError, TRANSIENT_CODES, TRANSIENT_OR_UNIQUE, withRetry } from './pgErrors.js';
import { migratePostgres } from './postgresMigrate.js';

type Row = Record<string, unknown>;

/** Advisory lock namespace (first key) for figure catalog groups; the second key is the group's hash. */
const CATALOG_LOCK_CLASS = 0x4e44;
/** Runs one statement: on the pool, or on the client of the transaction in progress. */
export type Query = (sql: string, params?: unknown[]) => Promise<Row[]>;

export interface PostgresStoreOptions {
  /** Pool size (default 10). */
  maxConnections?: number;
  /** Attempts of a transaction aborted by a concurrent one (default 6). */
  attempts?: number;
  connectTimeoutMs?: number;
  statementTimeoutMs?: number;
}

export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  private closed = false;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly target: string,
    private readonly logger: Logger,
    private readonly attempts: number,
    private readonly maxConnections: number,
  ) {}

  /** Opens a pool on `url` and checks that the database answers; throws StoreUnavailableError otherwise. */
  static async connect(url: string, logger: Logger, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const target = describeTarget(url);
    const maxConnections = options.maxConnections ?? 10;
    const pool = new pg.Pool({
      connectionString: url,
      max: maxConnections,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
      statement_timeout: options.statementTimeoutMs ?? 30_000,
      // A replica that dies mid-transaction must not keep its row locks.
      idle_in_transaction_session_timeout: 60_000,
      application_name: 'newsdigest',
    });
    // Without a listener an idle client's network error would crash the process.
    pool.on('error', (err) => logger.error({ err, database: target }, 'an idle PostgreSQL connection failed'));
    const store = new PostgresStore(pool, target, logger, options.attempts ?? 6, maxConnections);
    try {
      await store.ping();
    } catch (err) {
      await pool.end().catch(() => undefined);
      throw err;
    }
    return store;
  }

  // ------------------------------------------------------------ plumbing

  private surface(err: unknown): unknown {
    if (err instanceof StoreUnavailableError) return err;
    // pg-pool says "timeout exceeded when trying to connect" both for a dead server and for a pool
    // whose connections are all in use; only the first means the database is unreachable.
    if (/timeout exceeded when trying to connect/.test((err as Error | null)?.message ?? '') && this.pool.totalCount >= this.maxConnections) {
      return new Error(`no free PostgreSQL connection to ${this.target}: all ${this.maxConnections} connections of the pool stayed busy`, { cause: err });
    }
    return isConnectionError(err) ? new StoreUnavailableError(this.target, err) : err;
  }

  private logRetry(what: string) {
    // A first conflict is routine between replicas; repeated ones are worth a look.
    return (err: unknown, attempt: number, delayMs: number) =>
      this.logger[attempt > 1 ? 'warn' : 'debug']({ what, attempt, delayMs: Math.round(delayMs), code: (err as { code?: string }).code }, 'PostgreSQL transaction conflicted with another; retrying');
  }

  /** One statement on its own (autocommit), retried on deadlock. */
  private async query(sql: string, params: unknown[] = []): Promise<Row[]> {
    try {
      return await withRetry(async () => (await this.pool.query(sql, params)).rows as Row[], { retryOn: TRANSIENT_CODES, attempts: this.attempts, onRetry: this.logRetry('query') });
    } catch (err) {
      throw this.surface(err);
    }
  }

  /** A transaction: all or nothing, run again from the start when a concurrent one aborts it. */
  private async tx<T>(what: string, fn: (q: Query) => Promise<T>, retryOn: ReadonlySet<string> = TRANSIENT_CODES, begin = 'BEGIN'): Promise<T> {
    try {
      return await withRetry(
        async () => {
          const client = await this.pool.connect();
          let broken: Error | undefined;
          try {
            await client.query(begin);
            const result = await fn(async (sql, params = []) => (await client.query(sql, params)).rows as Row[]);
            await client.query('COMMIT');
            return result;
          } catch (err) {
            if (isConnectionError(err)) broken = err as Error;
            else await client.query('ROLLBACK').catch((rollbackErr: Error) => (broken = rollbackErr));
            throw err;
          } finally {
            // A connection that failed mid-transaction is discarded, not handed back to the pool.
            client.release(broken);
          }
        },
        { retryOn, attempts: this.attempts, onRetry: this.logRetry(what) },
      );
    } catch (err) {
      throw this.surface(err);
    }
  }

  private async one(sql: string, params: unknown[] = []): Promise<Row | undefined> {
    return (await this.query(sql, params))[0];
  }

  // ------------------------------------------------------------ lifecycle

  async migrate(): Promise<void> {
    await this.tx('migrate', (q) => migratePostgres(q, POSTGRES_MIGRATIONS, this.logger));
  }

  async ping(): Promise<void> {
    await this.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  // ------------------------------------------------------------ feeds

  async upsertFeed(input: FeedInput): Promise<FeedRecord> {
    const feed = checkFeedInput(input);
    // A feed once trusted (declared in config or on the command line) stays trusted when chat adds it again.
    const row = await this.one(
      `INSERT INTO feeds (url, title, full_text, trusted, created_at) VALUES ($1, $2, coalesce($3::boolean, false), $4, $5)
       ON CONFLICT (url) DO UPDATE SET
         title = coalesce(EXCLUDED.title, feeds.title),
         full_text = coalesce($3::boolean, feeds.full_text),
         trusted = feeds.trusted OR EXCLUDED.trusted
       RETURNING *`,
      [feed.url, feed.title ?? null, feed.fullText ?? null, feed.trusted, nowIso()],
    );
    return mapFeed(row!);
  }

  async getFeed(url: string): Promise<FeedRecord | null> {
    const row = await this.one('SELECT * FROM feeds WHERE url = $1', [url.trim()]);
    return row ? mapFeed(row) : null;
  }

  async getFeedById(id: number): Promise<FeedRecord | null> {
    requireId(id, 'getFeedById: id');
    const row = await this.one('SELECT * FROM feeds WHERE id = $1', [id]);
    return row ? mapFeed(row) : null;
  }

  async listFeeds(): Promise<FeedRecord[]> {
    return (await this.query('SELECT * FROM feeds ORDER BY id')).map(mapFeed);
  }

  async recordFetch(feedId: number, input: FetchStateUpdate): Promise<void> {
    requireId(feedId, 'recordFetch: feedId');
    const update = checkFetchUpdate(input);
    const params: unknown[] = [update.lastStatus, update.lastError == null ? null : scrubSecrets(update.lastError), update.lastFetchedAt, update.consecutiveFailures, update.nextPollAtIso];
    // undefined keeps the stored validator/title; null clears a validator.
    const sets = ['last_status = $1', 'last_error = $2', 'last_fetched_at = $3', 'consecutive_failures = $4', 'next_poll_at = $5', 'lease_owner = NULL', 'lease_until = NULL'];
    const add = (column: string, value: unknown) => {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    };
    if (update.etag !== undefined) add('etag', update.etag);
    if (update.lastModified !== undefined) add('last_modified', update.lastModified);
    if (update.title != null && update.title.trim() !== '') add('title', update.title.trim());
    params.push(feedId);
    const rows = await this.query(`UPDATE feeds SET ${sets.join(', ')} WHERE id = $${params.length} RETURNING id`, params);
    if (rows.length === 0) throw new Error(`recordFetch: no feed with id ${feedId}`);
  }

  async claimDueFeeds(now: string, owner: string, leaseMs: number, limit: number): Promise<FeedRecord[]> {
    const at = toIsoTimestamp(now, 'claimDueFeeds: now');
    requireNonEmpty(owner, 'claimDueFeeds: owner');
    requireLimit(limit, 'claimDueFeeds: limit');
    const until = addMs(at, leaseMs);
    if (limit === 0) return [];
    // One statement = one transaction: lock the due rows nobody else is locking, lease them, commit.
    const rows = await this.query(
      `WITH due AS (
         SELECT id FROM feeds
         WHERE (next_poll_at IS NULL OR next_poll_at <= $3) AND (lease_until IS NULL OR lease_until <= $3)
         ORDER BY next_poll_at NULLS FIRST, id
         LIMIT $4
         FOR UPDATE SKIP LOCKED)
       UPDATE feeds SET lease_owner = $1, lease_until = $2 FROM due WHERE feeds.id = due.id
       RETURNING feeds.*`,
      [owner, until, at, limit],
    );
    return rows.map(mapFeed).sort(byDueOrder);
  }

  // ------------------------------------------------------------ articles

  async saveArticles(feedId: number, items: NewArticle[], firstSeenAt: string): Promise<SaveArticlesResult> {
    requireId(feedId, 'saveArticles: feedId');
    if (!Array.isArray(items)) throw new Error('saveArticles: items must be an array');
    const seenAt = toIsoTimestamp(firstSeenAt, 'saveArticles: firstSeenAt');
    // Retried on a unique violation too: another replica stored the same link meanwhile, and the
    // next attempt finds it and records a duplicate instead.
    return this.tx(
      'saveArticles',
      async (q) => {
        if ((await q('SELECT id FROM feeds WHERE id = $1', [feedId])).length === 0) throw new Error(`saveArticles: no feed with id ${feedId}`);
        const figureRows = items.map((item, index) => figureRowsOf(item.figures ?? [], `item ${index + 1} of feed ${feedId}`));
        // Every catalog group this batch may touch, locked once up front in the global order.
        await lockCatalogGroups(q, figureRows.flat(), null);
        const insertedIds: number[] = [];
        let duplicates = 0;
        for (const [index, item] of items.entries()) {
          // Validated inside the transaction on purpose: a bad item anywhere undoes the whole batch.
          const row = toArticleRow(item, `saveArticles: item ${index + 1} of feed ${feedId}`);
          const existing = await findExistingArticle(q, feedId, row.guid, row.link, row.titleHash);
          if (existing !== null) {
            duplicates++;
            await q(
              `INSERT INTO article_sources (article_id, feed_id, guid, title_hash, added_at) VALUES ($1, $2, $3, $4, $5)
               ON CONFLICT DO NOTHING`,
              [existing, feedId, row.guid, row.titleHash, seenAt],
            );
            continue;
          }
          const [inserted] = await q(
            `INSERT INTO articles (guid, link, title, published, published_is_fetch_time, author, summary, text, first_seen_at, seeded, title_hash)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
            [row.guid, row.link, row.title, row.published, row.publishedIsFetchTime, row.author, row.summary, row.text, seenAt, row.seeded, row.titleHash],
          );
          const articleId = toNumber(inserted!.id);
          await q('INSERT INTO article_sources (article_id, feed_id, guid, title_hash, added_at) VALUES ($1, $2, $3, $4, $5)', [articleId, feedId, row.guid, row.titleHash, seenAt]);
          await insertFigures(q, articleId, figureRows[index]!);
          insertedIds.push(articleId);
        }
        return { inserted: await articlesByIds(q, insertedIds), duplicates };
      },
      TRANSIENT_OR_UNIQUE,
    );
  }

  async getArticle(id: number): Promise<StoredArticle | null> {
    requireId(id, 'getArticle: id');
    return (await articlesByIds(this.query.bind(this), [id]))[0] ?? null;
  }

  async listArticles(query: ArticleQuery): Promise<StoredArticle[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => (params.push(value), `$${params.length}`);
    if (query.feedIds !== undefined) {
      if (query.feedIds.length === 0) return [];
      where.push(`EXISTS (SELECT 1 FROM article_sources s WHERE s.article_id = a.id AND s.feed_id = ANY(${param(query.feedIds)}::int[]))`);
    }
    if (query.since !== undefined) where.push(`a.first_seen_at > ${param(toIsoTimestamp(query.since, 'listArticles: since'))}`);
    if (query.until !== undefined) where.push(`a.first_seen_at <= ${param(toIsoTimestamp(query.until, 'listArticles: until'))}`);
    if (!query.includeSeeded) where.push('NOT a.seeded');
    let sql = `SELECT a.* FROM articles a${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY a.first_seen_at, a.published, a.id`;
    if (query.limit !== undefined) sql += ` LIMIT ${param(requireLimit(query.limit, 'listArticles: limit'))}`;
    // One snapshot for the articles and their sources (read-only: never a serialization failure).
    return this.tx(
      'listArticles',
      async (q) => {
        const rows = await q(sql, params);
        const sources = await sourcesOf(q, rows.map((r) => toNumber(r.id)));
        return rows.map((row) => mapArticle(row, sources.get(toNumber(row.id)) ?? []));
      },
      TRANSIENT_CODES,
      'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
    );
  }

  async countArticles(): Promise<number> {
    return toNumber((await this.one('SELECT count(*) AS n FROM articles'))!.n);
  }

  // ------------------------------------------------------------ figures

  async replaceFigures(articleId: number, figures: Figure[]): Promise<void> {
    requireId(articleId, 'replaceFigures: articleId');
    const rows = figureRowsOf(figures, articleId);
    await this.tx('replaceFigures', async (q) => {
      // FOR SHARE: the article cannot vanish while its figures are being written.
      if ((await q('SELECT id FROM articles WHERE id = $1 FOR SHARE', [articleId])).length === 0) throw new Error(`replaceFigures: no article with id ${articleId}`);
      await lockCatalogGroups(q, rows, articleId);
      await q('DELETE FROM figures WHERE article_id = $1', [articleId]);
      await insertFigures(q, articleId, rows);
    });
  }

  async findFigures(query: FigureQuery): Promise<StoredFigure[]> {
    const built = buildFigureQuery(query, 'postgres');
    if (!built) return [];
    return (await this.query(built.sql, built.params)).map(mapFigure);
  }

  async figureCatalog(): Promise<FigureCatalogEntry[]> {
    // COLLATE "C": the same byte order as SQLite, whatever the database's locale.
    return (await this.query('SELECT category, actor, figure_count, latest_published FROM figure_catalog ORDER BY category COLLATE "C", actor_key COLLATE "C"')).map(mapCatalogEntry);
  }

  // ------------------------------------------------------------ channels and subscriptions

  async upsertChannel(input: ChannelInput): Promise<ChannelRecord> {
    const channel = checkChannelInput(input);
    const now = nowIso();
    const row = await this.one(
      `INSERT INTO channels (channel_key, platform, external_id, workspace_id, schedule, timezone, max_articles, post_when_empty, origin, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
       ON CONFLICT (channel_key) DO UPDATE SET
         workspace_id = EXCLUDED.workspace_id, schedule = EXCLUDED.schedule, timezone = EXCLUDED.timezone,
         max_articles = EXCLUDED.max_articles, post_when_empty = EXCLUDED.post_when_empty, origin = EXCLUDED.origin,
         updated_at = EXCLUDED.updated_at
       RETURNING *`,
      [
        channelKeyOf(channel.platform, channel.externalId),
        channel.platform,
        channel.externalId,
        channel.workspaceId ?? null,
        channel.schedule,
        channel.timezone,
        channel.maxArticles,
        channel.postWhenEmpty,
        channel.origin,
        now,
      ],
    );
    return mapChannel(row!);
  }

  async getChannel(key: string): Promise<ChannelRecord | null> {
    const row = await this.one('SELECT * FROM channels WHERE channel_key = $1', [key]);
    return row ? mapChannel(row) : null;
  }

  async listChannels(): Promise<ChannelRecord[]> {
    return (await this.query('SELECT * FROM channels ORDER BY channel_key COLLATE "C"')).map(mapChannel);
  }

  async addSubscription(channelKey: string, kind: Subscription['kind'], value: string): Promise<boolean> {
    checkSubscription(channelKey, kind, value, 'addSubscription');
    return this.tx('addSubscription', async (q) => {
      if ((await q('SELECT 1 FROM channels WHERE channel_key = $1 FOR SHARE', [channelKey])).length === 0) {
        throw new Error(`addSubscription: unknown channel "${channelKey}" (store the channel before subscribing it)`);
      }
      const rows = await q('INSERT INTO subscriptions (channel_key, kind, value, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING 1 AS added', [channelKey, kind, value, nowIso()]);
      return rows.length === 1;
    });
  }

  async removeSubscription(channelKey: string, kind: Subscription['kind'], value: string): Promise<boolean> {
    checkSubscription(channelKey, kind, value, 'removeSubscription');
    const rows = await this.query('DELETE FROM subscriptions WHERE channel_key = $1 AND kind = $2 AND value = $3 RETURNING 1 AS removed', [channelKey, kind, value]);
    return rows.length === 1;
  }

  async listSubscriptions(channelKey: string): Promise<Subscription[]> {
    return (await this.query('SELECT * FROM subscriptions WHERE channel_key = $1 ORDER BY kind COLLATE "C", value COLLATE "C"', [channelKey])).map(mapSubscription);
  }

  // ------------------------------------------------------------ digests (outbox)

  async recordDigest(input: DigestInput, now: string): Promise<{ digest: DigestRecord; created: boolean }> {
    const digest = checkDigestInput(input);
    const at = toIsoTimestamp(now, 'recordDigest: now');
    // Two replicas recording the same slot: the second INSERT waits for the first to commit, then
    // does nothing, and the SELECT (a fresh snapshot) returns the first one's record.
    const inserted = await this.one(
      `INSERT INTO digests (channel_key, slot, payload, article_ids, period_start, period_end, next_attempt_at, created_at)
       VALUES ($1, $2, $3::json, $4::json, $5, $6, $7, $7)
       ON CONFLICT (channel_key, slot) DO NOTHING
       RETURNING *`,
      [digest.channelKey, digest.slot, digest.payloadJson, digest.articleIdsJson, digest.periodStart, digest.periodEnd, at],
    );
    if (inserted) return { digest: mapDigest(inserted), created: true };
    const existing = await this.one('SELECT * FROM digests WHERE channel_key = $1 AND slot = $2', [digest.channelKey, digest.slot]);
    if (!existing) throw new Error(`recordDigest: the digest for ${digest.channelKey} at ${digest.slot} conflicted but cannot be read`);
    return { digest: mapDigest(existing), created: false };
  }

  async claimPendingDigests(now: string, owner: string, leaseMs: number, limit: number, platforms?: readonly Platform[]): Promise<DigestRecord[]> {
    const at = toIsoTimestamp(now, 'claimPendingDigests: now');
    requireNonEmpty(owner, 'claimPendingDigests: owner');
    requireLimit(limit, 'claimPendingDigests: limit');
    const until = addMs(at, leaseMs);
    if (limit === 0) return [];
    const rows = await this.query(
      `WITH due AS (
         SELECT id FROM digests d
         WHERE status = 'pending' AND next_attempt_at <= $3 AND (lease_until IS NULL OR lease_until <= $3)
           AND ($5::text[] IS NULL OR split_part(channel_key, ':', 1) = ANY($5::text[]))
           -- A channel's digests go out in slot order: a later one waits while an earlier one is pending.
           AND NOT EXISTS (SELECT 1 FROM digests e WHERE e.channel_key = d.channel_key AND e.status = 'pending' AND e.slot < d.slot)
         ORDER BY next_attempt_at, id
         LIMIT $4
         FOR UPDATE SKIP LOCKED)
       UPDATE digests SET lease_owner = $1, lease_until = $2 FROM due WHERE digests.id = due.id
       RETURNING digests.*`,
      [owner, until, at, limit, platforms === undefined ? null : [...platforms]],
    );
    return rows.map(mapDigest).sort(byAttemptOrder);
  }

  async markDigestProgress(id: number, sentParts: number): Promise<void> {
    requireId(id, 'markDigestProgress: id');
    requireLimit(sentParts, 'markDigestProgress: sentParts');
    // Never backwards: a late, stale report must not make a retry re-post a message.
    const rows = await this.query('UPDATE digests SET sent_parts = greatest(sent_parts, $1) WHERE id = $2 RETURNING id', [sentParts, id]);
    if (rows.length === 0) throw new Error(`markDigestProgress: no digest with id ${id}`);
  }

  async markDigestSent(id: number, sentAt: string): Promise<void> {
    requireId(id, 'markDigestSent: id');
    const at = toIsoTimestamp(sentAt, 'markDigestSent: sentAt');
    const rows = await this.query(
      `UPDATE digests SET status = 'sent', sent_at = $1, sent_parts = json_array_length(payload), lease_owner = NULL, lease_until = NULL WHERE id = $2 RETURNING id`,
      [at, id],
    );
    if (rows.length === 0) throw new Error(`markDigestSent: no digest with id ${id}`);
  }

  async markDigestFailed(id: number, error: string, nextAttemptAt: string, final: boolean): Promise<void> {
    requireId(id, 'markDigestFailed: id');
    const next = toIsoTimestamp(nextAttemptAt, 'markDigestFailed: nextAttemptAt');
    // Only a pending digest can fail: a report arriving after it was sent changes nothing.
    const rows = await this.query(
      `UPDATE digests SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2,
         status = CASE WHEN $3::boolean THEN 'failed' ELSE status END, lease_owner = NULL, lease_until = NULL
       WHERE id = $4 AND status = 'pending' RETURNING id`,
      [scrubSecrets(String(error)), next, final, id],
    );
    if (rows.length === 0 && !(await this.one('SELECT 1 FROM digests WHERE id = $1', [id]))) throw new Error(`markDigestFailed: no digest with id ${id}`);
  }

  async getDigest(id: number): Promise<DigestRecord | null> {
    requireId(id, 'getDigest: id');
    const row = await this.one('SELECT * FROM digests WHERE id = $1', [id]);
    return row ? mapDigest(row) : null;
  }

  async lastDigest(channelKey: string): Promise<DigestRecord | null> {
    const row = await this.one('SELECT * FROM digests WHERE channel_key = $1 ORDER BY slot DESC, id DESC LIMIT 1', [channelKey]);
    return row ? mapDigest(row) : null;
  }

  async listDigests(channelKey: string, limit: number): Promise<DigestRecord[]> {
    requireLimit(limit, 'listDigests: limit');
    return (await this.query('SELECT * FROM digests WHERE channel_key = $1 ORDER BY slot DESC, id DESC LIMIT $2', [channelKey, limit])).map(mapDigest);
  }

  // ------------------------------------------------------------ coordination

  async tryAcquireLease(name: string, owner: string, ttlMs: number, now: string): Promise<boolean> {
    requireNonEmpty(name, 'tryAcquireLease: name');
    requireNonEmpty(owner, 'tryAcquireLease: owner');
    const at = toIsoTimestamp(now, 'tryAcquireLease: now');
    const until = addMs(at, ttlMs);
    // Leases whose holder died without releasing them would pile up (one per schedule slot).
    await this.query('DELETE FROM leases WHERE until < $1', [addMs(at, 0, -STALE_LEASE_MS)]);
    // INSERT ... ON CONFLICT DO UPDATE is atomic: of two replicas racing for a free name, one wins.
    const rows = await this.query(
      `INSERT INTO leases AS l (name, owner, until) VALUES ($1, $2, $3)
       ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, until = EXCLUDED.until
         WHERE l.owner = EXCLUDED.owner OR l.until <= $4
       RETURNING owner`,
      [name, owner, until, at],
    );
    return rows.length === 1;
  }

  async releaseLease(name: string, owner: string): Promise<void> {
    await this.query('DELETE FROM leases WHERE name = $1 AND owner = $2', [name, owner]);
  }
}

/** The dedupe rules, in order: guid in this feed; canonical link in any feed; title+day hash in this feed (items without a guid). */
async function findExistingArticle(q: Query, feedId: number, guid: string | null, link: string | null, titleHash: string): Promise<number | null> {
  if (guid !== null) {
    const [byGuid] = await q('SELECT article_id FROM article_sources WHERE feed_id = $1 AND guid = $2', [feedId, guid]);
    if (byGuid) return toNumber(byGuid.article_id);
  }
  if (link !== null) {
    const [byLink] = await q('SELECT id FROM articles WHERE link = $1', [link]);
    if (byLink) return toNumber(byLink.id);
  }
  if (guid === null) {
    const [byHash] = await q('SELECT article_id FROM article_sources WHERE feed_id = $1 AND title_hash = $2 ORDER BY id LIMIT 1', [feedId, titleHash]);
    if (byHash) return toNumber(byHash.article_id);
  }
  return null;
}

async function sourcesOf(q: Query, ids: number[]): Promise<ReturnType<typeof groupSources>> {
  if (ids.length === 0) return new Map();
  return groupSources(
    await q(
      `SELECT s.article_id, s.feed_id, f.url AS feed_url, f.title AS feed_title
       FROM article_sources s JOIN feeds f ON f.id = s.feed_id
       WHERE s.article_id = ANY($1::bigint[])
       ORDER BY s.article_id, s.id`,
      [ids],
    ),
  );
}

async function articlesByIds(q: Query, ids: number[]): Promise<StoredArticle[]> {
  if (ids.length === 0) return [];
  const rows = await q('SELECT * FROM articles WHERE id = ANY($1::bigint[]) ORDER BY id', [ids]);
  const sources = await sourcesOf(q, ids);
  return rows.map((row) => mapArticle(row, sources.get(toNumber(row.id)) ?? []));
}


/**
 * The catalog triggers lock one figure_catalog row per (category, actor) touched, in row order; two
 * replicas touching the same groups in another order would deadlock (and each deadlock costs a
 * second of detection). Taking an advisory lock per group in one global order first makes them
 * queue instead. With an article id, the groups its stored figures are in count too.
 */
async function lockCatalogGroups(q: Query, rows: readonly FigureRow[], articleId: number | null): Promise<void> {
  const groups = await q(
    `SELECT DISTINCT hashtext(category || chr(31) || coalesce(actor, '')) AS k
     FROM (SELECT category, actor FROM figures WHERE article_id = $1
           UNION SELECT * FROM unnest($2::text[], $3::text[])) AS g(category, actor)
     ORDER BY k`,
    [articleId ?? 0, rows.map((f) => f.category), rows.map((f) => f.actor)],
  );
  for (const { k } of groups) await q('SELECT pg_advisory_xact_lock($1, $2)', [CATALOG_LOCK_CLASS, k]);
}

/** The article's figures, with its published date denormalized. */
async function insertFigures(q: Query, articleId: number, rows: readonly FigureRow[]): Promise<void> {
  if (rows.length === 0) return;
  await q(
    `INSERT INTO figures (article_id, value, value_max, unit, qualifier, category, actor, cumulative, quote, start_offset, end_offset, sentence, published)
     SELECT $1, v.value, v.value_max, v.unit, v.qualifier, v.category, v.actor, v.cumulative, v.quote, v.start_offset, v.end_offset, v.sentence,
       (SELECT published FROM articles WHERE id = $1)
     FROM unnest($2::float8[], $3::float8[], $4::text[], $5::text[], $6::text[], $7::text[], $8::boolean[], $9::text[], $10::int[], $11::int[], $12::text[])
       WITH ORDINALITY AS v(value, value_max, unit, qualifier, category, actor, cumulative, quote, start_offset, end_offset, sentence, n)
     ORDER BY v.n`,
    [
      articleId,
      rows.map((f) => f.value),
      rows.map((f) => f.valueMax),
      rows.map((f) => f.unit),
      rows.map((f) => f.qualifier),
      rows.map((f) => f.category),
      rows.map((f) => f.actor),
      rows.map((f) => f.cumulative),
      rows.map((f) => f.quote),
      rows.map((f) => f.start),
      rows.map((f) => f.end),
      rows.map((f) => f.sentence),
    ],
  );
}
