/**
 * Scores predicted figures against the hand-made gold standard (../shared/eval/README.md):
 * duplicates collapsed, a prediction whose quote overlaps a distractor is a false positive, one-to-one
 * matching on unit + category + value within 0.5% (a gold figure with the same quote preferred),
 * micro precision/recall/F1 over all articles, and attribute accuracy on the matched pairs.
 * Pure: no I/O, no extractor; scripts/eval.ts wires it to the real extractor.
 */

export interface GoldFigure {
  quote: string;
  value: number;
  value_max?: number | null;
  unit: string;
  qualifier: string;
  category: string;
  actor: string | null;
  cumulative: boolean;
  /** Schema v2; absent (undefined) where a file was not annotated for it, and then not scored. */
  status?: string | null;
  since?: string | null;
  event?: string | null;
}

export interface GoldArticle {
  id: string;
  text: string;
  title?: string;
  published?: string;
  source?: string;
  figures: GoldFigure[];
  distractors: string[];
}

export interface PredictedFigure {
  quote: string;
  value: number;
  unit: string;
  category: string;
  qualifier?: string;
  actor?: string | null;
  cumulative?: boolean;
  status?: string | null;
  since?: string | null;
  event?: string | null;
}

export interface ArticleScore {
  id: string;
  tp: number;
  fp: number;
  fn: number;
  matches: Array<{ predicted: PredictedFigure; gold: GoldFigure }>;
  /** Gold figures no prediction matched. */
  misses: GoldFigure[];
  /** Unmatched predictions, distractor hits included. */
  falsePositives: PredictedFigure[];
  /** Predictions whose quote overlaps a distractor, with the distractor. */
  distractorHits: Array<{ predicted: PredictedFigure; distractor: string }>;
}

export interface AttributeAccuracy {
  qualifier: number;
  actor: number;
  cumulative: number;
}

/** Schema v2 attributes, each over the matched pairs whose gold carries it (see README: not annotated = not scored). */
export interface OptionalAttributeAccuracy {
  status: { share: number; pairs: number };
  since: { share: number; pairs: number };
  event: { share: number; pairs: number };
}

/** Value+unit only (category ignored): precision, recall, F1 of a matching on unit and value alone. */
export interface ValueUnitScore {
  tp: number;
  fp: number;
  fn: number;
  f1: number;
}

export interface ExtractionScore {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
  distractorHits: number;
  /** Shares over matched pairs (1 when nothing matched). */
  attributes: AttributeAccuracy;
  optional: OptionalAttributeAccuracy;
  valueUnit: ValueUnitScore;
  /** gold category → predicted category → count, over predictions matched on unit and value alone; "(missed)" / "(none)" for the unmatched. */
  confusion: Record<string, Record<string, number>>;
  articles: ArticleScore[];
}

/** Every [start, end) where `needle` occurs in `text`. */
function occurrences(text: string, needle: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  if (needle.length === 0) return out;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) out.push([i, i + needle.length]);
  return out;
}

function overlappingDistractor(text: string, quote: string, distractors: string[]): string | null {
  const spans = occurrences(text, quote);
  for (const d of distractors) {
    for (const [ds, de] of occurrences(text, d)) {
      if (spans.some(([qs, qe]) => qs < de && ds < qe)) return d;
    }
  }
  return null;
}

export const withinTolerance = (predicted: number, gold: number): boolean => Math.abs(predicted - gold) <= 0.005 * Math.abs(gold);

function compatible(p: PredictedFigure, g: GoldFigure): boolean {
  return p.unit === g.unit && p.category === g.category && withinTolerance(p.value, g.value);
}

function sameValueUnit(p: PredictedFigure, g: GoldFigure): boolean {
  return p.unit === g.unit && withinTolerance(p.value, g.value);
}

