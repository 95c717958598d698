/**
 * The latest value of the series an alert watches: its measure words read like an /ask of them
 * (src/answers), so an alert, a chart and an answer of the same words follow one series. The
 * previous value is the series' history before it.
 */
import type { Config } from '../config/schema.js';
import { compileRules } from '../answers/compileRules.js';
import { formatAnswer, formatKnown } from '../answers/formatAnswer.js';
import { resolveAnswer } from '../answers/resolveAnswer.js';
import { understandQuestion } from '../answers/understandQuestion.js';
import type { Store, StoredFigure } from '../store/store.js';

export interface SeriesContext {
  store: Store;
  config: Pick<Config, 'answers' | 'figures'>;
}

export type SeriesLatest =
  | {
      kind: 'found';
      /** "total aid (United States)". */
      label: string;
      category: string;
      figure: StoredFigure;
      previous: StoredFigure | null;
      /** No actor named: the series is each actor's latest total, largest first, so it may switch actors. */
      acrossActors: boolean;
    }
  /** The words name a known measure, but no figure of it is stored yet. */
  | { kind: 'none'; label: string; category: string; text: string }
  /** The words name no measure the rules know; `text` says what can be watched instead. */
  | { kind: 'unknown'; text: string };

/** The category an alert's words name, without reading the store (null: no known measure). */
export function measureCategory(measure: string, config: SeriesContext['config'], asOf: string): string | null {
  return understandQuestion(measure, config, { asOf }).measure?.category ?? null;
}

export async function seriesLatest(measure: string, ctx: SeriesContext, asOf: string): Promise<SeriesLatest> {
  const u = understandQuestion(measure.trim(), ctx.config, { asOf });
  const r = await resolveAnswer(u, { store: ctx.store, rules: compileRules(ctx.config) });
  if (r.kind === 'unknown-measure') return { kind: 'unknown', text: r.known.length > 0 ? `What I have figures on: ${formatKnown(r.known)}.` : 'No figures have been stored yet.' };
  const label = (actor: string | null) => (actor ? `${r.measure.name} (${actor})` : r.measure.name);
  if (r.kind === 'not-found') return { kind: 'none', label: label(r.actor), category: r.measure.category, text: formatAnswer(u, r) };
  return { kind: 'found', label: label(r.figure.actor), category: r.measure.category, figure: r.figure, previous: r.history[0] ?? null, acrossActors: r.breakdown !== undefined };
}
