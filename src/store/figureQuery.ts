/**
 * The SQL behind Store#findFigures, for both databases. Answers look up "the newest figure of this
 * category and actor as of a date" over a million rows, so every shape must walk an index in
 * (published DESC, id DESC) order and stop at the limit: several categories become one
 * index walk each (UNION ALL of limited branches), never one big sort. Keyset bounds (olderThan,
 * notOlderThan) bound that walk on both sides; text filters are tested in the walk, so figures
 * that cannot hold the words asked for are never read out.
 */
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, sql, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, type RawBuilder, type SqlBool } from 'kysely';
import type { Database } from './schema.js';
import type { FigurePosition, FigureQuery, FigureTextFilter } from './store.js';
import { endOfBound, toIsoTimestamp } from './timestamps.js';

export type Dialect = 'sqlite' | 'postgres';

export interface BuiltQuery {
  sql: string;
  params: unknown[];
}

/** How much of an article's text is its opening (StoredFigure.articleLede): the dateline and first lines. */
export const LEDE_CHARS = 600;

/** Columns of StoredFigure rows as both stores read them. */
export const FIGURE_COLUMNS =
  'f.id, f.article_id, f.value, f.value_max, f.unit, f.qualifier, f.category, f.actor, f.cumulative, f.status, f.since, f.event, f.quote, f.start_offset, f.end_offset, f.sentence, f.published';

function checkCount(value: number | undefined, what: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 0) throw new Error(`findFigures: ${what} must be a non-negative integer (got ${value})`);
  return value;
}

function checkPosition(position: FigurePosition | undefined, what: string): FigurePosition | undefined {
  if (position === undefined) return undefined;
  if (position === null || typeof position !== 'object') throw new Error(`findFigures: ${what} must be a figure's { published, id }`);
  if (!Number.isSafeInteger(position.id)) throw new Error(`findFigures: ${what}.id must be an integer (got ${String(position.id)})`);
  return { published: toIsoTimestamp(position.published, `findFigures: ${what}.published`), id: position.id };
}

function checkTextFilters(filters: FigureTextFilter[] | undefined): FigureTextFilter[] {
  if (filters === undefined) return [];
  if (!Array.isArray(filters)) throw new Error('findFigures: text must be a list of text filters');
  return filters.map((filter, i) => {
    const what = `findFigures: text[${i}]`;
    if (filter?.within !== 'sentence' && filter?.within !== 'report') throw new Error(`${what}.within must be "sentence" or "report" (got ${JSON.stringify(filter?.within)})`);
    if (!Array.isArray(filter.anyOf) || filter.anyOf.length === 0) throw new Error(`${what}.anyOf must hold at least one group of strings`);
    const anyOf = filter.anyOf.map((group, g) => {
      if (!Array.isArray(group) || group.length === 0) throw new Error(`${what}.anyOf[${g}] must hold at least one string`);
      return group.map((s) => {
        if (typeof s !== 'string' || s === '') throw new Error(`${what}.anyOf[${g}] must hold non-empty strings (got ${JSON.stringify(s)})`);
        return s.toLowerCase();
      });
    });
    return { within: filter.within, anyOf };
  });
}

/**
 * SQLite's planner, without statistics, can take the (category, actor) index for a question about
 * one unit and walk every figure of the actor; the index that fits each shape is named instead.
 * PostgreSQL chooses well from its own statistics.
 */
function sqliteIndexFor(query: FigureQuery, hasCategory: boolean, bounded: boolean): string | null {
  if (query.articleIds !== undefined) return null;
  if (!hasCategory) return bounded && query.actor === undefined ? 'figures_published' : null;
  if (query.actor === undefined) return 'figures_category';
  if (query.unit !== undefined) return 'figures_category_actor_unit';
  if (query.cumulative !== undefined) return 'figures_category_actor_cumulative';
  return 'figures_category_actor';
}

export interface BuildOptions {
  /**
   * Runs a query on the feeds table right away and returns the ids (SQLite, in process): the feeds
   * a report filter may match are then listed in the figure query, or left out when there are none,
   * instead of being looked for by every figure query.
   */
  feedIds?: (query: BuiltQuery) => number[];
}

