/**
 * One feed's batch of articles, written with a handful of statements instead of four or five per
 * item: the dedupe keys the batch may hit are read with a few IN queries up front, the items are
 * then matched in order against those and against the items of the batch stored before them (so
 * the outcome is the one an item-by-item walk would have), and sources and figures go in as
 * multi-row INSERTs, then the batch's figure groups go into the catalog in one upsert. Statements are compiled by Kysely once per shape and reused, since compiling
 * a 500-row INSERT costs more than running it. Runs inside the caller's transaction.
 */
import { CompiledQuery, type Kysely } from 'kysely';
import type { ArticleRow } from './articleRow.js';
import { addToCatalog, type CatalogFigure } from './catalogCounts.js';
import type { FigureRow } from './figureRow.js';
import { toNumber } from './rows.js';
import type { Database } from './schema.js';

type Db = Kysely<Database>;
type Value = string | number | boolean | null;

/**
 * Rows per multi-row INSERT. Every row count is its own prepared statement, and a statement's
 * program grows with its rows (a 500-row figure INSERT holds about a megabyte), so batches go in
 * fixed-size chunks plus one remainder: few shapes, small programs, and still one statement per
 * 50 rows. Far below SQLite's 32,766 and PostgreSQL's 65,535 parameters.
 */
const ROWS_PER_INSERT = 50;

const SOURCE_COLUMNS = ['article_id', 'feed_id', 'guid', 'title_hash', 'added_at'] as const;
const ARTICLE_COLUMNS = ['guid', 'link', 'title', 'published', 'published_is_fetch_time', 'author', 'summary', 'text', 'first_seen_at', 'seeded', 'title_hash'] as const;
const FIGURE_COLUMNS = [
  'article_id', 'value', 'value_max', 'unit', 'qualifier', 'category', 'actor', 'cumulative', 'status', 'since', 'event', 'quote', 'start_offset', 'end_offset', 'sentence', 'published',
] as const;

/** SQL text per (dialect connection, statement shape): a few dozen shapes in all. */
const shapes = new WeakMap<object, Map<string, string>>();

/** The SQL Kysely compiles for an INSERT of `rows` rows of `columns` (all parameters), cached. */
function insertSql(q: Db, table: 'articles' | 'article_sources' | 'figures', columns: readonly string[], rows: number, returningId: boolean): string {
  const key = `${table}|${rows}|${returningId}`;
  const owner = q.getExecutor().adapter;
  let cache = shapes.get(owner);
  if (!cache) shapes.set(owner, (cache = new Map()));
  let text = cache.get(key);
  if (text === undefined) {
    const placeholder = Object.fromEntries(columns.map((c) => [c, null]));
    const insert = q.insertInto(table).values(Array.from({ length: rows }, () => ({ ...placeholder })) as never);
    const compiled = (returningId ? insert.returning('id' as never) : insert).compile();
    if (compiled.parameters.length !== rows * columns.length) throw new Error(`insertSql: ${table} compiled with ${compiled.parameters.length} parameters, expected ${rows * columns.length}`);
    text = compiled.sql;
    if (cache.size > 200) cache.clear();
    cache.set(key, text);
  }
  return text;
}

/** Inserts rows (each an array in `columns` order) in as few statements as the parameter limit allows. */
async function insertRows(q: Db, table: 'article_sources' | 'figures', columns: readonly string[], rows: Value[][]): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const chunk = rows.slice(i, i + ROWS_PER_INSERT);
    await q.executeQuery(CompiledQuery.raw(insertSql(q, table, columns, chunk.length, false), chunk.flat()));
  }
}

/** Values of `keys` in chunks small enough for one IN list each. */
function chunks<T>(keys: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < keys.length; i += size) out.push(keys.slice(i, i + size));
  return out;
}

/** The stored articles an item of this feed can match: this feed's guids and title hashes, any feed's links. */
interface KnownKeys {
  guids: Map<string, number>;
  links: Map<string, number>;
  /** The first source row (by id) of this feed with that hash. */
  hashes: Map<string, number>;
}

async function knownKeys(q: Db, feedId: number, rows: readonly ArticleRow[]): Promise<KnownKeys> {
  const guids = [...new Set(rows.flatMap((r) => (r.guid === null ? [] : [r.guid])))];
  const links = [...new Set(rows.flatMap((r) => (r.link === null ? [] : [r.link])))];
  const hashes = [...new Set(rows.flatMap((r) => (r.guid === null ? [r.titleHash] : [])))];
  const known: KnownKeys = { guids: new Map(), links: new Map(), hashes: new Map() };
  for (const part of chunks(guids)) {
    const found = await q.selectFrom('article_sources').select(['guid', 'article_id']).where('feed_id', '=', feedId).where('guid', 'in', part).execute();
    for (const r of found) known.guids.set(r.guid!, toNumber(r.article_id));
  }
  for (const part of chunks(links)) {
    const found = await q.selectFrom('articles').select(['link', 'id']).where('link', 'in', part).execute();
    for (const r of found) known.links.set(r.link!, toNumber(r.id));
  }
  for (const part of chunks(hashes)) {
    const found = await q.selectFrom('article_sources').select(['title_hash', 'article_id']).where('feed_id', '=', feedId).where('title_hash', 'in', part).orderBy('id').execute();
    for (const r of found) if (!known.hashes.has(r.title_hash)) known.hashes.set(r.title_hash, toNumber(r.article_id));
  }
  return known;
}

