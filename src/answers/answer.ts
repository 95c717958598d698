/** What /ask and `newsdigest ask` return: a figure with its source, or an honest "not known". */
import type { Qualifier } from '../figures/figure.js';
import type { Config } from '../config/schema.js';
import type { Store, StoredFigure } from '../store/store.js';
import { closestHeld, type ClosestHeld } from './closestHeld.js';
import { compileRules } from './compileRules.js';
import { answerLabel, formatAnswer } from './formatAnswer.js';
import type { FigureLabelRule } from '../digest/figureLabel.js';
import { isValidDay } from './readTimeFrame.js';
import { catalogOnce } from './catalogOnce.js';
import { resolveAnswer, type Resolution } from './resolveAnswer.js';
import { understandQuestion, type Understanding } from './understandQuestion.js';

export interface AnswerFigure {
  value: number;
  value_max: number | null;
  unit: string;
  qualifier: Qualifier;
  category: string;
  actor: string | null;
  cumulative: boolean;
  quote: string;
}

export interface AnswerArticle {
  title: string;
  source: string | null;
  link: string | null;
  published: string;
}

export interface AnswerHistoryEntry {
  value: number;
  qualifier: Qualifier;
  published: string;
  source: string | null;
}

/** The series an answer belongs to: its history and "previously" stay inside it. */
export interface AnswerSeries {
  actor: string | null;
  category: string;
  unit: string;
  /** Start of a running total's period ("2022-02", "2014", "Biden took office"), else null. */
  since: string | null;
}

export interface Answer {
  /** Plain text for people, naming figure, qualifier, actor, source, date, link and the previous value. */
  text: string;
  figure: AnswerFigure | null;
  article: AnswerArticle | null;
  /** The answered figure's name, as digests and /figures call it ("Total aid (United States)"). */
  label?: string;
  /** Earlier values of the same series, newest first. */
  history: AnswerHistoryEntry[];
  /** The series of the main figure (absent when nothing matches). */
  series?: AnswerSeries;
  /** Other figures reported the same day for the same measure (shown side by side). */
  alsoReported?: Array<{ figure: AnswerFigure; article: AnswerArticle }>;
  /** No actor named, a total asked for: each actor's latest total, largest first (`figure` is the first). */
  breakdown?: Array<{ figure: AnswerFigure; article: AnswerArticle }>;
}

// ---------------------------------------------------------------- the entry point

export interface AnswerContext {
  store: Store;
  config: Pick<Config, 'answers' | 'figures'> & Partial<Pick<Config, 'labels'>>;
}

export interface AnswerOptions {
  /** The day the question is asked (YYYY-MM-DD, UTC); default today. Nothing published after it is used. */
  asOf?: string;
  /** Clock for "today" (tests). */
  now?: () => Date;
  /** IANA zone the answer's days are read in (the asking channel's); default UTC. */
  timezone?: string;
}

/** The reply to an empty question (Slack's "/ask" with no text): what one can ask. */
export const EMPTY_QUESTION_REPLY = 'Ask me about a figure, for example: "What is the total US aid to Ukraine to date?", "How many drones did Russia launch last night?" or "How big was the latest aid package?"';

/** A bad option from the caller (not a bad question: questions always get an answer). */
export class AnswerInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AnswerInputError';
  }
}

/** Checks an as-of day given by a person or a caller: YYYY-MM-DD, a real calendar day. */
export function checkAsOf(asOf: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new AnswerInputError(`as-of must be a date as YYYY-MM-DD (got "${asOf}")`);
  if (!isValidDay(asOf)) throw new AnswerInputError(`as-of is not a calendar day (got "${asOf}")`);
  return asOf;
}

export function toAnswerFigure(f: StoredFigure): AnswerFigure {
  return { value: f.value, value_max: f.value_max, unit: f.unit, qualifier: f.qualifier, category: f.category, actor: f.actor, cumulative: f.cumulative, quote: f.quote };
}

export function toAnswerArticle(f: StoredFigure): AnswerArticle {
  return { title: f.articleTitle, source: f.sourceName, link: f.articleLink, published: f.published };
}

/** The structured answer of a resolution; the text comes from formatAnswer. */
export function buildAnswer(
  u: Understanding,
  r: Resolution,
  options: { showAsOf?: boolean; timezone?: string; closest?: ClosestHeld | null; labels?: readonly FigureLabelRule[] } = {},
): Answer {
  const text = formatAnswer(u, r, options);
  if (r.kind !== 'found') return { text, figure: null, article: null, history: [] };
  return {
    text,
    label: answerLabel(r.measure.name, r.figure, options.labels),
    figure: toAnswerFigure(r.figure),
    article: toAnswerArticle(r.figure),
    history: r.history.map((h) => ({ value: h.value, qualifier: h.qualifier, published: h.published, source: h.sourceName })),
    series: { actor: r.figure.actor, category: r.figure.category, unit: r.figure.unit, since: r.figure.cumulative ? r.figure.since : null },
    alsoReported: r.alsoReported.map((f) => ({ figure: toAnswerFigure(f), article: toAnswerArticle(f) })),
    ...(r.breakdown ? { breakdown: r.breakdown.map((p) => ({ figure: toAnswerFigure(p.figure), article: toAnswerArticle(p.figure) })) } : {}),
  };
}

/** The day (YYYY-MM-DD, UTC) of the figure a resolution answers with, or null. */
const answeredDay = (r: Resolution): string | null => (r.kind === 'found' ? r.figure.published.slice(0, 10) : null);

/**
 * Answers a question from the stored figures: the figure, its source and date, and how it changed;
 * or, when nothing fits, says so and lists what is known. Never a guess.
 */
export async function answer(question: string, ctx: AnswerContext, opts: AnswerOptions = {}): Promise<Answer> {
  const asOf = opts.asOf !== undefined ? checkAsOf(opts.asOf) : (opts.now?.() ?? new Date()).toISOString().slice(0, 10);
  const trimmed = question.trim();
  if (trimmed === '') {
    return { text: EMPTY_QUESTION_REPLY, figure: null, article: null, history: [] };
  }
  const rules = compileRules(ctx.config);
  const u = understandQuestion(trimmed, ctx.config, { asOf });
  const catalog = catalogOnce(ctx.store);
  const resolution = await resolveAnswer(u, { store: ctx.store, rules, catalog });
  // Nothing fits: name the closest figure held and a question that is checked to work.
  const closest =
    resolution.kind === 'unknown-measure' || (resolution.kind === 'not-found' && (resolution.reason === 'no-figures' || resolution.reason === 'no-mention'))
      ? await closestHeld(ctx.store, rules, u, async (q) => answeredDay(await resolveAnswer(understandQuestion(q, ctx.config, { asOf }), { store: ctx.store, rules, catalog })), catalog)
      : null;
  return buildAnswer(u, resolution, { showAsOf: opts.asOf !== undefined, closest, ...(opts.timezone ? { timezone: opts.timezone } : {}), labels: ctx.config.labels ?? [] });
}
