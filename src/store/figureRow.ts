/** Validation of a figure before it is stored, shared by both stores. */
import type { Insertable } from 'kysely';
import type { Figure } from '../figures/figure.js';
import type { FiguresTable } from './schema.js';

/** A figures row as written, less what the store adds (keys, the article's date); cumulative stays a boolean until the dialect binds it. */
export type FigureRow = Omit<Insertable<FiguresTable>, 'id' | 'article_id' | 'published' | 'cumulative'> & { cumulative: boolean; actor: string | null };

function requireText(value: unknown, what: string): string {
  if (typeof value !== 'string' || value === '') throw new Error(`${what} must be a non-empty string`);
  return value;
}

export function toFigureRow(figure: Figure, label: string): FigureRow {
  if (figure == null || typeof figure !== 'object') throw new Error(`${label} is not a figure`);
  if (typeof figure.value !== 'number' || !Number.isFinite(figure.value)) throw new Error(`${label}: value must be a finite number (got ${String(figure.value)})`);
  if (figure.value_max != null && (typeof figure.value_max !== 'number' || !Number.isFinite(figure.value_max))) {
    throw new Error(`${label}: value_max must be a finite number or null (got ${String(figure.value_max)})`);
  }
  if (typeof figure.cumulative !== 'boolean') throw new Error(`${label}: cumulative must be true or false`);
  if (!Number.isInteger(figure.start) || !Number.isInteger(figure.end) || figure.start < 0 || figure.end < figure.start) {
    throw new Error(`${label}: start/end must be integer offsets with 0 <= start <= end (got ${figure.start}..${figure.end})`);
  }
  if (figure.actor != null && typeof figure.actor !== 'string') throw new Error(`${label}: actor must be a string or null`);
  for (const key of ['status', 'since', 'event'] as const) {
    if (figure[key] != null && typeof figure[key] !== 'string') throw new Error(`${label}: ${key} must be a string or null`);
  }
  return {
    value: figure.value,
    value_max: figure.value_max ?? null,
    unit: requireText(figure.unit, `${label}: unit`),
    qualifier: requireText(figure.qualifier, `${label}: qualifier`),
    category: requireText(figure.category, `${label}: category`),
    // An empty actor would be indistinguishable from "no actor" in the catalog.
    actor: figure.actor ? figure.actor : null,
    cumulative: figure.cumulative,
    status: figure.status ?? null,
    since: figure.since ?? null,
    event: figure.event ?? null,
    quote: requireText(figure.quote, `${label}: quote`),
    start_offset: figure.start,
    end_offset: figure.end,
    sentence: requireText(figure.sentence, `${label}: sentence`),
  };
}

/** Every figure of one article, validated; the first bad one names its position. */
export function figureRowsOf(figures: readonly Figure[], articleId: number | string): FigureRow[] {
  if (!Array.isArray(figures)) throw new Error(`figures of article ${articleId} must be an array`);
  return figures.map((f, i) => toFigureRow(f, `figure ${i + 1} of article ${articleId}`));
}