/** The dedupe rules, in order: guid in this feed; canonical link in any feed; title+day hash in this feed (items without a guid). */
function match(known: KnownKeys, row: ArticleRow): { id: number; byLink: boolean } | null {
  if (row.guid !== null) {
    const id = known.guids.get(row.guid);
    if (id !== undefined) return { id, byLink: false };
  }
  if (row.link !== null) {
    const id = known.links.get(row.link);
    if (id !== undefined) return { id, byLink: true };
  }
  if (row.guid === null) {
    const id = known.hashes.get(row.titleHash);
    if (id !== undefined) return { id, byLink: false };
  }
  return null;
}

/** A source row of this feed now exists for `articleId`: later items of the batch can match it. */
function remember(known: KnownKeys, row: ArticleRow, articleId: number, isNewArticle: boolean): void {
  if (row.guid !== null && !known.guids.has(row.guid)) known.guids.set(row.guid, articleId);
  if (!known.hashes.has(row.titleHash)) known.hashes.set(row.titleHash, articleId);
  if (isNewArticle && row.link !== null) known.links.set(row.link, articleId);
}

export interface BatchInput {
  feedId: number;
  seenAt: string;
  rows: readonly ArticleRow[];
  figures: ReadonlyArray<readonly FigureRow[]>;
  bool: (value: boolean) => boolean | number;
  greatest: 'max' | 'greatest';
}

/** Stores the new articles of one feed's batch with their sources and figures; returns them with their ids (in item order) and the duplicate count. */
export async function saveArticleBatch(q: Db, input: BatchInput): Promise<{ inserted: Array<{ id: number; row: ArticleRow }>; duplicates: number }> {
  const { feedId, seenAt, rows, bool } = input;
  const known = await knownKeys(q, feedId, rows);
  const inserted: Array<{ id: number; row: ArticleRow }> = [];
  const sources: Value[][] = [];
  const figures: Value[][] = [];
  const counted: CatalogFigure[] = [];
  // Articles stored by this batch: their source rows for this feed are written at the end.
  const stored = new Set<number>();
  let duplicates = 0;
  for (const [index, row] of rows.entries()) {
    const existing = match(known, row);
    if (existing !== null) {
      duplicates++;
      // Matched in another feed by link: this feed becomes a second source of the same story.
      // (A guid or hash match is a source row of this feed already, so there is nothing to add.)
      if (existing.byLink && !stored.has(existing.id)) {
        const added = await q.insertInto('article_sources').values({ article_id: existing.id, feed_id: feedId, guid: row.guid, title_hash: row.titleHash, added_at: seenAt })
          .onConflict((oc) => oc.doNothing()).returning('id').execute();
        if (added.length > 0) remember(known, row, existing.id, false);
      }
      continue;
    }
    const values: Value[] = [
      row.guid, row.link, row.title, row.published, bool(row.publishedIsFetchTime), row.author, row.summary, row.text, seenAt, bool(row.seeded), row.titleHash,
    ];
    const result = await q.executeQuery<{ id: number | string }>(CompiledQuery.raw(insertSql(q, 'articles', ARTICLE_COLUMNS, 1, true), values));
    const articleId = toNumber(result.rows[0]!.id);
    remember(known, row, articleId, true);
    inserted.push({ id: articleId, row });
    stored.add(articleId);
    sources.push([articleId, feedId, row.guid, row.titleHash, seenAt]);
    for (const f of input.figures[index]!) {
      figures.push([
        articleId, f.value, f.value_max ?? null, f.unit, f.qualifier, f.category, f.actor, bool(f.cumulative), f.status ?? null, f.since ?? null, f.event ?? null,
        f.quote, f.start_offset, f.end_offset, f.sentence, row.published,
      ]);
      counted.push({ category: f.category, actor: f.actor, published: row.published });
    }
  }
  await insertRows(q, 'article_sources', SOURCE_COLUMNS, sources);
  await insertRows(q, 'figures', FIGURE_COLUMNS, figures);
  await addToCatalog(q, counted, input.greatest);
  return { inserted, duplicates };
}
