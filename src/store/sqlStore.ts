/**
 * The one Store: every query written once with Kysely and run on SQLite (better-sqlite3, WAL, the
 * embedded default) or PostgreSQL (a pg Pool shared by replicas). What differs between the two
 * lives in dialect.ts. Writes are transactions that the dialect runs again when a concurrent
 * writer got in the way; work is handed out with row leases (claimDueFeeds, claimPendingDigests).
 */
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import type { Figure } from '../figures/figure.js';
import { scrubSecrets, type Logger } from '../observability/logger.js';
import { saveArticleBatch } from './articleBatch.js';
import { addToCatalog } from './catalogCounts.js';
import { toArticleRow, type ArticleRow } from './articleRow.js';
import { byAttemptOrder, byDueOrder } from './claimOrder.js';
import { postgresDialect, sqliteDialect, type PostgresStoreOptions, type SqliteStoreOptions, type StoreDialect } from './dialect.js';
import { buildFigureQuery } from './figureQuery.js';
import { figureRowsOf, type FigureRow } from './figureRow.js';
import { channelKeyOf, checkAlertInput, checkBaseline, checkChannelInput, checkDigestInput, checkFiringInput, checkFeedInput, checkFeedTopicOrigin, checkFetchUpdate, checkSubscription, requireId, requireLimit, requireNonEmpty } from './inputChecks.js';
import { checkMigrations, MIGRATIONS } from './migrations.js';
import { groupSources, mapAlert, mapAlertFiring, mapArticle, mapSource, mapCatalogEntry, mapChannel, mapDigest, mapFeed, mapFigure, mapSubscription, toIso, toNumber } from './rows.js';
import type { Database } from './schema.js';
import type { AlertBaseline, AlertFiringInput, AlertFiringRecord, AlertInput, AlertRecord, ArticleQuery, ChannelInput, ChannelRecord, DigestInput, DigestRecord, FeedInput, FeedRecord, FeedTopic, FetchStateUpdate } from './store.js';
import type { FigureCatalogEntry, FigureQuery, NewArticle, OutboxKind, Platform, SaveArticlesResult, Store, StoredArticle, StoredFigure, Subscription } from './store.js';
import { addMs, nowIso, STALE_LEASE_MS, toIsoTimestamp } from './timestamps.js';

export type { PostgresStoreOptions, SqliteStoreOptions } from './dialect.js';

type Db = Kysely<Database>;

/** Figure rows per INSERT: 17 parameters each stays far below SQLite's 32,766 and PostgreSQL's 65,535. */
const FIGURES_PER_INSERT = 500;

export class SqlStore implements Store {
  readonly kind: 'sqlite' | 'postgres';
  private readonly q: Db;

  protected constructor(
    protected readonly d: StoreDialect,
    private readonly logger: Logger,
  ) {
    this.kind = d.name;
    this.q = d.db;
  }

  // ------------------------------------------------------------ plumbing

  /** A transaction on one connection: all or nothing, run again by the dialect when a concurrent writer aborts it. */
  private tx<T>(what: string, fn: (q: Db) => Promise<T>, options: { read?: boolean; retryOnUnique?: boolean } = {}): Promise<T> {
    return this.d.retry(
      what,
      () =>
        this.q.connection().execute(async (q) => {
          await this.d.begin(q, options.read === true);
          try {
            const result = await fn(q);
            await sql`COMMIT`.execute(q);
            return result;
          } catch (err) {
            await sql`ROLLBACK`.execute(q).catch(() => undefined);
            throw err;
          }
        }),
      options.retryOnUnique,
    );
  }

  /** One statement on its own (autocommit). */
  private run<T>(what: string, fn: (q: Db) => Promise<T>): Promise<T> {
    return this.d.retry(what, () => fn(this.q));
  }

  /** A write: one statement on its own, or a transaction where the dialect must take the write lock asynchronously (SQLite). */
  private write<T>(what: string, fn: (q: Db) => Promise<T>): Promise<T> {
    return this.d.lockWritesUpFront ? this.tx(what, fn) : this.run(what, fn);
  }

  // ------------------------------------------------------------ lifecycle

  async migrate(): Promise<void> {
    checkMigrations(MIGRATIONS);
    await this.tx('migrate', async (q) => {
      // The lock before schema_migrations is even created (CREATE TABLE IF NOT EXISTS races otherwise).
      await this.d.lockMigrations(q);
      await q.schema.createTable('schema_migrations').ifNotExists().addColumn('version', 'integer', (c) => c.primaryKey()).addColumn('name', 'text', (c) => c.notNull())
        .addColumn('applied_at', this.d.name === 'sqlite' ? 'text' : 'timestamptz', (c) => c.notNull()).execute();
      const applied = new Set((await q.selectFrom('schema_migrations').select('version').execute()).map((r) => Number(r.version)));
      const newest = Math.max(0, ...applied);
      const known = MIGRATIONS.at(-1)?.version ?? 0;
      if (newest > known) this.logger.warn({ databaseVersion: newest, codeVersion: known }, 'the database schema is newer than this program knows; running anyway');
      for (const m of MIGRATIONS) {
        if (applied.has(m.version)) continue;
        await this.d.exec(q, m.sql(this.d.name));
        await q.insertInto('schema_migrations').values({ version: m.version, name: m.name, applied_at: nowIso() }).execute();
        this.logger.info({ version: m.version, name: m.name }, 'applied schema migration');
      }
    });
  }

