/**
 * The vega spec of a series (vega-lite does not run on Node 20, so the spec is vega itself).
 * Pure: the same series gives the same spec. Tick labels are computed here rather than in vega
 * expressions so the scale words match the rest of the bot.
 */
import type { Spec } from 'vega';
import { formatFigure } from '../figures/formatFigure.js';
import { axisLabel, axisScale } from './axisScale.js';
import { pointDay, type ChartSeries } from './series.js';

export interface ChartSize {
  width: number;
  height: number;
}

export const DEFAULT_SIZE: ChartSize = { width: 1200, height: 675 };

/** Round tick values from 0 to at least max: 1, 2 or 5 times a power of ten, about five ticks. */
export function niceTicks(max: number): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / 5;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? 10 * pow;
  const ticks: number[] = [];
  for (let v = 0; v < max + step; v += step) ticks.push(v);
  return ticks;
}

export function chartSpec(series: ChartSeries, size: ChartSize = DEFAULT_SIZE): Spec {
  const max = Math.max(...series.points.map((p) => p.value), 0);
  const ticks = niceTicks(max);
  const scale = axisScale(ticks[ticks.length - 1]!, series.unit);
  const labels = Object.fromEntries(ticks.map((t) => [String(t), axisLabel(t, scale)]));
  const values = series.points.map((p) => ({
    t: Date.parse(`${p.date}T00:00:00Z`),
    value: p.value,
    label: formatFigure({ value: p.value, value_max: null, unit: series.unit, qualifier: p.qualifier }),
    day: pointDay(p),
  }));
  const sources = new Set(series.points.map((p) => p.source ?? 'unknown source'));
  const margin = { left: 110, right: 60, top: 70, bottom: 90 };
  return {
    $schema: 'https://vega.github.io/schema/vega/v6.json',
    width: size.width - margin.left - margin.right,
    height: size.height - margin.top - margin.bottom,
    padding: margin,
    autosize: 'none',
    background: 'white',
    title: { text: series.title, fontSize: 24, font: 'DejaVu Sans', anchor: 'start', offset: 24 },
    data: [
      { name: 'points', values },
      { name: 'labels', values: [{ labels }] },
    ],
    scales: [
      { name: 'x', type: 'utc', domain: { data: 'points', field: 't' }, range: 'width', padding: 60 },
      { name: 'y', type: 'linear', domain: [0, ticks[ticks.length - 1]!], range: 'height', nice: false, zero: true },
    ],
    axes: [
      { orient: 'bottom', scale: 'x', format: '%d %b %Y', formatType: 'utc', labelFont: 'DejaVu Sans', labelFontSize: 14, tickCount: Math.min(values.length, 6) },
      {
        orient: 'left',
        scale: 'y',
        values: ticks,
        grid: true,
        labelFont: 'DejaVu Sans',
        labelFontSize: 14,
        encode: { labels: { update: { text: { signal: `${JSON.stringify(labels)}[datum.value + '']` } } } },
      },
    ],
    marks: [
      { type: 'line', from: { data: 'points' }, encode: { enter: { x: { scale: 'x', field: 't' }, y: { scale: 'y', field: 'value' }, stroke: { value: '#1f5fa8' }, strokeWidth: { value: 2 } } } },
      { type: 'symbol', name: 'dots', from: { data: 'points' }, encode: { enter: { x: { scale: 'x', field: 't' }, y: { scale: 'y', field: 'value' }, size: { value: 120 }, fill: { value: '#1f5fa8' } } } },
      {
        type: 'text',
        from: { data: 'points' },
        encode: { enter: { x: { scale: 'x', field: 't' }, y: { scale: 'y', field: 'value', offset: -14 }, text: { field: 'label' }, align: { value: 'center' }, font: { value: 'DejaVu Sans' }, fontSize: { value: 14 }, fill: { value: '#222' } } },
      },
      {
        type: 'text',
        from: { data: 'points' },
        encode: { enter: { x: { scale: 'x', field: 't' }, y: { scale: 'y', field: 'value', offset: 22 }, text: { field: 'day' }, align: { value: 'center' }, font: { value: 'DejaVu Sans' }, fontSize: { value: 12 }, fill: { value: '#666' } } },
      },
      {
        type: 'text',
        encode: { enter: { x: { value: 0 }, y: { signal: 'height + 60' }, text: { value: `${values.length} reported value${values.length === 1 ? '' : 's'} from ${sources.size} source${sources.size === 1 ? '' : 's'}, as reported (not adjusted).` }, font: { value: 'DejaVu Sans' }, fontSize: { value: 13 }, fill: { value: '#555' } } },
      },
    ],
  };
}