/** SQL for the text filters: substring tests on ASCII-lowercased text, with the always-pass rule. */
function textConditions(filters: FigureTextFilter[], dialect: Dialect, param: (value: unknown) => string, options: BuildOptions): string[] {
  const sqlite = dialect === 'sqlite';
  // SQLite's LIKE ignores the case of ASCII letters without building a lower-cased copy of each text.
  const contains = (text: string, needle: string, bind = param): string =>
    sqlite ? `${text} LIKE ${bind(`%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)} ESCAPE '\\'` : `strpos(lower(${text}), ${bind(needle)}) > 0`;
  // Text an exact word match may read differently than these bytes: any non-ASCII character (NFKC,
  // Unicode case), or "U.S." (read as "US"). LIKE first: it is cheap and rarely true.
  const unusual = (text: string): string =>
    sqlite
      ? `(length(${text}) <> length(CAST(${text} AS BLOB)) OR (${text} LIKE '%_._.%' AND ${text} GLOB '*[A-Za-z].[A-Za-z].*'))`
      : `(octet_length(${text}) <> char_length(${text}) OR ${text} ~ '[A-Za-z]\\.[A-Za-z]\\.')`;
  const orEmpty = (text: string): string => (sqlite ? `ifnull(${text}, '')` : `coalesce(${text}, '')`);
  const whitespace = sqlite ? 'char(32, 9, 10, 11, 12, 13)' : 'chr(32) || chr(9) || chr(10) || chr(11) || chr(12) || chr(13)';

  return filters.map((filter) => {
    const texts = filter.within === 'sentence' ? ['figures.sentence'] : ['figures.sentence', 'ta.title', orEmpty('ta.author')];
    // The article's opening counts for a report, by its bytes only (see FigureTextFilter).
    const searched = filter.within === 'sentence' ? texts : [...texts, sqlite ? `substr(${orEmpty('ta.text')}, 1, ${LEDE_CHARS})` : 'ta.lede'];
    const matches = filter.anyOf.map((group) => `(${group.map((s) => `(${searched.map((t) => contains(t, s)).join(' OR ')})`).join(' AND ')})`);
    const alternatives = [...matches, ...texts.map(unusual)];
    if (filter.within === 'report') {
      // The feed part: feeds are few, so the feeds that could matter are found once per query
      // (any needle in title or address, unusual text, or no title), and a figure's first feed is
      // looked up only when there are any. A superset per needle, hence sound for every group.
      const feedTexts = [orEmpty('fe.title'), 'fe.url'];
      const needles = [...new Set(filter.anyOf.flat())];
      const feedMatters = (bind: (value: unknown) => string) =>
        [...needles.flatMap((s) => feedTexts.map((t) => contains(t, s, bind))), ...feedTexts.map(unusual), `${sqlite ? 'trim' : 'btrim'}(${orEmpty('fe.title')}, ${whitespace}) = ''`].join(' OR ');
      const firstFeed = '(SELECT s.feed_id FROM article_sources s WHERE s.article_id = figures.article_id ORDER BY s.id LIMIT 1)';
      if (options.feedIds) {
        const feedParams: unknown[] = [];
        const ids = options.feedIds({ sql: `SELECT fe.id FROM feeds fe WHERE ${feedMatters((value) => (feedParams.push(value), dialect === 'postgres' ? `$${feedParams.length}` : '?'))}`, params: feedParams });
        if (ids.length > 0) alternatives.push(`${firstFeed} IN (SELECT value FROM json_each(${param(JSON.stringify(ids))}))`);
      } else {
        alternatives.push(`(EXISTS (SELECT 1 FROM feeds fe WHERE ${feedMatters(param)}) AND ${firstFeed} IN (SELECT fe.id FROM feeds fe WHERE ${feedMatters(param)}))`);
      }
    }
    return `(${alternatives.join(' OR ')})`;
  });
}

/** Returns null when the query cannot match anything (an empty list of categories or articles, limit 0). */
export function buildFigureQuery(query: FigureQuery, dialect: Dialect, options: BuildOptions = {}): BuiltQuery | null {
  if (query.actors !== undefined) return buildLatestPerActorQuery(query, dialect, options);
  const limit = checkCount(query.limit, 'limit');
  const offset = checkCount(query.offset, 'offset') ?? 0;
  if (limit === 0) return null;
  const categories = query.category === undefined ? undefined : Array.isArray(query.category) ? [...new Set(query.category)] : [query.category];
  if (categories && categories.length === 0) return null;
  if (query.articleIds && query.articleIds.length === 0) return null;
  let olderThan = checkPosition(query.olderThan, 'olderThan');
  let notOlderThan = checkPosition(query.notOlderThan, 'notOlderThan');
  let onOrBefore = query.publishedOnOrBefore === undefined ? undefined : endOfBound(query.publishedOnOrBefore, 'findFigures: publishedOnOrBefore');
  let after = query.publishedAfter === undefined ? undefined : endOfBound(query.publishedAfter, 'findFigures: publishedAfter');
  // Of two bounds on the same side, one implies the other: only the tighter one is kept, so the
  // database bounds its index walk by it (SQLite takes one bound per side, not necessarily the tighter).
  if (olderThan && onOrBefore !== undefined) {
    if (olderThan.published <= onOrBefore) onOrBefore = undefined;
    else olderThan = undefined;
  }
  if (notOlderThan && after !== undefined) {
    if (notOlderThan.published > after) after = undefined;
    else notOlderThan = undefined;
  }
  const text = checkTextFilters(query.text);
  const report = text.some((t) => t.within === 'report');
  const within = checkCount(query.within, 'within');
  if (within !== undefined && (categories?.length ?? 0) > 1) throw new Error('findFigures: within takes one category');
  if (within === 0) return null;
  // The window is the query's newest figures by its own bounds, keyset bounds aside.
  const windowOnOrBefore = query.publishedOnOrBefore === undefined ? undefined : endOfBound(query.publishedOnOrBefore, 'findFigures: publishedOnOrBefore');
  const windowAfter = query.publishedAfter === undefined ? undefined : endOfBound(query.publishedAfter, 'findFigures: publishedAfter');

  const params: unknown[] = [];
  const param = (value: unknown): string => {
    params.push(value);
    return dialect === 'postgres' ? `$${params.length}` : '?';
  };

  // Conditions other than category, rendered once per branch (placeholders are positional).
  // Columns are qualified: the report filter joins articles, which has an id and a published too.
  const restConditions = (): string[] => {
    const where: string[] = [];
    if (query.actor === null) where.push('figures.actor IS NULL');
    else if (query.actor !== undefined) where.push(`figures.actor = ${param(query.actor)}`);
    if (query.cumulative !== undefined) where.push(`figures.cumulative = ${param(dialect === 'postgres' ? query.cumulative : query.cumulative ? 1 : 0)}`);
    if (query.unit !== undefined) where.push(`figures.unit = ${param(query.unit)}`);
    if (onOrBefore !== undefined) where.push(`figures.published <= ${param(onOrBefore)}`);
    // A bare day in publishedAfter means "after that day": the two bounds split time at the same instant.
    // With a window, the window's bound is the lower end of the index walk: SQLite takes one bound
    // per side, so the other lower bounds are kept from the index (unary +) and only tested.
    const lower = within !== undefined && dialect === 'sqlite' ? '+figures.published' : 'figures.published';
    if (after !== undefined) where.push(`${lower} > ${param(after)}`);
    if (olderThan) where.push(`(figures.published, figures.id) < (${param(olderThan.published)}, ${param(olderThan.id)})`);
    if (notOlderThan) where.push(`(${lower}, figures.id) >= (${param(notOlderThan.published)}, ${param(notOlderThan.id)})`);
    if (query.articleIds !== undefined) {
      for (const id of query.articleIds) if (!Number.isSafeInteger(id)) throw new Error(`findFigures: articleIds must be integers (got ${id})`);
      where.push(
        dialect === 'postgres' ? `figures.article_id = ANY(${param(query.articleIds)}::bigint[])` : `figures.article_id IN (SELECT value FROM json_each(${param(JSON.stringify(query.articleIds))}))`,
      );
    }
    if (within !== undefined) where.push(windowCondition(within));
    where.push(...textConditions(text, dialect, param, options));
    return where;
  };
  /**
   * Only the newest `within` figures of the query, text aside: published on or after that many rows
   * down, found by walking the index without reading a row (uncorrelated, so computed once). Rows
   * sharing the bound's instant below it pass too. Fewer figures than that: no bound.
   */
  const windowCondition = (rows: number): string => {
    const w: string[] = [];
    if (categories) w.push(`w.category = ${param(categories[0])}`);
    if (query.actor === null) w.push('w.actor IS NULL');
    else if (query.actor !== undefined) w.push(`w.actor = ${param(query.actor)}`);
    if (query.cumulative !== undefined) w.push(`w.cumulative = ${param(dialect === 'postgres' ? query.cumulative : query.cumulative ? 1 : 0)}`);
    if (query.unit !== undefined) w.push(`w.unit = ${param(query.unit)}`);
    if (windowOnOrBefore !== undefined) w.push(`w.published <= ${param(windowOnOrBefore)}`);
    if (windowAfter !== undefined) w.push(`w.published > ${param(windowAfter)}`);
    const windowIndex = dialect === 'sqlite' ? sqliteIndexFor({ ...query, text: [] }, categories !== undefined, true) : null;
    const bound = `(SELECT w.published FROM figures w${windowIndex ? ` INDEXED BY ${windowIndex}` : ''}${w.length ? ` WHERE ${w.join(' AND ')}` : ''} ORDER BY w.published DESC, w.id DESC LIMIT 1 OFFSET ${param(rows - 1)})`;
    return `figures.published >= coalesce(${bound}, ${dialect === 'sqlite' ? "''" : "'-infinity'::timestamptz"})`;
  };

  const bounded = limit !== undefined || olderThan !== undefined || notOlderThan !== undefined;
  const index = dialect === 'sqlite' ? sqliteIndexFor(query, categories !== undefined, bounded) : null;
  // The article of each figure is looked up by id as the figures are walked, never the articles
  // table scanned: CROSS JOIN fixes SQLite's join order; in PostgreSQL, OFFSET 0 keeps the lateral
  // subquery from being flattened into a join the planner may hash.
  const articleJoin = !report ? '' : dialect === 'sqlite' ? ' CROSS JOIN articles ta ON ta.id = figures.article_id' : ` CROSS JOIN LATERAL (SELECT title, author, substr(coalesce(text, ''), 1, ${LEDE_CHARS}) AS lede FROM articles WHERE articles.id = figures.article_id OFFSET 0) ta`;
  const from = `FROM figures${index ? ` INDEXED BY ${index}` : ''}${articleJoin}`;
  const union = categories !== undefined && categories.length > 1 && limit !== undefined;
  const branch = (categoryCondition: string | null): string => {
    const where = [...(categoryCondition ? [categoryCondition] : []), ...restConditions()];
    // A branch of a union keeps limit + offset rows; the merged list skips the offset.
    const rows = union ? limit + offset : limit;
    const skip = union ? 0 : offset;
    let paging = '';
    if (rows !== undefined) paging += ` LIMIT ${param(rows)}`;
    else if (skip > 0 && dialect === 'sqlite') paging += ' LIMIT -1';
    if (skip > 0) paging += ` OFFSET ${param(skip)}`;
    return `SELECT figures.* ${from}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY figures.published DESC, figures.id DESC${paging}`;
  };

  let inner: string;
  if (union) {
    inner = categories.map((c, i) => `SELECT * FROM (${branch(`figures.category = ${param(c)}`)}) AS b${i}`).join(' UNION ALL ');
  } else if (categories && categories.length > 1) {
    inner = branch(`figures.category IN (${categories.map((c) => param(c)).join(', ')})`);
  } else {
    inner = branch(categories ? `figures.category = ${param(categories[0])}` : null);
  }

  let outerPaging = '';
  if (limit !== undefined) outerPaging += ` LIMIT ${param(limit)}`;
  if (union && offset > 0) outerPaging += ` OFFSET ${param(offset)}`;
  const sql = `SELECT ${FIGURE_COLUMNS}, a.title AS article_title, a.link AS article_link, a.author AS article_author, substr(${dialect === 'sqlite' ? 'ifnull' : 'coalesce'}(a.text, ''), 1, ${LEDE_CHARS}) AS article_lede, fe.title AS feed_title, fe.url AS feed_url
