/**
 * One chart for a question or a measure, as `/figures chart:<measure>` and `newsdigest chart` need
 * it: the series an `/ask` of the same words answers from, rendered to PNG, with its text fallback.
 * When nothing matches there is no image: the caller shows the answer's "not known" text (which
 * names what is held).
 */
import { answer, type Answer, type AnswerContext, type AnswerOptions } from '../answers/answer.js';
import { CHART_FILENAME, type ChartImage } from './chartImage.js';
import { listPoints } from './listPoints.js';
import { pointDay, seriesFromAnswer, type ChartSeries } from './series.js';

export type ChartOutcome =
  | { kind: 'chart'; image: ChartImage; series: ChartSeries; renderMs: number }
  | { kind: 'none'; answer: Answer };

export function altTextOf(series: ChartSeries): string {
  const first = series.points[0];
  const last = series.points[series.points.length - 1];
  const span = first && last && first.date !== last.date ? ` from ${pointDay(first)} to ${pointDay(last)}` : first ? ` on ${pointDay(first)}` : '';
  return `Line chart: ${series.title}, ${series.points.length} reported value${series.points.length === 1 ? '' : 's'}${span}.`;
}

/** Renders a series into the image adapters upload, timing the render (reported by bench and the CLI). */
export async function chartImageOf(series: ChartSeries): Promise<{ image: ChartImage; renderMs: number }> {
  // vega and resvg (~30 MB) load with the first chart, not with every process (idle RSS of `serve`).
  const { renderChart } = await import('./renderChart.js');
  const started = performance.now();
  const { png } = await renderChart(series);
  const renderMs = performance.now() - started;
  return { image: { png, filename: CHART_FILENAME, title: series.title, altText: altTextOf(series), fallbackText: listPoints(series) }, renderMs };
}

export async function chartForWords(words: string, ctx: AnswerContext, opts: AnswerOptions = {}): Promise<ChartOutcome> {
  const a = await answer(words, ctx, opts);
  const series = seriesFromAnswer(a);
  if (series === null) return { kind: 'none', answer: a };
  const { image, renderMs } = await chartImageOf(series);
  return { kind: 'chart', image, series, renderMs };
}