  async ping(): Promise<void> {
    await this.run('ping', (q) => q.executeQuery(CompiledQuery.raw('SELECT 1')));
  }

  async close(): Promise<void> {
    await this.d.close();
  }

  // ------------------------------------------------------------ feeds

  async upsertFeed(input: FeedInput): Promise<FeedRecord> {
    const feed = checkFeedInput(input);
    const row = await this.write('upsertFeed', (q) => q.insertInto('feeds')
        .values({ url: feed.url, title: feed.title ?? null, full_text: this.d.bool(feed.fullText ?? false), trusted: this.d.bool(feed.trusted), created_at: nowIso() })
        .onConflict((oc) =>
          oc.column('url').doUpdateSet((eb) => ({
            title: eb.fn.coalesce('excluded.title', 'feeds.title'),
            ...(feed.fullText === undefined ? {} : { full_text: this.d.bool(feed.fullText) }),
            // A feed once trusted (declared in config or on the command line) stays trusted when chat adds it again.
            trusted: sql<boolean>`feeds.trusted OR excluded.trusted`,
          })),
        ).returningAll().executeTakeFirstOrThrow(),
    );
    return mapFeed(row);
  }

  async getFeed(url: string): Promise<FeedRecord | null> {
    const row = await this.run('getFeed', (q) => q.selectFrom('feeds').selectAll().where('url', '=', url.trim()).executeTakeFirst());
    return row ? mapFeed(row) : null;
  }

  async getFeedById(id: number): Promise<FeedRecord | null> {
    requireId(id, 'getFeedById: id');
    const row = await this.run('getFeedById', (q) => q.selectFrom('feeds').selectAll().where('id', '=', id).executeTakeFirst());
    return row ? mapFeed(row) : null;
  }

  async listFeeds(): Promise<FeedRecord[]> {
    return (await this.run('listFeeds', (q) => q.selectFrom('feeds').selectAll().orderBy('id').execute())).map(mapFeed);
  }

  async recordFetch(feedId: number, input: FetchStateUpdate): Promise<void> {
    requireId(feedId, 'recordFetch: feedId');
    const update = checkFetchUpdate(input);
    const result = await this.write('recordFetch', (q) => q.updateTable('feeds').set({
          last_status: update.lastStatus,
          last_error: update.lastError == null ? null : scrubSecrets(update.lastError),
          last_fetched_at: update.lastFetchedAt,
          consecutive_failures: update.consecutiveFailures,
          next_poll_at: update.nextPollAtIso,
          lease_owner: null,
          lease_until: null,
          // undefined keeps the stored validator/title; null clears a validator.
          ...(update.etag !== undefined ? { etag: update.etag } : {}),
          ...(update.lastModified !== undefined ? { last_modified: update.lastModified } : {}),
          ...(update.title != null && update.title.trim() !== '' ? { title: update.title.trim() } : {}),
        }).where('id', '=', feedId).executeTakeFirst(),
    );
    if (Number(result.numUpdatedRows) === 0) throw new Error(`recordFetch: no feed with id ${feedId}`);
  }