FROM (${inner}) AS f
JOIN articles a ON a.id = f.article_id
LEFT JOIN article_sources s ON s.id = (SELECT min(s2.id) FROM article_sources s2 WHERE s2.article_id = f.article_id)
LEFT JOIN feeds fe ON fe.id = s.feed_id
ORDER BY f.published DESC, f.id DESC${outerPaging}`;
  return { sql, params };
}

// ---------------------------------------------------------------- several actors in one look-up

/** Kysely instances that only compile (no connection): the store that asked runs the SQL. */
const compilers: Record<Dialect, Kysely<Database>> = {
  sqlite: new Kysely<Database>({
    dialect: { createAdapter: () => new SqliteAdapter(), createDriver: () => new DummyDriver(), createIntrospector: (db) => new SqliteIntrospector(db), createQueryCompiler: () => new SqliteQueryCompiler() },
  }),
  postgres: new Kysely<Database>({
    dialect: { createAdapter: () => new PostgresAdapter(), createDriver: () => new DummyDriver(), createIntrospector: (db) => new PostgresIntrospector(db), createQueryCompiler: () => new PostgresQueryCompiler() },
  }),
};

/** The text filters' SQL as Kysely expressions (the values bound as parameters, not pasted in). */
function textExpressions(filters: FigureTextFilter[], dialect: Dialect, options: BuildOptions): Array<RawBuilder<SqlBool>> {
  const values: unknown[] = [];
  const marker = (value: unknown): string => `\u0000${values.push(value) - 1}\u0000`;
  return textConditions(filters, dialect, marker, options).map((text) => {
    const parts = text.split(/\u0000(\d+)\u0000/);
    return sql<SqlBool>`${sql.join(parts.map((part, i) => (i % 2 === 0 ? sql.raw(part) : sql.val(values[Number(part)]))), sql.raw(''))}`;
  });
}

/**
 * The newest `limit` figures of each actor, in one statement whose size does not grow with the
 * actors: the names are one parameter (json_each in SQLite, unnest in PostgreSQL) and each name
 * drives its own walk down the (category, actor, ...) index that stops at its limit (a correlated
 * IN list in SQLite, a LATERAL join in PostgreSQL). The cost is that of the rows returned, however
 * many figures each actor has; a ROW_NUMBER() window per actor would number every figure of the
 * category first, and a UNION ALL of one branch per actor makes a statement that takes longer to
 * prepare than to run.
 */
function buildLatestPerActorQuery(query: FigureQuery, dialect: Dialect, options: BuildOptions): BuiltQuery | null {
  const limit = checkCount(query.limit, 'limit');
  if (limit === undefined) throw new Error('findFigures: actors needs a limit (figures per actor)');
  if (query.actor !== undefined) throw new Error('findFigures: give either actor or actors, not both');
  if (query.offset !== undefined || query.olderThan !== undefined || query.notOlderThan !== undefined || query.articleIds !== undefined) {
    throw new Error('findFigures: actors takes no offset, olderThan, notOlderThan or articleIds');
  }
  if (!Array.isArray(query.actors)) throw new Error('findFigures: actors must be a list of actor names');
  for (const a of query.actors) if (typeof a !== 'string') throw new Error(`findFigures: actors must hold names (got ${JSON.stringify(a)}); ask for figures without an actor with actor: null`);
  const actors = [...new Set(query.actors)];
  const categories = query.category === undefined ? undefined : Array.isArray(query.category) ? [...new Set(query.category)] : [query.category];
  if (limit === 0 || actors.length === 0 || (categories && categories.length === 0)) return null;
  const onOrBefore = query.publishedOnOrBefore === undefined ? undefined : endOfBound(query.publishedOnOrBefore, 'findFigures: publishedOnOrBefore');
  const after = query.publishedAfter === undefined ? undefined : endOfBound(query.publishedAfter, 'findFigures: publishedAfter');
  const text = checkTextFilters(query.text);
  const report = text.some((t) => t.within === 'report');
  const within = checkCount(query.within, 'within');
  if (within === 0) return null;
  if (within !== undefined && categories && categories.length > 1) throw new Error('findFigures: within takes one category');
  const db = compilers[dialect];
  const sqlite = dialect === 'sqlite';
  // The actor each walk is for: a column of the names' table.
  const actorRef = sql.ref<string>(sqlite ? 'act.value' : 'act.act');
  const flag = (value: boolean) => (sqlite ? (value ? 1 : 0) : value);

  /** One actor's walk: its newest figures that pass the filters, at most `limit`. */
  const walk = () => {
    const from = db.selectFrom('figures');
    // The article of each figure is looked up by id as the figures are walked (see buildFigureQuery);
    // the text conditions name it "ta", the rest only figures.
    const q: typeof from = !report
      ? from
      : sqlite
        ? (from.crossJoin('articles as ta').whereRef('ta.id', '=', 'figures.article_id') as unknown as typeof from)
        : (from.crossJoinLateral((eb) => eb.selectFrom('articles').select(['articles.title', 'articles.author', sql<string>`substr(coalesce(articles.text, ''), 1, ${sql.lit(LEDE_CHARS)})`.as('lede')]).whereRef('articles.id', '=', 'figures.article_id').offset(0).as('ta')) as unknown as typeof from);
    let b = q.where('figures.actor', '=', actorRef);
    if (categories) b = categories.length === 1 ? b.where('figures.category', '=', categories[0]!) : b.where('figures.category', 'in', categories);
    if (query.cumulative !== undefined) b = b.where('figures.cumulative', '=', flag(query.cumulative));
    if (query.unit !== undefined) b = b.where('figures.unit', '=', query.unit);
    if (onOrBefore !== undefined) b = b.where('figures.published', '<=', onOrBefore);
    // With a window, its bound is the lower end of the walk (see buildFigureQuery).
    if (after !== undefined) b = within !== undefined && sqlite ? b.where(sql<SqlBool>`+figures.published > ${after}`) : b.where('figures.published', '>', after);
    if (within !== undefined) {
      // Each actor's newest `within` figures, text aside (see windowCondition in buildFigureQuery).
      let w = db.selectFrom('figures as w').select('w.published').where('w.actor', '=', actorRef);
      if (categories) w = w.where('w.category', '=', categories[0]!);
      if (query.cumulative !== undefined) w = w.where('w.cumulative', '=', flag(query.cumulative));
      if (query.unit !== undefined) w = w.where('w.unit', '=', query.unit);
      if (onOrBefore !== undefined) w = w.where('w.published', '<=', onOrBefore);
      if (after !== undefined) w = w.where('w.published', '>', after);
      const bound = w.orderBy('w.published', 'desc').orderBy('w.id', 'desc').limit(1).offset(within - 1);
      b = b.where('figures.published', '>=', sql<string>`coalesce((${bound}), ${sql.raw(sqlite ? "''" : "'-infinity'::timestamptz")})`);
    }
    for (const condition of textExpressions(text, dialect, options)) b = b.where(condition);
    return b.orderBy('figures.published', 'desc').orderBy('figures.id', 'desc').limit(limit);
  };

  const names = sqlite ? db.selectFrom(sql`json_each(${JSON.stringify(actors)})`.as('act')) : db.selectFrom(sql`unnest(${actors}::text[])`.as('act'));
  // SQLite: the names' table outside (CROSS JOIN keeps that order), each name's figure ids from its walk.
  const figures = sqlite
    ? names.crossJoin('figures as f').where('f.id', 'in', walk().select('figures.id'))
    : names.crossJoinLateral(walk().selectAll('figures').as('f'));
  const compiled = (figures as unknown as ReturnType<typeof names.crossJoin<'figures as f'>>)
    .innerJoin('articles as a', 'a.id', 'f.article_id')
    .leftJoin('article_sources as s', (join) => join.on('s.id', '=', (eb) => eb.selectFrom('article_sources as s2').select((e) => e.fn.min('s2.id').as('first_id')).whereRef('s2.article_id', '=', 'f.article_id')))
    .leftJoin('feeds as fe', 'fe.id', 's.feed_id')
    .selectAll('f')
    .select(['a.title as article_title', 'a.link as article_link', 'a.author as article_author', 'fe.title as feed_title', 'fe.url as feed_url'])
    .select(sql<string>`substr(coalesce(a.text, ''), 1, ${sql.lit(LEDE_CHARS)})`.as('article_lede'))
    .orderBy('f.published', 'desc')
    .orderBy('f.id', 'desc')
    .compile();
  return { sql: compiled.sql, params: [...compiled.parameters] };
}
