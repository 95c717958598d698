/**
 * The SQL behind Store#findFigures, for both databases. Answers look up "the newest figure of this
 * category and actor as of a date" over a million rows, so every shape must walk an index in
 * (published DESC, id DESC) order and stop at the limit: several categories become one
 * index walk each (UNION ALL of limited branches), never one big sort.
 */
import type { FigureQuery } from './store.js';
import { endOfBound } from './timestamps.js';

export type Dialect = 'sqlite' | 'postgres';

export interface BuiltQuery {
  sql: string;
  params: unknown[];
}

/** Columns of StoredFigure rows as both stores read them. */
export const FIGURE_COLUMNS =
  'f.id, f.article_id, f.value, f.value_max, f.unit, f.qualifier, f.category, f.actor, f.cumulative, f.quote, f.start_offset, f.end_offset, f.sentence, f.published';

function checkLimit(limit: number | undefined): number | undefined {
  if (limit === undefined) return undefined;
  if (!Number.isInteger(limit) || limit < 0) throw new Error(`findFigures: limit must be a non-negative integer (got ${limit})`);
  return limit;
}

/** Returns null when the query cannot match anything (an empty list of categories or articles, limit 0). */
export function buildFigureQuery(query: FigureQuery, dialect: Dialect): BuiltQuery | null {
  const limit = checkLimit(query.limit);
  if (limit === 0) return null;
  const categories = query.category === undefined ? undefined : Array.isArray(query.category) ? [...new Set(query.category)] : [query.category];
  if (categories && categories.length === 0) return null;
  if (query.articleIds && query.articleIds.length === 0) return null;

  const params: unknown[] = [];
  const param = (value: unknown): string => {
    params.push(value);
    return dialect === 'postgres' ? `$${params.length}` : '?';
  };

  // Conditions other than category, rendered once per branch (placeholders are positional).
  const restConditions = (): string[] => {
    const where: string[] = [];
    if (query.actor === null) where.push('actor IS NULL');
    else if (query.actor !== undefined) where.push(`actor = ${param(query.actor)}`);
    if (query.cumulative !== undefined) where.push(`cumulative = ${param(dialect === 'postgres' ? query.cumulative : query.cumulative ? 1 : 0)}`);
    if (query.unit !== undefined) where.push(`unit = ${param(query.unit)}`);
    if (query.publishedOnOrBefore !== undefined) where.push(`published <= ${param(endOfBound(query.publishedOnOrBefore, 'findFigures: publishedOnOrBefore'))}`);
    // A bare day in publishedAfter means "after that day": the two bounds split time at the same instant.
    if (query.publishedAfter !== undefined) where.push(`published > ${param(endOfBound(query.publishedAfter, 'findFigures: publishedAfter'))}`);
    if (query.articleIds !== undefined) {
      for (const id of query.articleIds) if (!Number.isSafeInteger(id)) throw new Error(`findFigures: articleIds must be integers (got ${id})`);
      where.push(dialect === 'postgres' ? `article_id = ANY(${param(query.articleIds)}::bigint[])` : `article_id IN (SELECT value FROM json_each(${param(JSON.stringify(query.articleIds))}))`);
    }
    return where;
  };

  const branch = (categoryCondition: string | null): string => {
    const where = [...(categoryCondition ? [categoryCondition] : []), ...restConditions()];
    return `SELECT * FROM figures${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY published DESC, id DESC${limit !== undefined ? ` LIMIT ${param(limit)}` : ''}`;
  };

  let inner: string;
  if (categories && categories.length > 1 && limit !== undefined) {
    inner = categories.map((c, i) => `SELECT * FROM (${branch(`category = ${param(c)}`)}) AS b${i}`).join(' UNION ALL ');
  } else if (categories && categories.length > 1) {
    inner = branch(`category IN (${categories.map((c) => param(c)).join(', ')})`);
  } else {
    inner = branch(categories ? `category = ${param(categories[0])}` : null);
  }

  const sql = `SELECT ${FIGURE_COLUMNS}, a.title AS article_title, a.link AS article_link, a.author AS article_author, fe.title AS feed_title, fe.url AS feed_url
FROM (${inner}) AS f
JOIN articles a ON a.id = f.article_id
LEFT JOIN article_sources s ON s.id = (SELECT min(s2.id) FROM article_sources s2 WHERE s2.article_id = f.article_id)
LEFT JOIN feeds fe ON fe.id = s.feed_id
ORDER BY f.published DESC, f.id DESC${limit !== undefined ? ` LIMIT ${param(limit)}` : ''}`;
  return { sql, params };
}
