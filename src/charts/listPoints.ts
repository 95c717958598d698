/** The text fallback of a chart: one line per reported value, oldest first. */
import { formatFigure } from '../figures/formatFigure.js';
import { pointDay, type ChartSeries } from './series.js';

export function listPoints(series: ChartSeries): string {
  const lines = series.points.map((p) => `${pointDay(p)}: ${formatFigure({ value: p.value, value_max: null, unit: series.unit, qualifier: p.qualifier })}${p.source ? ` (${p.source})` : ''}`);
  return [series.title, ...lines].join('\n');
}