  async claimDueFeeds(now: string, owner: string, leaseMs: number, limit: number): Promise<FeedRecord[]> {
    const at = toIsoTimestamp(now, 'claimDueFeeds: now');
    requireNonEmpty(owner, 'claimDueFeeds: owner');
    requireLimit(limit, 'claimDueFeeds: limit');
    const until = addMs(at, leaseMs);
    if (limit === 0) return [];
    // One statement: pick the due rows nobody else is leasing (PostgreSQL: skipping rows another replica has locked), lease them.
    const rows = await this.write('claimDueFeeds', (q) => q.with('due', (w) =>
          w.selectFrom('feeds').select('id')
            .where((eb) => eb.and([eb.or([eb('next_poll_at', 'is', null), eb('next_poll_at', '<=', at)]), eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', at)])]))
            // Followed by some channel: its URL subscribed, or a topic it carries subscribed.
            .where((eb) => eb.exists(eb.selectFrom('subscriptions as s').select(sql.lit(1).as('one')).where((e) => e.or([
              e.and([e('s.kind', '=', 'feed'), e('s.value', '=', e.ref('feeds.url'))]),
              e.and([e('s.kind', '=', 'topic'), e('s.value', 'in', e.selectFrom('feed_topics as t').select('t.topic').whereRef('t.feed_id', '=', 'feeds.id'))]),
            ]))))
            .orderBy(sql`next_poll_at IS NOT NULL`).orderBy('next_poll_at').orderBy('id').limit(limit).$if(this.d.rowLocks, (s) => s.forUpdate().skipLocked()),
        ).updateTable('feeds').from('due').set({ lease_owner: owner, lease_until: until }).whereRef('feeds.id', '=', 'due.id').returningAll().execute(),
    );
    return rows.map(mapFeed).sort(byDueOrder);
  }

  async setFeedTopics(feedId: number, origin: FeedTopic['origin'], topics: readonly string[]): Promise<void> {
    requireId(feedId, 'setFeedTopics: feedId');
    checkFeedTopicOrigin(origin, 'setFeedTopics');
    const wanted = [...new Set(topics.map((t) => requireNonEmpty(t, 'setFeedTopics: topic')))];
    await this.tx('setFeedTopics', async (q) => {
      await q.deleteFrom('feed_topics').where('feed_id', '=', feedId).where('origin', '=', origin).$if(wanted.length > 0, (d) => d.where('topic', 'not in', wanted)).execute();
      for (const topic of wanted) {
        await q.insertInto('feed_topics').values({ feed_id: feedId, topic, origin, created_at: nowIso() }).onConflict((oc) => oc.doNothing()).execute();
      }
    });
  }

  async addFeedTopic(feedId: number, topic: string, origin: FeedTopic['origin']): Promise<boolean> {
    requireId(feedId, 'addFeedTopic: feedId');
    checkFeedTopicOrigin(origin, 'addFeedTopic');
    requireNonEmpty(topic, 'addFeedTopic: topic');
    const rows = await this.write('addFeedTopic', (q) => q.insertInto('feed_topics').values({ feed_id: feedId, topic, origin, created_at: nowIso() }).onConflict((oc) => oc.doNothing()).returning('topic').execute());
    return rows.length === 1;
  }

  async listFeedTopics(): Promise<FeedTopic[]> {
    const rows = await this.run('listFeedTopics', (q) => q.selectFrom('feed_topics as t').innerJoin('feeds as f', 'f.id', 't.feed_id').select(['t.feed_id', 'f.url', 't.topic', 't.origin'])
        .orderBy('t.feed_id').orderBy(this.byBytes('t.topic')).execute(),
    );
    return rows.map((r) => ({ feedId: toNumber(r.feed_id), url: r.url, topic: r.topic, origin: r.origin === 'config' ? 'config' : 'cli' }));
  }

  async countArticlesByFeed(): Promise<Map<number, number>> {
    const rows = await this.run('countArticlesByFeed', (q) => q.selectFrom('article_sources').select(['feed_id', (eb) => eb.fn.countAll().as('n')]).groupBy('feed_id').execute());
    return new Map(rows.map((r) => [toNumber(r.feed_id), toNumber(r.n)]));
  }

  // ------------------------------------------------------------ articles

  async saveArticles(feedId: number, items: NewArticle[], firstSeenAt: string): Promise<SaveArticlesResult> {
    requireId(feedId, 'saveArticles: feedId');
    if (!Array.isArray(items)) throw new Error('saveArticles: items must be an array');
    const seenAt = toIsoTimestamp(firstSeenAt, 'saveArticles: firstSeenAt');
    return this.tx(
      'saveArticles',
      async (q) => {
        const feed = await q.selectFrom('feeds').select(['id', 'url', 'title']).where('id', '=', feedId).executeTakeFirst();
        if (!feed) throw new Error(`saveArticles: no feed with id ${feedId}`);
        const figureRows = items.map((item, index) => figureRowsOf(item.figures ?? [], `item ${index + 1} of feed ${feedId}`));
        // Every catalog group this batch may touch, locked once up front in the global order.
        await this.d.lockCatalogGroups(q, figureRows.flat(), null);
        // Validated inside the transaction on purpose: a bad item anywhere undoes the whole batch.
        const rows = items.map((item, index) => toArticleRow(item, `saveArticles: item ${index + 1} of feed ${feedId}`));
        const { inserted, duplicates } = await saveArticleBatch(q, { feedId, seenAt, rows, figures: figureRows, bool: this.d.bool, greatest: this.d.greatest });
        // The records of what was just written, without reading it back: a new article's one source is this feed.
        const source = mapSource({ feed_id: feedId, feed_url: feed.url, feed_title: feed.title });
        return { inserted: inserted.map(({ id, row }) => mapArticle(storedRow(id, row, seenAt), [source])), duplicates };
      },
      { retryOnUnique: true },
    );
  }

  async feedHasArticles(feedId: number): Promise<boolean> {
    requireId(feedId, 'feedHasArticles: feedId');
    // One index probe; listArticles with a feed filter walks articles in date order looking for one.
    const row = await this.run('feedHasArticles', (q) => q.selectFrom('article_sources').select('id').where('feed_id', '=', feedId).limit(1).executeTakeFirst());
    return row !== undefined;
  }

  async getArticle(id: number): Promise<StoredArticle | null> {
    requireId(id, 'getArticle: id');
    return this.tx('getArticle', async (q) => (await articlesByIds(q, [id]))[0] ?? null, { read: true });
  }

  async listArticles(query: ArticleQuery): Promise<StoredArticle[]> {
    if (query.feedIds !== undefined && query.feedIds.length === 0) return [];
    const since = query.since === undefined ? undefined : toIsoTimestamp(query.since, 'listArticles: since');
    const until = query.until === undefined ? undefined : toIsoTimestamp(query.until, 'listArticles: until');
    const limit = query.limit === undefined ? undefined : requireLimit(query.limit, 'listArticles: limit');
    const feedIds = query.feedIds;
    return this.tx(
      'listArticles',
      async (q) => {
        const rows = await q.selectFrom('articles as a').selectAll('a').$if(feedIds !== undefined, (s) =>
            s.where((eb) => eb.exists(eb.selectFrom('article_sources as s').select(sql.lit(1).as('one')).whereRef('s.article_id', '=', 'a.id').where('s.feed_id', 'in', feedIds!))),
          ).$if(since !== undefined, (s) => s.where('a.first_seen_at', '>', since!)).$if(until !== undefined, (s) => s.where('a.first_seen_at', '<=', until!))
          .$if(!query.includeSeeded, (s) => s.where('a.seeded', '=', this.d.bool(false))).orderBy('a.first_seen_at').orderBy('a.published').orderBy('a.id')
          .$if(limit !== undefined, (s) => s.limit(limit!)).execute();
        const sources = await sourcesOf(q, rows.map((r) => toNumber(r.id)));
        return rows.map((row) => mapArticle(row, sources.get(toNumber(row.id)) ?? []));
      },
      { read: true },
    );
  }

  async countArticles(): Promise<number> {
    const row = await this.run('countArticles', (q) => q.selectFrom('articles').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow());
    return toNumber(row.n);
  }

  // ------------------------------------------------------------ figures

  async replaceFigures(articleId: number, figures: Figure[]): Promise<void> {
    requireId(articleId, 'replaceFigures: articleId');
    const rows = figureRowsOf(figures, articleId);
    await this.tx('replaceFigures', async (q) => {
      // FOR SHARE: the article cannot vanish while its figures are being written.
      const article = await q.selectFrom('articles').select('published').where('id', '=', articleId).$if(this.d.rowLocks, (s) => s.forShare()).executeTakeFirst();
      if (!article) throw new Error(`replaceFigures: no article with id ${articleId}`);
      await this.d.lockCatalogGroups(q, rows, articleId);
      await q.deleteFrom('figures').where('article_id', '=', articleId).execute();
      await this.insertFigures(q, articleId, rows, toIso(article.published));
    });
  }

  /** Inside a write transaction: the article's figures, in order, with its published date denormalized. */
  private async insertFigures(q: Db, articleId: number, rows: readonly FigureRow[], published: string): Promise<void> {
    for (let i = 0; i < rows.length; i += FIGURES_PER_INSERT) {
      const values = rows.slice(i, i + FIGURES_PER_INSERT).map((f) => ({ ...f, article_id: articleId, cumulative: this.d.bool(f.cumulative), published }));
      await q.insertInto('figures').values(values).execute();
    }
    await addToCatalog(q, rows.map((f) => ({ category: f.category, actor: f.actor, published })), this.d.greatest);
  }

  async countFigures(articleIds: readonly number[]): Promise<number> {
    let n = 0;
    for (let i = 0; i < articleIds.length; i += 500) {
      const part = articleIds.slice(i, i + 500);
      const row = await this.run('countFigures', (q) => q.selectFrom('figures').select((eb) => eb.fn.countAll().as('n')).where('article_id', 'in', part).executeTakeFirstOrThrow());
      n += toNumber(row.n);
    }
    return n;
  }

  async findFigures(query: FigureQuery): Promise<StoredFigure[]> {
    const built = buildFigureQuery(query, this.d.name, this.d.figureQueryOptions);
    if (!built) return [];
    const result = await this.run('findFigures', (q) => q.executeQuery<Record<string, unknown>>(CompiledQuery.raw(built.sql, built.params)));
    return result.rows.map(mapFigure);
  }

  async figureCatalog(): Promise<FigureCatalogEntry[]> {
    const rows = await this.run('figureCatalog', (q) => q.selectFrom('figure_catalog').select(['category', 'actor', 'figure_count', 'latest_published']).orderBy(this.byBytes('category')).orderBy(this.byBytes('actor_key'))
        .execute(),
    );
    return rows.map(mapCatalogEntry);
  }

  /** Ordered by bytes in both databases, whatever PostgreSQL's locale. */
  private byBytes(column: string) {
    return sql`${sql.ref(column)} COLLATE ${sql.raw(this.d.byteOrder)}`;
  }

  // ------------------------------------------------------------ channels and subscriptions

  async upsertChannel(input: ChannelInput): Promise<ChannelRecord> {
    const channel = checkChannelInput(input);
    const now = nowIso();
    const settings = {
      workspace_id: channel.workspaceId ?? null, schedule: channel.schedule, timezone: channel.timezone, max_articles: channel.maxArticles,
      post_when_empty: this.d.bool(channel.postWhenEmpty), origin: channel.origin, updated_at: now,
    };
    const row = await this.write('upsertChannel', (q) => q.insertInto('channels')
        .values({ channel_key: channelKeyOf(channel.platform, channel.externalId), platform: channel.platform, external_id: channel.externalId, created_at: now, ...settings })
        .onConflict((oc) => oc.column('channel_key').doUpdateSet(settings)).returningAll().executeTakeFirstOrThrow(),
    );
    return mapChannel(row);
  }

  async getChannel(key: string): Promise<ChannelRecord | null> {
    const row = await this.run('getChannel', (q) => q.selectFrom('channels').selectAll().where('channel_key', '=', key).executeTakeFirst());
    return row ? mapChannel(row) : null;
  }

  async listChannels(): Promise<ChannelRecord[]> {
    return (await this.run('listChannels', (q) => q.selectFrom('channels').selectAll().orderBy(this.byBytes('channel_key')).execute())).map(mapChannel);
  }

  async addSubscription(channelKey: string, kind: Subscription['kind'], value: string): Promise<boolean> {
    checkSubscription(channelKey, kind, value, 'addSubscription');
    return this.tx('addSubscription', async (q) => {
      const channel = await q.selectFrom('channels').select('channel_key').where('channel_key', '=', channelKey).$if(this.d.rowLocks, (s) => s.forShare()).executeTakeFirst();
      if (!channel) throw new Error(`addSubscription: unknown channel "${channelKey}" (store the channel before subscribing it)`);
      const added = await q.insertInto('subscriptions').values({ channel_key: channelKey, kind, value, created_at: nowIso() }).onConflict((oc) => oc.doNothing())
        .returning('kind').execute();
      return added.length === 1;
    });
  }

  async removeSubscription(channelKey: string, kind: Subscription['kind'], value: string): Promise<boolean> {
    checkSubscription(channelKey, kind, value, 'removeSubscription');
    const result = await this.write('removeSubscription', (q) => q.deleteFrom('subscriptions').where('channel_key', '=', channelKey).where('kind', '=', kind).where('value', '=', value).executeTakeFirst(),
    );
    return Number(result.numDeletedRows) === 1;
  }

  async listSubscriptions(channelKey: string): Promise<Subscription[]> {
    const rows = await this.run('listSubscriptions', (q) => q.selectFrom('subscriptions').selectAll().where('channel_key', '=', channelKey).orderBy(this.byBytes('kind')).orderBy(this.byBytes('value')).execute(),
    );
    return rows.map(mapSubscription);
  }

  async listAllSubscriptions(): Promise<Subscription[]> {
    const rows = await this.run('listAllSubscriptions', (q) => q.selectFrom('subscriptions').selectAll().orderBy(this.byBytes('channel_key')).orderBy(this.byBytes('kind')).orderBy(this.byBytes('value')).execute(),
    );
    return rows.map(mapSubscription);
  }

  // ------------------------------------------------------------ digests (outbox)

  async recordDigest(input: DigestInput, now: string): Promise<{ digest: DigestRecord; created: boolean }> {
    const digest = checkDigestInput(input);
    const at = toIsoTimestamp(now, 'recordDigest: now');
    // Two replicas recording the same slot: the second INSERT waits for the first to commit, then
    // does nothing, and the SELECT (a fresh snapshot) returns the first one's record.
    const inserted = await this.write('recordDigest', (q) => q.insertInto('digests').values({
          channel_key: digest.channelKey, slot: digest.slot, payload: digest.payloadJson, article_ids: digest.articleIdsJson,
          period_start: digest.periodStart, period_end: digest.periodEnd, next_attempt_at: at, created_at: at,
        }).onConflict((oc) => oc.columns(['channel_key', 'slot']).where(sql<boolean>`kind = 'digest'`).doNothing()).returningAll().executeTakeFirst(),
    );
    if (inserted) return { digest: mapDigest(inserted), created: true };
    const existing = await this.run('recordDigest', (q) => q.selectFrom('digests').selectAll().where('channel_key', '=', digest.channelKey).where('slot', '=', digest.slot).where('kind', '=', 'digest').executeTakeFirst());
    if (!existing) throw new Error(`recordDigest: the digest for ${digest.channelKey} at ${digest.slot} conflicted but cannot be read`);
    return { digest: mapDigest(existing), created: false };
  }

  async claimPendingDigests(now: string, owner: string, leaseMs: number, limit: number, platforms?: readonly Platform[], kinds?: readonly OutboxKind[]): Promise<DigestRecord[]> {
    const at = toIsoTimestamp(now, 'claimPendingDigests: now');
    requireNonEmpty(owner, 'claimPendingDigests: owner');
    requireLimit(limit, 'claimPendingDigests: limit');
    const until = addMs(at, leaseMs);
    if (limit === 0) return [];
    const rows = await this.write('claimPendingDigests', (q) => q.with('due', (w) =>
          w.selectFrom('digests as d').select('d.id').where('d.status', '=', 'pending').where('d.next_attempt_at', '<=', at)
            .where((eb) => eb.or([eb('d.lease_until', 'is', null), eb('d.lease_until', '<=', at)]))
            // The platform is the channel key's prefix ("discord:123").
            .$if(platforms !== undefined, (s) => s.where((eb) => eb.or(platforms!.map((p) => eb('d.channel_key', 'like', `${p}:%`)))))
            .$if(kinds !== undefined, (s) => s.where('d.kind', 'in', kinds!.length > 0 ? [...kinds!] : ['none']))
            // A channel's digests go out in slot order: a later one waits while an earlier one is pending.
            .where((eb) =>
              eb.not(eb.exists(eb.selectFrom('digests as e').select('e.id').whereRef('e.channel_key', '=', 'd.channel_key').where('e.status', '=', 'pending').whereRef('e.slot', '<', 'd.slot'))),
            ).orderBy('d.next_attempt_at').orderBy('d.id').limit(limit).$if(this.d.rowLocks, (s) => s.forUpdate().skipLocked()),
        ).updateTable('digests').from('due').set({ lease_owner: owner, lease_until: until }).whereRef('digests.id', '=', 'due.id').returningAll().execute(),
    );
    return rows.map(mapDigest).sort(byAttemptOrder);
  }

  async markDigestProgress(id: number, sentParts: number): Promise<void> {
    requireId(id, 'markDigestProgress: id');
    requireLimit(sentParts, 'markDigestProgress: sentParts');
    // Never backwards: a late, stale report must not make a retry re-post a message.
    const result = await this.write('markDigestProgress', (q) => q.updateTable('digests').set((eb) => ({ sent_parts: eb.case().when('sent_parts', '>', sentParts).then(eb.ref('sent_parts')).else(sentParts).end() }))
        .where('id', '=', id).executeTakeFirst(),
    );
    if (Number(result.numUpdatedRows) === 0) throw new Error(`markDigestProgress: no digest with id ${id}`);
  }

  async markDigestSent(id: number, sentAt: string): Promise<void> {
    requireId(id, 'markDigestSent: id');
    const at = toIsoTimestamp(sentAt, 'markDigestSent: sentAt');
    const result = await this.write('markDigestSent', (q) => q.updateTable('digests').set({ status: 'sent', sent_at: at, sent_parts: sql<number>`json_array_length(payload)`, lease_owner: null, lease_until: null })
        .where('id', '=', id).executeTakeFirst(),
    );
    if (Number(result.numUpdatedRows) === 0) throw new Error(`markDigestSent: no digest with id ${id}`);
  }

  async markDigestFailed(id: number, error: string, nextAttemptAt: string, final: boolean): Promise<void> {
    requireId(id, 'markDigestFailed: id');
    const next = toIsoTimestamp(nextAttemptAt, 'markDigestFailed: nextAttemptAt');
    // Only a pending digest can fail: a report arriving after it was sent changes nothing.
    const result = await this.write('markDigestFailed', (q) => q.updateTable('digests').set((eb) => ({
          attempts: eb('attempts', '+', 1),
          last_error: scrubSecrets(String(error)),
          next_attempt_at: next,
          ...(final ? { status: 'failed' } : {}),
          lease_owner: null,
          lease_until: null,
        })).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst(),
    );
    if (Number(result.numUpdatedRows) === 0 && !(await this.getDigest(id))) throw new Error(`markDigestFailed: no digest with id ${id}`);
  }

  async getDigest(id: number): Promise<DigestRecord | null> {
    requireId(id, 'getDigest: id');
    const row = await this.run('getDigest', (q) => q.selectFrom('digests').selectAll().where('id', '=', id).executeTakeFirst());
    return row ? mapDigest(row) : null;
  }

  async lastDigest(channelKey: string): Promise<DigestRecord | null> {
    return (await this.listDigests(channelKey, 1))[0] ?? null;
  }

  async listDigests(channelKey: string, limit: number): Promise<DigestRecord[]> {
    requireLimit(limit, 'listDigests: limit');
    const rows = await this.run('listDigests', (q) => q.selectFrom('digests').selectAll().where('channel_key', '=', channelKey).where('kind', '=', 'digest').orderBy('slot', 'desc').orderBy('id', 'desc').limit(limit).execute(),
    );
    return rows.map(mapDigest);
  }

  // ------------------------------------------------------------ alerts

  async addAlert(input: AlertInput, now: string): Promise<{ alert: AlertRecord; created: boolean }> {
    const alert = checkAlertInput(input);
    const at = toIsoTimestamp(now, 'addAlert: now');
    return this.tx('addAlert', async (q) => {
      const channel = await q.selectFrom('channels').select('channel_key').where('channel_key', '=', alert.channelKey).$if(this.d.rowLocks, (s) => s.forShare()).executeTakeFirst();
      if (!channel) throw new Error(`addAlert: unknown channel "${alert.channelKey}" (store the channel before adding an alert to it)`);
      const inserted = await q.insertInto('alerts').values({
          channel_key: alert.channelKey, measure: alert.measure, condition: alert.condition, threshold: alert.threshold, unit: alert.unit, rule_key: alert.ruleKey,
          origin: alert.origin, ...alert.baseline, created_at: at, updated_at: at,
        }).onConflict((oc) => oc.columns(['channel_key', 'rule_key']).doNothing()).returningAll().executeTakeFirst();
      if (inserted) return { alert: mapAlert(inserted), created: true };
      const existing = await q.selectFrom('alerts').selectAll().where('channel_key', '=', alert.channelKey).where('rule_key', '=', alert.ruleKey).executeTakeFirstOrThrow();
      return { alert: mapAlert(existing), created: false };
    }, { retryOnUnique: true });
  }

  async getAlert(id: number): Promise<AlertRecord | null> {
    requireId(id, 'getAlert: id');
    const row = await this.run('getAlert', (q) => q.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst());
    return row ? mapAlert(row) : null;
  }

  async listAlerts(channelKey?: string): Promise<AlertRecord[]> {
    const rows = await this.run('listAlerts', (q) => q.selectFrom('alerts').selectAll().$if(channelKey !== undefined, (s) => s.where('channel_key', '=', channelKey!)).orderBy('id').execute());
    return rows.map(mapAlert);
  }

  async removeAlert(id: number): Promise<boolean> {
    requireId(id, 'removeAlert: id');
    const result = await this.write('removeAlert', (q) => q.deleteFrom('alerts').where('id', '=', id).executeTakeFirst());
    return Number(result.numDeletedRows) === 1;
  }

  async updateAlertBaseline(id: number, expectedVersion: number, input: AlertBaseline, now: string): Promise<boolean> {
    requireId(id, 'updateAlertBaseline: id');
    const baseline = checkBaseline(input, 'updateAlertBaseline');
    const at = toIsoTimestamp(now, 'updateAlertBaseline: now');
    const result = await this.write('updateAlertBaseline', (q) => q.updateTable('alerts').set((eb) => ({ ...baseline, version: eb('version', '+', 1), updated_at: at }))
        .where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst(),
    );
    return Number(result.numUpdatedRows) === 1;
  }

  async recordAlertFiring(input: AlertFiringInput, now: string): Promise<AlertFiringRecord | null> {
    const checked = checkFiringInput(input);
    const at = toIsoTimestamp(now, 'recordAlertFiring: now');
    return this.tx('recordAlertFiring', async (q) => {
      // The compare-and-set that makes a crossing fire once: of two replicas deciding on the same
      // version, one updates the row; the other finds it changed (PostgreSQL: after waiting for the
      // first to commit) and records nothing.
      const moved = await q.updateTable('alerts').set((eb) => ({ ...checked.baseline, version: eb('version', '+', 1), updated_at: at }))
        .where('id', '=', input.alertId).where('version', '=', input.expectedVersion).returning('channel_key').executeTakeFirst();
      if (!moved) return null;
      const channelKey = moved.channel_key;
      const outbox = await q.insertInto('digests').values({
          kind: 'alert', channel_key: channelKey, slot: at, payload: checked.payloadJson, article_ids: JSON.stringify([input.figure.article.id]),
          period_start: at, period_end: at, next_attempt_at: at, created_at: at,
        }).returning(['id', 'status', 'sent_at']).executeTakeFirstOrThrow();
      const firing = await q.insertInto('alert_firings').values({
          alert_id: input.alertId, channel_key: channelKey, fired_at: at, figure: checked.figureJson, previous: checked.previousJson, outbox_id: toNumber(outbox.id),
        }).returningAll().executeTakeFirstOrThrow();
      return mapAlertFiring({ ...firing, status: outbox.status, sent_at: outbox.sent_at });
    });
  }

  async listAlertFirings(alertId: number, limit: number): Promise<AlertFiringRecord[]> {
    requireId(alertId, 'listAlertFirings: alertId');
    requireLimit(limit, 'listAlertFirings: limit');
    const rows = await this.run('listAlertFirings', (q) => q.selectFrom('alert_firings as f').innerJoin('digests as d', 'd.id', 'f.outbox_id').selectAll('f').select(['d.status', 'd.sent_at'])
        .where('f.alert_id', '=', alertId).orderBy('f.fired_at', 'desc').orderBy('f.id', 'desc').limit(limit).execute(),
    );
    return rows.map(mapAlertFiring);
  }

  // ------------------------------------------------------------ coordination

  async tryAcquireLease(name: string, owner: string, ttlMs: number, now: string): Promise<boolean> {
    requireNonEmpty(name, 'tryAcquireLease: name');
    requireNonEmpty(owner, 'tryAcquireLease: owner');
    const at = toIsoTimestamp(now, 'tryAcquireLease: now');
    const until = addMs(at, ttlMs);
    // Leases whose holder died without releasing them would pile up (one per schedule slot).
    await this.write('tryAcquireLease', (q) => q.deleteFrom('leases').where('until', '<', addMs(at, 0, -STALE_LEASE_MS)).execute());
    // INSERT ... ON CONFLICT DO UPDATE is atomic: of two replicas racing for a free name, one wins.
    const rows = await this.write('tryAcquireLease', (q) => q.insertInto('leases').values({ name, owner, until }).onConflict((oc) =>
          oc.column('name').doUpdateSet({ owner: (eb) => eb.ref('excluded.owner'), until: (eb) => eb.ref('excluded.until') })
            .where((eb) => eb.or([eb('leases.owner', '=', eb.ref('excluded.owner')), eb('leases.until', '<=', at)])),
        ).returning('owner').execute(),
    );
    return rows.length === 1;
  }

  async releaseLease(name: string, owner: string): Promise<void> {
    await this.write('releaseLease', (q) => q.deleteFrom('leases').where('name', '=', name).where('owner', '=', owner).execute());
  }

  async rememberRequest(key: string, expiresAt: string, now: string): Promise<boolean> {
    requireNonEmpty(key, 'rememberRequest: key');
    const until = toIsoTimestamp(expiresAt, 'rememberRequest: expiresAt');
    const at = toIsoTimestamp(now, 'rememberRequest: now');
    await this.write('rememberRequest', (q) => q.deleteFrom('seen_requests').where('expires_at', '<=', at).execute());
    // Of two replicas racing with one captured request, exactly one inserts it.
    const rows = await this.write('rememberRequest', (q) => q.insertInto('seen_requests').values({ key, expires_at: until }).onConflict((oc) => oc.column('key').doNothing()).returning('key').execute());
    return rows.length === 1;
  }
}

/** An articles row as the database holds it after saveArticles wrote `row` (mapArticle reads it). */
function storedRow(id: number, row: ArticleRow, firstSeenAt: string): Record<string, unknown> {
  return {
    id, guid: row.guid, link: row.link, title: row.title, published: row.published, published_is_fetch_time: row.publishedIsFetchTime,
    author: row.author, summary: row.summary, text: row.text, first_seen_at: firstSeenAt, seeded: row.seeded,
  };
}

async function sourcesOf(q: Db, ids: number[]): Promise<ReturnType<typeof groupSources>> {
  if (ids.length === 0) return new Map();
  const rows = await q.selectFrom('article_sources as s').innerJoin('feeds as f', 'f.id', 's.feed_id')
    .select(['s.article_id', 's.feed_id', 'f.url as feed_url', 'f.title as feed_title']).where('s.article_id', 'in', ids).orderBy('s.article_id').orderBy('s.id').execute();
  return groupSources(rows);
}

async function articlesByIds(q: Db, ids: number[]): Promise<StoredArticle[]> {
  if (ids.length === 0) return [];
  const rows = await q.selectFrom('articles').selectAll().where('id', 'in', ids).orderBy('id').execute();
  const sources = await sourcesOf(q, ids);
  return rows.map((row) => mapArticle(row, sources.get(toNumber(row.id)) ?? []));
}

/** Where a SQLite store's file is, so that another thread can open its own connection to it. */
export interface SqliteLocation {
  file: string;
  options: SqliteStoreOptions;
  /** Shared with the threads writing the file, so that they take turns (writeTurn.ts). */
  writeTurn: SharedArrayBuffer;
}

/** The embedded store: one SQLite file (or ':memory:'). */
export class SqliteStore extends SqlStore {
  private constructor(
    d: StoreDialect,
    logger: Logger,
    /** The connection itself: for bench support (bulkInsertFigures) and diagnostics only, not part of Store. */
    readonly db: BetterSqlite3.Database,
    /** The file, for a worker thread's own connection (src/workers); null for an in-memory database, which no other connection can see. */
    readonly location: SqliteLocation | null,
  ) {
    super(d, logger);
  }

  static async open(file: string, logger: Logger, options: SqliteStoreOptions = {}): Promise<SqliteStore> {
    const d = await sqliteDialect(file, logger, options);
    const inMemory = file === ':memory:' || file === '';
    return new SqliteStore(d, logger, d.raw, inMemory ? null : { file: path.resolve(file), options: { ...options }, writeTurn: d.writeTurn });
  }
}

/** The scale-out store: PostgreSQL shared by replicas. */
export class PostgresStore extends SqlStore {
  /** Opens a pool on `url` and checks that the database answers; throws StoreUnavailableError otherwise. */
  static async connect(url: string, logger: Logger, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const store = new PostgresStore(postgresDialect(url, logger, options), logger);
    try {
      await store.ping();
    } catch (err) {
      await store.close().catch(() => undefined);
      throw err;
    }
    return store;
  }
}