/** Collapses predictions with the same quote, unit, category and value (text repeated by the scrape). */
export function collapseDuplicates(predictions: PredictedFigure[]): PredictedFigure[] {
  const seen = new Set<string>();
  return predictions.filter((p) => {
    const key = JSON.stringify([p.quote, p.unit, p.category, p.value]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * One-to-one matching: first predictions to gold figures with the same quote, then a maximum
 * matching (augmenting paths) of what is left, so no choice order costs a match.
 */
function match(preds: PredictedFigure[], gold: GoldFigure[], fits: (p: PredictedFigure, g: GoldFigure) => boolean = compatible): Map<number, number> {
  const compatible = fits;
  const goldOf = new Map<number, number>(); // pred index → gold index
  const predOf = new Map<number, number>(); // gold index → pred index
  preds.forEach((p, i) => {
    const j = gold.findIndex((g, k) => !predOf.has(k) && g.quote === p.quote && compatible(p, g));
    if (j >= 0) {
      goldOf.set(i, j);
      predOf.set(j, i);
    }
  });
  const locked = new Set(predOf.keys());
  const tryAssign = (i: number, visited: Set<number>): boolean => {
    for (let j = 0; j < gold.length; j++) {
      if (locked.has(j) || visited.has(j) || !compatible(preds[i]!, gold[j]!)) continue;
      visited.add(j);
      const holder = predOf.get(j);
      if (holder === undefined || tryAssign(holder, visited)) {
        goldOf.set(i, j);
        predOf.set(j, i);
        return true;
      }
    }
    return false;
  };
  preds.forEach((_, i) => {
    if (!goldOf.has(i)) tryAssign(i, new Set());
  });
  return goldOf;
}

/** Predictions (distractor hits removed) against gold on unit and value alone: the pairs, and what is left on each side. */
function matchValueUnit(article: GoldArticle, predictions: PredictedFigure[]): { pairs: Array<[PredictedFigure, GoldFigure]>; extra: PredictedFigure[]; missed: GoldFigure[] } {
  const candidates = collapseDuplicates(predictions).filter((p) => overlappingDistractor(article.text, p.quote, article.distractors) === null);
  const m = match(candidates, article.figures, sameValueUnit);
  const used = new Set(m.values());
  return {
    pairs: [...m.entries()].map(([i, j]) => [candidates[i]!, article.figures[j]!]),
    extra: candidates.filter((_, i) => !m.has(i)),
    missed: article.figures.filter((_, j) => !used.has(j)),
  };
}

export function scoreArticle(article: GoldArticle, predictions: PredictedFigure[]): ArticleScore {
  const collapsed = collapseDuplicates(predictions);
  const distractorHits: ArticleScore['distractorHits'] = [];
  const candidates: PredictedFigure[] = [];
  for (const p of collapsed) {
    const d = overlappingDistractor(article.text, p.quote, article.distractors);
    if (d !== null) distractorHits.push({ predicted: p, distractor: d });
    else candidates.push(p);
  }
  const matching = match(candidates, article.figures);
  const matchedGold = new Set(matching.values());
  const matches = [...matching.entries()].map(([i, j]) => ({ predicted: candidates[i]!, gold: article.figures[j]! }));
  const unmatched = candidates.filter((_, i) => !matching.has(i));
  return {
    id: article.id,
    tp: matches.length,
    fp: unmatched.length + distractorHits.length,
    fn: article.figures.length - matchedGold.size,
    matches,
    misses: article.figures.filter((_, j) => !matchedGold.has(j)),
    falsePositives: [...unmatched, ...distractorHits.map((h) => h.predicted)],
    distractorHits,
  };
}

const ratio = (num: number, den: number): number => (den === 0 ? 1 : num / den);

export function scoreExtraction(articles: GoldArticle[], predict: (article: GoldArticle) => PredictedFigure[]): ExtractionScore {
  const predicted = articles.map((a) => predict(a));
  const scores = articles.map((a, i) => scoreArticle(a, predicted[i]!));
  const confusion: Record<string, Record<string, number>> = {};
  const bump = (g: string, p: string): void => {
    const row = (confusion[g] ??= {});
    row[p] = (row[p] ?? 0) + 1;
  };
  let vuTp = 0;
  let vuFp = 0;
  let vuFn = 0;
  articles.forEach((a, i) => {
    const vu = matchValueUnit(a, predicted[i]!);
    vuTp += vu.pairs.length;
    vuFp += vu.extra.length;
    vuFn += vu.missed.length;
    for (const [p, g] of vu.pairs) bump(g.category, p.category);
    for (const g of vu.missed) bump(g.category, '(missed)');
    for (const p of vu.extra) bump('(none)', p.category);
  });
  const vuP = vuTp + vuFp === 0 ? 1 : vuTp / (vuTp + vuFp);
  const vuR = vuTp + vuFn === 0 ? 1 : vuTp / (vuTp + vuFn);
  const tp = scores.reduce((n, s) => n + s.tp, 0);
  const fp = scores.reduce((n, s) => n + s.fp, 0);
  const fn = scores.reduce((n, s) => n + s.fn, 0);
  // With nothing predicted and nothing to find, precision and recall are vacuously perfect.
  const precision = tp + fp === 0 ? (fn === 0 ? 1 : 0) : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const pairs = scores.flatMap((s) => s.matches);
  const share = (same: (p: PredictedFigure, g: GoldFigure) => boolean): number =>
    ratio(pairs.filter(({ predicted, gold }) => same(predicted, gold)).length, pairs.length);
  const optional = (key: 'status' | 'since' | 'event'): { share: number; pairs: number } => {
    const carried = pairs.filter(({ gold }) => gold[key] !== undefined);
    return { share: ratio(carried.filter(({ predicted, gold }) => (predicted[key] ?? null) === gold[key]).length, carried.length), pairs: carried.length };
  };
  return {
    tp,
    fp,
    fn,
    precision,
    recall,
    f1,
    distractorHits: scores.reduce((n, s) => n + s.distractorHits.length, 0),
    attributes: {
      qualifier: share((p, g) => p.qualifier === g.qualifier),
      actor: share((p, g) => (p.actor ?? null) === g.actor),
      cumulative: share((p, g) => p.cumulative === g.cumulative),
    },
    optional: { status: optional('status'), since: optional('since'), event: optional('event') },
    valueUnit: { tp: vuTp, fp: vuFp, fn: vuFn, f1: vuP + vuR === 0 ? 0 : (2 * vuP * vuR) / (vuP + vuR) },
    confusion,
    articles: scores,
  };
}
